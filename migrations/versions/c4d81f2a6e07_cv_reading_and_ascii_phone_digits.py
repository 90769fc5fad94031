"""CV photos read in the background; phone numbers stored with ASCII digits

Adds candidate_profiles.cv_read_started_at (set while the text of CV photos is being read).
Phone numbers typed with Khmer, Thai, full-width or other digits were stored as typed; they
become ASCII, so that the same number is found at log-in and at sign-up in any script. A
number whose ASCII form another account already has is left as it was (the two accounts are
for the help desk to merge). The downgrade drops the column; the digits stay ASCII.

Revision ID: c4d81f2a6e07
Revises: c4d2e8f1a9b6
Create Date: 2026-11-27 00:30:00
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

from matching.scripts import ascii_digits

# revision identifiers, used by Alembic.
revision = "c4d81f2a6e07"
down_revision = "c4d2e8f1a9b6"
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("phone", sa.String))


def _ascii_phones() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(users.c.id, users.c.phone).where(users.c.phone.is_not(None)))
    taken = {}
    changes = []
    for user_id, phone in rows.all():
        taken[phone] = user_id
        plain = ascii_digits(unicodedata.normalize("NFKC", phone))
        if plain != phone:
            changes.append((user_id, phone, plain))
    for user_id, phone, plain in changes:
        if plain in taken:
            continue
        connection.execute(users.update().where(users.c.id == user_id).values(phone=plain))
        del taken[phone]
        taken[plain] = user_id


def upgrade():
    with op.batch_alter_table("candidate_profiles") as batch_op:
        batch_op.add_column(sa.Column("cv_read_started_at", sa.DateTime(timezone=True), nullable=True))
    _ascii_phones()


def downgrade():
    with op.batch_alter_table("candidate_profiles") as batch_op:
        batch_op.drop_column("cv_read_started_at")
