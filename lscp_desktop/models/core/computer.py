"""The computer's name and the person's user name, as locks, the audit log and temporary
files record them.

Both are what ``socket.gethostname()`` and ``getpass.getuser()`` give, read the way those
functions read them but without importing their modules where the platform hands the names over
directly: ``socket`` costs the window's start ~4 ms (it builds its enums on import) and
``getpass`` ~1 ms, to read two short strings (issue 21). Each is looked up once a run: the
audit asks on every write.
"""

from __future__ import annotations

import os
from functools import cache

#: Where ``getpass.getuser()`` looks first, in its order (its documented behaviour).
USER_VARIABLES = ("LOGNAME", "USER", "LNAME", "USERNAME")


@cache
def computer_name() -> str:
    """This computer's name as the network knows it ("unknown" if it has none)."""
    try:
        if hasattr(os, "uname"):  # POSIX: gethostname() is the node name uname() reports
            return os.uname().nodename or "unknown"
        import socket  # Windows

        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


@cache
def os_user() -> str:
    """The operating system's name for the person running the app ("unknown" if none): the
    first of :data:`USER_VARIABLES` set, else (POSIX) the password database's entry."""
    for variable in USER_VARIABLES:
        if name := os.environ.get(variable):
            return name
    try:
        import pwd
    except ImportError:  # Windows, with none of the variables set
        return "unknown"
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # a user id with no entry (some containers)
        return "unknown"
