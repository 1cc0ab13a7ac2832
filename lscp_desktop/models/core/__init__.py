"""The small shared pieces every area uses: dates and working days, money, text, errors,
the record base, settings and the child-identity guard. Imports only store/ of models/."""
