"""Two-step sign-in: a one-time code from an authenticator app (TOTP) after the password, with
recovery codes for when the phone is lost (django-otp). docs/security.md, "Two-step sign-in"."""
