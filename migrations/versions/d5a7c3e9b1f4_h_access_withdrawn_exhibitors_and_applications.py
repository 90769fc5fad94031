"""h-access: exhibitors can be withdrawn from a fair, applications can be withdrawn with them

Exhibitor status gains "withdrawn" (left the fair after approval); application status gains
"withdrawn" (the company left while the application was open). A downgrade turns both back
into "rejected", the nearest older status.

Revision ID: d5a7c3e9b1f4
Revises: c4e1f0a7d218
Create Date: 2026-12-06 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "d5a7c3e9b1f4"
down_revision = "c4e1f0a7d218"
branch_labels = None
depends_on = None

EXHIBITOR_OLD = ("invited", "pending", "approved", "rejected")
APPLICATION_OLD = ("new", "shortlisted", "invited", "interviewed", "offered", "hired", "rejected")


def _check(values) -> str:
    return "status IN ({})".format(", ".join(f"'{v}'" for v in values))


def _replace_check(table: str, values) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint("status_known", type_="check")
        batch.create_check_constraint("status_known", _check(values))


def upgrade():
    _replace_check("exhibitors", (*EXHIBITOR_OLD, "withdrawn"))
    _replace_check("applications", (*APPLICATION_OLD, "withdrawn"))


def downgrade():
    op.execute(sa.text("UPDATE exhibitors SET status = 'rejected' WHERE status = 'withdrawn'"))
    op.execute(sa.text("UPDATE applications SET status = 'rejected' WHERE status = 'withdrawn'"))
    _replace_check("exhibitors", EXHIBITOR_OLD)
    _replace_check("applications", APPLICATION_OLD)
