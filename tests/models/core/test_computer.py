"""The computer's and the user's names, read without ``socket`` and ``getpass``, are theirs."""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Iterator

import pytest

from lscp_desktop.models.core import computer


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """Each test reads the names afresh, and leaves no name of its own cached behind it."""
    computer.computer_name.cache_clear()
    computer.os_user.cache_clear()
    yield
    computer.computer_name.cache_clear()
    computer.os_user.cache_clear()


def test_the_computer_name_is_the_one_socket_gives() -> None:
    assert computer.computer_name() == socket.gethostname()


def test_the_user_name_is_the_one_getpass_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    assert computer.os_user() == getpass.getuser()
    for variable in computer.USER_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    computer.os_user.cache_clear()
    assert computer.os_user() == getpass.getuser()  # (the password database's, on POSIX)


def test_the_variables_are_read_in_getpass_order(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in computer.USER_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("USERNAME", "win-user")
    monkeypatch.setenv("USER", "posix-user")
    monkeypatch.setenv("LOGNAME", "")  # set but empty: skipped, as getpass skips it
    assert computer.os_user() == getpass.getuser() == "posix-user"


@pytest.mark.skipif(os.name != "posix", reason="POSIX: no password database elsewhere")
def test_a_user_id_without_an_entry_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    for variable in computer.USER_VARIABLES:
        monkeypatch.delenv(variable, raising=False)

    def missing(_uid: int) -> pwd.struct_passwd:
        raise KeyError(_uid)

    monkeypatch.setattr(pwd, "getpwuid", missing)
    assert computer.os_user() == "unknown"


def test_a_computer_without_a_name_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    if hasattr(os, "uname"):
        monkeypatch.setattr(os, "uname", lambda: os.uname_result(("Linux", "", "", "", "")))
    else:  # pragma: no cover - Windows
        monkeypatch.setattr(socket, "gethostname", lambda: "")
    assert computer.computer_name() == "unknown"
