"""The summary statement and the view it fills stay in step."""

from __future__ import annotations

import dataclasses

from mend.disclosures.read import listing, views


def test_summary_columns_are_the_view_fields_in_order() -> None:
    # summary_of fills DisclosureView by position: reordering either side must fail here.
    columns = [column.name for column in listing.SUMMARIES_OF.selected_columns]
    assert columns == [field.name for field in dataclasses.fields(views.DisclosureView)]
