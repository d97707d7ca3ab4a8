"""The privacy statement and the cookie policy for website visitors, and the privacy
reglement for employees (seed introduction, ch. 1 and ch. 3; issue 17), versioned (issue 9:
"each version kept with its date, a visitor can see what changed since the version he
accepted"). A version lists its sections as catalog keys (kwportal/i18n/parts/legal.py);
an unchanged section keeps the key of the version that introduced it, so a change is a new
key and the difference between two versions is a comparison of keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Document(StrEnum):
    PRIVACY = "privacy"
    COOKIES = "cookies"
    #: the privacy reglement for employees; a section id ``<chapter>.<name>`` sits under its
    #: chapter (``intro``, ``care`` = seed ch. 1, ``general`` = seed ch. 3)
    REGLEMENT = "reglement"


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    published_on: date
    #: (section id, catalog key prefix): the text is ``<prefix>.title`` and ``<prefix>.body``
    sections: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return f"{self.number} ({self.published_on.isoformat()})"


SEED_DATE = date(2023, 2, 7)  # seed: "Deze versie is voor het laatst bijgewerkt op 7-2-2023"
PORTAL_DATE = date(2026, 11, 28)

#: per document, each version: its number, its date, and its sections in order as
#: ``section:N``, N being the version whose text the section carries
_TABLE: dict[Document, tuple[tuple[int, date, str], ...]] = {
    Document.PRIVACY: (
        (1, SEED_DATE, "data:1 purposes:1 grounds:1 sharing:1 retention:1 rights:1"),
        (
            2,
            PORTAL_DATE,
            "data:1 purposes:1 grounds:2 statistics:2 newsletter:2 sharing:1 retention:2 rights:2",
        ),
    ),
    Document.COOKIES: (
        (1, SEED_DATE, "what:1 why:1 functional:1 analytics:1 marketing:1 blocking:1"),
        (2, PORTAL_DATE, "what:1 why:1 functional:2 analytics:2 marketing:2 choice:2 blocking:1"),
    ),
    Document.REGLEMENT: (
        (
            1,
            SEED_DATE,
            "intro.processor:1 intro.contact:1 intro.introduction:1 care.data:1 "
            "care.purposes:1 care.grounds:1 care.access:1 care.sharing:1 care.retention:1 "
            "general.security:1 general.rights:1 general.questions:1 general.closing:1",
        ),
    ),
}


def _sections(doc: Document, spec: str) -> tuple[tuple[str, str], ...]:
    pairs = (entry.split(":") for entry in spec.split())
    return tuple((section, f"legal.{doc}.{since}.{section}") for section, since in pairs)


VERSIONS: dict[Document, tuple[Version, ...]] = {
    doc: tuple(Version(n, published, _sections(doc, spec)) for n, published, spec in rows)
    for doc, rows in _TABLE.items()
}


def current(doc: Document) -> Version:
    return VERSIONS[doc][-1]


def version(doc: Document, number: int) -> Version | None:
    return next((v for v in VERSIONS[doc] if v.number == number), None)


def version_tag(doc: Document, number: int | None = None) -> str:
    """What a consent record stores: ``cookies-2`` (document and version number)."""
    return f"{doc}-{number if number is not None else current(doc).number}"


def parse_tag(tag: str) -> tuple[Document, int] | None:
    doc, _, number = tag.partition("-")
    if doc not in Document.__members__.values() or not number.isdigit():
        return None
    return Document(doc), int(number)


@dataclass(frozen=True, slots=True)
class Change:
    section: str
    kind: str  # added | changed | removed
    old_key: str = ""
    new_key: str = ""


def changes(doc: Document, since: int) -> tuple[Change, ...]:
    """What differs between version ``since`` and the current one, section by section."""
    old = version(doc, since)
    new = current(doc)
    if old is None or old.number >= new.number:
        return ()
    before, after = dict(old.sections), dict(new.sections)
    found: list[Change] = []
    for section, key in new.sections:
        if section not in before:
            found.append(Change(section, "added", new_key=key))
        elif before[section] != key:
            found.append(Change(section, "changed", old_key=before[section], new_key=key))
    found += [Change(s, "removed", old_key=k) for s, k in old.sections if s not in after]
    return tuple(found)
