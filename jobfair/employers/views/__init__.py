"""The employer pages; importing this package registers their routes on `blueprint.bp`."""

from . import company, pipeline, roles  # noqa: F401
