"""h-postings: a role's original language and its translations (title, description, who, when)

Revision ID: a5d658a1a555
Revises: a9e4c2b7d15f
Create Date: 2026-12-06 19:40:00

Existing roles get the language their title and description are written in, read from their
letters (Khmer or Japanese script, else English).
"""

from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = "a5d658a1a555"
down_revision = "a9e4c2b7d15f"
branch_labels = None
depends_on = None

# SQLite's batch mode rebuilds the table: keep its ids never reused (f3b8e2a4c6d0).
KEEP_IDS = {"sqlite_autoincrement": True}


def guess_language(text):
    """Frozen here (the model's guess may change later): the script that has more letters."""
    khmer = sum("\u1780" <= c <= "\u17ff" for c in text)
    japanese = sum("\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" for c in text)
    if not khmer and not japanese:
        return "en"
    return "km" if khmer > japanese else "ja"


def upgrade():
    with op.batch_alter_table("roles", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.add_column(
            sa.Column("original_language", sa.String(length=2), server_default="en", nullable=False)
        )
    connection = op.get_bind()
    roles = sa.table(
        "roles",
        sa.column("id", sa.Integer),
        sa.column("title", sa.String),
        sa.column("description", sa.Text),
        sa.column("original_language", sa.String),
    )
    rows = connection.execute(sa.select(roles.c.id, roles.c.title, roles.c.description)).all()
    for role_id, title, description in rows:
        language = guess_language(f"{title or ''} {description or ''}")
        if language != "en":
            connection.execute(
                roles.update().where(roles.c.id == role_id).values(original_language=language)
            )
    with op.batch_alter_table("roles", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.create_check_constraint(
            "original_language_known", "original_language IN ('en', 'km', 'ja')"
        )

    op.create_table(
        "role_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("translated_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "translated_at", jobfair.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.CheckConstraint(
            "language IN ('en', 'km', 'ja')", name=op.f("ck_role_translations_language_known")
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["roles.id"],
            name=op.f("fk_role_translations_role_id_roles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["translated_by_id"],
            ["users.id"],
            name=op.f("fk_role_translations_translated_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role_translations")),
        sa.UniqueConstraint(
            "role_id", "language", name=op.f("uq_role_translations_role_id_language")
        ),
        sqlite_autoincrement=True,
    )


def downgrade():
    op.drop_table("role_translations")
    with op.batch_alter_table("roles", table_kwargs=KEEP_IDS) as batch_op:
        batch_op.drop_constraint("original_language_known", type_="check")
        batch_op.drop_column("original_language")
