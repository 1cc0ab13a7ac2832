from dataclasses import dataclass

from lscp_desktop.models.core.records import Record


@dataclass
class _Thing(Record):
    id: int
    name: str = ""


@dataclass
class _Other(Record):
    id: int
    colour: str = ""


def test_from_row_ignores_columns_the_record_does_not_declare() -> None:
    row = {"id": 3, "name": "Board", "colour": "red", "changes": 2}
    assert _Thing.from_row(row) == _Thing(3, "Board")
    # The field names are kept per class: a second class reads its own.
    assert _Other.from_row(row) == _Other(3, "red")
    assert _Thing.from_row({"id": 4}) == _Thing(4)
