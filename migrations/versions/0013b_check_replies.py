"""replies under a reviewed check

Revision ID: 0013b
Revises: 0013
Create Date: 2026-12-04 23:20:00.000000

The repairing partner can answer a disputed check (and either partner can
reply under a review) without changing the check or its review.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013b"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "check_reply",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["user.id"],
            name=op.f("fk_check_reply_author_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["check_id"],
            ["commitment_check.id"],
            name=op.f("fk_check_reply_check_id_commitment_check"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_reply")),
    )
    with op.batch_alter_table("check_reply") as batch_op:
        batch_op.create_index(batch_op.f("ix_check_reply_check_id"), ["check_id"], unique=False)


def downgrade():
    with op.batch_alter_table("check_reply") as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_reply_check_id"))
    op.drop_table("check_reply")
