"""A team database's address and password (issue 22), kept apart.

An address (``postgresql://user@host:port/database?sslmode=verify-full``) is what the app
remembers and shows: never with a password in it (:func:`without_password`). The password is
kept, when the user asks, in the operating system's keyring (Windows Credential Manager, the
macOS Keychain, the Secret Service on Linux) through the ``keyring`` package, under the address
it opens; on a computer with no keyring it is simply not remembered (:func:`keyring_problem`
says why). Where no password is given, the server's own ways still apply (PGPASSWORD, a
``.pgpass`` file, or Windows sign-in through GSSAPI/SSPI where IT has set it up).

Pure text and the keyring: nothing here imports psycopg.
"""

from __future__ import annotations

import logging
from typing import NamedTuple
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlencode, urlsplit

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")
KEYRING_SERVICE = "LSCP Desktop team database"
DEFAULT_PORT = 5432


def is_server_address(location: object) -> bool:
    """Whether *location* (what the user gave to open) is a team database's address."""
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


class TeamAddress(NamedTuple):
    """What File › Open › Team database… asks for (the password apart)."""

    host: str
    database: str
    user: str = ""
    port: int = DEFAULT_PORT
    #: ``sslmode`` (``verify-full`` checks the server's certificate and name); empty: libpq's
    #: default.
    sslmode: str = ""

    def url(self) -> str:
        """The address, without any password."""
        who = f"{quote(self.user, safe='')}@" if self.user else ""
        port = f":{self.port}" if self.port and self.port != DEFAULT_PORT else ""
        options = {"sslmode": self.sslmode} if self.sslmode else {}
        host = self.host
        if host.startswith("/"):  # a local server's socket folder
            options, host = {"host": host, **options}, ""
        query = f"?{_encode(list(options.items()))}" if options else ""
        return f"postgresql://{who}{host}{port}/{quote(self.database, safe='')}{query}"

    @classmethod
    def from_url(cls, url: str) -> TeamAddress:
        """The parts of *url* (what the dialog shows when it opens on a remembered address)."""
        parts = urlsplit(url)
        options = dict(parse_qsl(parts.query))
        return cls(
            host=parts.hostname or options.get("host", ""),
            database=unquote(parts.path.lstrip("/")),
            user=unquote(parts.username or options.get("user", "")),
            port=parts.port or DEFAULT_PORT,
            sslmode=options.get("sslmode", ""),
        )


def problem_with(address: TeamAddress) -> str | None:
    """Why *address* cannot be tried, or None."""
    if not address.host.strip():
        return "Give the server's name (ask IT: for example db.council.local)."
    if not address.database.strip():
        return "Give the database's name (ask IT: for example lscp)."
    if not 0 < address.port < 65536:
        return "The port is a number from 1 to 65535 (5432 unless IT says otherwise)."
    return None


def _encode(options: list[tuple[str, str]]) -> str:
    """Query options as libpq reads them (a space is %20, never +)."""
    return urlencode(options, safe="/", quote_via=quote)


def _unsplit(parts: SplitResult) -> str:
    """*parts* as an address again, keeping ``//`` when there is no host (a local socket)."""
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}{parts.path}{query}"


def _split_netloc(url: str) -> tuple[str, str, str | None]:
    """(*url* without its password, its host part, the password or None): a password is
    taken from ``user:password@`` or from ``?password=``."""
    parts = urlsplit(url)
    options = parse_qsl(parts.query, keep_blank_values=True)
    in_query = [v for k, v in options if k == "password"]
    if in_query:
        kept = _encode([(k, v) for k, v in options if k != "password"])
        url = _unsplit(parts._replace(query=kept))
        if parts.password is None:
            return url, parts.netloc, in_query[-1]
        parts = urlsplit(url)
    password = parts.password
    if password is None:
        return url, "", None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (f"{parts.username}@" if parts.username else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    return _unsplit(parts._replace(netloc=netloc)), netloc, unquote(password)


def without_password(url: str) -> str:
    """*url* with any password taken out (fit to remember, log and show)."""
    return _split_netloc(url)[0]


def password_in(url: str) -> str | None:
    return _split_netloc(url)[2]


def with_password(url: str, password: str) -> str:
    """*url* carrying *password* (only ever held in memory, to connect with)."""
    parts = urlsplit(without_password(url))
    options = [*parse_qsl(parts.query, keep_blank_values=True), ("password", password)]
    return _unsplit(parts._replace(query=_encode(options)))


# --------------------------------------------------------------------------- the keyring


def keyring_problem() -> str | None:
    """Why passwords cannot be remembered on this computer, or None if they can."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:  # pragma: no cover - it is a dependency
        return "the keyring package is not installed"
    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # a broken backend configuration is the user's computer's
        return f"the system keyring could not be used ({exc})"
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return "this computer has no system keyring (password store) the app can use"
    return None


def remember_password(url: str, password: str) -> str | None:
    """Keep *password* for *url* in the system keyring. Returns why not, or None."""
    problem = keyring_problem()
    if problem:
        return problem
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, without_password(url), password)
    except Exception as exc:  # the keyring's own errors vary by backend
        log.warning("Could not remember the password: %s", exc)
        return f"the system keyring refused it ({exc})"
    return None


def recalled_password(url: str) -> str | None:
    """The password remembered for *url*, if any (None where there is no keyring)."""
    if keyring_problem():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, without_password(url))
    except Exception as exc:
        log.warning("Could not read the system keyring: %s", exc)
        return None


def forget_password(url: str) -> None:
    if keyring_problem():
        return
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, without_password(url))
    except Exception as exc:  # nothing was remembered, or the keyring is locked
        log.info("No password forgotten: %s", exc)


def connectable(url: str) -> str:
    """*url* as it connects: with the remembered password when it carries none itself."""
    if password_in(url) is not None:
        return url
    password = recalled_password(url)
    return with_password(url, password) if password else url
