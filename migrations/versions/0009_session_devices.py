"""session devices and last active day

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 23:00:00.000000

Sessions opened before this migration get an empty device (shown as "Unknown
device") and their creation day as the last active day.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.add_column(sa.Column("device", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("last_active_on", sa.Date(), nullable=True))
    session = sa.table(
        "auth_session",
        sa.column("device", sa.String),
        sa.column("last_active_on", sa.Date),
        sa.column("created_at", sa.DateTime),
    )
    op.execute(
        session.update().values(device="", last_active_on=sa.func.date(session.c.created_at))
    )
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.alter_column("device", existing_type=sa.String(length=80), nullable=False)
        batch_op.alter_column("last_active_on", existing_type=sa.Date(), nullable=False)


def downgrade():
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.drop_column("last_active_on")
        batch_op.drop_column("device")
