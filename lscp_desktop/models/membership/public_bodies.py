"""What kind of English public body an organisation's name is: the kind and sector it gets,
why, and who it is (so aliases find an organisation already recorded).

A funding table or a membership list names organisations as people write them: "Metropolitan
Police via Mayor's Office for Policing and Crime", "NHS Lewisham CCG", "South London and
Maudsley", "London CRC", "HMP Wormwood Scrubs", "Royal Borough of Greenwich". The rules, in
order (the first that applies decides):

- **police**: the 39 territorial forces of England (and "MOPAC", "Met Police", a police and
  crime commissioner's office, a force's BCU) are the statutory police partner; British
  Transport Police and the Ministry of Defence Police are relevant agencies;
- **health**: an integrated care board or system, or the clinical commissioning group it
  replaced, is the statutory health partner; NHS England a relevant agency;
- **NHS trusts** (a trust, foundation trust, hospital, or a known trust such as South London
  and Maudsley) are relevant agencies; so are **probation** (the Probation Service, a
  community rehabilitation company), **prisons and youth custody**, **Cafcass** and **fire**;
- **education**: schools, academies, colleges, nurseries, early years settings;
- **councils** (:mod:`english_councils`): a council of one of the partnership's authorities is
  a statutory partner; a district council in a two-tier county the partnership covers is a
  relevant agency; any other council (a neighbouring borough) is "other";
- **housing** associations are relevant agencies; charities and community groups voluntary;
- anything else is "other", to be checked.

Aliases: :func:`identity` reduces a name to who the body is ("police:metropolitan",
"council:lambeth", "south london and maudsley"), so "Met Police" finds "Metropolitan Police".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from lscp_desktop.models.membership.english_councils import two_tier, unitary
from lscp_desktop.models.membership.records import Organisation

#: England's 39 territorial police forces, by the name that identifies each.
POLICE_FORCES = (
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London",
    "Cleveland", "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Essex",
    "Gloucestershire", "Greater Manchester", "Hampshire", "Hertfordshire", "Humberside", "Kent",
    "Lancashire", "Leicestershire", "Lincolnshire", "Merseyside", "Metropolitan", "Norfolk",
    "Northamptonshire", "Northumbria", "North Yorkshire", "Nottinghamshire", "South Yorkshire",
    "Staffordshire", "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire",
    "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
)  # fmt: skip
#: Other names of the Metropolitan Police (its funding comes through MOPAC).
_MET = ("met police", "mopac", "mayor s office for policing and crime", "metropolitan police")
#: NHS trusts often named without "NHS" or "trust" (the seeds' London trusts among them).
KNOWN_TRUSTS = (
    "south london and maudsley", "guy s and st thomas", "king s college hospital",
    "lewisham and greenwich", "oxleas", "imperial college healthcare", "chelsea and westminster",
    "central and north west london", "central london community healthcare",
    "royal brompton and harefield", "tavistock and portman", "great ormond street",
    "whittington health", "homerton", "barts health",
)  # fmt: skip
_COUNCIL_WORDS = (
    "council", "borough", "city of", "county", "district", "corporation", "local authority",
    "la", "children s services", "childrens services", "unitary",
)  # fmt: skip
#: Council names people shorten or write another way.
_COUNCIL_ALIASES = {
    "durham": "County Durham",
    "hull": "Kingston upon Hull",
    "bristol city": "Bristol",
    "southend": "Southend-on-Sea",
    "kings lynn": "Kings Lynn and West Norfolk",
    "dorset council": "Dorset",
}
_VOLUNTARY_WORDS = (
    "charity", "voluntary", "vcs", "vcse", "cic", "community interest", "barnardo", "nspcc",
    "action for children", "children s society", "family action", "mencap", "women s aid",
    "refuge", "victim support", "samaritans", "faith", "church", "mosque", "diocese",
    "red thread", "foundation",
)  # fmt: skip


@dataclass(frozen=True)
class BodyGuess:
    """What an organisation's name says it is."""

    kind: str
    sector: str
    #: Why, in words for the import preview: "a council outside the partnership's authorities".
    reason: str
    #: The local authority a council is (its common name), else "".
    authority: str = ""
    #: Whether a rule recognised it (False: "other", to be checked).
    recognised: bool = True


