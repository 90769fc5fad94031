"""Employers: company, team, roles, ranked shortlists, pipeline, interview slots, exports.

The blueprint lives in `blueprint.py`; importing the view modules registers their routes.
"""

from . import company, pipeline, roles  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
