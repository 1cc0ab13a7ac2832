"""Column headings that several kinds accept for the same thing: an organisation, a body, an owner.

A kind adds its own synonyms to these; a heading is matched whatever its case, spacing or
punctuation (see :func:`lscp_desktop.models.imports.layout.norm_header`).
"""

ORGANISATION_NAMES = (
    "organisation",
    "organisation name",
    "organization",
    "agency",
    "agency name",
    "partner",
    "partner agency",
    "partner organisation",
    "funding body",
    "member organisation",
    "org",
    "name",
)

#: An organisation named beside a person or a record ("name" alone is the person's or record's).
ORG_NAMES = tuple(n for n in ORGANISATION_NAMES if n != "name")

BODY_NAMES = (
    "group",
    "board",
    "committee",
    "subgroup",
    "sub group",
    "forum",
    "body name",
    "group name",
    "body code",
    "log",
    "action log",
)

OWNER_NAMES = (
    "lead",
    "responsible",
    "responsible officer",
    "lead officer",
    "action owner",
    "owner name",
    "assigned to",
    "by whom",
    "who",
)

PRIORITY_NAMES = ("strategic priority", "business plan priority", "priority area")
