"""an acknowledgement belongs to a revision

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 23:00:00.000000

An amendment made after "I have taken this in" is new words, so the hurt
partner acknowledges each revision. Acknowledgements made before this keep a
null revision_number (their ledger content, and so the record's hashes, stay
as they were); they count for the revision that was current when they were
made. Downgrading keeps one acknowledgement per person and disclosure, the
first, as the old schema allowed.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

UNIQUE = "uq_disclosure_acknowledgement_disclosure_id"


def upgrade():
    with op.batch_alter_table("disclosure_acknowledgement") as batch_op:
        batch_op.add_column(sa.Column("revision_number", sa.Integer(), nullable=True))
        batch_op.drop_constraint(UNIQUE, type_="unique")
        batch_op.create_unique_constraint(UNIQUE, ["disclosure_id", "user_id", "revision_number"])


def downgrade():
    op.execute(
        "DELETE FROM disclosure_acknowledgement WHERE id NOT IN ("
        " SELECT min(id) FROM disclosure_acknowledgement GROUP BY disclosure_id, user_id)"
    )
    with op.batch_alter_table("disclosure_acknowledgement") as batch_op:
        batch_op.drop_constraint(UNIQUE, type_="unique")
        batch_op.create_unique_constraint(UNIQUE, ["disclosure_id", "user_id"])
        batch_op.drop_column("revision_number")
