"""Correspondence: who is sent which email (chases, paper requests, invitations, the pack).
May import any area up to reviews; only reporting (Home), ui/, exports/ and cli/ import it."""
