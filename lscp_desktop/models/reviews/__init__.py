"""Practice reviews, their statutory clocks and recommendations; audits, training, yearly report.
May import core, store, membership and actions (a recommendation becomes an action)."""
