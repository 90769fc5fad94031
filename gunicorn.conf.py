"""gunicorn settings for `make run` and deployments: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Processes for CPU (password hashing, ranking), threads for requests waiting on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
timeout = 30
graceful_timeout = 20
# A worker that crashed or was killed is replaced; the others keep serving.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
# The path without its query string: search terms and tokens in queries stay out of the logs.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Load the app (and the ESCO resource) once in the master; workers share it.
preload_app = True


def post_fork(server, worker):
    """Each worker fits the matchers of open events before its first shortlist."""
    from jobfair import ranking
    from wsgi import app

    ranking.warm_up(app)
