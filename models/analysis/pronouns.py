"""Third-person personal pronouns ("he", "her", "himself") attached to the person they most likely mean.

Why: news tells most actions through pronouns ("He met the emir"), so without them an event's source is
often missing. The rules are kept deliberately cautious (precision over recall):
- "subject chain": the candidates are persons named (or referred to by role, or by an earlier resolved
  pronoun) in the same sentence before the pronoun or in the two sentences before it; a subject or a
  resolved pronoun outranks any other mention, then the nearer sentence, then the nearer mention;
- "no confident antecedent": a mention that is neither a subject nor a pronoun (nor a name quoted inside
  quotation marks) is not taken, and two different people as near as the best subject leave it open: the
  pronoun stays unattached;
- "intervening person": another person named between the antecedent and a possessive or object pronoun in
  its sentence leaves the pronoun open, unless the antecedent is the subject of the pronoun's own clause;
- a person whose gender the text shows ("Mr.", "Ms.", an earlier "she") must agree with the pronoun; an
  object pronoun never means its own clause's subject.
Plural and first-person pronouns are left alone: their referents are mostly groups or speakers the analysis
does not name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from models.domain import Actor, ActorType, Mention, MentionKind

MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
PRONOUNS = MASCULINE | FEMININE
_WINDOW = 2  # sentences back
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_MALE_MARK = re.compile(r"^(?:Mr\.?|Sir|Lord|King|Prince|Father|Brother)\s", re.IGNORECASE)
_FEMALE_MARK = re.compile(r"^(?:Mrs\.?|Ms\.?|Miss|Dame|Lady|Queen|Princess|Sister|Madam|Mme\.?)\s", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RawPronoun:
    """A pronoun token: absolute span, lower-case form, sentence number and whether it is a subject."""

    start: int
    end: int
    word: str
    sent: int
    subject: bool
    not_within: tuple[int, int] | None = None  # the own clause's subject, which an object pronoun cannot mean
    owner: tuple[int, int] | None = None  # the explicit subject of a non-subject pronoun's clause


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    sent: int
    subject: bool
    actor: int  # index into the actor list
    pronoun: bool = False


def _gender_marks(actor: Actor) -> str:
    """ "m", "f" or "" from the honorifics and titles the text writes before the person's name."""
    for mention in actor.mentions:
        if _MALE_MARK.match(mention.text):
            return "m"
        if _FEMALE_MARK.match(mention.text):
            return "f"
    return ""


def _intervening_person(
    pronoun: RawPronoun,
    best: _Candidate,
    *,
    before: list[_Candidate],
    starts: list[int],
    stop: int,
    actors: list[Actor],
    genders: list[str],
    wanted: str,
    asides: set[int],
) -> bool:
    """Rule "intervening person": another person named between the antecedent and a non-subject pronoun.

    "Memon said the support for Mohamed had helped his case", "Rathbun asked for money to help Montalvo with
    his defence": the pronoun may mean either, so it stays open, unless the antecedent is the explicit subject
    of the pronoun's own clause ("Hall fired Stone from his team"). A possessor or an apposition in between
    ("Truffaut's film ... her success", "his brother, George Whitman, ... his") does not count.
    """
    if pronoun.subject or pronoun.word.endswith("self"):
        return False
    if pronoun.owner is not None and pronoun.owner[0] <= best.start < pronoun.owner[1]:
        return False
    # Only the candidates after the antecedent count: `before` is sorted by start, so they are its tail.
    after = bisect.bisect_right(starts, best.start)
    return any(
        cand.start > best.start
        and cand.sent == pronoun.sent
        and cand.actor != best.actor
        and not cand.pronoun
        and cand.start not in asides
        and not (pronoun.not_within and pronoun.not_within[0] <= cand.start < pronoun.not_within[1])
        and actors[cand.actor].type is ActorType.PERSON
        and genders[cand.actor] in ("", wanted)
        for cand in itertools.islice(before, after, stop)
    )


