"""The authorization table: (method, route rule) x target x principal -> the status the contract
requires (DESIGN.md, "API contract" and "Consent").

Every route under /api/v1 has a row per target it is called against, and each
row names the status for each principal, in the order of PRINCIPALS:

    H    the hurt partner of the home space
    R    the repairing partner of the home space
    T+   a therapist in the home space to whom both partners granted all five categories
    T-   a therapist in the home space with no grants at all
    xH   the hurt partner of the other space (a stranger to the home space)
    xT   the other space's therapist, with every grant there
    anon not logged in

A route that has no row fails the matrix: nothing is allowed by default.

The world is described in world.py: in both spaces the repairing partner
stopped sharing check-ins with the hurt partner, the hurt partner shares
check-in notes with the repairing partner, and each partner keeps one check-in
note private; in the home space the hurt partner also keeps their replies and
reviews from the repairing partner. Every word written there is a canary: no
response may carry one to a principal who may not read it.

Targets (which ids go into the rule's variables):
    -        the route names no record; it acts on the caller, or is public
    home     the home space, and its own disclosure / commitment / check / therapist;
             for /invites/accept a fresh therapist invite to the home space
    other    the other space and its records, under the other space's URL
    mixed    a record of the other space asked for under the home space's URL
    mixed-check      the home space's commitment with the other space's check
    fixed    the hurt partner as viewer of `disclosures` (always shared by the repairing role)
    hurt-note, hurt-private, repairing-note, repairing-private
             the home space's check-ins: each partner's with a shared note and with a private one
"""

from __future__ import annotations

ANONYMOUS = "anonymous"
PRINCIPALS = (
    "hurt",
    "repairing",
    "granted_therapist",
    "ungranted_therapist",
    "outside_hurt",
    "outside_therapist",
    ANONYMOUS,
)
# Who plays each role in each space (None: someone the matrix does not play).
HOME_ROLES = {
    "hurt": "hurt",
    "repairing": "repairing",
    "therapist": "granted_therapist",
    "ungranted_therapist": "ungranted_therapist",
}
OTHER_ROLES = {"hurt": "outside_hurt", "repairing": None, "therapist": "outside_therapist"}

SPACE = "/spaces/<int:space_id>"
DISCLOSURE = f"{SPACE}/disclosures/<int:disclosure_id>"
COMMITMENT = f"{SPACE}/commitments/<int:commitment_id>"

Row = tuple[int, int, int, int, int, int, int]

