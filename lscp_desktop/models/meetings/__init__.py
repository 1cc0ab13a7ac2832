"""Meetings: cadence and schedule, agendas, papers, forward plan, attendance, minutes, cover sheets.
May import models.membership, models.core and models.store; nothing above them."""
