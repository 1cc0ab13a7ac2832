"""Email drafts Outlook opens ready to send (``.eml`` with ``X-Unsent: 1``), calendar
invitations, and optionally the drafts put straight into Outlook's Drafts folder."""
