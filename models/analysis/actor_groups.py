"""Grouping collected name mentions into actors, for one whole document.

Every step looks names up in dictionaries keyed by a normalised string, a surname, a first name or an
acronym, so the work grows with the number of mentions, not with its square: a book's thousands of
"Mr. Smith" meet "John Smith" through one surname entry.

Steps: same key (titles, "the", possessive, dots removed; country names by ISO code) -> surnames and
first names to the full name -> compatible full names ("J. Blinken", "Antony J. Blinken") -> acronyms to
their expansion -> bracketed acronyms -> later uses of a known name spaCy missed -> role phrases to the
person who holds the role -> type by votes over the whole group.

Over 400 lines because every grouping step feeds one union of the document's names.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from models.analysis.actor_facts import ENTITY_TYPES, Collected, RawName, RawRole
from models.analysis.gazetteer import country_code, demonym_code, is_region, known_organization
from models.analysis.names import (
    acronym_of,
    given_compatible,
    is_acronym,
    name_key,
    norm_word,
    person_parts,
    surname,
)
from models.domain import Actor, ActorType, Mention, MentionKind

if TYPE_CHECKING:
    from models.analysis.names import TitleLexicon

# Last words that make a name an organization whatever spaCy said.
ORG_HEADS = frozenset(
    {
        "agency", "army", "association", "bank", "board", "bureau", "church", "college", "commission", "committee",
        "company", "conference", "congress", "corporation", "corp", "council", "court", "department", "foundation",
        "force", "forces", "group", "inc", "institute", "ltd", "ministry", "movement", "nations", "news", "office",
        "organisation", "organization", "parliament", "party", "police", "school", "senate", "service", "society",
        "team", "times", "union", "university",
    }
)  # fmt: skip
# Last words that name a body of people whatever the label ("Sea Org", "Acme Corp."): never a place's name.
_BODY_WORDS = frozenset({
    "org", "inc", "ltd", "corp", "corporation", "company", "foundation", "association", "institute", "committee",
})  # fmt: skip
# Head words of buildings, streets and landforms: a name ending in one is a place (rule "place head word").
PLACE_HEADS = frozenset({
    "hotel", "harbour", "harbor", "arena", "swamp", "square", "stadium", "airport", "station", "bridge", "street",
    "avenue", "boulevard", "road", "beach", "lake", "river", "mountain", "tower", "towers", "building", "theater",
    "theatre", "theaters", "theatres", "museum", "plaza", "palace", "castle", "cathedral", "temple", "mosque",
    "hospital", "hall", "centre", "center", "park", "bay", "falls", "canyon", "valley", "island", "st", "ave",
    "blvd", "rd", "terrace", "cliffs", "heights", "highway", "lane",
})  # fmt: skip
# First words of place names ("Fort Lee", "Mount Kenya", "Lake Tahoe", "Port Moresby", "Cape Town").
PLACE_PREFIXES = frozenset({"fort", "mount", "mt", "lake", "port", "cape"})
# Place words that are also surnames or given names ("Peter Hall", "Lake Bell"): they count only when spaCy did not
# read the name as a person.
_SURNAME_PLACE_WORDS = frozenset({
    "hall", "park", "lane", "lake", "bay", "castle", "temple", "tower", "street", "beach", "river", "mountain",
    "falls", "heights", "island", "station", "valley", "center", "centre", "road",
})  # fmt: skip
# Multi-word roles whose last word is not a short reference to them ("the president" is not the vice president).
_NOT_SHORTENED = frozenset({"vice", "deputy", "assistant", "under", "shadow", "acting", "former", "crown"})
_SALIENCE_WINDOW = 15  # sentences
_STATE_OF = re.compile(r"^(?:[Tt]he )?(?:State|Province|Commonwealth|Region|County|City) of (.+)$")
_WORD = re.compile(r"[^\s,;:()\"“”]+(?<!['’]s)(?<![.'’])|[A-Z]\.(?:[A-Z]\.)+")


# Subdivision names that are also compass or landform words ("U.S. Central Command", "Persian Gulf").
_GENERIC_PLACE_WORDS = frozenset({
    "east", "west", "north", "south", "central", "centre", "center", "gulf", "capital", "coast", "western",
    "eastern", "northern", "southern", "upper", "lower", "middle", "islands", "island", "lakes", "valley",
    "highlands", "lowlands", "interior", "border",
})  # fmt: skip


_COMPASS = frozenset({"north", "south", "east", "west"})
# Capitalised nouns that name one institution or body of their own ("the Government", "Earth"), not a thing.
_INSTITUTION_WORDS = frozenset({
    "government", "parliament", "state", "crown", "navy", "cabinet", "earth", "moon", "sun", "god", "heaven",
    "church", "city", "federation", "republic", "kingdom", "empire", "commonwealth", "assembly", "administration",
})  # fmt: skip


# Colour words that name a variety of a thing ("African Blue Basil", "Red Maple").
_COLOURS = frozenset({
    "red", "blue", "green", "yellow", "purple", "white", "black", "golden", "orange", "pink", "brown", "grey",
    "gray", "silver",
})  # fmt: skip


def _kind_of(name: str) -> bool:
    """Rule "variety of a common noun": "Thai Basil", "African Blue Basil" are kinds of the basil the text
    writes in lower case (every word before the last is a demonym or a colour). Such a name does not make the
    bare word an actor when the text also writes the bare word alone; "White House" without a bare "House" stays.
    """
    words = name.split()
    return len(words) > 1 and all(demonym_code(w) or w.lower() in _COLOURS for w in words[:-1])


def _uncapitalised(core: str) -> bool:
    """Rule "no capital, no name": no capital or digit in the name, and no institution or place word as its head
    ("corpora", "kitchen wrap", not "parliament" or "the west")."""
    if any(c.isupper() or c.isdigit() for c in core):
        return False
    word = core.rsplit(maxsplit=1)[-1].lower() if core.strip() else ""
    return not (word in _INSTITUTION_WORDS or word in _GENERIC_PLACE_WORDS or word in ORG_HEADS or word in PLACE_HEADS)


def _plain_region(phrase: str) -> bool:
    return len(phrase) > 3 and phrase.lower() not in _GENERIC_PLACE_WORDS and is_region(phrase)


def _head_word(name: str) -> str:
    """ "church" for "church of scientology", "court" for "supreme court"."""
    words = name.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _has_between(sorted_values: list[int], low: int, high: int) -> bool:
    at = bisect.bisect_left(sorted_values, low)
    return at < len(sorted_values) and sorted_values[at] <= high


class _Union:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The earlier mention stays the root, so roots are deterministic.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _key(name: RawName) -> str:
    if name.label == "NORP":
        code = demonym_code(name.core)
        base = name_key(name.core)
        return f"g:{code}" if code else f"g:{base[:-1] if base.endswith('s') and len(base) > 4 else base}"
    if name.label != "PERSON" and not name.title and not name.honorific:
        code = country_code(name.core)
        if code:
            return f"c:{code}"
        match = _STATE_OF.match(name.core)
        if match and is_region(match.group(1)):
            return f"n:{name_key(match.group(1))}"
    return f"n:{name_key(name.core)}"


def _place_shaped(name: RawName) -> bool:
    """Rule "place head word": a name ending in a building or landform word, or opening with "Fort", "Mount".

    Nobody is called "Socotra Hotel" or "Sheikh Lotf Allah Mosque" (the title there is part of the name); a word
    that is also a surname ("Peter Hall") counts only when spaCy did not call the name a person.
    """
    words = name_key(name.core).split()
    if len(words) < 2 or name.honorific:
        return False
    head = _head_word(" ".join(words))
    if head in PLACE_HEADS and (name.label != "PERSON" or head not in _SURNAME_PLACE_WORDS):
        return True
    first = words[0]
    return first in PLACE_PREFIXES and not name.title and (name.label != "PERSON" or first not in _SURNAME_PLACE_WORDS)


def _votes(name: RawName, key: str) -> Counter[ActorType]:
    votes: Counter[ActorType] = Counter()
    label_type = ENTITY_TYPES.get(name.label)
    person_evidence = name.title or name.honorific or name.person_shape or name.person_verb
    if name.locative and label_type is ActorType.PERSON and not person_evidence and " " not in name.core:
        label_type = ActorType.PLACE  # rule "locative object": "hotels in Hadibo" is not a person
    if label_type is not None:
        votes[label_type] += 1
    if name.settlement:
        votes[ActorType.PLACE] += 3  # rule "settlement of": "the town of Yeoncheon"
    if name.person_verb:
        votes[ActorType.PERSON] += 3  # rule "person predicate"
    if name.says_it and not (name.title or name.honorific):
        votes[ActorType.ORG] += 3  # rule "says it": "Twitter said it had removed the accounts"
    if name.org_context and not (name.title or name.honorific or name.person_verb):
        votes[ActorType.ORG] += 3  # rule "organization context": "the company Twitter", "Twitter's shares"
    if (name.title or name.honorific) and not _place_shaped(name):
        votes[ActorType.PERSON] += 3
    if name.person_shape:
        votes[ActorType.PERSON] += 2
    if key.startswith("c:"):
        votes[ActorType.PLACE] += 3
    elif key.startswith("g:"):
        votes[ActorType.GROUP] += 2
    else:
        words = name.core.split()
        if words and norm_word(words[-1]) in ORG_HEADS and name.label not in ("GPE", "LOC"):  # not "West Bank"
            votes[ActorType.ORG] += 2
        elif words and norm_word(words[-1]) in _BODY_WORDS:
            votes[ActorType.ORG] += 2  # rule "body word": "the Sea Org", read as a place, is an organization
        if is_region(name.core):
            votes[ActorType.PLACE] += 1
        if _place_shaped(name):
            votes[ActorType.PLACE] += 3  # rule "place head word": "Socotra Hotel", "Neiafu Harbour", "Fort Lee"
    return votes


class _Grouper:
    def __init__(self, text: str, data: Collected, lex: TitleLexicon) -> None:
        self.text = text
        self.data = data
        self.lex = lex
        self.names: list[RawName] = list(data.names)
        self.names.sort(key=lambda n: (n.start, n.end))
        # Bracket links point at indices of the unsorted list; translate them.
        position = {id(n): i for i, n in enumerate(self.names)}
        original = data.names
        self.links: list[tuple[int, int]] = [
            (position[id(n)], position[id(original[n.link])]) for n in original if n.link >= 0
        ]
        self._openers: tuple[int, set[str]] | None = None  # see `_name_openers`
        self.uf = _Union()
        for _ in self.names:
            self.uf.add()
        self.keys = [_key(n) for n in self.names]
        self._countries_read_as_persons()
        self.by_key: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.keys):
            self.by_key[key].append(i)
        # Each collected name's votes, counted once: per key here, per actor in `_build`.
        self.name_votes = [_votes(name, key) for name, key in zip(self.names, self.keys, strict=True)]
        self.key_votes: dict[str, Counter[ActorType]] = {}
        for key, members in self.by_key.items():
            votes: Counter[ActorType] = Counter()
            for i in members:
                votes.update(self.name_votes[i])
            self.key_votes[key] = votes

    def _countries_read_as_persons(self) -> None:
        """Rule "country read as a person": "Austria supports ..." that spaCy labelled a person is the country
        the text names elsewhere as a place, when no title or honorific makes it someone's name."""
        countries = {key for key in self.keys if key.startswith("c:")}
        for i, name in enumerate(self.names):
            if name.label != "PERSON" or name.title or name.honorific:
                continue
            code = country_code(name.core)
            if code and f"c:{code}" in countries:
                self.keys[i] = f"c:{code}"

    # -- helpers --------------------------------------------------------------------------------

    def _person_key(self, key: str) -> bool:
        votes = self.key_votes[key]
        return key.startswith("n:") and votes[ActorType.PERSON] > 0 and votes[ActorType.PERSON] >= max(votes.values())

    def _core_parts(self, key: str) -> list[str]:
        return person_parts(self.names[self.by_key[key][0]].core)

    # -- steps ----------------------------------------------------------------------------------

    def run(self) -> list[Actor]:
        full, firsts, singles = self._person_index()
        self._same_keys(set(singles))
        self._persons(full, firsts, singles)
        self._acronyms()
        for a, b in self.links:
            self.uf.union(a, b)
        self._org_names()
        self._compass_short_forms()
        self._abbreviated_names()
        self._team_demonyms()
        self._propagate()
        return self._build()

    def _same_keys(self, deferred: set[str]) -> None:
        for key, members in self.by_key.items():
            if key not in deferred:
                for i in members[1:]:
                    self.uf.union(members[0], i)

    def _person_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]], list[str]]:
        full: dict[str, list[str]] = defaultdict(list)  # surname -> multi-word person keys
        firsts: dict[str, list[str]] = defaultdict(list)  # first word -> multi-word person keys
        singles: list[str] = []
        for key in self.by_key:
            if not key.startswith("n:"):
                continue
            parts = self._core_parts(key)
            if len(parts) >= 2 and (self._person_key(key) or self._surname_of_a_person(key, parts)):
                full[surname(parts)].append(key)
                firsts[norm_word(parts[0])].append(key)
            elif len(parts) == 1 and not is_acronym(parts[0]):
                singles.append(key)
        singles = [
            k
            for k in singles
            if norm_word(self._core_parts(k)[0]) in full or norm_word(self._core_parts(k)[0]) in firsts
        ]
        return full, firsts, singles

    def _surname_of_a_person(self, full_key: str, parts: list[str]) -> bool:
        """Rule "full name of a known surname": "Brock Holt" labelled an organization is the person "Holt".

        A two- or three-word name of plain capitalised words, with no organization or place head word, whose
        last word the text uses alone for a person, or that says, dies or takes "he" under either form.
        """
        if len(parts) > 3 or not all(p[:1].isupper() and p.replace("-", "").isalpha() for p in parts):
            return False
        last = norm_word(parts[-1])
        if last in ORG_HEADS or last in PLACE_HEADS or country_code(" ".join(parts)):
            return False
        key = f"n:{last}"
        if key not in self.key_votes:
            return False
        members = self.by_key[key] + self.by_key[full_key]
        said = any(self.names[i].person_verb or self.names[i].takes_pronoun for i in members)
        return said or self._person_key(key)

    def _persons(self, full: dict[str, list[str]], firsts: dict[str, list[str]], singles: list[str]) -> None:
        # Compatible full names with the same surname ("J. Blinken", "Antony J. Blinken").
        for keys in full.values():
            for x in range(len(keys)):
                px = self._core_parts(keys[x])
                for y in range(x + 1, len(keys)):
                    py = self._core_parts(keys[y])
                    if given_compatible(px[:-1], py[:-1]):
                        self.uf.union(self.by_key[keys[x]][0], self.by_key[keys[y]][0])
        # Longer forms of a name that starts the same ("Mohammed bin Abdulrahman" + "... Al Thani").
        for keys in firsts.values():
            for x in range(len(keys)):
                px = [norm_word(w) for w in self._core_parts(keys[x])]
                for y in range(len(keys)):
                    py = [norm_word(w) for w in self._core_parts(keys[y])]
                    if x != y and len(px) >= 2 and len(py) > len(px) and py[: len(px)] == px:
                        self.uf.union(self.by_key[keys[x]][0], self.by_key[keys[y]][0])
        # A surname or first name alone.
        sents_by_root: dict[int, list[int]] | None = None  # sorted, as names are sorted
        for key in singles:
            members = self.by_key[key]
            votes = self.key_votes[key]
            word = norm_word(self._core_parts(key)[0])
            candidates = self._distinct(full.get(word, []))
            if not candidates and votes[ActorType.PERSON] > 0:
                candidates = self._distinct(firsts.get(word, []))
                if len(candidates) > 1:
                    candidates = []
            if len(candidates) <= 1:
                target = self.by_key[candidates[0]][0] if candidates else members[0]
                for i in members:
                    self.uf.union(target, i)
                continue
            # Rule "principal bearer of a surname": two people share it (a parent, a child): a bare surname goes
            # to the one mentioned most, the one the text is about, unless the other, named more than once, was
            # named in this or the previous sentence.
            if sents_by_root is None:
                sents_by_root = defaultdict(list)
                for j in range(len(self.names)):
                    sents_by_root[self.uf.find(j)].append(self.names[j].sent)
            seen = {c: sents_by_root[self.uf.find(self.by_key[c][0])] for c in candidates}
            for i in members:
                sent = self.names[i].sent
                recent = [(bisect.bisect_right(sents, sent), c) for c, sents in seen.items()]
                near = [c for c, sents in seen.items() if len(sents) > 1 and _has_between(sents, sent - 1, sent)]
                if near:
                    chosen = max(near, key=lambda c: (max((x for x in seen[c] if x <= sent), default=-1), c))
                else:
                    chosen = max(recent, key=lambda rc: (len(seen[rc[1]]), rc[1]))[1]
                self.uf.union(self.by_key[chosen][0], i)

    def _distinct(self, keys: list[str]) -> list[str]:
        """Keys that are not already one actor."""
        seen: dict[int, str] = {}
        for key in keys:
            seen.setdefault(self.uf.find(self.by_key[key][0]), key)
        return list(seen.values())

    def _acronyms(self) -> None:
        expansions: dict[str, list[int]] = defaultdict(list)
        for key, members in self.by_key.items():
            if self._person_key(key) or not key.startswith("n:"):
                continue
            acr = acronym_of(self.names[members[0]].core)
            if acr:
                expansions[acr].append(members[0])
        for key, members in self.by_key.items():
            core = self.names[members[0]].core
            if not is_acronym(core):
                continue
            short = key[2:].replace(" ", "")
            roots = {self.uf.find(i) for i in expansions.get(short, [])}
            if len(roots) == 1:
                self.uf.union(roots.pop(), members[0])

    def _team_demonyms(self) -> None:
        """Rule "side of a score" (people): "the Belgians" are Belgium's team when Belgium plays a match in the text."""
        for key, members in self.by_key.items():
            if not key.startswith("g:") or len(key) != 4:
                continue
            country = self.by_key.get(f"c:{key[2:]}", [])
            if any(self.names[i].team for i in country):
                for i in members:
                    self.uf.union(country[0], i)

    def _abbreviated_names(self) -> None:
        """Rule "abbreviated words": "East L.A." is "East Los Angeles" when the text writes both."""
        variants: dict[str, set[int]] = defaultdict(set)
        for key, members in self.by_key.items():
            if not key.startswith("n:") or self._person_key(key):
                continue
            words = key[2:].split()
            for a in range(len(words)):
                for b in range(a + 2, len(words) + 1):
                    if b - a == len(words):
                        continue  # the whole name is an acronym: the acronym step's business
                    short = [*words[:a], "".join(w[0] for w in words[a:b]), *words[b:]]
                    variants[" ".join(short)].add(self.uf.find(members[0]))
        for key, members in self.by_key.items():
            roots = variants.get(key[2:], set()) if key.startswith("n:") else set()
            if len(roots) == 1:
                self.uf.union(roots.pop(), members[0])

    def _compass_short_forms(self) -> None:
        """ "the North" for North Korea, "the South" for South Sudan: when one named place starts with the word."""
        for key, members in self.by_key.items():
            word = key[2:]
            if not key.startswith("n:") or word not in _COMPASS:
                continue
            roots = set()
            for other, others in self.by_key.items():
                core = self.names[others[0]].core.split()
                is_place = other.startswith("c:") or self.key_votes[other][ActorType.PLACE] > 0
                single = "and" not in core  # not "North and South Korea"
                if other != key and is_place and single and len(core) > 1 and core[0].lower() == word:
                    roots.add(self.uf.find(others[0]))
            if len(roots) == 1:
                root = roots.pop()
                for i in members:
                    self.uf.union(root, i)

    def _org_names(self) -> None:
        """Shorter forms of an organization's name: "State Department" for "US State Department",
        "Scientology" for "Church of Scientology", "the Church" for it when it is the only church."""
        longer: dict[str, set[str]] = defaultdict(set)
        for key in self.by_key:
            if not key.startswith("n:") or self._person_key(key):
                continue
            words = key[2:].split()
            for size in range(1, len(words)):
                for a in range(len(words) - size + 1):
                    longer[" ".join(words[a : a + size])].add(key)
        for key, members in self.by_key.items():
            if not key.startswith("n:") or key[2:] not in longer or self._person_key(key):
                continue
            words = key[2:].split()
            votes = self.key_votes[key]
            if len(words) == 1:
                tails = {k for k in longer[key[2:]] if k.endswith(f" of {words[0]}")}
                heads = {k for k in longer[key[2:]] if _head_word(k[2:]) == words[0] and words[0] in ORG_HEADS}
                options = tails if tails and not is_region(words[0]) else heads
            elif votes[ActorType.ORG] >= max(votes.values()):
                options = {k for k in longer[key[2:]] if self.key_votes[k][ActorType.ORG] > 0}
            else:
                options = set()
            roots = {self.uf.find(self.by_key[k][0]) for k in options}
            if len(roots) == 1:
                self.uf.union(roots.pop(), members[0])

    def _lookup(self) -> tuple[dict[str, int], frozenset[str]]:
        """Known names (and unambiguous surnames) to the name index that stands for their actor; and the keys
        that are only a surname, never written alone."""
        lookup: dict[str, int] = {}
        surnames: dict[str, set[int]] = defaultdict(set)
        for key, members in self.by_key.items():
            root = self.uf.find(members[0])
            first = self.names[members[0]]
            if (key.startswith("n:") and len(key) > 4) or key.startswith("c:"):
                lookup.setdefault(key, root)
            if key.startswith("n:") and self._person_key(key):
                parts = person_parts(first.core)
                if len(parts) >= 2:
                    surnames[surname(parts)].add(root)
        bare: set[str] = set()
        counts: dict[int, int] | None = None
        for word, roots in surnames.items():
            if len(word) <= 2 or f"n:{word}" in lookup:
                continue
            if len(roots) > 1:
                # Rule "principal bearer of a surname" for untagged mentions: "Hadid was born" after "Zaha Hadid"
                # and "her father Mohammed Hadid" is the one named most, on a tie the one named first.
                if counts is None:
                    counts = defaultdict(int)
                    for j in range(len(self.names)):
                        counts[self.uf.find(j)] += 1
                lookup[f"n:{word}"] = max(roots, key=lambda r: (counts[r], -r))
            else:
                lookup[f"n:{word}"] = next(iter(roots))
            bare.add(f"n:{word}")
        return lookup, frozenset(bare)

    @staticmethod
    def _matches(
        words: list[str],
        spans: list[tuple[int, int]],
        lookup: dict[str, int],
        *,
        whole: bool = True,
        regions: bool = False,
        bare: frozenset[str] = frozenset(),
        titles: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, int | str]]:
        """Longest known names in a word sequence, left to right: (start, end, name index).

        A country (or, with `regions`, a state or province) the text never names on its own comes back
        with its key instead of an index, so the caller can start a place actor for it.
        Rule "surname inside another name": a surname known only from a full name (`bare`) is not taken
        after another capitalised word that is not a title: "Grande Terre" is not "Petite Terre", nor
        "Thomas Reed" the "Anthony Reed" the text named in full; the whole run is a new name ("new:" key).
        """
        found: list[tuple[int, int, int | str]] = []
        a = 0
        done = 0  # words before this index belong to an earlier match
        while a < len(words):
            for b in range(len(words), a, -1):
                if not whole and b - a == len(words):
                    continue
                phrase = " ".join(words[a:b])
                if not phrase[:1].isupper():
                    continue
                code = country_code(phrase)
                key = f"c:{code}" if code else f"n:{name_key(phrase)}"
                hit: int | str | None = lookup.get(key)
                if hit is None and (code or (regions and _plain_region(phrase))):
                    hit = key
                if hit is None and whole and a == 0 and b == len(words) and known_organization(phrase):
                    hit = f"org:{key}"  # rule "well-known organization": "Twitter removed the post", untagged
                if hit is not None and key in bare and a > done and norm_word(words[a - 1]) not in titles:
                    first = a - 1
                    while first > done and norm_word(words[first - 1]) not in titles:
                        first -= 1
                    hit = f"new:n:{name_key(' '.join(words[first:b]))}"
                    a = first
                if hit is not None:
                    found.append((spans[a][0], spans[b - 1][1], hit))
                    a = done = b
                    break
            else:
                a += 1
        return found

    def _propagate(self) -> None:
        """Known names inside other names, and proper-noun runs spaCy did not tag ("Montalvo had read")."""
        lookup, bare = self._lookup()
        added: list[tuple[RawName, int | str]] = []
        titles = frozenset(self.lex.phrases)
        for spans, words, sent in self.data.runs:
            hits = self._matches(list(words), list(spans), lookup, bare=bare, titles=titles)
            for start, end, hit in hits:
                if isinstance(hit, str) and hit.startswith("org:") and self._joined(start, end):
                    continue  # "ITAR-Tass" is a longer name than "Tass"
                thing = start in self.data.things
                added.append((RawName(start, end, self.text[start:end], "", sent, thing=thing), hit))
        # "the Andy Warhol Foundation", "University of Texas": the person and the place are mentioned too.
        for i in range(len(self.names)):
            name = self.names[i]
            # Names inside an organization's name ("the Andy Warhol Foundation", "University of Texas"); a place's
            # own name is not split ("North Korea" is not "North" and "Korea", nor "New Jersey" Jersey).
            if name.label in ("PERSON", "NORP", "", "GPE", "LOC") or name.title or " " not in name.core:
                continue
            inner = self.text[name.start : name.end]
            word_spans = [(m.start() + name.start, m.end() + name.start) for m in _WORD.finditer(inner)]
            if word_spans and self.text[word_spans[0][0] : word_spans[0][1]].lower() == "the":
                word_spans = word_spans[1:]
            inner_words = [self.text[a:b] for a, b in word_spans]
            own = self.uf.find(i)
            for start, end, hit in self._matches(inner_words, word_spans, lookup, whole=False, regions=True):
                if isinstance(hit, str) or self.uf.find(hit) != own:
                    added.append((RawName(start, end, self.text[start:end], "", name.sent, nested=True), hit))
        fresh: dict[str, int] = {}  # places known only from the gazetteer: key -> their first name index
        for name, hit in added:
            index = self.uf.add()
            if isinstance(hit, str):
                if hit in fresh:
                    self.names.append(name)
                    self.keys.append("")
                    self.uf.union(fresh[hit], index)
                elif hit.startswith("org:"):
                    fresh[hit] = index
                    self.names.append(replace(name, label="ORG"))
                    self.keys.append(hit[4:])
                elif hit.startswith("new:"):  # rule "surname inside another name": a name of its own
                    self.names.append(name)
                    self.keys.append(hit[4:])
                    bearer = self._bearer(name.core, lookup)
                    if bearer is not None:  # "Dame Zaha Mohammad Hadid" is the "Zaha Hadid" named before
                        self.uf.union(bearer, index)
                    fresh[hit] = index
                else:
                    fresh[hit] = index
                    self.names.append(replace(name, label="GPE"))
                    self.keys.append(hit)
                continue
            self.names.append(name)
            self.keys.append("")
            self.uf.union(hit, index)

    def _joined(self, start: int, end: int) -> bool:
        """A hyphen or apostrophe joins the run to more of a name ("ITAR-Tass", "Google-owned")."""
        return self.text[start - 1 : start] in ("-", "–", "'", "’") or self.text[end : end + 1] in ("-", "–")

    def _bearer(self, core: str, lookup: dict[str, int]) -> int | None:
        """The known person a longer form of their name stands for: same surname, given names that agree."""
        parts = person_parts(core)
        root = lookup.get(f"n:{surname(parts)}") if len(parts) >= 2 else None
        if root is None:
            return None
        known = person_parts(self.names[root].core)
        return root if len(known) >= 2 and given_compatible(parts[:-1], known[:-1]) else None

    # -- roles and the result -------------------------------------------------------------------

    def _build(self) -> list[Actor]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.names)):
            groups[self.uf.find(i)].append(i)
        for root in [r for r, members in groups.items() if self._named_thing(members)]:
            del groups[root]
        votes: dict[int, Counter[ActorType]] = {}
        for root, members in groups.items():
            tally: Counter[ActorType] = Counter()
            for i in members:
                if self.keys[i]:
                    # The names `_propagate` added after the votes were counted have theirs counted here.
                    known = i < len(self.name_votes)
                    tally.update(self.name_votes[i] if known else _votes(self.names[i], self.keys[i]))
            votes[root] = tally
        roles: dict[int, list[str]] = defaultdict(list)
        role_info: dict[int, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for root, members in groups.items():
            for i in members:
                name = self.names[i]
                if name.title:
                    if name.title not in roles[root]:
                        roles[root].append(name.title)
                    role_info[root].append((name.title_phrase, name.affil))
        nominals: dict[int, list[RawRole]] = defaultdict(list)
        name_index = {id(n): i for i, n in enumerate(self.names)}
        references: list[RawRole] = []
        for role in self.data.roles:
            if role.name >= 0:
                root = self.uf.find(name_index[id(self.data.names[role.name])])
                if root not in votes:  # in apposition to a named thing, which is no actor: nothing to describe
                    continue
                votes[root][ActorType.PERSON] += 2
                if role.text not in roles[root]:
                    roles[root].append(role.text)
                role_info[root].append((role.phrase, role.affil))
                nominals[root].append(role)
            elif role.definite and not role.extra and role.pronoun < 0:
                references.append(role)
        types = {
            root: self._whole_actor_type(self._type(root, votes[root], groups[root]), groups[root]) for root in groups
        }
        self._resolve(references, groups, types, role_info, nominals)
        return self._actors(groups, types, roles, nominals)

    def _named_thing(self, members: list[int]) -> bool:
        """Rule "named thing" (whole actor): the text calls the name a product, work, language, vehicle, storm
        or law, and no mention gives it a title, an honorific or a verb only people do: not an actor.
        """
        names = [self.names[i] for i in members]
        if any(n.title or n.honorific or n.person_verb for n in names):
            return False
        if all(_uncapitalised(n.core) for n in names):
            return True  # rule "no capital, no name": "corpora", "vehicle miles" are common nouns the model misread
        concepts = self.data.concepts  # rule "concept acronym": "the ground reaction force (GRF)", "25 CUC"
        if any(n.thing for n in names) or all(name_key(n.core) in concepts for n in names):
            return True
        return self._common_noun(names)

    def _common_noun(self, names: list[RawName]) -> bool:
        """Rule "capitalised common noun": a one-word name the same text also writes in lower case as a noun
        ("Basil needs warm air" beside "water the basil", "Iodine deficiency" beside "intake of iodine") is that
        noun capitalised at a sentence start or in a heading. Institutions written both ways ("Parliament" /
        "parliament") stay actors.
        """
        words = {n.core for n in names}
        heads = {w.split()[-1] for w in words}
        if len(heads) != 1 or any(n.takes_pronoun for n in names):
            return False
        word = heads.pop()
        if word not in words or any(w != word and not _kind_of(w) for w in words):
            return False  # rule "variety of a common noun": "Basil" beside "Thai Basil"
        lower = word.lower()
        if not (word.isalpha() and word[:1].isupper() and word[1:].islower()):
            return False
        if lower in ORG_HEADS or lower in PLACE_HEADS or lower in _INSTITUTION_WORDS or lower in _GENERIC_PLACE_WORDS:
            return False  # "the South", "North" name regions
        if lower not in self.data.common_nouns:
            return False
        # The first word of a longer name in the text is that name's short form ("Freedom" / "Freedom Magazine").
        return word not in self._name_openers()

    def _name_openers(self) -> set[str]:
        """First words of the longer names not labelled persons: one set for the document, where a walk over
        every name per one-word actor grew with the square of a book's length."""
        if self._openers is None or self._openers[0] != len(self.names):
            first_words = {n.core.split(" ", 1)[0] for n in self.names if " " in n.core and n.label != "PERSON"}
            self._openers = (len(self.names), first_words)
        return self._openers[1]

    def _whole_actor_type(self, kind: ActorType, members: list[int]) -> ActorType:
        """One type per actor from all its mentions, where the mentions give positive evidence.

        Rule "full name is a person": a surname alone ("Norton") that spaCy took for an organization is the
        person whose full name ("Joshua Norton") spaCy labelled a person in the same text.
        Rule "locative object" (whole actor): a name spaCy calls a person that the text puts things "in" or
        "at" ("in Hadibo") and never gives a title, a verb of saying or a family is a place.
        """
        names = [self.names[i] for i in members if self.keys[i]]
        evidence = any(n.title or n.honorific or n.person_shape or n.person_verb or n.takes_pronoun for n in names)
        if kind is ActorType.GROUP:
            return kind
        # Rules "person predicate" ("Holt was born ...") and "takes he/she" ("Holt moved ... He ...").
        # Rule "company before he": "Kestrel has no plans ... He said ..." (a spokesman) takes no he/she of its
        # own when a mention says it is an organization ("Kestrel's shares", "Kestrel said it") or names a
        # well-known one; a verb only people do still counts.
        organization = any(n.org_context or n.says_it or known_organization(n.core) is not None for n in names)
        strong = any(n.person_verb for n in names) or (sum(n.takes_pronoun for n in names) >= 1 and not organization)
        org_named = any(_head_word(name_key(n.core)) in ORG_HEADS for n in names)  # "Church of Scientology"
        country = any(self.keys[i].startswith("c:") for i in members)
        if strong and not org_named and not country and not any(n.locative for n in names):
            return ActorType.PERSON
        if kind in (ActorType.PERSON, ActorType.PLACE) and not evidence:
            known = self._organization(names, person=kind is ActorType.PERSON)
            if known is not None:
                return known
        if kind is ActorType.PLACE:
            # Rule "side of a score": the place plays a match ("Sweden 1 – 0 Korea Republic"): its team.
            return ActorType.ORG if any(n.team for n in names) else kind
        full = [n for n in names if n.label == "PERSON" and len(person_parts(n.core)) >= 2]
        if (
            kind is ActorType.ORG
            and full
            and all(
                len(person_parts(n.core)) >= 2 or norm_word(n.core) == surname(person_parts(full[0].core))
                for n in names
                if n.label != "PERSON"
            )
        ):
            return ActorType.PERSON
        one_word = all(len(n.core.split()) == 1 for n in names)  # not "drove in Daniel Nava"
        if kind is ActorType.PERSON and not evidence and one_word and any(n.locative for n in names):
            return ActorType.PLACE
        return kind

    @staticmethod
    def _organization(names: list[RawName], *, person: bool) -> ActorType | None:
        """Rules "organization context" and "well-known organization" (whole actor), for an actor typed a person
        that no mention gives a title, an honorific, he/she or a verb only people do, and whose names hold no
        given name and surname ("Fiona Apple"): an organization when one mention says so ("the company
        Twitter", "Twitter's shares"), or when every name is a well-known organization's whole name
        ("Twitter reported ...", "Twitter removed the post"). An actor typed a place takes only the second,
        and only when nothing is "in" or "at" it ("the Netflix drama", not "at the Pentagon").
        """
        if any(len(person_parts(n.core)) >= 2 and known_organization(n.core) is None for n in names):
            return None
        if not person and any(n.locative for n in names):
            return None
        if person and any(n.org_context for n in names):
            return ActorType.ORG
        known = {known_organization(n.core) for n in names}
        return known.pop() if len(known) == 1 and None not in known else None

    def _type(self, root: int, tally: Counter[ActorType], members: list[int]) -> ActorType:
        if not tally:
            return ActorType.PERSON
        best = max(tally.values())
        if tally[ActorType.ORG] == best == tally[ActorType.PLACE] and not any(
            self.names[i].locative or self.keys[i].startswith("c:") for i in members
        ):
            return ActorType.ORG  # rule "tie without a location": "Scientology" half ORG, half LOC
        first_label = ENTITY_TYPES.get(self.names[members[0]].label)
        if first_label is not None and tally[first_label] == best:
            return first_label
        for kind in (ActorType.PERSON, ActorType.ORG, ActorType.PLACE, ActorType.GROUP):
            if tally[kind] == best:
                return kind
        return ActorType.PERSON

    def _resolve(
        self,
        references: list[RawRole],
        groups: dict[int, list[int]],
        types: dict[int, ActorType],
        role_info: dict[int, list[tuple[str, tuple[str, ...]]]],
        nominals: dict[int, list[RawRole]],
    ) -> None:
        """Attach "the president", "the Israeli leader" to the person holding that role, by salience."""
        if not references:
            return
        lex = self.lex.phrases
        by_phrase: dict[str, set[int]] = defaultdict(set)
        affiliations: dict[int, set[str]] = defaultdict(set)
        for root, infos in role_info.items():
            if types[root] != ActorType.PERSON:
                continue
            for phrase, affil in infos:
                title = lex.get(phrase)
                by_phrase[phrase].add(root)
                if title is not None:
                    words = phrase.replace("-", " ").split()
                    if len(words) == 1 or words[0] not in _NOT_SHORTENED:
                        by_phrase[title.head].add(root)
                    if "leader" in title.classes:
                        by_phrase["leader"].add(root)
                affiliations[root].update(affil)
        starts: dict[int, list[int]] = {}
        sents: dict[int, list[int]] = {}
        for root in {r for roots in by_phrase.values() for r in roots}:
            members = sorted(groups[root], key=lambda i: self.names[i].start)
            starts[root] = [self.names[i].start for i in members]
            sents[root] = sorted(self.names[i].sent for i in members)
        for ref in references:
            candidates = by_phrase.get(ref.phrase, set())
            if ref.affil:
                wanted = set(ref.affil)
                matching = {r for r in candidates if affiliations[r] & wanted}
                candidates = matching or {r for r in candidates if not affiliations[r]}
            best: tuple[float, int, int] | None = None
            for root in candidates:
                before = bisect.bisect_left(starts[root], ref.start)
                if before == 0:
                    continue
                last = starts[root][before - 1]
                if ref.affil or ref.phrase == "leader":
                    score: float = last
                else:
                    window = bisect.bisect_right(sents[root], ref.sent) - bisect.bisect_left(
                        sents[root], ref.sent - _SALIENCE_WINDOW
                    )
                    recent = bisect.bisect_right(sents[root], ref.sent) - bisect.bisect_left(sents[root], ref.sent - 1)
                    score = window + (3 if recent else 0)
                rank = (score, last, -root)
                if best is None or rank > best:
                    best = (score, last, -root)
            if best is None and len(candidates) == 1:
                root = next(iter(candidates))
                nominals[root].append(ref)
            elif best is not None:
                nominals[-best[2]].append(ref)

    def _actors(
        self,
        groups: dict[int, list[int]],
        types: dict[int, ActorType],
        roles: dict[int, list[str]],
        nominals: dict[int, list[RawRole]],
    ) -> list[Actor]:
        text = self.text
        taken: list[tuple[int, int]] = []
        chosen: dict[int, list[Mention]] = defaultdict(list)
        spans = sorted(
            (self.names[i].start, -(self.names[i].end), root, i) for root, members in groups.items() for i in members
        )
        last_end = -1
        for start, neg_end, root, i in spans:
            end = -neg_end
            if self.names[i].nested:
                chosen[root].append(Mention(start, end, text[start:end], MentionKind.NAME))
                continue
            if start < last_end:
                continue
            chosen[root].append(Mention(start, end, text[start:end], MentionKind.NAME))
            taken.append((start, end))
            last_end = end
        taken.sort()
        for root, refs in nominals.items():
            for ref in refs:
                k = bisect.bisect_left(taken, (ref.start, -1))
                overlaps = (k < len(taken) and taken[k][0] < ref.end) or (k > 0 and taken[k - 1][1] > ref.start)
                if overlaps and ref.whole:
                    # Rule "capitalised office": the body's name may sit inside it, but no name may cross it.
                    overlaps = (k > 0 and taken[k - 1][1] > ref.start) or any(
                        e > ref.end for s, e in taken[k : bisect.bisect_left(taken, (ref.end, -1))]
                    )
                if not overlaps:
                    chosen[root].append(Mention(ref.start, ref.end, text[ref.start : ref.end], MentionKind.NOMINAL))
        order = sorted((min(m.start for m in ms), root) for root, ms in chosen.items() if ms)
        actors: list[Actor] = []
        for number, (_, root) in enumerate(order, start=1):
            mentions = sorted(chosen[root], key=lambda m: m.start)
            members = groups[root]
            kind = types[root]
            aliases: list[str] = []
            for m in mentions:
                if m.kind == MentionKind.NAME and m.text not in aliases:
                    aliases.append(m.text)
            actors.append(
                Actor(
                    id=f"a{number}",
                    name=self._name(members, kind),
                    type=kind,
                    aliases=aliases,
                    roles=list(roles.get(root, [])),
                    mentions=mentions,
                )
            )
        return actors

    def _name(self, members: list[int], kind: ActorType) -> str:
        """The fullest proper form: most words, then the most frequent, then the first; a declared alias ("the
        Nature Isle" for Dominica) only when the actor has no other name."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        own = [i for i in members if not self.names[i].alias]
        for i in own or members:
            core = self.names[i].core.strip()
            if not core:
                continue
            counts[core] += 1
            first.setdefault(core, self.names[i].start)
        if not counts:
            return self.text[self.names[members[0]].start : self.names[members[0]].end]

        def rank(core: str) -> tuple[int, int, int]:
            words = len(person_parts(core)) if kind == ActorType.PERSON else len(core.split())
            return (words, counts[core], -first[core])

        return max(counts, key=rank)


def group_actors(text: str, data: Collected, lex: TitleLexicon) -> list[Actor]:
    """Actors of a whole document from the facts collected paragraph by paragraph."""
    return _Grouper(text, data, lex).run()
