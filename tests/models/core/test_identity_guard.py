"""The child-identity guard: what it refuses, what it lets through, and what it says."""

from __future__ import annotations

import pytest

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.core.identity_guard import (
    check_no_identity,
    find_identifiers,
    nhs_check_digit_ok,
)


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


@pytest.mark.parametrize(
    "text",
    [
        "NHS no. 943 476 5919 on file",
        "9434765919",
        "ref 943-476-5919",
        "health record 401 023 2137.",
    ],
)
def test_nhs_numbers_with_valid_check_digit_are_found(text: str) -> None:
    kinds = [f.kind for f in find_identifiers(text)]
    assert kinds == ["NHS number"]


@pytest.mark.parametrize(
    "text",
    ["SW1A 1AA", "GIR 0AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB",
     "lives at sw1a1aa now", "moved to LS11 5DT, then away"],
)  # fmt: skip
def test_uk_postcodes_in_every_official_shape_are_found(text: str) -> None:
    assert [f.kind for f in find_identifiers(text)] == ["postcode"]


@pytest.mark.parametrize(
    "text",
    [
        "born 01/03/2015",
        "DOB: 1.3.15",
        "d.o.b 2015-03-01",
        "D.O.B. 01-03-2015",
        "Child R, born on 1st March 2015",
        "date of birth recorded as 01/03/2015",
        "birthday 1 Mar 2015",
        "born March 1st, 2015",
        "born March 2015",
        "01/03/2015 (DOB)",
        "aged 7 (01/03/2015)",
        "b. 1.3.15",
    ],
)
def test_dates_of_birth_in_several_formats_are_found(text: str) -> None:
    found = find_identifiers(text)
    assert [f.kind for f in found] == ["date of birth"]


@pytest.mark.parametrize(
    "text",
    [
        "CSPR 2025-01",
        "Child R",
        "RR 2026/03",
        "Section 11 audit of 12 agencies",
        "Rapid review meeting held on 01/03/2026; decision sent 15/03/2026.",
        "Published 2026-05-01 after the trial.",
        "Aged 4 at the time of the incident on 03/04/2025",
        "Rapid review 12/03/2026; the child was born prematurely",
        "Call the business unit on 020 7946 0123 or 07700 900123",
        "0800123456",
        "943 476 5918",  # ten digits with the wrong check digit
        "Agencies in the SW1A district",
        "Level 3 training, 25 attendees",
        "Minutes 2.3.4 agreed",
        "",
    ],
)
def test_text_that_must_not_be_refused(text: str) -> None:
    assert find_identifiers(text) == []
    assert check_no_identity(text, "notes", "The notes") == text.strip()


def test_refusal_says_what_was_found_and_why() -> None:
    with pytest.raises(ValidationError) as caught:
        check_no_identity(
            "Born 01/03/2015, NHS 943 476 5919, at SW1A 1AA", "summary", "The summary"
        )
    message = str(caught.value)
    assert caught.value.field == "summary"
    assert "01/03/2015" in message and "date of birth" in message
    assert "943 476 5919" in message and "NHS check digit" in message
    assert "SW1A 1AA" in message and "postcode" in message
    assert message.startswith("The summary looks as if it identifies a child")
