"""Entry point for gunicorn: `gunicorn wsgi:app`."""

from jobfair import create_app

app = create_app()
