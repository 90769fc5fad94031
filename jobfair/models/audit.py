"""The audit log of sensitive actions: exports, deletions, status changes."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class AuditLog(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(50), index=True)
    target_type: Mapped[str] = mapped_column(sa.String(50), default="")
    target_id: Mapped[int | None]
    # Never personal data: ids, counts and formats only.
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def record_audit(actor, action: str, target=None, **details) -> AuditLog:
    """Add an audit entry to the session; the caller commits with the action itself."""
    entry = AuditLog(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        details=details,
    )
    db.session.add(entry)
    return entry
