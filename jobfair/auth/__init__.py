"""Accounts: sign-up, log-in and log-out, two-factor sign-in, password reset, and the
session rules and role checks every other area imports from `auth.sessions`.

Views register their routes on import; the app factory imports them.
"""
