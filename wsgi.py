"""Entry point for gunicorn: `gunicorn -c gunicorn.conf.py wsgi:app`."""

from jobfair import create_app, ranking

app = create_app()
# Loaded once here; with gunicorn's preload_app the workers share it.
ranking.load_taxonomy()
