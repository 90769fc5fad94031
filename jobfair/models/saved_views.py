"""A recruiter's saved shortlist view: filters, columns and layout, shared by the company."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import Organization, User
from .base import UTCDateTime, utcnow


class SavedView(db.Model):
    """A named shortlist query one recruiter saved; every recruiter of the company may
    apply it to any of the company's roles. `params` is what the shortlist's URL held
    (`employers.review_table.view_params` reads it back, dropping anything unknown)."""

    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # Who saved it, shown to colleagues; the view stays if that account goes.
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(sa.String(80))
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("organization_id", "name"),
        sa.CheckConstraint("length(name) > 0", name="name_given"),
    )
