"""The employer pages; importing this package registers their routes on `blueprint.bp`."""

from . import (  # noqa: F401
    bulk,
    candidates,
    company,
    interviews,
    offers,
    pipeline,
    review,
    roles,
    scorecards,
    webhooks,
)
