"""Starting a signed-in session: shared by password login, the second step and mail links."""

from __future__ import annotations

from flask import after_this_request, request, session
from flask_login import login_user

from mend.auth import devices, service
from mend.auth.throttle import remember_device


def start_session(  # type: ignore[no-untyped-def]
    user, *, remember: bool, new_device: bool = False
) -> None:
    """Log the user in with a new server-side session (also after the second step)."""
    session.clear()
    email = user.email  # read before the session's commit expires the user
    device = devices.describe(request.headers.get("User-Agent"))
    user.session_token = service.open_session(
        user=user, remember=remember, device=device, new_device=new_device
    )
    login_user(user, remember=False)
    session.permanent = remember
    after_this_request(lambda response: remember_device(response, email=email))
