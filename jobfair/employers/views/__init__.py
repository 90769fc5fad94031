"""The employer pages; importing this package registers their routes on `blueprint.bp`."""

from . import company, pipeline, roles, webhooks  # noqa: F401
