"""HTTP endpoints for spaces, invitations and leaving."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.spaces import service
from mend.spaces.schemas import (
    AcceptIn,
    InviteIn,
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
        return service.invite(actor=current_user, space_id=space_id, **data)


@blp.route("/invites/accept")
class AcceptInvite(MethodView):
    @blp.arguments(AcceptIn)
    @blp.response(200, MembershipOut)
    def post(self, data):
        """Join a space with an invite code."""
        return service.accept(actor=current_user, **data)


@blp.route("/spaces/<int:space_id>/leave")
class Leave(MethodView):
    @blp.response(204)
    def post(self, space_id):
        """Leave the space. You can always do this, on your own."""
        service.leave(actor=current_user, space_id=space_id)
