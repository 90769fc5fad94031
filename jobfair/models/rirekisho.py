"""A candidate's rirekisho (履歴書): the Japanese résumé they edited and confirmed.

Proposed from the profile (jobfair/rirekisho.py), corrected by the candidate, and shown to
recruiters only once confirmed (`confirmed_at`). Saving a change after confirming clears
the confirmation: recruiters then see nothing until the candidate confirms again, so no
half-edited page is ever read by a company.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .candidates import CandidateProfile


class Rirekisho(db.Model):
    __tablename__ = "rirekisho"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), unique=True
    )
    name_kana: Mapped[str] = mapped_column(sa.String(120), default="")  # フリガナ
    name_romaji: Mapped[str] = mapped_column(sa.String(120), default="")  # 氏名
    birth_date: Mapped[date | None] = mapped_column(sa.Date)
    # Optional and free, as the 2021 form has it: blank is a full answer.
    gender: Mapped[str] = mapped_column(sa.String(30), default="")
    postal_code: Mapped[str] = mapped_column(sa.String(20), default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    address_kana: Mapped[str] = mapped_column(sa.String(300), default="")
    phone: Mapped[str] = mapped_column(sa.String(30), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    contact: Mapped[str] = mapped_column(sa.String(300), default="")  # 連絡先, if different
    # Rows {"year": 2019, "month": 7, "text": "…"}; year and month may be None.
    education: Mapped[list] = mapped_column(sa.JSON, default=list)
    jobs: Mapped[list] = mapped_column(sa.JSON, default=list)
    licences: Mapped[list] = mapped_column(sa.JSON, default=list)
    motivation: Mapped[str] = mapped_column(sa.Text, default="")
    wishes: Mapped[str] = mapped_column(sa.Text, default="")
    photo_filename: Mapped[str | None] = mapped_column(sa.String(100))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    candidate: Mapped[CandidateProfile] = relationship(
        backref=sa.orm.backref("rirekisho", uselist=False, passive_deletes=True)
    )

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
