"""A PostgreSQL server of the test session's own: the distribution's binaries (``initdb``,
``pg_ctl``), a temporary data folder, a Unix socket in it and no TCP port; stopped and removed
when the session ends. Each test gets a database of its own, copied from a migrated template
(``CREATE DATABASE … TEMPLATE``, a few tens of milliseconds).

``initdb`` refuses to run as root (CI runs the tests as root): the server then runs as the
``postgres`` system user, which owns the folder.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

#: Where Debian and Ubuntu put the server's programs (``scripts/sysdeps.sh test`` installs them).
CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin",
              "/usr/lib/postgresql/17/bin")  # fmt: skip


class Unavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says what to install."""


def bin_dir() -> Path:
    for candidate in CANDIDATES:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    raise Unavailable(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found; the tests run every "
        "area against PostgreSQL as well as SQLite. Install them: scripts/sysdeps.sh test "
        "(as root), or sudo apt-get install -y postgresql."
    )


class Server:
    """A running test server; :meth:`stop` ends it and removes its folder."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="lscp-pg-"))  # short: a socket path is
        self.data = self.folder / "data"  # limited to about 100 characters
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as exc:
                raise Unavailable("Running as root, and there is no postgres user.") from exc
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)
        self._pool: tuple[str, Any] | None = None
        self._seed: list[tuple[str, list[str], list[Any], str | None]] = []
        self._run(
            "initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-locale",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off -c max_connections=300"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-s",
                  "-l", str(self.folder / "server.log"), "start")  # fmt: skip

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(
            [*self._as, str(self.bin / program), *args], capture_output=True, text=True
        )
        if done.returncode:
            raise Unavailable(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")

    def url(self, database: str) -> str:
        return f"postgresql:///{database}?host={self.folder}&user=postgres"

    def admin(self, sql: str) -> None:
        """Run one statement on the server's own database (outside any transaction)."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        name = f"test_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def emptied(self, template: str) -> str:
        """A database holding what *template* (a migrated, otherwise empty database) holds:
        the same one for every test, emptied again before each (~30 ms, where copying the
        template takes ~300 ms); a new copy if a test left rows locked."""
        import psycopg

        if self._pool is None:
            self._pool = (self.new_database(template), None)
        try:
            self._empty()
        except psycopg.OperationalError:  # rows locked by a test's leftover connection
            if self._pool[1] is not None:
                self._pool[1].close()
            self._pool = (self.new_database(template), None)
            self._empty()
        return self._pool[0]

    def _empty(self) -> None:
        import psycopg

        assert self._pool is not None
        name, conn = self._pool
        if conn is None:
            conn = psycopg.connect(self.url(name), autocommit=True)
            conn.execute("SET session_replication_role = replica")  # no foreign key order
            conn.execute("SET lock_timeout = 2000")
            self._pool = (name, conn)
            if not self._seed:
                self._seed = _seed(conn)
        with conn.transaction():
            for table, columns, rows, sequence in self._seed:
                conn.execute(f"DELETE FROM {table}")
                if rows:
                    marks = ", ".join(["%s"] * len(columns))
                    with conn.cursor() as cur:
                        cur.executemany(
                            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
                        )
                if sequence:
                    top = max((r[0] for r in rows), default=0)
                    conn.execute("SELECT setval(%s, %s, %s)", (sequence, max(top, 1), top > 0))

    def drop(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self._pool and self._pool[1] is not None:
            self._pool[1].close()
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-s", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _seed(conn: Any) -> list[tuple[str, list[str], list[Any], str | None]]:
    """Every table of a freshly migrated database: its columns, the rows the migrations put
    in it (id first) and its identity sequence."""
    out = []
    tables = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_type = 'BASE TABLE' AND table_name <> 'lscp_migrations'"
    ).fetchall()
    for (table,) in tables:
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                " ORDER BY column_name <> 'id', ordinal_position",
                (table,),
            )
        ]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        sequence = None
        if columns[0] == "id":
            found = conn.execute("SELECT pg_get_serial_sequence(%s, 'id')", (table,)).fetchone()
            sequence = found[0] if found else None
        out.append((table, columns, rows, sequence))
    return out
