"""What the model-based test's mixins (reads, membership and consent steps) use of the state
machine: declared once here, provided by `test_membership_model.MembershipLife`."""

from __future__ import annotations

from typing import Any

from tests.builders import ApiClient
from tests.model.reference import Member, Model


class MachineParts:
    """The state machine's parts that its mixed-in steps and checks call."""

    model: Model
    space_id: int

    def client(self, person: str) -> ApiClient:
        """The person's logged-in client."""
        raise NotImplementedError

    def uid(self, person: str) -> int:
        """The person's user id."""
        raise NotImplementedError

    def space(self, suffix: str = "") -> str:
        """The space's API path, with suffix."""
        raise NotImplementedError

    def new_member(self, person: str, role: str, invited_by: int | None = None) -> Member:
        """A new member in the model, numbered in the order people arrive."""
        raise NotImplementedError

    def changed(self) -> None:
        """A consent or membership change: stored answers may no longer be replayed."""
        raise NotImplementedError

    def expect(self, response: Any, status: int) -> Any:
        """The response's JSON, once its status is the one expected."""
        raise NotImplementedError

    def stop_sharing(self, owner: Member) -> None:
        """Stop-all in the model: every grant of the owner's that the rules do not fix ends."""
        raise NotImplementedError
