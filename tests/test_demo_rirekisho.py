"""The demo fair has confirmed rirekisho for candidates who applied to Japanese companies,
each with a drawn placeholder photo, that their recruiters open like the CV."""

import io
import re

import sqlalchemy as sa
from pypdf import PdfReader

from jobfair import access, rirekisho
from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Application, Organization, Rirekisho, Role, User, UserRole


def test_demo_rirekisho_are_confirmed_japanese_and_open_to_their_companies(app):
    seed_demo(password="demo-password-1", candidates=60)
    db.session.commit()
    made = db.session.scalars(sa.select(Rirekisho).order_by(Rirekisho.id)).all()
    assert 3 <= len(made) <= 12
    for found in made:
        assert found.confirmed_at is not None and rirekisho.existing_photo(found)
        assert re.fullmatch(r"[\u30a0-\u30ff・]+", found.name_kana)
        assert all(line["year"] and line["month"] for line in found.education)
        assert re.search(r"[\u3040-\u309f]", found.motivation)  # written in Japanese
        assert found.licences == [] or "合格" in found.licences[0]["text"]
        company_ids = db.session.scalars(
            sa.select(Role.organization_id)
            .join(Application, Application.role_id == Role.id)
            .where(Application.candidate_id == found.candidate_id)
        ).all()
        countries = {db.session.get(Organization, i).country for i in company_ids}
        assert "JP" in countries
    first = made[0]
    recruiters = db.session.scalars(sa.select(User).where(User.role == UserRole.EMPLOYER)).all()
    assert any(access.can_download_cv(r, first.candidate) for r in recruiters)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(rirekisho.pdf_of(first))).pages)
    assert first.name_kana in text.replace("\x00", "")
