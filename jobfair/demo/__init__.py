"""The demo job fair `flask --app jobfair seed-demo` builds; the running app never imports it.

`seed` builds the fair, `catalog` holds its companies, roles and candidate profiles.
"""

from .seed import database_is_empty, seed_demo

__all__ = ["database_is_empty", "seed_demo"]
