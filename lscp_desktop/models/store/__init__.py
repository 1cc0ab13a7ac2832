"""The database: the Store and its connection per thread, file location and lock, opening checks,
backups, audit log, schema and migrations. The only sqlite3 user; imports core.errors only."""
