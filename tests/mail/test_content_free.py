"""No mail carries a record's words, a score, a name or the word "betrayal" (canaries)."""

from __future__ import annotations

from flask import Flask

from tests.builders import PASSWORD, ApiClient, make_couple, unique_email
from tests.mail.inbox import last_token, mails_to
from tests.mail.smtp import text_of

CANARY = "canary-7f3a"


def test_no_mail_carries_record_text_scores_or_names(app: Flask) -> None:
    couple = make_couple(app)  # Sam and Alex
    space = couple.space_id
    disclosure = {"title": f"title {CANARY}", "body": f"body {CANARY}", "category": "contact"}
    assert couple.repairing.post(f"/spaces/{space}/disclosures", json=disclosure).status_code == 201
    checkin = {"felt_safety": 3, "note": f"note {CANARY}"}
    assert couple.hurt.post(f"/spaces/{space}/checkins", json=checkin).status_code == 201

    hurt_email = couple.hurt.user["email"]  # type: ignore[index]
    # Every kind of mail, to the partners' addresses.
    ApiClient(app).post("/auth/register", json=_register(hurt_email))
    ApiClient(app).post("/auth/password-reset", json={"email": hurt_email})
    token = last_token(app, hurt_email, "/reset-password")
    ApiClient(app).post(
        "/auth/password-reset/confirm", json={"token": token, "new_password": "fresh passphrase 1"}
    )
    new_address = unique_email("moved")
    couple.repairing.post("/auth/email", json={"password": PASSWORD, "new_email": new_address})

    addresses = [hurt_email, couple.repairing.user["email"], new_address]  # type: ignore[index]
    mails = [mail for address in addresses for mail in mails_to(app, address)]
    kinds = {text_of(mail).split("\n")[2][:80] for mail in mails}
    assert len(mails) >= 6 and len(kinds) == 6, kinds
    for mail in mails:
        whole = (mail.as_string() + text_of(mail)).lower()
        for secret in (CANARY, "sam", "alex", "betrayal", "contact", "felt"):
            assert secret not in whole, (secret, mail["To"])


def _register(email: str) -> dict[str, str]:
    return {
        "email": email,
        "password": PASSWORD,
        "display_name": "Sam",
        "account_type": "partner",
    }
