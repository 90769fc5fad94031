"""The app with the tests' kinds of job: `flask --app tests.support.job_app jobs-worker`."""

from jobfair import create_app

from . import job_handlers  # noqa: F401 (registers the kinds)

app = create_app()
