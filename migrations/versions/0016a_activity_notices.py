"""activity notices: a pending marker per person, and when the last notice went out

Revision ID: 0016a
Revises: 0015c
Create Date: 2026-12-05 02:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016a"
down_revision = "0015c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder_settings") as batch:
        batch.add_column(sa.Column("activity_sent_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "pending_activity",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_pending_activity_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_pending_activity")),
    )


def downgrade():
    op.drop_table("pending_activity")
    with op.batch_alter_table("reminder_settings") as batch:
        batch.drop_column("activity_sent_at")
