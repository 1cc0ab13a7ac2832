"""Read-only summaries over every area: what the Home page shows and the year's figures.
May import any other area of models/; only ui/ and exports/ import reporting."""
