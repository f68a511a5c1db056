"""memberships outlive deleted accounts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 16:08:34.081306

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.drop_constraint(batch_op.f("fk_membership_user_id_user"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_membership_user_id_user"),
            "user",
            ["user_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    # Memberships of deleted accounts cannot be kept without their user.
    op.execute("DELETE FROM membership WHERE user_id IS NULL")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_membership_user_id_user"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_membership_user_id_user"),
            "user",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.alter_column("user_id", existing_type=sa.INTEGER(), nullable=False)
