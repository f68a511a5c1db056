"""HTTP endpoints for a person's own reminders."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from mend.reminders import activity as _activity  # noqa: F401  (registers the event listener)
from mend.reminders import service
from mend.reminders import tasks as _tasks  # noqa: F401  (registers the periodic task)
from mend.reminders.schemas import MuteIn, RemindersIn, RemindersOut

blp = Blueprint("reminders", __name__, url_prefix="/api/v1", description="Reminders")


@blp.route("/account/reminders")
class Reminders(MethodView):
    decorators = [login_required]

    @blp.response(200, RemindersOut)
    def get(self):
        """Your reminder choices (all off until you turn them on)."""
        return service.get(actor=current_user)

    @blp.arguments(RemindersIn)
    @blp.response(200, RemindersOut)
    def put(self, data):
        """Choose your reminders: times in your own timezone, quiet hours, a snooze."""
        return service.update(actor=current_user, **data)


@blp.route("/account/reminders/mute")
class MuteActivity(MethodView):
    decorators = [login_required]

    @blp.arguments(MuteIn)
    @blp.response(200, RemindersOut)
    def post(self, data):
        """Mute activity notices for 1 to 30 days; what arrives meanwhile is not told later.

        To unmute, save your choices with `activity.muted_until` set to null.
        """
        return service.mute(actor=current_user, **data)
