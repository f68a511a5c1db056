"""pacing: hold new disclosures for the hurt partner

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 00:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pacing",
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("hold_disclosures", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"], ["space.id"], name=op.f("fk_pacing_space_id_space"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_pacing_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("space_id", "user_id", name=op.f("pk_pacing")),
    )
    op.create_table(
        "held_disclosure",
        sa.Column("disclosure_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disclosure_id"],
            ["disclosure.id"],
            name=op.f("fk_held_disclosure_disclosure_id_disclosure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_held_disclosure_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("disclosure_id", "user_id", name=op.f("pk_held_disclosure")),
    )
    op.create_index(op.f("ix_held_disclosure_user_id"), "held_disclosure", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_held_disclosure_user_id"), table_name="held_disclosure")
    op.drop_table("held_disclosure")
    op.drop_table("pacing")
