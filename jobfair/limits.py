"""Where rate limits are counted, and a warning when that store cannot be right.

Flask-Limiter counts in RATELIMIT_STORAGE_URI. `redis://host:6379` is one count for every
gunicorn worker and every app server. The default `memory://` counts inside each process:
with four workers an account would get four times its log-in attempts, so gunicorn.conf.py
runs a single (threaded) worker when no shared store is configured, and the master warns
at start-up when it is told to run more.
"""

import logging

from flask import Flask


def is_per_process(app: Flask) -> bool:
    return str(app.config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory://")


def warn_if_per_process(app: Flask, workers: int, logger: logging.Logger) -> str | None:
    """Log (and return) a warning when several workers would each count alone."""
    if workers <= 1 or app.debug or not app.config.get("RATELIMIT_ENABLED", True):
        return None
    if not is_per_process(app):
        return None
    message = (
        f"Rate limits are counted in memory, per process, and this server runs {workers} "
        f"workers: each counts alone, so every limit is {workers} times looser than "
        "configured. Set FLASK_RATELIMIT_STORAGE_URI=redis://… (shared), or run one worker."
    )
    logger.warning(message)
    return message
