"""PySide6 widgets, Qt item models and dialogs. No business rules and no SQL here."""
