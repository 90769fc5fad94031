"""The employer tests' small fair serves the postings tests too."""

from tests.employers.conftest import fair, seed_candidates  # noqa: F401
