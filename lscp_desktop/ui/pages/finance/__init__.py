"""The Finance page: contributions, payments, budget, spend, reserves and charts."""
