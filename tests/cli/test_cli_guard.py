"""The commands that take text refuse every identity string, save nothing, and say why on one
line; they accept the innocent strings. (They save through the model functions, so the store's
door applies; ``init`` checks its names before it even creates the file.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import location
from helpers.identity_cases import PASSED, REFUSED

from lscp_desktop.cli import main
from lscp_desktop.models.core.errors import LscpError
from lscp_desktop.models.finance.contributions import save_contribution
from lscp_desktop.models.finance.years import get_year, save_year
from lscp_desktop.models.store.database import Store
from lscp_desktop.models.store.opening import open_database

REFUSED_TEXTS = [t for t, _ in REFUSED]
INNOCENT = [t for t in PASSED if t]


@pytest.fixture
def funded(demo_store: Store, tmp_path: Path) -> Path:
    """A copy of the demo with a 2030/31 contribution from its first organisation."""
    year = save_year(demo_store, {"label": "2030/31"})
    org = demo_store.rows("organisations", order_by="id")[0]
    save_contribution(demo_store, {"year_id": year, "organisation_id": org["id"], "agreed": 5000})
    return location(demo_store)


def _counts(path: Path) -> dict[str, int]:
    with open_database(path, daily_backup=False) as store:
        tables = ("contributions", "contribution_payments", "organisations", "audit_log")
        return {t: store.count(t) for t in tables}


def _orgs(path: Path) -> list[str]:
    with open_database(path, daily_backup=False) as store:
        return [str(r["name"]) for r in store.rows("organisations", order_by="id")]


#: command -> its arguments for the i-th text (contributions from organisations 1, 2, …; the
#: payments against organisation 0's).
COMMANDS: dict[str, Callable[[Path, list[str], int, str], list[str]]] = {
    "contribute --invoice-ref": lambda db, orgs, i, text: [
        "finance", "contribute", str(db), "--year", "2030/31", "--organisation",
        orgs[1 + i % (len(orgs) - 1)], "--agreed", "5000", "--invoice-ref", text,
    ],
    "pay --reference": lambda db, orgs, i, text: [
        "finance", "pay", str(db), "--year", "2030/31", "--organisation", orgs[0], "--amount",
        "1", "--date", "01/05/2030", "--reference", text, "--allow-uninvoiced",
    ],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_text_options_refuse_identities(
    funded: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    orgs, before = _orgs(funded), _counts(funded)
    for i, text in enumerate(REFUSED_TEXTS):
        assert main(COMMANDS[command](funded, orgs, i, text)) == 1, text
        err = capsys.readouterr().err.strip()
        assert err.startswith("lscp-desktop: ") and "looks like" in err and "\n" not in err
    assert _counts(funded) == before


def test_contribute_takes_innocent_invoice_references(
    funded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orgs = _orgs(funded)  # one contribution per organisation and year: as many as there are
    for i, text in enumerate(INNOCENT[: len(orgs) - 1]):
        args = COMMANDS["contribute --invoice-ref"](funded, orgs, i, text)
        assert main(args) == 0, capsys.readouterr().err


@pytest.mark.parametrize("part", [0, 1, 2])
def test_pay_takes_every_innocent_reference(
    funded: Path, part: int, capsys: pytest.CaptureFixture[str]
) -> None:
    orgs = _orgs(funded)
    for i, text in enumerate(INNOCENT[part::3]):
        args = COMMANDS["pay --reference"](funded, orgs, i, text)
        assert main(args) == 0, capsys.readouterr().err


@pytest.mark.parametrize("option", ["--name", "--authority"])
def test_init_refuses_before_making_a_file(
    tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for i, text in enumerate(REFUSED_TEXTS):
        path = tmp_path / f"p{i}.db"
        args = ["init", str(path), "--name", "Northbridge SCP"]
        args += [option, text] if option == "--authority" else []
        if option == "--name":
            args[3] = text
        assert main(args) == 1
        assert "looks like" in capsys.readouterr().err
        assert not path.exists()


def test_init_takes_innocent_names(tmp_path: Path) -> None:
    for i, text in enumerate(INNOCENT[:20]):
        assert main(["init", str(tmp_path / f"p{i}.db"), "--name", f"SCP {text}"]) == 0


def test_load_table_refuses_an_identity_in_a_name(
    funded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(funded)
    csv = tmp_path / "c.csv"
    for text in REFUSED_TEXTS:
        csv.write_text(f'organisation,kind,amount_gbp\n"{text}",other,100\n', encoding="utf-8")
        assert main(["finance", "load-table", str(funded), "--year", "2031/32",
                     "--contributions", str(csv)]) == 1, text  # fmt: skip
        assert "looks like" in capsys.readouterr().err
    assert _counts(funded) == before
    with open_database(funded, daily_backup=False) as store, pytest.raises(LscpError, match="2031"):
        get_year(store, "2031/32")
