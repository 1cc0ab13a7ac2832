"""Funding: financial years, contributions and payments, in-kind help, budget, spend, reserves.
May import core, store and membership; all its SQL is in ``queries``."""
