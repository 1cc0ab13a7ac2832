"""The database: connection(s), file location and lock, backups, schema and migrations.
The only package that imports sqlite3; imports core/ (errors) and nothing else of models/."""