@lru_cache(maxsize=16384)
def normal(text: str) -> str:
    """Lower case, '&' as 'and', punctuation and extra spaces gone: how names compare."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def _has(text: str, *phrases: str) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


def classify(name: str, authorities: list[str] | tuple[str, ...] = ()) -> BodyGuess:
    """The kind and sector of the body called *name*, for a partnership covering
    *authorities* (see the module's rules)."""
    text = normal(name)
    police = _police(text)
    if police is not None:
        return police
    for rule in (_health, _trust, _justice, _education):
        found = rule(text)
        if found is not None:
            return found
    council = _council(text, authorities)
    if council is not None:
        return council
    if _has(text, "housing", "homes", "housing association"):
        return BodyGuess("relevant agency", "housing", "a housing provider")
    if _has(text, *_VOLUNTARY_WORDS):
        return BodyGuess("voluntary & community", "other", "a charity or community group")
    return BodyGuess("other", "other", "not a kind of public body the app knows", recognised=False)


def _police(text: str) -> BodyGuess | None:
    if _has(text, "british transport police", "btp"):
        return BodyGuess("relevant agency", "police", "British Transport Police (national)")
    if _has(text, "ministry of defence police", "mod police"):
        return BodyGuess("relevant agency", "police", "the Ministry of Defence Police")
    if not (_has(text, "police", "constabulary", "policing", *_MET) or _has(text, "opcc", "pcc")):
        return None
    force = police_force(text)
    what = f"the police force ({force})" if force else "a police force"
    return BodyGuess("statutory partner", "police", f"{what}: a statutory partner")


def police_force(text: str) -> str:
    """The territorial force a (normalised) name is, or ''."""
    if _has(text, *_MET):
        return "Metropolitan"
    for force in sorted(POLICE_FORCES, key=len, reverse=True):
        if _has(text, normal(force)):
            return force
    return ""


def _health(text: str) -> BodyGuess | None:
    if _has(text, "nhs england", "nhse"):
        return BodyGuess("relevant agency", "health/ICB", "NHS England (commissioner)")
    if _has(
        text, "integrated care board", "integrated care system", "icb", "ics",
        "clinical commissioning group", "clinical commissioning groups", "ccg", "ccgs",
    ):  # fmt: skip
        return BodyGuess("statutory partner", "health/ICB", "an ICB (or the CCG before it)")
    return None


def _trust(text: str) -> BodyGuess | None:
    known = any(_has(text, t) for t in KNOWN_TRUSTS) and not _has(text, "council", "borough")
    nhs_words = _has(text, "nhs", "foundation trust", "hospital", "hospitals", "healthcare")
    health_trust = _has(text, "trust") and _has(text, "health", "care", "mental", "medical")
    if known or nhs_words or health_trust or _has(text, "ambulance service"):
        return BodyGuess("relevant agency", "NHS trust", "an NHS trust")
    return None


def _justice(text: str) -> BodyGuess | None:
    if _has(text, "probation", "community rehabilitation company", "crc", "nps"):
        return BodyGuess("relevant agency", "probation", "probation")
    if _has(
        text, "hmp", "hmyoi", "hm prison", "prison", "young offender institution", "yoi",
        "secure training centre", "secure children s home", "youth custody",
    ):  # fmt: skip
        return BodyGuess("relevant agency", "prison or youth custody", "a prison or youth custody")
    if _has(text, "cafcass", "children and family court advisory and support service"):
        return BodyGuess("relevant agency", "Cafcass", "Cafcass")
    if _has(text, "fire", "fire brigade", "fire and rescue"):
        return BodyGuess("relevant agency", "fire", "a fire and rescue service")
    return None


def _education(text: str) -> BodyGuess | None:
    if _has(
        text, "school", "schools", "academy", "academies", "college", "nursery", "nurseries",
        "education", "early years", "pupil referral unit", "university", "multi academy trust",
    ):  # fmt: skip
        return BodyGuess("education", "education", "a school or education setting")
    return None


# --------------------------------------------------------------------------- councils


@cache
def _council_names() -> dict[str, str]:
    """Normalised council name (and alias) → its common name, longest first."""
    names = {normal(n): n for n in unitary()}
    for county, districts in two_tier().items():
        names[normal(county)] = county
        names.update({normal(d): d for d in districts})
    names.update({normal(a): n for a, n in _COUNCIL_ALIASES.items()})
    return dict(sorted(names.items(), key=lambda kv: -len(kv[0])))


def council_named(text: str) -> str:
    """The council a (normalised) name mentions, by its common name, or ''."""
    for key, name in _council_names().items():
        if _has(text, key):
            return name
    return ""


def authority_key(name: str) -> str:
    """A local authority as typed ('London Borough of Lambeth', 'Lambeth') → 'lambeth'."""
    text = normal(name)
    found = council_named(text)
    return normal(found) if found else text


def _district_county(authority: str) -> str:
    for county, districts in two_tier().items():
        if authority in districts:
            return county
    return ""


def _council(text: str, authorities: list[str] | tuple[str, ...]) -> BodyGuess | None:
    ours = {authority_key(a) for a in authorities if a.strip()}
    authority = council_named(text)
    plain = authority and text in (normal(authority), *ours)
    if not authority or not (plain or _has(text, *_COUNCIL_WORDS)):
        if text in ours:  # a partnership authority the list does not know (a new council)
            return BodyGuess("statutory partner", "local authority", "one of the partnership's "
                             "local authorities", text)  # fmt: skip
        return None
    key = normal(authority)
    if key in ours:
        return BodyGuess(
            "statutory partner", "local authority",
            "a council of one of the partnership's local authorities: a statutory partner",
            authority,
        )  # fmt: skip
    county = _district_county(authority)
    if county and normal(county) in ours:
        return BodyGuess(
            "relevant agency", "local authority",
            f"a district council in {county}, a two-tier area: a relevant agency", authority,
        )  # fmt: skip
    return BodyGuess(
        "other", "local authority",
        "a council outside the partnership's local authorities, so not a partner", authority,
    )  # fmt: skip


# --------------------------------------------------------------------------- who it is


@lru_cache(maxsize=16384)
def identity(name: str) -> str:
    """Who a body is, whatever it is called: names with the same identity are the same body
    ("Metropolitan Police via Mayor's Office for Policing and Crime" and "Met Police" are
    'police:metropolitan'; "London Borough of Lambeth" and "Lambeth Council" 'council:lambeth').

    Remembered per name: matching a name compares it with every recorded organisation's, so an
    import of n organisations would otherwise work out n² identities (about 1 ms each)."""
    text = normal(name)
    if not text:
        return ""
    if _police(text) is not None:
        force = police_force(text)
        return f"police:{normal(force)}" if force else f"police:{text}"
    if _has(text, "cafcass", "children and family court advisory and support service"):
        return "cafcass"
    if _health(text) is not None:
        which = "ccg" if _has(text, "ccg", "ccgs", "clinical commissioning group") else "icb"
        area = normal(re.sub(r"\(.*?\)", " ", name.lower()))
        for phrase in _HEALTH_NOISE:
            area = f" {area} ".replace(f" {phrase} ", " ").strip()
        return f"{which}:{area}"
    if _council(text, ()) is not None and _trust(text) is None and _health(text) is None:
        return f"council:{normal(council_named(text))}"
    kept = [w for w in text.split() if w not in _NOISE]
    return " ".join(kept) or text


#: What a health body's name says besides its area ("NHS Lewisham CCG" is the Lewisham CCG).
_HEALTH_NOISE = (
    "nhs", "clinical commissioning groups", "clinical commissioning group", "ccgs", "ccg",
    "integrated care board", "integrated care system", "icb", "ics", "the",
)  # fmt: skip
#: Words that do not tell one body from another ("NHS Foundation Trust", "Service", "Ltd").
_NOISE_WORDS = (
    "the", "nhs", "foundation", "trust", "ltd", "limited", "plc", "service", "services",
    "uk", "england", "of",
)  # fmt: skip
_NOISE = frozenset(_NOISE_WORDS)


def match_organisation(
    organisations: Sequence[Organisation], name: str
) -> tuple[Organisation | None, str]:
    """The recorded organisation *name* means, and how it was found ('' when by its own
    name): by name ignoring case and spaces, then by :func:`identity` ("via MOPAC" finds the
    Metropolitan Police), then a police force finds the partnership's one police partner
    recorded under a name that names no force ("Police", as a template leaves it)."""
    wanted = normal(name)
    for org in organisations:
        if normal(org.name) == wanted:
            return org, ""
    who = identity(name)
    same = [o for o in organisations if identity(o.name) == who]
    if len(same) == 1:
        return same[0], f"'{' '.join(name.split())}' taken as {same[0].name}"
    if who.startswith("police:") and police_force(wanted):
        generic = [
            o for o in organisations
            if o.kind == "statutory partner" and o.sector == "police"
            and not police_force(normal(o.name))
        ]  # fmt: skip
        if len(generic) == 1:
            return generic[0], (
                f"'{' '.join(name.split())}' taken as {generic[0].name}, the partnership's "
                "police partner"
            )
    return None, ""
