"""Domain records, rules and the SQLite store. No Qt and no file formats here."""
