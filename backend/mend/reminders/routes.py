"""HTTP endpoints for a person's own reminders."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from mend.reminders import service
from mend.reminders import tasks as _tasks  # noqa: F401  (registers the periodic task)
from mend.reminders.schemas import RemindersIn, RemindersOut

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
