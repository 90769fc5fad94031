"""Search keys on candidate profiles and roles (h-search)

A text column each, written by the model layer from the searched fields (folded text plus
the English, Japanese and Khmer words of every known term), so that 溶接, ផ្សារដែក and
"welding" find the same people and jobs. The upgrade fills it for existing rows with
`matching.search_keys`, the module the application uses; the fields are listed here as
they are at this revision.

Revision ID: a9e4c2b7d15f
Revises: 4c8dcdbc4a8b
Create Date: 2026-12-06 19:50:00
"""

import json

import sqlalchemy as sa
from alembic import op

from matching.search_keys import search_key

# revision identifiers, used by Alembic.
revision = "a9e4c2b7d15f"
down_revision = "4c8dcdbc4a8b"
branch_labels = None
depends_on = None

# SQLite's batch mode may rebuild the table: keep its ids never reused (f3b8e2a4c6d0).
KEEP_IDS = {"sqlite_autoincrement": True}
SEARCHED = {
    "candidate_profiles": ("headline", "experience", "education_field", "skills", "past_jobs"),
    "roles": ("title", "description", "location", "required_skills", "preferred_skills"),
}
LISTS = {"skills", "past_jobs", "required_skills", "preferred_skills"}
BATCH = 500


def _texts(row) -> list[str]:
    texts = []
    for name, value in row.items():
        if name == "id":
            continue
        if name in LISTS:
            value = json.loads(value) if isinstance(value, str) else value
            for item in value or []:
                if isinstance(item, dict):
                    texts += [item.get("title") or "", item.get("employer") or ""]
                else:
                    texts.append(str(item))
        else:
            texts.append(value or "")
    return texts


def _backfill(table_name: str, fields: tuple[str, ...]) -> None:
    table = sa.table(
        table_name,
        sa.column("id", sa.Integer),
        sa.column("search_key", sa.Text),
        *(sa.column(name, sa.JSON if name in LISTS else sa.Text) for name in fields),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(table.c.id, *(table.c[name] for name in fields)).order_by(table.c.id)
    ).mappings()
    update = (
        table.update()
        .where(table.c.id == sa.bindparam("row_id"))
        .values(search_key=sa.bindparam("key"))
    )
    batch = []
    for row in rows.all():
        batch.append({"row_id": row["id"], "key": search_key(_texts(row))})
        if len(batch) == BATCH:
            connection.execute(update, batch)
            batch = []
    if batch:
        connection.execute(update, batch)


def upgrade():
    for table_name, fields in SEARCHED.items():
        with op.batch_alter_table(table_name, table_kwargs=KEEP_IDS) as batch_op:
            batch_op.add_column(
                sa.Column("search_key", sa.Text(), nullable=False, server_default="")
            )
        _backfill(table_name, fields)


def downgrade():
    for table_name in SEARCHED:
        with op.batch_alter_table(table_name, table_kwargs=KEEP_IDS) as batch_op:
            batch_op.drop_column("search_key")
