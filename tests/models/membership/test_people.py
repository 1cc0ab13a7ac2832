"""People: email addresses are checked before anything is saved."""

from __future__ import annotations

import pytest
from helpers.membership import person

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.membership.people import get_person
from lscp_desktop.models.store.database import Store


@pytest.mark.parametrize(
    "email", ["ann", "ann@", "ann@council", "ann council@x.gov.uk", "@x.gov.uk"]
)
def test_malformed_email_is_refused(store: Store, email: str) -> None:
    with pytest.raises(ValidationError, match="not an email address") as err:
        person(store, "Ann", email=email)
    assert err.value.field == "email"
    assert store.count("people") == 0


def test_good_email_is_accepted(store: Store) -> None:
    pid = person(store, "Ann", email="ann.o'neil@northbridge.gov.uk")
    assert get_person(store, pid).email == "ann.o'neil@northbridge.gov.uk"
