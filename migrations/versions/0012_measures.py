"""measures: questionnaire responses, schedules, and the `measures` consent category

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-04 23:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD = "category IN ('checkins', 'checkin_notes', 'disclosures', 'commitments')"
NEW = "category IN ('checkins', 'checkin_notes', 'disclosures', 'commitments', 'measures')"


def upgrade():
    with op.batch_alter_table("consent_change") as batch:
        batch.drop_constraint(op.f("ck_consent_change_category"), type_="check")
        batch.create_check_constraint(op.f("ck_consent_change_category"), NEW)
    op.create_table(
        "measure_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["respondent_id"],
            ["user.id"],
            name=op.f("fk_measure_response_respondent_id_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["space.id"],
            name=op.f("fk_measure_response_space_id_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_response")),
    )
    op.create_index(
        "ix_measure_response_space_respondent_id",
        "measure_response",
        ["space_id", "respondent_id", "id"],
    )
    op.create_table(
        "measure_schedule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=32), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "every_weeks BETWEEN 1 AND 8", name=op.f("ck_measure_schedule_every_weeks")
        ),
        sa.ForeignKeyConstraint(
            ["respondent_id"],
            ["user.id"],
            name=op.f("fk_measure_schedule_respondent_id_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["set_by_id"],
            ["user.id"],
            name=op.f("fk_measure_schedule_set_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["space.id"],
            name=op.f("fk_measure_schedule_space_id_space"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_schedule")),
        sa.UniqueConstraint(
            "space_id",
            "respondent_id",
            "instrument",
            name=op.f("uq_measure_schedule_space_id"),
        ),
    )


def downgrade():
    op.drop_table("measure_schedule")
    op.drop_index("ix_measure_response_space_respondent_id", table_name="measure_response")
    op.drop_table("measure_response")
    op.execute("DELETE FROM consent_change WHERE category = 'measures'")
    with op.batch_alter_table("consent_change") as batch:
        batch.drop_constraint(op.f("ck_consent_change_category"), type_="check")
        batch.create_check_constraint(op.f("ck_consent_change_category"), OLD)
