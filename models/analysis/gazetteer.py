"""Countries, regions and demonyms from pycountry, so "the U.S.", "America" and "the United States" meet.

pycountry is maintained against ISO 3166; only names it does not carry ("America", "Britain") and
demonyms that no regular ending derives ("Dutch", "Swiss") live in resources/lexicons, with a short list of
well-known organizations ("Twitter", "NATO") whose bare name the model often reads as a person's.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from models.domain import ActorType
from resources import LEXICONS_DIR

COUNTRY_ALIASES_PATH = LEXICONS_DIR / "country_aliases.tsv"
DEMONYMS_PATH = LEXICONS_DIR / "demonyms.tsv"
ORGANIZATIONS_PATH = LEXICONS_DIR / "organizations.tsv"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_STATE_OF = re.compile(r"^(?:state|republic|kingdom|commonwealth|federation|union) of (.+)$")


def _rows(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, code = line.split("\t")[:2]
        rows.append((alias.strip().lower(), code.strip().upper()))
    return rows


@lru_cache(maxsize=1 << 16)  # asked again and again for the same names of a book
def normal(name: str) -> str:
    """Lookup form: lower case, no leading "the", single spaces."""
    return _LEADING_THE.sub("", " ".join(name.replace(".", "").split())).lower()


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(name -> alpha-2 code, alpha-2 code -> display name)."""
    import pycountry

    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        forms = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        if "," in country.name:
            forms.append(country.name.split(",")[0])
        for form in forms:
            if form:
                names.setdefault(normal(form), code)
        display[code] = getattr(country, "common_name", country.name)
    for alias, code in _rows(COUNTRY_ALIASES_PATH):
        names[normal(alias)] = code
    return names, display


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Upper-case ISO codes ("USA", "UK" is an alias) for names written as codes."""
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """The names of pycountry's subdivisions, read from its database file: the same names, without building its
    ~5,000 subdivision records and their indexes (most of the stages' set-up left in a fresh analysis process)."""
    import pycountry

    with open(Path(pycountry.DATABASE_DIR) / "iso3166-2.json", encoding="utf-8") as f:
        records = json.load(f)["3166-2"]
    return frozenset(normal(record["name"]) for record in records)


@lru_cache(maxsize=1 << 16)  # asked again and again for the same names of a book
def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country name in any usual form, or None."""
    names, _ = _countries()
    key = normal(name).replace("’", "'")
    code = names.get(key)
    if code is None and name.isupper() and name.isalpha():
        code = _codes().get(name)
    if code is None:
        match = _STATE_OF.match(key)
        if match:
            code = names.get(match.group(1))
    return code


def country_name(code: str) -> str:
    """The English name of an ISO country code, or the code itself when unknown."""
    return _countries()[1].get(code, code)


@lru_cache(maxsize=1 << 16)  # asked again and again for the same names of a book
def is_region(name: str) -> bool:
    """A first-level subdivision (state, province, region) of any country."""
    return normal(name) in _regions()


def _derived(name: str) -> list[str]:
    """Demonyms by the regular English endings; over-generation is harmless (only looked up)."""
    out = [name + "n", name + "an", name + "ian", name + "i", name + "ese"]
    if name.endswith("stan"):
        out += [name[:-4], name[:-4] + "i", name[:-5]]
    if name.endswith("ium"):
        out.append(name[:-3] + "ian")
    if name[-1] in "aeiouy":
        stem = name[:-1]
        out += [stem + "an", stem + "ian", stem + "ese", stem + "i"]
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    names, _ = _countries()
    table: dict[str, str] = {}
    for name, code in names.items():
        if len(name) < 4 or not name.replace(" ", "").isalpha():
            continue
        for form in _derived(name):
            table.setdefault(form, code)
    for demonym, code in _rows(DEMONYMS_PATH):
        table[demonym] = code
    return table


def demonym_code(word: str) -> str | None:
    """The country of a demonym, singular or plural ("Israeli", "Israelis", "Britons"), or None."""
    table = _demonyms()
    key = normal(word).replace("’", "'")
    code = table.get(key)
    if code is None and key.endswith("s"):
        code = table.get(key[:-1])
    if code is None and key.endswith("men"):
        code = table.get(key[:-3] + "man")
    return code


@lru_cache(maxsize=1)
def _organizations() -> dict[str, ActorType]:
    return {normal(name): ActorType(kind) for name, kind in _rows(ORGANIZATIONS_PATH)}


def known_organization(name: str) -> ActorType | None:
    """The type of a well-known organization written as its whole name ("Twitter", "the U.N."), or None."""
    return _organizations().get(normal(name).replace("’", "'"))


def preload() -> None:
    """Read pycountry's countries, regions, the demonyms and organizations now, so a first analysis does not wait."""
    _countries()
    _codes()
    _regions()
    _demonyms()
    _organizations()
