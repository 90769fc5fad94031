"""Candidate languages as records, like a role's

Stored strings such as "Japanese N3", "Japanese JFT-Basic A2" or "Khmer native" become
{"language": "Japanese", "test": "JLPT", "level": "N3"}; the downgrade writes the strings back.
The conversion uses `matching.levels`, the owner of the language scales.

Revision ID: b71c0e5a9d34
Revises: 3eaf9412eb4d
Create Date: 2026-11-27 00:40:00
"""

import json

import sqlalchemy as sa
from alembic import op

from matching.levels import language_record, record_text

# revision identifiers, used by Alembic.
revision = "b71c0e5a9d34"
down_revision = "3eaf9412eb4d"
branch_labels = None
depends_on = None

profiles = sa.table("candidate_profiles", sa.column("id", sa.Integer), sa.column("languages", sa.JSON))


def _convert(to_value) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(profiles.c.id, profiles.c.languages)).all()
    for profile_id, languages in rows:
        if isinstance(languages, str):
            languages = json.loads(languages)
        converted = [value for value in map(to_value, languages or []) if value is not None]
        if converted != languages:
            connection.execute(
                profiles.update().where(profiles.c.id == profile_id).values(languages=converted)
            )


def _as_record(entry):
    return language_record(entry) if isinstance(entry, str) else entry


def _as_text(entry):
    return record_text(entry) if isinstance(entry, dict) else entry


def upgrade():
    _convert(_as_record)


def downgrade():
    _convert(_as_text)
