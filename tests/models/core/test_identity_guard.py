"""The child-identity guard: what it refuses, what it lets through, and what it says."""

from __future__ import annotations

import pytest
from helpers.identity_cases import (
    CYRILLIC_O,
    EN_DASH,
    NBSP,
    PASSED,
    REFUSED,
    ZWSP,
)

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import (
    check_no_identity,
    find_identifiers,
    normalise,
)
from lscp_desktop.models.core.identity_rules import nhs_check_digit_ok


@pytest.mark.parametrize(
    "digits",
    # 943 476 5919 is the NHS's own published example; the others are computed to pass.
    ["9434765919", "4010232137", "6541293856", "4505577104"],
)
def test_valid_nhs_check_digits(digits: str) -> None:
    assert nhs_check_digit_ok(digits)


@pytest.mark.parametrize(
    "digits",
    [
        "9434765918",  # check digit off by one
        "9434765910",
        "4010232138",
        "1234567890",  # check digit would be 10: never a valid NHS number
        "123456789",
        "94347659191",
        "94347a5919",
    ],
)
def test_invalid_nhs_check_digits(digits: str) -> None:
    assert not nhs_check_digit_ok(digits)


@pytest.mark.parametrize(("text", "kind"), REFUSED, ids=[t for t, _ in REFUSED])
def test_identifiers_are_refused(text: str, kind: str) -> None:
    found = find_identifiers(text)
    assert found, f"{text!r} was let through"
    assert found[0].kind == kind
    with pytest.raises(ValidationError):
        check_no_identity(text, "notes", "Notes")


@pytest.mark.parametrize("text", PASSED)
def test_innocent_text_passes(text: str) -> None:
    assert find_identifiers(text) == []
    assert check_no_identity(text, "notes", "Notes") == text.strip()


def test_the_table_is_big_enough() -> None:
    assert len(REFUSED) >= 60 and len(PASSED) >= 60
    assert len({t for t, _ in REFUSED}) == len(REFUSED) and len(set(PASSED)) == len(PASSED)


def test_a_venue_may_hold_a_postcode_but_nothing_else() -> None:
    venue = "Civic Centre, 1 High Street, SE11 5QY"
    assert [f.kind for f in find_identifiers(venue)] == ["postcode"]
    assert find_identifiers(venue, skip=frozenset({"postcode"})) == []
    assert find_identifiers("SE11 5QY, DOB 14/03/2019", skip=frozenset({"postcode"}))


def test_unicode_tricks_are_undone_before_matching() -> None:
    assert normalise(f"D{ZWSP}{CYRILLIC_O}B") == "DOB"
    assert normalise(f"943{NBSP}476{EN_DASH}5919") == "943 476-5919"
    assert normalise("\uff24\uff2f\uff22") == "DOB"  # full-width letters
    assert normalise("plain ASCII stays") == "plain ASCII stays"


def test_refusal_names_the_field_and_quotes_what_was_found() -> None:
    with pytest.raises(ValidationError) as caught:
        check_no_identity("Born 01/03/2015, NHS 943 476 5919, at SW1A 1AA", "summary", "Summary")
    message = str(caught.value)
    assert caught.value.field == "summary"
    assert message.startswith(
        "Summary: looks like a date of birth: 'Born 01/03/2015', an NHS number: "
        "'943 476 5919' and a postcode: 'SW1A 1AA'."
    )
    assert "never keeps a child's identity" in message


def test_the_issue_example_is_quoted_as_the_issue_says() -> None:
    with pytest.raises(
        ValidationError, match="Notes: looks like a date of birth: 'born 14/03/2026'"
    ):
        check_no_identity("Baby X, born 14/03/2026", "notes", "Notes")
