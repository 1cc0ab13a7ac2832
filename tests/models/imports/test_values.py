"""Cells to values: every UK date form, money form, yes/no, RAG and status word."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.imports.values import (
    parse_import_date,
    parse_import_money,
    parse_import_time,
    parse_rag,
    parse_status,
    parse_yes_no,
)

END_OF_MARCH = dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    "value",
    [
        "31/03/2026",
        "31/3/26",
        "31-03-2026",
        "31.03.2026",
        "2026-03-31",
        "31-Mar-26",
        "31-mar-2026",
        "31 Mar 2026",
        "31 March 2026",
        "31st March 2026",
        "Tuesday 31 March 2026",
        " 31/03/2026 ",
        "31/03/2026 00:00:00",
        "2026-03-31 00:00:00",
        46112,  # Excel serial number
        46112.0,
        "46112",
        dt.datetime(2026, 3, 31, 0, 0),
        dt.date(2026, 3, 31),
    ],
)
def test_uk_dates_in_every_form(value: object) -> None:
    assert parse_import_date(value) == END_OF_MARCH


def test_serial_dates_count_as_excel_does() -> None:
    assert parse_import_date(45748) == dt.date(2025, 4, 1)
    assert parse_import_date(36526) == dt.date(2000, 1, 1)
    assert parse_import_date("30 Sept 2025") == dt.date(2025, 9, 30)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("03/31/2026", "day first"),  # month-first is refused, not guessed
        ("31/02/2026", "day first"),
        ("31-Foo-26", "not a real date"),
        ("soon", "day first"),
        (True, "should be a date"),
        (10**9, "a number, not a date"),
        (5, "a number, not a date"),
        ("", "Enter the"),
    ],
)
def test_bad_dates_say_what_to_write(value: object, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        parse_import_date(value, "due date")


@pytest.mark.parametrize(
    ("value", "pence"),
    [
        ("34592", 3_459_200),
        ("34,592", 3_459_200),
        ("£34,592.00", 3_459_200),
        ("£34,592.5", 3_459_250),
        ("(1,200)", -120_000),
        ("-£50", -5_000),
        ("£ 1 200", 120_000),
        ("1,200-", -120_000),
        ("GBP 250", 25_000),
        (34592, 3_459_200),
        (34592.0, 3_459_200),
        (1234.56, 123_456),
        (0.1 + 0.2, 30),  # float noise below a penny is not a fraction of a penny
        (Decimal("19.99"), 1_999),
        ("12.3400000001", 1_234),
    ],
)
def test_money_in_every_form(value: object, pence: int) -> None:
    assert parse_import_money(value) == pence


@pytest.mark.parametrize("value", ["12.345", "£1,23", "lots", True, "1.2.3"])
def test_bad_money_is_refused(value: object) -> None:
    with pytest.raises(ValidationError):
        parse_import_money(value, "contribution")


@pytest.mark.parametrize(
    ("value", "rag"),
    [("Red", "red"), ("R", "red"), ("AMBER ", "amber"), ("RAG: Green", "green"),
     ("g", "green"), ("Complete", "blue"), ("Red - overdue", "red"), ("on track", "green")],
)  # fmt: skip
def test_rag_words(value: str, rag: str) -> None:
    assert parse_rag(value) == rag


@pytest.mark.parametrize(
    ("value", "status"),
    [("Open", "open"), ("Not started", "open"), ("ongoing", "in progress"),
     ("Completed", "complete"), ("Closed", "complete"), ("Completed 12/03", "complete"),
     ("On hold", "on hold"), ("Withdrawn", "cancelled")],
)  # fmt: skip
def test_status_words(value: str, status: str) -> None:
    assert parse_status(value) == status


def test_unknown_rag_lists_the_choices() -> None:
    with pytest.raises(ValidationError, match="red, amber, green, blue"):
        parse_rag("purple")


@pytest.mark.parametrize(
    ("value", "answer"),
    [("Yes", True), ("y", True), ("X", True), (True, True), (1, True), ("no", False),
     ("", False), ("N", False), (0, False)],
)  # fmt: skip
def test_yes_no(value: object, answer: bool) -> None:
    assert parse_yes_no(value) is answer


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (parse_import_money, "1" * 20, "£100,000,000"),
        (parse_import_money, "9" * 5000, "£100,000,000"),
        (parse_import_money, "-£-1.234", "not an amount of money"),
        (parse_import_money, Decimal("NaN"), "not an amount of money"),
        (parse_import_date, float("inf"), "not a date"),  # an Excel cell of 1e999
        (parse_import_date, float("nan"), "not a date"),
        (parse_import_time, Decimal("sNaN"), "not a time"),
    ],
    ids=["20 digits", "5000 digits", "two minus signs", "NaN", "date 1e999",
         "date NaN", "time sNaN"],
)  # fmt: skip
def test_out_of_range_and_non_finite_cells_are_refused(
    parse: Any, value: object, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        parse(value, "amount")
