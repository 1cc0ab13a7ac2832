"""The published arrangements register: seed 003's dates, review periods, the warning ahead of
each review, bad input and a child's identity refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from helpers.identity import IDENTITY_STRINGS
from helpers.membership import body

from lscp_desktop.models.assurance.arrangements import (
    delete_document,
    first_implementation,
    list_documents,
    record_review,
    reviews_due,
    save_document,
)
from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store

D = dt.date


def seed_003(store: Store) -> tuple[int, int]:
    arrangements = save_document(store, {
        "kind": "published arrangements",
        "title": "Safeguarding Children Partnership Arrangements",
        "published_date": "28/06/2019", "implemented_date": "29/09/2019",
        "approved_by": "The three chief executives, the borough commander and the CCGs",
        "sos_notified_date": "28/06/2019",
    })  # fmt: skip
    thresholds = save_document(store, {"kind": "thresholds document",
                                       "title": "Threshold of Needs Guide",
                                       "published_date": "29/09/2019"})  # fmt: skip
    return arrangements, thresholds


def test_seed_003s_documents_and_their_reviews(store: Store) -> None:
    arrangements, thresholds = seed_003(store)
    docs = {d.id: d for d in list_documents(store)}
    # Reviewed every year from implementation: 29/09/2020, the date seed 003 publishes.
    assert docs[arrangements].review_due == "2020-09-29"
    assert docs[arrangements].review_rule == "reviewed every year, counted from implementation"
    # The thresholds document every two years.
    assert docs[thresholds].review_months == 24
    assert docs[thresholds].review_due == "2021-09-29"
    assert first_implementation(store) == "2019-09-29"
    # The warning comes 60 days ahead (the default notice), not before.
    assert reviews_due(store, D(2020, 7, 30), 60) == []
    assert [d.id for d, _ in reviews_due(store, D(2020, 7, 31), 60)] == [arrangements]
    record_review(store, arrangements, "15/09/2020")
    assert next(d for d in list_documents(store) if d.id == arrangements).review_due == (
        "2021-09-15"
    )
    with pytest.raises(ValidationError, match="before the document was published"):
        record_review(store, arrangements, "01/01/2019")


def test_terms_of_reference_of_a_body_and_an_explicit_review_date(store: Store) -> None:
    spg = body(store, "Strategic Planning Group", "SPG")
    tor = save_document(store, {"kind": "terms of reference", "title": "SPG terms of reference",
                                "body_id": spg, "published_date": "2025-04-01",
                                "review_date": "2026-01-31"})  # fmt: skip
    doc = next(d for d in list_documents(store) if d.id == tor)
    assert (doc.body, doc.review_due) == ("Strategic Planning Group", "2026-01-31")
    save_document(store, {**vars(doc), "withdrawn_date": "2025-12-01"}, tor)
    assert list_documents(store, current_only=True) == []
    assert delete_document(store, tor)["title"] == "SPG terms of reference"


@pytest.mark.parametrize(
    ("extra", "message", "field"),
    [
        ({"kind": "poem"}, "Choose the kind of document", "kind"),
        ({"title": "  "}, "Enter the document's title", "title"),
        ({"title": "x" * 201}, "200 characters", "title"),
        ({"review_months": "0"}, "every 1 to 60 months", "review_months"),
        ({"review_months": "yearly"}, "number of months", "review_months"),
        ({"published_date": "2019-06-28", "implemented_date": "2019-06-01"},
         "implementation date .* is before the publication date", "implemented_date"),
        ({"published_date": "31/02/2019"}, "is not a date", "publication date"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(
    store: Store, extra: dict[str, Any], message: str, field: str
) -> None:
    with pytest.raises(ValidationError, match=message) as raised:
        save_document(store, {"kind": "escalation protocol", "title": "Escalation protocol",
                              **extra})  # fmt: skip
    assert raised.value.field == field
    assert list_documents(store) == []


@pytest.mark.parametrize(
    ("field", "text"),
    [
        (field, text)
        for field in ("title", "approved_by", "version", "link", "notes")
        for text in IDENTITY_STRINGS
        # a web address is on the door's allow-list for NHS numbers and postcodes
        if not (field == "link" and ("NHS" in text or "SE11" in text))
    ],
)
def test_every_text_field_refuses_a_childs_identity(store: Store, field: str, text: str) -> None:
    values = {"kind": "other", "title": "Information sharing protocol", field: text}
    with pytest.raises(ValidationError, match="child's identity"):
        save_document(store, values)
