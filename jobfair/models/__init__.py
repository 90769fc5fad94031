"""The domain model: accounts, events, candidates, roles and the hiring pipeline."""

from ..extensions import db
from .accounts import Organization, RecoveryCode, User, UserRole
from .audit import AuditLog, record_audit
from .booth import BoothLead
from .candidates import CandidateProfile, Registration
from .events import Event, Exhibitor, ExhibitorStatus
from .floor import AreaKind, BoothPlace, FloorArea, FloorKind, FloorPlan
from .follow_ups import FollowUp, FollowUpRecipient, FollowUpStatus
from .japan import (
    DEPARTURE_STEPS,
    SSW_FIELDS,
    Departure,
    DepartureStep,
    PassedTest,
    PassedTestKind,
    SendingInvitation,
)
from .jobs import Job, JobStatus
from .learning import LearnedWeights
from .messages import Message, MessageStatus
from .offers import Offer, OfferStatus
from .partners import ApiToken, Webhook
from .recruiting import (
    PIPELINE,
    Application,
    ApplicationNote,
    ApplicationStatus,
    Interview,
    InterviewSlot,
    Role,
    RoleStatus,
    StatusChange,
)
from .rirekisho import Rirekisho
from .saved_views import SavedView
from .scorecards import DEFAULT_CRITERIA, Scorecard, ScorecardCriterion, ScorecardRating
from .search_keys import key_of as search_key_of
from .staff import StaffInvitation
from .surveys import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion
from .translations import RoleTranslation

__all__ = [
    "SendingInvitation",
    "DepartureStep",
    "DEPARTURE_STEPS",
    "PIPELINE",
    "Application",
    "ApplicationNote",
    "ApplicationStatus",
    "ApiToken",
    "AreaKind",
    "BoothPlace",
    "Departure",
    "PassedTest",
    "PassedTestKind",
    "SSW_FIELDS",
    "AuditLog",
    "BoothLead",
    "CandidateProfile",
    "Event",
    "Exhibitor",
    "ExhibitorStatus",
    "FloorArea",
    "FloorKind",
    "FloorPlan",
    "FollowUp",
    "FollowUpRecipient",
    "FollowUpStatus",
    "Interview",
    "Message",
    "Offer",
    "OfferStatus",
    "MessageStatus",
    "InterviewSlot",
    "Job",
    "JobStatus",
    "LearnedWeights",
    "Organization",
    "Registration",
    "Role",
    "DEFAULT_CRITERIA",
    "Scorecard",
    "ScorecardCriterion",
    "ScorecardRating",
    "RoleStatus",
    "Rirekisho",
    "RecoveryCode",
    "SavedView",
    "RoleTranslation",
    "StaffInvitation",
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyQuestion",
    "StatusChange",
    "User",
    "UserRole",
    "Webhook",
    "record_audit",
    "search_key_of",
]


def _ids_never_reused() -> None:
    """Every table's ids leave the platform (API, webhooks, calendar UIDs, e-mail
    Message-IDs, exports), so an id once used is never given again. PostgreSQL's
    sequences never go back; SQLite reuses the highest id after a delete unless the
    table is AUTOINCREMENT. Declared here once, for every table (migration f3b8e2a4c6d0
    rebuilds existing SQLite tables so)."""
    for table in db.metadata.tables.values():
        table.dialect_kwargs["sqlite_autoincrement"] = True


_ids_never_reused()
