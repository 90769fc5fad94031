"""The employer pages; importing this package registers their routes on `blueprint.bp`."""

from . import bulk, candidates, company, interviews, offers, pipeline, roles, webhooks  # noqa: F401
