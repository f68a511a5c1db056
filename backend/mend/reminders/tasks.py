"""The periodic task that sends due reminders, every five minutes."""

from __future__ import annotations

from huey import crontab

from mend.reminders import service
from mend.tasks import app_context, huey


@huey.periodic_task(crontab(minute="*/5"))
def send_due_reminders() -> None:
    """Send the reminders due now; the dedup rows make a repeated run harmless."""
    with app_context():
        service.send_due()
