"""gunicorn settings for `make run` and deployments: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Rate limits are counted in FLASK_RATELIMIT_STORAGE_URI. Redis (or another shared store)
# counts for every worker and app server; the default memory:// store counts per process,
# so without a shared store the server runs one process and gets its concurrency from
# threads: the limits then hold as configured (see jobfair/limits.py). Set
# FLASK_RATELIMIT_STORAGE_URI in the environment (not only in instance/config.py) so that
# this file sees it.
shared_limits = (
    not os.environ.get("FLASK_RATELIMIT_STORAGE_URI", "memory://").startswith("memory://")
    or os.environ.get("FLASK_RATELIMIT_ENABLED", "").lower() == "false"
)
requested_workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Processes for CPU (ranking), threads for requests waiting on the database or hashing a
# password (Argon2 releases the interpreter lock).
workers = requested_workers if shared_limits else 1
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4")) * (1 if shared_limits else requested_workers)
timeout = 30
# A worker takes only the connections it can soon serve; the rest wait in the listen queue
# for whichever worker is free. A worker killed outright (SIGKILL, out of memory) then loses
# at most these, not the hundreds gthread would otherwise have accepted.
worker_connections = 2 * threads
# Restarts lose no accepted request: on SIGTERM/SIGHUP, on reaching max_requests or when
# the master replaces workers after a refit, a worker stops accepting, finishes what it
# holds (up to graceful_timeout, longer than any page takes) and a fresh one, forked from
# the master with the shared indexes, takes its place. The jitter spreads the planned
# restarts so that two workers seldom restart at once.
graceful_timeout = 30
max_requests = 5000
max_requests_jitter = 1000
# Connections wait in the listen queue while a worker is replaced.
backlog = 2048
# The control socket's default path is one per user: two servers on one machine (two app
# servers, or a test run beside `make run`) would take each other's.
control_socket_disable = True
# The longest request line gunicorn takes (its maximum; the default is 4094). Up to here
# the app answers an overlong URL itself, as JSON under /api/ (MAX_URL_LENGTH, 4096);
# longer lines get gunicorn's own 414 page.
limit_request_line = 8190
accesslog = "-"
# The path without its query string: search terms and tokens in queries stay out of the logs.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Load the app (the ESCO resource, the open events' matcher indexes) once in the master;
# workers share it copy-on-write.
preload_app = True
# JOBFAIR_SHARED_INDEX=0 makes each worker fit its own indexes (the old way; benchmarks).
shared_index = os.environ.get("JOBFAIR_SHARED_INDEX", "1") != "0"


def when_ready(server):
    """In the master, once: say what the limits count, remove orphaned uploads, compile the
    templates and load the translations (so a new worker's first page does not). CV photos
    are read by jobs, which outlive this server (jobfair/candidates/cv_reading.py)."""
    from flask_babel import force_locale, gettext

    from jobfair import limits, uploads
    from wsgi import app

    limits.warn_if_per_process(app, server.cfg.workers, app.logger)
    for name in app.jinja_env.list_templates(extensions=["html"]):
        app.jinja_env.get_template(name)
    with app.test_request_context():
        for locale in app.config["LANGUAGES"]:
            with force_locale(locale):
                gettext("Log in")
    from jobfair.extensions import db

    with app.app_context():
        removed = uploads.remove_orphans()
        if removed:
            app.logger.warning("removed %d uploaded files that no account names", len(removed))
        db.session.commit()
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()  # no connection may be inherited by the workers


def pre_fork(server, worker):
    """In the master, before each worker: fit or refresh the shared matcher indexes."""
    if shared_index:
        from jobfair import indexes
        from wsgi import app

        indexes.prepare_for_fork(app)


def post_fork(server, worker):
    from jobfair import indexes, ranking
    from wsgi import app

    if shared_index:
        indexes.become_worker()
    else:
        ranking.warm_up(app)
