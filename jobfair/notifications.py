"""Messages to users: by email when a mail server is configured, else to instance/outbox/.

The outbox is for development and for fairs run without email: organizers can read a
message there (for example a password-reset link) and hand it to the person at the help desk.
"""

import os
import smtplib
from email.message import EmailMessage

from flask import current_app

from .models import User
from .models.base import utcnow


def deliver(user: User, subject: str, body: str) -> str:
    """Send a message to the user; returns "email" or "outbox"."""
    config = current_app.config
    if config.get("MAIL_SERVER") and user.email:
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = config.get("MAIL_DEFAULT_SENDER", "jobfair@localhost")
        message["To"] = user.email
        message.set_content(body)
        with smtplib.SMTP(
            config["MAIL_SERVER"], int(config.get("MAIL_PORT", 587)), timeout=10
        ) as smtp:
            if config.get("MAIL_USE_TLS", True):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return "email"
    outbox = os.path.join(current_app.instance_path, "outbox")
    os.makedirs(outbox, mode=0o700, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S%f}-user{user.id}.txt"
    descriptor = os.open(os.path.join(outbox, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(f"To: user {user.id}\nSubject: {subject}\n\n{body}\n")
    return "outbox"
