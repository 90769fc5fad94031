"""Default configuration; overridden by instance/config.py, then the environment."""

from datetime import timedelta


class Defaults:
    # Filled in by create_app: the SQLite file under instance/ unless configured.
    SQLALCHEMY_DATABASE_URI = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 10_000

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Turned on automatically when PREFERRED_URL_SCHEME is https.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    SESSION_IDLE_TIMEOUT = timedelta(hours=2)
    PREFERRED_URL_SCHEME = "http"
    # Links in messages (password reset) are built from the request's Host: only these
    # names are answered. Out of the box, the loopback names `make run` serves; a
    # deployment lists its own (FLASK_TRUSTED_HOSTS='["jobs.example.org"]').
    TRUSTED_HOSTS = ["127.0.0.1", "localhost"]

    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_CONTENT_LENGTH = 6 * 1024 * 1024
    # Longer URLs (path and query) are refused with 414: a page, or JSON under /api/.
    # gunicorn.conf.py lets request lines up to 8190 bytes through to the app.
    MAX_URL_LENGTH = 4096
    # The CV page alone takes up to six photos of pages (each over 10 MB is refused by name).
    CV_UPLOAD_MAX_LENGTH = 40 * 1024 * 1024

    LANGUAGES = ("en", "km", "ja")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Asia/Phnom_Penh"

    RATELIMIT_ENABLED = True
    # Shared between workers and app servers with redis://host:6379; memory:// counts
    # per process, so it is only right for one worker (see jobfair/limits.py).
    RATELIMIT_STORAGE_URI = "memory://"
    # If the shared store is unreachable, count per process rather than fail every request.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Log-in, sign-up and password reset: per account (the email or phone typed) ...
    AUTH_RATE_LIMIT = "10 per minute;100 per hour"
    # ... and per network address, loosely: a fair's Wi-Fi puts hundreds of people behind one.
    AUTH_ADDRESS_RATE_LIMIT = "60 per minute;1000 per hour"
    # Proxies in front that set X-Forwarded-For/-Proto/-Host (nginx: 1). Without it, behind a
    # proxy every visitor has the proxy's address and shares one rate-limit bucket.
    PROXY_COUNT = 0

    PER_PAGE = 25
    # Page numbers in lists are clamped to this (and to the last page).
    MAX_PAGE = 100_000
    # CV uploads per candidate account.
    CV_UPLOAD_RATE_LIMIT = "10 per hour;30 per day"
    # ... and for everyone together: many new accounts at once cannot flood the server either.
    CV_UPLOAD_GLOBAL_RATE_LIMIT = "60 per minute;600 per hour"
    # Photographed CVs waiting for (or in) OCR on every worker together; past it a photo
    # upload is asked to come back. A six-page CV takes a worker thread about two minutes.
    CV_READS_WAITING = 8
    # The event dashboard polls its figures this often during the fair.
    DASHBOARD_REFRESH_SECONDS = 15
    # `flask apply-retention` erases candidates whose last event ended this long ago.
    RETENTION_DAYS = 365

    # Organizers see everyone's data: their accounts need an authenticator app.
    ORGANIZER_TWO_FACTOR_REQUIRED = True
    PASSWORD_RESET_MAX_AGE = 3600
    # A new account is finished with a link sent to its email or phone, within this time.
    SIGNUP_LINK_MAX_AGE = 7 * 24 * 3600
    # Messages (jobfair/messages/notifications.py): email when a mail server is set, else SMS when a
    # provider is set, else the help desk's hand-over list or the in-app inbox only.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_DEFAULT_SENDER = "jobfair@localhost"
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    SMS_PROVIDER = None  # "twilio"
    SMS_FROM = None  # a phone number, or a Twilio Messaging Service SID ("MG...")
    SMS_API_BASE = None  # defaults to the provider's own host
    TWILIO_ACCOUNT_SID = None
    TWILIO_AUTH_TOKEN = None
    # Links in messages sent outside a request (digests), e.g. "https://jobs.example.org".
    PUBLIC_URL = None
    MESSAGE_MAX_ATTEMPTS = 6
    MESSAGE_RETRY_SECONDS = 60  # doubled after each failure, at most an hour
    MESSAGE_STALE_SECONDS = 900  # a claim older than this: the sender died mid-send
    APPLICANT_DIGEST_SECONDS = 3600
    # Partners: imports, the JSON API and webhooks.
    IMPORT_MAX_ROWS = 10_000  # rows per file; larger files are refused (split them)
    IMPORT_PREVIEW_SECONDS = 3600  # an uploaded file waits this long for its confirmation
    ACCOUNT_CLAIM_MAX_AGE = 30 * 24 * 3600  # imported people's links to set a password
    API_RATE_LIMIT = "120 per minute;5000 per hour"  # per API token
    # Webhooks post only to public addresses unless this is on (tests, a closed network).
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    # The whole delivery (connect, send, answer), not each read; a slow receiver is cut off.
    WEBHOOK_TIMEOUT_SECONDS = 10
    # Deliveries in parallel, apart from e-mail and SMS; and webhooks a company may have.
    WEBHOOK_WORKERS = 4
    WEBHOOKS_PER_COMPANY = 5

    # Slow work (jobfair/jobs/): where job ids wait for a worker. Unset: a SQLite file in
    # instance/ (queue.db) served by the `flask jobs-worker` that `make run` starts;
    # "redis://host:6379/1" when workers run on their own machines; "immediate" in tests.
    JOBS_QUEUE = None
    # Finished files (badge sheets, exports), kept for their starter; default instance/job-files.
    JOB_FILES_FOLDER = None
    # ... and removed after this many days (they hold names; they can be made again).
    JOB_FILES_KEEP_DAYS = 7
    # A running job renews its lease with each progress report; a worker silent longer than
    # this is taken for dead and its job given to another worker.
    JOBS_LEASE_SECONDS = 300
    # A queued job no worker claimed within this is delivered again (a lost message).
    JOBS_UNCLAIMED_SECONDS = 900
    JOBS_RETRY_SECONDS = 30  # after an unexpected error, doubled after each attempt
    JOBS_PROGRESS_SECONDS = 0.5  # progress is written at most this often
    JOBS_WORKERS = 2  # threads per `flask jobs-worker`
    # Exports of events up to this many registrations may still be downloaded in the
    # request (the old links); larger ones are built as jobs from the event page.
    EXPORT_DIRECT_MAX_REGISTRATIONS = 2_000
    # A survey (or its reminder) to more people than this is sent by a job, not the request.
    SURVEY_DIRECT_SEND_MAX = 200
    # A follow-up or survey job commits its recipients and messages this many at a time,
    # renewing its lease after each batch (and a retried job goes on after the last one).
    MESSAGE_BATCH = 500
    # A survey's reminder may go out again only after this many hours.
    SURVEY_REMINDER_GAP_HOURS = 24
