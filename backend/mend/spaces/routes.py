"""HTTP endpoints for spaces, invitations, members and leaving."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.spaces import invites, members, service
from mend.spaces.schemas import (
    AcceptIn,
    InviteIn,
    InviteListOut,
    InviteOut,
    MembershipOut,
    SpaceIn,
    SpaceListOut,
    SpaceOut,
)

blp = Blueprint("spaces", __name__, url_prefix="/api/v1", description="Spaces and invitations")


@blp.route("/spaces")
class Spaces(MethodView):
    @blp.arguments(SpaceIn)
    @blp.response(201, SpaceOut)
    def post(self, data):
        """Start a space for the two of you, choosing your role in it."""
        return service.create(actor=current_user, **data)

    @blp.response(200, SpaceListOut)
    def get(self):
        """The spaces you belong to."""
        return {"items": service.list_visible(actor=current_user)}


@blp.route("/spaces/<int:space_id>")
class SpaceDetail(MethodView):
    @blp.response(200, SpaceOut)
    def get(self, space_id):
        """A space and its members."""
        return service.get_visible(actor=current_user, space_id=space_id)


@blp.route("/spaces/<int:space_id>/invites")
class Invites(MethodView):
    @blp.arguments(InviteIn)
    @blp.response(201, InviteOut)
    def post(self, data, space_id):
        """Invite someone into a vacant role. The code is shown only once."""
        return invites.invite(actor=current_user, space_id=space_id, **data)

    @blp.response(200, InviteListOut)
    def get(self, space_id):
        """The invitations still waiting to be used (partners only). Codes are not shown."""
        return {"items": invites.list_pending(actor=current_user, space_id=space_id)}


@blp.route("/spaces/<int:space_id>/invites/<int:invite_id>")
class InviteDetail(MethodView):
    @blp.response(204)
    def delete(self, space_id, invite_id):
        """Withdraw an invitation; its code stops working at once."""
        invites.cancel(actor=current_user, space_id=space_id, invite_id=invite_id)


@blp.route("/invites/accept")
class AcceptInvite(MethodView):
    @blp.arguments(AcceptIn)
    @blp.response(200, MembershipOut)
    def post(self, data):
        """Join a space with an invite code."""
        return invites.accept(actor=current_user, **data)


@blp.route("/spaces/<int:space_id>/members/<int:user_id>/approve")
class ApproveMember(MethodView):
    @blp.response(200, SpaceOut)
    def post(self, space_id, user_id):
        """Approve a therapist your partner invited. Until then they see nothing of yours."""
        return members.approve(actor=current_user, space_id=space_id, user_id=user_id)


@blp.route("/spaces/<int:space_id>/members/<int:user_id>")
class Member(MethodView):
    @blp.response(204)
    def delete(self, space_id, user_id):
        """Remove a therapist from the space, at any time. What you shared with them ends."""
        members.remove(actor=current_user, space_id=space_id, user_id=user_id)


@blp.route("/spaces/<int:space_id>/leave")
class Leave(MethodView):
    @blp.response(204)
    def post(self, space_id):
        """Leave the space. You can always do this, on your own."""
        members.leave(actor=current_user, space_id=space_id)
