"""The pre-flight check shown before an agenda, a board pack or minutes is exported: what is
missing, with the choice to put it right first or to export anyway."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

#: At most this many findings are listed in the message; the rest are counted.
SHOWN = 12


def findings_text(check: Any) -> str:
    """The check's headline and its findings as a bulleted list."""
    lines = check.lines()
    listed = "\n".join(f"\u2022 {line}" for line in lines[:SHOWN])
    more = f"\n\u2026 and {len(lines) - SHOWN} more." if len(lines) > SHOWN else ""
    return f"{check.headline()}\n\n{listed}{more}"


class PreflightDialog:
    """Asks whether to export although something is missing."""

    @classmethod
    def ask(cls, parent: QWidget | None, check: Any) -> bool:
        """True to export anyway. Tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Warning, f"Before sending the {check.label}",
                          findings_text(check), parent=parent)  # fmt: skip
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 34em; }")  # room for a list
        box.setInformativeText(
            "Nothing internal is printed: what is missing is left out of the document. Put it "
            "right first, or export anyway."
        )
        anyway = box.addButton("Export anyway", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is anyway

    @classmethod
    def show(cls, parent: QWidget | None, check: Any) -> None:
        """The check on request, with nothing to decide."""
        if check.ok:
            QMessageBox.information(parent, f"Check the {check.label}", check.headline())
        else:
            QMessageBox.warning(parent, f"Check the {check.label}", findings_text(check))
