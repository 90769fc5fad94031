"""A fair with an SSW role (nursing care) at a Japanese company, a candidate, and a hire of
that company bound for Japan (the employers' `fair` plus a hired application)."""

import pytest

from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus
from tests.employers.conftest import Fair, fair  # noqa: F401 (the fixture, reused)


@pytest.fixture
def hire(fair: Fair) -> Application:  # noqa: F811
    """Chan Dara hired for the company's SSW role (now in nursing care)."""
    fair.role.sector = "other"
    fair.role.ssw_field = "nursing_care"
    application = Application(
        role=fair.role, candidate=fair.candidate.profile, status=ApplicationStatus.HIRED
    )
    db.session.add(application)
    db.session.commit()
    return application
