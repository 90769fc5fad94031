"""The employer tests' small fair and the partner tests' API world serve these tests too."""

from tests.employers.conftest import fair, seed_candidates  # noqa: F401
from tests.partners.conftest import organizer, organizer_client, world  # noqa: F401
