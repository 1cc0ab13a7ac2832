"""Partnership preferences, declared once: key, type, default, label and a check.

They are kept in the database (they belong to the partnership, not to the laptop), read with
:func:`get` and written with :func:`set_value`, which validates first. Window geometry is not
here: it lives in QSettings on the laptop.

A setting that other stored figures are worked out from (a review's clocks from the clock
targets) names them in ``recomputes``; the area that owns those figures registers how to
recompute them with :func:`register_recompute`, since this module sits below every area and
imports none. :func:`set_value` runs the recomputation in the same transaction, and refuses to
save such a setting while nothing is registered, so the figures can never be left stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lscp_desktop.models.core.errors import ValidationError
from lscp_desktop.models.store.database import Store


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    kind: type
    default: object
    help: str = ""
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[object], None] | None = None
    #: The name of what is worked out from the value and must be recomputed when it changes;
    #: the area that owns it registers how with :func:`register_recompute`.
    recomputes: str = ""


#: How to recompute what a setting's ``recomputes`` names, registered by the area that owns it.
_RECOMPUTE: dict[str, Callable[[Store], None]] = {}


def _template_exists(value: object) -> None:
    text = str(value or "").strip()
    if text and not Path(text).is_file():
        raise ValidationError(f"The Word template {text} cannot be found.", "word_template")
    if text and not text.lower().endswith(".docx"):
        raise ValidationError("Choose a Word .docx file as the template.", "word_template")


def _sender_email(value: object) -> None:
    from lscp_desktop.models.core.text import is_email

    text = str(value or "").strip()
    if text and not is_email(text):
        raise ValidationError(
            f"'{text}' is not an email address; it should look like name@council.gov.uk.",
            "mail_sender_email",
        )


def _free_text(key: str, label: str, kind: str) -> Callable[[object], None]:
    """A check that puts a free-text setting through the one door's rules (no child's
    identity; its kind's length)."""

    def check(value: object) -> None:
        from lscp_desktop.models.core import text_policy

        text_policy.check(text_policy.KINDS[kind], label, key, str(value or ""))

    return check


#: What the practice-review clock targets are used for (the reviews area registers how to
#: recompute them).
REVIEW_CLOCKS = "review clocks"

SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting(
            "rag_amber_days", "Amber when due within (days)", int, 14, minimum=1, maximum=90,
            help="An open action turns amber this many days before it is due.",
        ),
        Setting(
            "paper_deadline_days", "Papers due (working days before a meeting)", int, 7,
            minimum=1, maximum=30,
        ),
        Setting(
            "default_marking", "Protective marking for documents", str, "OFFICIAL",
            choices=("OFFICIAL", "OFFICIAL-SENSITIVE"),
        ),
        Setting(
            "word_template", "Council Word template (.docx)", str, "", check=_template_exists,
            help="Leave empty to use LSCP Desktop's own template.",
        ),
        Setting(
            "contribution_payment_days", "Contributions due (days after the invoice)", int, 30,
            minimum=1, maximum=365,
            help="A contribution not paid this many days after its invoice shows as overdue.",
        ),
        Setting(
            "review_commission_working_days",
            "Practice review reviewer commissioned within (working days of decision)",
            int, 20, minimum=1, maximum=120, recomputes=REVIEW_CLOCKS,
        ),
        Setting(
            "review_draft_months", "Practice review draft report due (months after decision)",
            int, 4, minimum=1, maximum=12, recomputes=REVIEW_CLOCKS,
        ),
        Setting(
            "review_final_months", "Practice review final report due (months after decision)",
            int, 5, minimum=1, maximum=12, recomputes=REVIEW_CLOCKS,
        ),
        Setting(
            "review_publication_months", "Practice review published within (months of decision)",
            int, 6, minimum=1, maximum=18, recomputes=REVIEW_CLOCKS,
        ),
        # The retention schedule (models/privacy/retention.py proposes what it says to erase).
        Setting(
            "retention_people_years", "People who left: erase after (years)", int, 6,
            minimum=1, maximum=50,
            help="Unless they are linked to a practice review. Nothing is erased without your "
            "confirmation: Review old records lists what is due.",
        ),
        Setting(
            "retention_audit_years", "History detail: clear after (years)", int, 6,
            minimum=1, maximum=50,
            help="Who changed what, and when, is kept; the old and new values are cleared.",
        ),
        Setting(
            "retention_review_years",
            "Closed practice reviews: clear after (years; 0 keeps them)", int, 0,
            minimum=0, maximum=99,
            help="By the partnership's own policy; 0 keeps them. The reference, kind and dates "
            "stay; the summary, notes and reviewer are cleared.",
        ),
        Setting(
            "review_national_response_months",
            "Response to a national review due (months after the Panel publishes it)",
            int, 3, minimum=1, maximum=12, recomputes=REVIEW_CLOCKS,
        ),
        Setting(
            "arrangements_notice_days",
            "Warn of a published document's review (days ahead)", int, 60, minimum=7,
            maximum=365,
            help="Home and the deadlines list show a document's review this many days ahead.",
        ),
        # Correspondence: the email drafts (models/correspondence/, exports/mail/).
        Setting(
            "mail_sender_name", "Emails: sent by (name)", str, "",
            check=_free_text("mail_sender_name", "Emails: sent by", "name"),
            help="The business manager's name, as the invitations' organiser.",
        ),
        Setting(
            "mail_sender_email", "Emails: sender's address", str, "", check=_sender_email,
            help="The mailbox the emails go from: calendar replies and updates come back to it, "
            "so keep it the same from year to year.",
        ),
        Setting(
            "mail_sign_off", "Emails: sign-off", str, "",
            check=_free_text("mail_sign_off", "Emails: sign-off", "text"),
            help="Ends every email, e.g. 'Kind regards' and your name, post and partnership "
            "on the lines below. Empty: 'Kind regards', the sender's name and the partnership.",
        ),
        Setting(
            "paper_request_working_days",
            "Ask for papers (working days before their deadline)", int, 10, minimum=1,
            maximum=60,
            help="Home lists a meeting's paper requests to send from this many working days "
            "before the papers are due.",
        ),
        Setting(
            "circulation_days", "Circulate papers (working days before a meeting)", int, 5,
            minimum=1, maximum=30,
            help="A body's own period, set with its cadence, comes first.",
        ),
    )
}  # fmt: skip


def get(store: Store, key: str) -> object:
    """The setting's value, typed, or its default."""
    setting = SETTINGS[key]
    raw = store.get_setting(key)
    if raw is None:
        return setting.default
    if setting.kind is int:
        try:
            return int(raw)
        except ValueError:
            return setting.default
    return raw


def get_int(store: Store, key: str) -> int:
    value = get(store, key)
    return value if isinstance(value, int) else int(str(value))


def get_str(store: Store, key: str) -> str:
    return str(get(store, key))


def set_value(store: Store, key: str, value: object) -> None:
    """Validate and store one setting; a bad value is refused with what to enter instead."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise ValidationError(f"There is no setting called {key}.", key)
    if setting.kind is int:
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(f"{setting.label}: enter a whole number.", key) from None
        low, high = setting.minimum, setting.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValidationError(f"{setting.label}: enter a number from {low} to {high}.", key)
        text = str(number)
    else:
        text = str(value or "").strip()
        if setting.choices and text not in setting.choices:
            raise ValidationError(
                f"{setting.label}: choose one of {', '.join(setting.choices)}.", key
            )
    if setting.check:
        setting.check(text)
    recompute = None
    if setting.recomputes:
        recompute = _RECOMPUTE.get(setting.recomputes)
        if recompute is None:
            raise RuntimeError(
                f"The setting {key} changes the {setting.recomputes}, but nothing has registered "
                "how to recompute them; import the module that registers it first."
            )
    with store.transaction():
        store.set_setting(key, text)
        if recompute is not None:
            recompute(store)


def register_recompute(name: str, keys: Iterable[str], recompute: Callable[[Store], None]) -> None:
    """Have :func:`set_value` run *recompute*, in its transaction, when a setting that names
    *name* in ``recomputes`` changes. *keys* are the settings the owner reads; they must be
    exactly those that name *name*, so that one added on either side alone fails at once."""
    declared = sorted(k for k, s in SETTINGS.items() if s.recomputes == name)
    if sorted(keys) != declared:
        raise ValueError(f"{name} are worked out from {sorted(keys)}, but {declared} name them.")
    _RECOMPUTE[name] = recompute
