"""A second factor: TOTP, single-use recovery codes and passkeys (WebAuthn)."""
