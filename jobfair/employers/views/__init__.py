"""The employer pages; importing this package registers their routes on `blueprint.bp`."""

from . import bulk, candidates, company, interviews, pipeline, review, roles, webhooks  # noqa: F401
