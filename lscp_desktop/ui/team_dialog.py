"""File › Open team database…: where the partnership's database on a PostgreSQL server is,
and who signs in. The address is built and checked in ``models/store/credentials``; opening it
is ``ui/startup``'s, as for a file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lscp_desktop.models.store.credentials import DEFAULT_PORT, TeamAddress, problem_with

VERIFY = "verify-full"


class TeamDatabaseDialog(QDialog):
    """Server, port, database, user name and password; remember the password in the system
    keyring (not offered, and said why, where this computer has none)."""

    def __init__(
        self, parent: QWidget | None, address: TeamAddress | None, keyring_problem: str | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a team database")
        self.setObjectName("teamDatabaseDialog")
        intro = QLabel(
            "The partnership's database on your council's PostgreSQL server, shared by the "
            "business unit. IT gives you the server, the database and your user name."
        )
        intro.setWordWrap(True)
        self.host = QLineEdit(address.host if address else "")
        self.host.setPlaceholderText("db.council.local")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(address.port if address else DEFAULT_PORT)
        self.database = QLineEdit(address.database if address else "")
        self.database.setPlaceholderText("lscp")
        self.user = QLineEdit(address.user if address else "")
        self.user.setPlaceholderText("your user name on the server")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.verify = QCheckBox("Check the server's certificate (an encrypted connection)")
        self.verify.setChecked(bool(address and address.sslmode == VERIFY))
        self.remember = QCheckBox("Remember the password in this computer's keyring")
        note = QLabel()
        note.setWordWrap(True)
        note.setObjectName("keyringNote")
        if keyring_problem:
            self.remember.setEnabled(False)
            note.setText(
                f"The password cannot be remembered: {keyring_problem}. You will be asked for "
                "it each time; it is never saved in a file."
            )
        else:
            self.remember.setChecked(True)
            note.setText("It is kept by the operating system, never in a file.")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()

        form = QFormLayout()
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User name:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("", self.verify)
        form.addRow("", self.remember)
        form.addRow("", note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        (self.password if address and address.host else self.host).setFocus()

    def address(self) -> TeamAddress:
        return TeamAddress(
            host=self.host.text().strip(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            sslmode=VERIFY if self.verify.isChecked() else "",
        )

    def accept(self) -> None:
        problem = problem_with(self.address())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, address: TeamAddress | None, keyring_problem: str | None
    ) -> tuple[TeamAddress, str, bool] | None:
        """The address, the password and whether to remember it; None if cancelled (tests
        replace this)."""
        dialog = cls(parent, address, keyring_problem)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            remember = dialog.remember.isEnabled() and dialog.remember.isChecked()
            return dialog.address(), dialog.password.text(), remember
        finally:
            dialog.deleteLater()
