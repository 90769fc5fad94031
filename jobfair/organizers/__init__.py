"""Organizers: events, exhibitors and booths, check-in at the door, statistics and their
exports, accounts and the audit log; and the public page of each event.

`views/` holds the pages; `events`, `checkin`, `users`, `statistics` and `reports` are the
workflows and builders, plain functions that take models and let the caller commit.
"""