# fmt: off
TABLE: dict[tuple[str, str], dict[str, Row]] = {
    #                                             H    R    T+   T-   xH   xT   anon
    ("GET", "/openapi.json"):            {"-":   (200, 200, 200, 200, 200, 200, 200)},
    ("GET", "/health"):                  {"-":   (200, 200, 200, 200, 200, 200, 200)},
    ("GET", "/auth/csrf"):               {"-":   (200, 200, 200, 200, 200, 200, 200)},
    # A new account: the same answer for anyone; nobody's session changes.
    ("POST", "/auth/register"):          {"-":   (202, 202, 202, 202, 202, 202, 202)},
    # Mailed links, here with a token nobody was sent: gone for everyone.
    ("POST", "/auth/verify"):            {"-":   (410, 410, 410, 410, 410, 410, 410)},
    ("POST", "/auth/password-reset"):    {"-":   (202, 202, 202, 202, 202, 202, 202)},
    ("POST", "/auth/password-reset/confirm"): {"-": (410, 410, 410, 410, 410, 410, 410)},
    ("POST", "/auth/email"):             {"-":   (202, 202, 202, 202, 202, 202, 401)},
    ("POST", "/auth/email/confirm"):     {"-":   (410, 410, 410, 410, 410, 410, 410)},
    # Their own credentials (anonymous: a spare account's).
    ("POST", "/auth/login"):             {"-":   (200, 200, 200, 200, 200, 200, 200)},
    ("POST", "/auth/logout"):            {"-":   (204, 204, 204, 204, 204, 204, 401)},
    ("GET", "/auth/me"):                 {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("POST", "/auth/password"):          {"-":   (200, 200, 200, 200, 200, 200, 401)},
    # Second factors act on the caller alone (the therapist rule is off in tests). Nobody in
    # the world has one: nothing waits to be confirmed, turned off or regenerated, no
    # passkey request was started, no login waits for its second step.
    ("GET", "/auth/mfa"):                {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("POST", "/auth/mfa/totp"):          {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("DELETE", "/auth/mfa/totp"):        {"-":   (404, 404, 404, 404, 404, 404, 401)},
    ("POST", "/auth/mfa/totp/confirm"):  {"-":   (404, 404, 404, 404, 404, 404, 401)},
    ("POST", "/auth/mfa/recovery-codes"): {"-":  (409, 409, 409, 409, 409, 409, 401)},
    ("POST", "/auth/mfa/passkeys/registration-options"):
                                         {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("POST", "/auth/mfa/passkeys"):      {"-":   (409, 409, 409, 409, 409, 409, 401)},
    # A passkey id nobody holds: the same 404 as another person's passkey.
    ("DELETE", "/auth/mfa/passkeys/<int:passkey_id>"):
                                         {"-":   (404, 404, 404, 404, 404, 404, 401)},
    ("POST", "/auth/mfa/passkeys/authentication-options"):
                                         {"-":   (200, 200, 200, 200, 200, 200, 200)},
    ("POST", "/auth/mfa/passkeys/login"): {"-":  (401, 401, 401, 401, 401, 401, 401)},
    ("POST", "/auth/mfa/verify"):        {"-":   (401, 401, 401, 401, 401, 401, 401)},
    ("GET", "/auth/sessions"):           {"-":   (200, 200, 200, 200, 200, 200, 401)},
    # The spare account's session: nobody else's to end.
    ("DELETE", "/auth/sessions/<int:session_id>"): {"-": (404, 404, 404, 404, 404, 404, 401)},
    ("GET", "/account/export"):          {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("DELETE", "/account"):              {"-":   (204, 204, 204, 204, 204, 204, 401)},
    ("GET", "/account/reminders"):       {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("PUT", "/account/reminders"):       {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("POST", "/account/reminders/mute"): {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("GET", "/account/push-key"):        {"-":   (200, 200, 200, 200, 200, 200, 401)},
    # The endpoint is https on a name that doesn't resolve: refused for everyone signed in.
    ("POST", "/account/push-subscriptions"): {"-": (422, 422, 422, 422, 422, 422, 401)},
    # Nobody's subscription has this id.
    ("DELETE", "/account/push-subscriptions/<int:subscription_id>"):
                                         {"-":   (404, 404, 404, 404, 404, 404, 401)},
    ("GET", "/therapist/caseload"):      {"-":   (403, 403, 200, 200, 403, 200, 401)},
    ("GET", "/spaces"):                  {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("POST", "/spaces"):                 {"-":   (201, 201, 403, 403, 201, 403, 401)},
    # A therapist invite: partners hold the wrong kind of account, members are already in.
    ("POST", "/invites/accept"):         {"home":  (403, 403, 409, 409, 403, 200, 401)},
    ("GET", SPACE):                      {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("POST", f"{SPACE}/invites"):        {"home":  (201, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 201, 403, 401)},
    ("POST", f"{SPACE}/leave"):          {"home":  (204, 204, 204, 204, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 204, 204, 401)},
    ("GET", f"{SPACE}/access-log"):      {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("GET", f"{SPACE}/consents"):        {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    # Granting `checkins` to the target's therapist (already granted: nothing changes).
    ("PUT", f"{SPACE}/consents/<int:viewer_id>/<string:category>"):
                                         {"home":  (200, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401),
                                          "mixed": (404, 404, 403, 403, 404, 404, 401),
                                          "fixed": (404, 403, 403, 403, 404, 404, 401)},
    # Therapists grant nothing: their stop-all is 403 (rule 10).
    ("POST", f"{SPACE}/consents/stop-all"):
                                         {"home":  (200, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    # Pending invites are the partners' to list and withdraw (rule 11).
    ("GET", f"{SPACE}/invites"):         {"home":  (200, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    ("DELETE", f"{SPACE}/invites/<int:invite_id>"):
                                         {"home":  (204, 204, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 204, 403, 401),
                                          "mixed": (404, 404, 403, 403, 404, 404, 401)},
    # The target's therapist (already approved: approving again changes nothing).
    ("POST", f"{SPACE}/members/<int:user_id>/approve"):
                                         {"home":  (200, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401),
                                          "mixed": (404, 404, 403, 403, 404, 404, 401)},
    ("DELETE", f"{SPACE}/members/<int:user_id>"):
                                         {"home":  (204, 204, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 204, 403, 401),
                                          "mixed": (404, 404, 403, 403, 404, 404, 401)},
    ("GET", f"{SPACE}/record/verify"):   {"home":  (200, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    ("GET", f"{SPACE}/report"):          {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("GET", f"{SPACE}/therapist-context"):
                                         {"home":  (404, 404, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 404, 200, 401)},
    ("GET", f"{SPACE}/therapist-notes"): {"home":  (404, 404, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 404, 200, 401)},
    ("POST", f"{SPACE}/therapist-notes"):
                                         {"home":  (404, 404, 201, 201, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 404, 201, 401)},
    ("GET", "/measures"):                {"-":   (200, 200, 200, 200, 200, 200, 401)},
    ("GET", f"{SPACE}/measures"):        {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("POST", f"{SPACE}/measures/<string:instrument_id>/responses"):
                                         {"home":  (201, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 201, 403, 401)},
    # Partners schedule their own; a therapist names the hurt partner of their own space,
    # and may only with the grant of `measures`.
    ("PUT", f"{SPACE}/measures/<string:instrument_id>/schedule"):
                                         {"home":  (200, 200, 200, 404, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    # No schedule exists in the world (404); a therapist must name a partner (422).
    ("DELETE", f"{SPACE}/measures/<string:instrument_id>/schedule"):
                                         {"home":  (404, 404, 422, 422, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 404, 422, 401)},
    ("GET", f"{SPACE}/checkins"):        {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("POST", f"{SPACE}/checkins"):       {"home":  (201, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 201, 403, 401)},
    ("GET", f"{SPACE}/checkins/<int:checkin_id>"):
                                         {"hurt-note":         (200, 200, 200, 404, 404, 404, 401),
                                          "hurt-private":      (200, 200, 200, 404, 404, 404, 401),
                                          "repairing-note":    (404, 200, 200, 404, 404, 404, 401),
                                          "repairing-private": (404, 200, 200, 404, 404, 404, 401),
                                          "other":             (404, 404, 404, 404, 200, 200, 401),
                                          "mixed":             (404, 404, 404, 404, 404, 404, 401)},
    ("GET", f"{SPACE}/trends/safety"):   {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("GET", f"{SPACE}/disclosures"):     {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("POST", f"{SPACE}/disclosures"):    {"home":  (403, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 403, 403, 401)},
    ("GET", DISCLOSURE):                 {"home":  (200, 200, 200, 404, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401),
                                          "mixed": (404, 404, 404, 404, 404, 404, 401)},
    ("POST", f"{DISCLOSURE}/revisions"): {"home":  (403, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 403, 403, 401),
                                          "mixed": (403, 404, 403, 403, 404, 404, 401)},
    ("POST", f"{DISCLOSURE}/responses"): {"home":  (201, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 201, 403, 401),
                                          "mixed": (404, 404, 403, 403, 404, 404, 401)},
    ("POST", f"{DISCLOSURE}/acknowledge"):
                                         {"home":  (200, 403, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401),
                                          "mixed": (404, 403, 403, 403, 404, 404, 401)},
    ("GET", f"{SPACE}/pacing"):          {"home":  (200, 403, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    ("PUT", f"{SPACE}/pacing"):          {"home":  (200, 403, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    ("POST", f"{SPACE}/pacing/release"): {"home":  (200, 403, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    # Checks waiting for the hurt partner's review: their list alone.
    ("GET", f"{SPACE}/checks/awaiting-review"):
                                         {"home":  (200, 403, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 403, 401)},
    ("GET", f"{SPACE}/commitments"):     {"home":  (200, 200, 200, 200, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401)},
    ("POST", f"{SPACE}/commitments"):    {"home":  (403, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 403, 403, 401)},
    ("GET", COMMITMENT):                 {"home":  (200, 200, 200, 404, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 200, 200, 401),
                                          "mixed": (404, 404, 404, 404, 404, 404, 401)},
    ("PATCH", COMMITMENT):               {"home":  (403, 200, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 403, 403, 401),
                                          "mixed": (403, 404, 403, 403, 404, 404, 401)},
    ("POST", f"{COMMITMENT}/checks"):    {"home":  (403, 201, 403, 403, 404, 404, 401),
                                          "other": (404, 404, 404, 404, 403, 403, 401),
                                          "mixed": (403, 404, 403, 403, 404, 404, 401)},
    ("POST", f"{COMMITMENT}/checks/<int:check_id>/review"):
                                         {"home":        (201, 403, 403, 403, 404, 404, 401),
                                          "other":       (404, 404, 404, 404, 201, 403, 401),
                                          "mixed":       (404, 403, 403, 403, 404, 404, 401),
                                          "mixed-check": (404, 403, 403, 403, 404, 404, 401)},
    ("POST", f"{COMMITMENT}/checks/<int:check_id>/replies"):
                                         {"home":        (201, 201, 403, 403, 404, 404, 401),
                                          "other":       (404, 404, 404, 404, 201, 403, 401),
                                          "mixed":       (404, 404, 403, 403, 404, 404, 401),
                                          "mixed-check": (404, 404, 403, 403, 404, 404, 401)},
}
# fmt: on

# Cases where the app answers otherwise than the contract requires, with the reason:
# (method, rule, principal, target) -> "bug: ...". Each one is a strict xfail.
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {}


def rows() -> list[tuple[str, str, str, str, int]]:
    """Every (method, rule, principal, target, expected status) of the table."""
    return [
        (method, rule, principal, target, status)
        for (method, rule), targets in TABLE.items()
        for target, statuses in targets.items()
        for principal, status in zip(PRINCIPALS, statuses, strict=True)
    ]