def resolve_pronouns(
    text: str,
    actors: list[Actor],
    pronouns: list[RawPronoun],
    sentence_starts: list[int],
    subjects: list[tuple[int, int]],
    *,
    asides: set[int] | None = None,
) -> None:
    """Add a PRONOUN mention to the person each resolvable pronoun refers to (in place)."""
    if not pronouns:
        return
    subjects = sorted(subjects)

    def sentence(offset: int) -> int:
        return max(0, bisect.bisect_right(sentence_starts, offset) - 1)

    def is_subject(mention: Mention) -> bool:
        # "His father, Anthony" is relative to someone else: it does not carry the subject chain.
        if mention.kind is MentionKind.NOMINAL and mention.text.split(" ", 1)[0].lower() in _POSSESSIVES:
            return False
        k = bisect.bisect_left(subjects, (mention.start, -1))
        return k < len(subjects) and subjects[k][1] <= mention.end

    genders = [_gender_marks(a) if a.type is ActorType.PERSON else "" for a in actors]
    # Named organizations and places that are subjects stay candidates, so that a pronoun whose best reading
    # is one of them (a person the analysis mistyped, or "it" misparsed) is left unattached, not guessed.
    candidates: list[_Candidate] = [
        _Candidate(m.start, sentence(m.start), is_subject(m), index)
        for index, actor in enumerate(actors)
        if actor.type is not ActorType.GROUP
        for m in actor.mentions
        if m.kind is not MentionKind.PRONOUN
        and (actor.type is ActorType.PERSON or (m.kind is MentionKind.NAME and is_subject(m)))
    ]
    candidates.sort(key=lambda c: c.start)
    starts = [c.start for c in candidates]
    added: list[tuple[int, Mention]] = []
    for pronoun in sorted(pronouns, key=lambda p: p.start):
        wanted = "m" if pronoun.word in MASCULINE else "f"
        stop = bisect.bisect_left(starts, pronoun.start)
        best: tuple[tuple[int, int, int], _Candidate] | None = None
        people: set[int] = set()
        other_gender = False
        subjects_seen: list[tuple[tuple[int, int, int], int]] = []
        for k in range(stop - 1, -1, -1):  # nearest first, without copying the candidates before the pronoun
            cand = candidates[k]
            distance = pronoun.sent - cand.sent
            if distance > _WINDOW:
                break
            if genders[cand.actor] not in ("", wanted):
                other_gender = True
                continue
            if pronoun.not_within and pronoun.not_within[0] <= cand.start < pronoun.not_within[1]:
                continue
            people.add(cand.actor)
            # Rule "subject chain": a subject (or an earlier resolved pronoun, which carries one) outranks any
            # other mention; then the nearer sentence; then the nearer mention.
            rank = (0 if cand.subject or cand.pronoun else 1, distance, pronoun.start - cand.start)
            if best is None or rank < best[0]:
                best = (rank, cand)
            subjects_seen.append((rank, cand.actor))
        # Rule "no confident antecedent": a mention that is neither a subject nor a pronoun is not taken
        # ("Daniel" in "Johann banned Daniel from his house"; "Dana" in "'Dana will lose,' he said"), unless
        # gender leaves only it ("Mr. Biden met Kamala Harris. She said ...").
        if best is not None and best[0][0] == 1 and not (other_gender and len(people) == 1):
            best = None
        # Two different people are subjects as near as the best one ("Biden met Xi. He ..."): no guess.
        if (
            best is not None
            and best[0][0] == 0
            and best[0][1] > 0
            and any(rank[0] == 0 and rank[1] == best[0][1] and actor != best[1].actor for rank, actor in subjects_seen)
        ):
            best = None
        if best is not None and _intervening_person(
            pronoun,
            best[1],
            before=candidates,
            starts=starts,
            stop=stop,
            actors=actors,
            genders=genders,
            wanted=wanted,
            asides=asides or set(),
        ):
            best = None
        if best is None or actors[best[1].actor].type is not ActorType.PERSON:
            continue
        chosen = best[1]
        if not genders[chosen.actor]:
            genders[chosen.actor] = wanted
        mention = Mention(pronoun.start, pronoun.end, text[pronoun.start : pronoun.end], MentionKind.PRONOUN)
        added.append((chosen.actor, mention))
        # The pronoun now carries the person forward, like a name would ("He ... He ...").
        new = _Candidate(pronoun.start, pronoun.sent, pronoun.subject, chosen.actor, pronoun=True)
        at = bisect.bisect_left(starts, pronoun.start)
        candidates.insert(at, new)
        starts.insert(at, pronoun.start)
    for index, mention in added:
        actors[index].mentions.append(mention)
    for actor in actors:
        actor.mentions.sort(key=lambda m: m.start)
