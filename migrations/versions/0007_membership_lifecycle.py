"""grants and invites belong to a membership; therapists await approval

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 23:05:00.000000

Existing rows are tied to the membership they were made in: the member's
membership that had begun when the row was written (the newest such), or
failing that their first one. A grant whose owner or viewer never had a
membership in the space is dropped (no one could hold it). Therapists already
in a space count as approved. Unused invites made before this revision carry
codes of the old shape, which can no longer be typed in: they are withdrawn.

Downgrading cannot express "ended with its membership", so it deletes the
consent changes of ended memberships rather than bring their grants back.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BEGUN = (
    "(SELECT MAX(m.id) FROM membership m WHERE m.space_id = {t}.space_id"
    " AND m.user_id = {t}.{user} AND m.joined_at <= {t}.created_at)"
)
FIRST = (
    "(SELECT MIN(m.id) FROM membership m"
    " WHERE m.space_id = {t}.space_id AND m.user_id = {t}.{user})"
)


def _tie(table: str, column: str, user: str) -> None:
    """Point each row at its member's membership of the moment (see the docstring)."""
    op.execute(f"UPDATE {table} SET {column} = {BEGUN.format(t=table, user=user)}")
    op.execute(
        f"UPDATE {table} SET {column} = {FIRST.format(t=table, user=user)} WHERE {column} IS NULL"
    )


def upgrade():
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invited_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_membership_invited_by_membership"),
            "membership",
            ["invited_by"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute("UPDATE membership SET approved_at = joined_at WHERE role = 'therapist'")

    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("maker_membership_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
    _tie("invite", "maker_membership_id", "created_by")
    op.execute("UPDATE invite SET cancelled_at = CURRENT_TIMESTAMP WHERE used_at IS NULL")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invite_maker_membership_id"), ["maker_membership_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invite_maker_membership_id_membership"),
            "membership",
            ["maker_membership_id"],
            ["id"],
            ondelete="CASCADE",
        )

    with op.batch_alter_table("consent_change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_membership_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("viewer_membership_id", sa.Integer(), nullable=True))
    _tie("consent_change", "owner_membership_id", "owner_id")
    _tie("consent_change", "viewer_membership_id", "viewer_id")
    op.execute(
        "DELETE FROM consent_change"
        " WHERE owner_membership_id IS NULL OR viewer_membership_id IS NULL"
    )
    with op.batch_alter_table("consent_change", schema=None) as batch_op:
        batch_op.alter_column("owner_membership_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("viewer_membership_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_index("ix_consent_change_owner_membership", ["owner_membership_id"])
        batch_op.create_index("ix_consent_change_viewer_membership", ["viewer_membership_id"])
        for column in ("owner_membership_id", "viewer_membership_id"):
            batch_op.create_foreign_key(
                batch_op.f(f"fk_consent_change_{column}_membership"),
                "membership",
                [column],
                ["id"],
                ondelete="CASCADE",
            )


def downgrade():
    op.execute(
        "DELETE FROM consent_change WHERE owner_membership_id IN"
        " (SELECT id FROM membership WHERE left_at IS NOT NULL)"
        " OR viewer_membership_id IN (SELECT id FROM membership WHERE left_at IS NOT NULL)"
    )
    with op.batch_alter_table("consent_change", schema=None) as batch_op:
        for column in ("viewer_membership_id", "owner_membership_id"):
            batch_op.drop_constraint(
                batch_op.f(f"fk_consent_change_{column}_membership"), type_="foreignkey"
            )
        batch_op.drop_index("ix_consent_change_viewer_membership")
        batch_op.drop_index("ix_consent_change_owner_membership")
        batch_op.drop_column("viewer_membership_id")
        batch_op.drop_column("owner_membership_id")

    # Withdrawn invites and invites whose maker left must not come back to life.
    op.execute(
        "DELETE FROM invite WHERE used_at IS NULL AND (cancelled_at IS NOT NULL"
        " OR maker_membership_id IS NULL"
        " OR maker_membership_id IN (SELECT id FROM membership WHERE left_at IS NOT NULL))"
    )
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_invite_maker_membership_id_membership"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_invite_maker_membership_id"))
        batch_op.drop_column("cancelled_at")
        batch_op.drop_column("maker_membership_id")

    # Pending therapists did not exist before: they leave, rather than gain approval.
    op.execute(
        "UPDATE membership SET left_at = joined_at"
        " WHERE role = 'therapist' AND approved_at IS NULL AND left_at IS NULL"
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_membership_invited_by_membership"), type_="foreignkey"
        )
        batch_op.drop_column("approved_at")
        batch_op.drop_column("invited_by")
