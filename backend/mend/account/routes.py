"""HTTP endpoints for a person's own data: export it, or delete the account."""

from __future__ import annotations

from flask import Response, current_app, session
from flask.views import MethodView
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from flask_smorest import Blueprint

from mend.account import service
from mend.account.schemas import AccountDeleteIn, ExportOut
from mend.extensions import limiter

blp = Blueprint(
    "account", __name__, url_prefix="/api/v1", description="Your data: export and deletion"
)

DOWNLOAD_HEADERS = {
    "Content-Disposition": {
        "description": 'attachment; filename="mend-export-<your date>.json"',
        "schema": {"type": "string"},
    }
}


def _deletion_key() -> str:
    user_id = getattr(current_user, "id", None)
    return f"account:{user_id}" if user_id is not None else f"address:{get_remote_address()}"


def _wrong_password(response: Response) -> bool:
    return response.status_code == 403


def deletion_limits() -> list:
    """A stolen session must not be able to guess the password: the login limits apply."""
    return [
        limiter.limit(
            lambda: current_app.config["MEND"].login_limit,
            key_func=_deletion_key,
            deduct_when=_wrong_password,
            scope="account-delete",
        )
    ]


@blp.route("/account/export")
class Export(MethodView):
    @blp.response(200, ExportOut, headers=DOWNLOAD_HEADERS)
    def get(self):
        """Download everything you wrote and everything you can see now, as one JSON file.

        Each space you belong to, as the app shows it to you, and under
        `authored` everything you wrote anywhere, including spaces you have
        left. If you are a therapist, your download is recorded in each
        partner's access log, like any other look at their data.
        """
        export = service.export_data(actor=current_user)
        response = current_app.json.response(export.document)
        response.headers["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        response.headers["Cache-Control"] = "no-store"
        return response


@blp.route("/account")
class Account(MethodView):
    decorators = deletion_limits()

    @blp.arguments(AccountDeleteIn)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN", description="The password doesn't match.")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS", description="Too many wrong passwords.")
    def delete(self, data):
        """Delete your account and erase what you wrote. This cannot be undone.

        Your words leave every space: your partner keeps their own writing and
        a record that still verifies, but no longer sees yours. Every place you
        are logged in is logged out. Consider downloading your data first.
        """
        service.delete_account(actor=current_user, password=data["password"])
        logout_user()
        session.clear()
