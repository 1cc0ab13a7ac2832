"""Figures across areas: the Home dashboard and the year's figures for the yearly report.
May import every area's records and rules; nothing imports it but ui/, cli/ and exports/."""
