"""reliability snapshots

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 18:40:00.000000

Derived data only: a commitment without a snapshot gets one the first time the
caseload needs it, so there is nothing to backfill here.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reliability_snapshot",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("through", sa.Date(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("score_ignoring_disputes", sa.Double(), nullable=False),
        sa.Column("streak_ignoring_disputes", sa.Integer(), nullable=False),
        sa.Column("disputes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_reliability_snapshot_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commitment_id", name=op.f("pk_reliability_snapshot")),
    )


def downgrade():
    op.drop_table("reliability_snapshot")
