"""The domain model: accounts, events, candidates, roles and the hiring pipeline."""

from .accounts import Organization, User, UserRole
from .audit import AuditLog, record_audit
from .candidates import CandidateProfile, Registration
from .events import Event, Exhibitor, ExhibitorStatus
from .messages import Message, MessageStatus
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

__all__ = [
    "PIPELINE",
    "Application",
    "ApplicationNote",
    "ApplicationStatus",
    "ApiToken",
    "AuditLog",
    "CandidateProfile",
    "Event",
    "Exhibitor",
    "ExhibitorStatus",
    "Interview",
    "Message",
    "MessageStatus",
    "InterviewSlot",
    "Organization",
    "Registration",
    "Role",
    "RoleStatus",
    "StatusChange",
    "User",
    "UserRole",
    "Webhook",
    "record_audit",
]
