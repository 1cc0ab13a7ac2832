"""Correspondence: who is sent which email (chases, paper requests, invitations, the pack).
May import any area below reporting; only ui/, exports/ and cli/ import correspondence."""
