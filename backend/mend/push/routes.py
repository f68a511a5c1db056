"""HTTP endpoints for Web Push: the server's key and a person's subscriptions."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from mend.push import service
from mend.push.schemas import PushKeyOut, SubscriptionIn, SubscriptionOut

blp = Blueprint("push", __name__, url_prefix="/api/v1", description="Web Push")


@blp.route("/account/push-key")
class PushKey(MethodView):
    decorators = [login_required]

    @blp.response(200, PushKeyOut)
    def get(self):
        """The key your browser subscribes with; `enabled` is false when push is off."""
        return service.push_key()


@blp.route("/account/push-subscriptions")
class Subscriptions(MethodView):
    decorators = [login_required]

    @blp.arguments(SubscriptionIn)
    @blp.response(201, SubscriptionOut)
    def post(self, data):
        """Let this browser receive neutral notifications."""
        data.pop("expirationTime", None)
        return service.subscribe(actor=current_user, **data)


@blp.route("/account/push-subscriptions/<int:subscription_id>")
class Subscription(MethodView):
    decorators = [login_required]

    @blp.response(204)
    def delete(self, subscription_id):
        """Stop notifications to one browser."""
        service.unsubscribe(actor=current_user, subscription_id=subscription_id)
