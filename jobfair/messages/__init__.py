"""Messages: what each kind says (kinds), how it travels (channels), the sender loop
(sender), the recruiters' digest (digest) and the inbox and help-desk pages (views).
The one call the rest of the code uses is jobfair.messages.notifications.enqueue."""
