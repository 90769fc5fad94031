"""The demo fair's roles come in their original language with the catalogue's other one."""

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Role
from jobfair.models.translations import guess_language


def test_demo_roles_have_their_language_and_a_translation(app):
    seed_demo(password="demo-password-1", candidates=20)
    db.session.commit()
    roles = db.session.scalars(sa.select(Role)).all()
    assert {role.original_language for role in roles} == {"en", "ja"}
    for role in roles:
        assert role.original_language == guess_language(f"{role.title} {role.description}")
        for translation in role.translations:
            assert translation.language != role.original_language
            assert guess_language(translation.title) == translation.language
    translated = [role for role in roles if role.translations]
    assert translated and all(r.translations[0].translated_by_id for r in translated)
    # Khmer is left to the organizer's interpreters: every role is on their list.
    assert all("km" in role.missing_languages() for role in roles)
