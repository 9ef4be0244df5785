"""Events from short sentences: type, participants, place and date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.analysis.event_lexicon import load_lexicon
from models.domain import Analysis, Document, Event, EventType

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer


def _run(analyzer: Analyzer, text: str, date: str = "2023-12-30") -> Analysis:
    return analyzer.analyze(Document(text=text, date=date))


def _names(result: Analysis, event: Event) -> tuple[str | None, str | None, list[str]]:
    names = {a.id: a.name for a in result.actors}
    return (
        names.get(event.source) if event.source else None,
        names.get(event.target) if event.target else None,
        [names[p] for p in event.participants],
    )


def _only(result: Analysis, kind: EventType) -> Event:
    found = [e for e in result.events if e.type == kind]
    assert len(found) == 1, result.events
    return found[0]


def test_call_with_source_target_and_date(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Mr. Biden made an urgent call to Mr. Netanyahu on Oct. 11.")
    call = _only(result, EventType.CALL)
    source, target, _ = _names(result, call)
    assert "Biden" in (source or "") and "Netanyahu" in (target or "")
    assert call.date == "2023-10-11"
    assert call.date_basis is not None and "Oct. 11" in call.date_basis


def test_meeting_with_coordinated_partners_and_place(analyzer: Analyzer) -> None:
    result = _run(analyzer, "William Burns met with David Barnea and Sheikh Mohammed in Warsaw on Dec. 18.")
    meeting = _only(result, EventType.MEETING)
    source, target, participants = _names(result, meeting)
    assert "Burns" in (source or "") and "Barnea" in (target or "")
    assert any("Mohammed" in p for p in participants)
    names = {a.id: a.name for a in result.actors}
    assert meeting.place is not None and names[meeting.place] == "Warsaw"
    assert meeting.date == "2023-12-18"


def test_passive_puts_the_agent_first(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Ahmed Mohamed was arrested by the Irving police on Monday.", date="2015-09-22")
    arrest = _only(result, EventType.LEGAL)
    source, target, _ = _names(result, arrest)
    assert "Irving" in (source or "") and "Ahmed" in (target or "")
    assert arrest.date == "2015-09-21"


def test_transfer_of_weapons_takes_the_sentence_date(analyzer: Analyzer) -> None:
    result = _run(analyzer, "On Friday, the State Department agreed to send 13,000 tank shells to Israel.")
    transfer = _only(result, EventType.TRANSFER)
    assert transfer.date == "2023-12-29"
    assert _only(result, EventType.AGREEMENT).date == "2023-12-29"


def test_attribution_is_not_an_event_but_a_dated_warning_is(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Mr. Austin said the talks were useful. On Oct. 13, Mr. Austin warned Mr. Gallant.")
    assert [e.text for e in result.events if e.type == EventType.STATEMENT] == ["warned"]


def test_negated_modal_and_intended_events_are_marked_not_asserted(analyzer: Analyzer) -> None:
    text = "Arab leaders refused to meet with Mr. Biden. Hamas might attack Israel. Mr. Biden did not call Mr. Xi."
    result = _run(analyzer, text)
    marks = {e.text: (e.modality, e.polarity) for e in result.events}
    assert marks["meet"] == ("intended", None)
    assert marks["attack"] == ("might", None)
    assert marks["call"] == (None, "NEG")
    assert not any(e.factual for e in result.events)


def test_asserted_event_has_no_modality(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Hamas attacked Israel on Oct. 7.")
    attack = _only(result, EventType.ATTACK)
    assert (attack.modality, attack.polarity, attack.factual) == (None, None, True)


def test_event_without_a_date_of_its_own_continues_the_narrative(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Mr. Biden flew to Israel on Oct. 18. He met Mr. Netanyahu in Tel Aviv.")
    meeting = _only(result, EventType.MEETING)
    assert meeting.date == "2023-10-18"
    assert meeting.date_basis is not None and meeting.date_basis.startswith("narrative")


def test_a_date_does_not_carry_into_the_next_paragraph_on_a_new_line(analyzer: Analyzer) -> None:
    """Text written one paragraph a line: the next line's past event is not dated by the line before."""
    result = _run(analyzer, "On Oct. 7, Hamas attacked Israel.\nMr. Biden met Mr. Netanyahu in Tel Aviv.")
    meeting = _only(result, EventType.MEETING)
    assert meeting.date_basis is not None and not meeting.date_basis.startswith("narrative")
    assert meeting.date != "2023-10-07"


def test_an_infinitive_is_told_at_the_time_of_the_verb_it_completes(analyzer: Analyzer) -> None:
    """'have been pressing him to curb the assault' tells an assault going on now, not on the date told before."""
    text = "In November, officials sent a letter to Mr. Biden. Senators have been pressing him to curb Israel’s attack."
    assault = _only(_run(analyzer, text), EventType.ATTACK)
    assert assault.date == "2023-12-30"
    assert assault.date_basis == "reported as of the document date"


def test_the_past_perfect_is_not_told_as_of_the_document_date(analyzer: Analyzer) -> None:
    """'He had already announced the visit' tells what came before the story, not news of the report's day."""
    text = "Mr. Biden flew to Israel on Oct. 18. He had already announced the visit."
    announced = next(e for e in _run(analyzer, text).events if e.text == "announced")
    assert announced.date_basis is not None and "as of the document date" not in announced.date_basis
    assert announced.date != "2023-12-30"


def test_an_event_a_time_is_counted_from_is_not_dated_at_that_time(analyzer: Analyzer) -> None:
    """'On Friday, three days after the meeting with Ms. Jones, ...': the meeting was not on Friday."""
    text = "On Friday, three days after the meeting with Ms. Jones, the ministry agreed to send aid to Ruritania."
    result = _run(analyzer, text)
    agreed = next(e for e in result.events if e.text == "agreed")
    assert agreed.date == "2023-12-29"
    meeting = _only(result, EventType.MEETING)
    assert meeting.date != "2023-12-29"
    assert meeting.date_basis is not None and not meeting.date_basis.startswith("narrative")


def test_events_filling_a_stretch_of_time_have_no_single_date(analyzer: Analyzer) -> None:
    """'the product of weeks of calls with Ms. Jones': the calls came before the meeting, over weeks."""
    text = "Her meeting in Paris on Dec. 18 was the product of weeks of intense calls with Ms. Jones."
    call = _only(_run(analyzer, text), EventType.CALL)
    assert call.date is None
    assert call.date_basis is not None and "repeated" in call.date_basis


def test_present_tense_event_is_told_as_of_the_document_date(analyzer: Analyzer) -> None:
    result = _run(analyzer, "The Pentagon is sending two aircraft carriers to the region.")
    deployment = _only(result, EventType.DEPLOYMENT)
    assert deployment.date == "2023-12-30"
    assert deployment.date_basis == "reported as of the document date"


def test_a_hypothetical_event_is_kept_off_the_timeline_axis() -> None:
    from models.views import ViewIndex, build_timeline

    text = "Hamas attacked Israel. Iran would attack Israel."
    first, second = text.index("attacked"), text.rindex("attack")
    events = [
        Event("e1", EventType.ATTACK, first, first + 8, "attacked", "2023-10-07"),
        Event("e2", EventType.ATTACK, second, second + 6, "attack", "2023-10-08", modality="would"),
    ]
    timeline = build_timeline(ViewIndex(Analysis(Document(text), "test", "fixed", [], events, [])))
    assert [m.event_id for lane in timeline.lanes for m in lane.marks] == ["e1"]
    assert [(u.event_id, u.label) for u in timeline.undated] == [("e2", "would, 2023-10-08")]


def test_an_event_dated_only_by_the_document_date_is_listed_apart_from_the_timeline(analyzer: Analyzer) -> None:
    from models.domain import DOCUMENT_DATE_GUESS
    from models.views import ViewIndex, build_timeline

    text = (
        "On Oct. 7, Hamas attacked Israel.\n\n"
        "An explosion at a hospital had reportedly killed hundreds. Leaders were refusing to meet with Mr. Biden."
    )
    analysis = analyzer.analyze(Document(text, date="2023-12-30"))
    guessed = [e for e in analysis.events if e.dated_by_document_only]
    assert guessed and all(e.date_basis == DOCUMENT_DATE_GUESS for e in guessed)
    timeline = build_timeline(ViewIndex(analysis))
    on_axis = {m.event_id for lane in timeline.lanes for m in lane.marks}
    assert {e.id for e in analysis.events if e.text == "attacked"} <= on_axis
    assert not on_axis & {e.id for e in guessed}
    labels = {u.event_id: u.label for u in timeline.undated}
    assert all(labels[e.id] == "by 2023-12-30, the document's date" for e in guessed if e.factual)


def test_repeated_events_are_one_undated_event(analyzer: Analyzer) -> None:
    result = _run(analyzer, "On Friday, officials said Mr. Biden has spoken with Mr. Netanyahu 14 times.")
    call = _only(result, EventType.CALL)
    assert call.date is None
    assert call.date_basis is not None and "repeated" in call.date_basis


def test_event_noun_carries_its_own_date(analyzer: Analyzer) -> None:
    result = _run(analyzer, "Israel has not recovered from the Oct. 7 attack by Hamas.")
    attack = _only(result, EventType.ATTACK)
    assert attack.date == "2023-10-07"
    assert _names(result, attack)[0] == "Hamas"


def test_lexicon_rows_are_well_formed() -> None:
    lexicon = load_lexicon()
    assert ("meet", "VERB") in lexicon.rules
    assert all(rule.type in EventType for rules in lexicon.rules.values() for rule in rules)


def test_event_quote_does_not_end_at_titles_or_month_abbreviations() -> None:
    from models.text import sentence_quote

    text = (
        "As he learned about the attack on Oct. 7, Mr. Biden conducted three calls. "
        "Biden pressed Mr. Netanyahu to wait. Nothing else."
    )
    calls = text.index("conducted")
    assert sentence_quote(text, calls, calls + 9) == text[: text.index(" Biden pressed")]
    pressed = text.index("pressed")
    assert sentence_quote(text, pressed, pressed + 7) == "Biden pressed Mr. Netanyahu to wait."


def test_a_date_that_only_names_an_event_moves_no_narrative(analyzer: Analyzer) -> None:
    """'the Oct. 7 attack' dates the attack, not the meeting told after it."""
    result = _run(analyzer, "The Oct. 7 attack shocked Israel. Mr. Biden met Mr. Netanyahu in Tel Aviv.", "2023-10-20")
    meeting = _only(result, EventType.MEETING)
    assert meeting.date == "2023-10-20"
    assert meeting.date_basis is not None and meeting.date_basis.startswith("the document date")


def test_a_clause_that_modifies_a_time_happens_at_that_time(analyzer: Analyzer) -> None:
    """'..., and the following year he was appointed ambassador': appointed in 1996, not on the first date."""
    text = (
        "On May 22, 1995, Ann Smith was made a colonel, and the following year she was appointed ambassador in Paris."
    )
    result = _run(analyzer, text, date="2003-04-18")
    appointed = next(e for e in result.events if e.text == "appointed")
    assert appointed.date == "1996"
    assert appointed.date_basis is not None and "the following year" in appointed.date_basis


def test_a_verb_and_its_object_naming_the_same_event_are_one_event(analyzer: Analyzer) -> None:
    """'published an essay' is one publication; 'launched an attack on Ruritania' one attack, on Ruritania."""
    result = _run(analyzer, "Senator Jane Smith published an essay in the Chicago Tribune on March 3.")
    statement = _only(result, EventType.STATEMENT)
    assert statement.text == "published" and statement.date == "2023-03-03"
    result = _run(analyzer, "Hezbollah launched an attack on Ruritania on Oct. 7.")
    attack = _only(result, EventType.ATTACK)
    source, target, _ = _names(result, attack)
    assert attack.text == "launched"
    assert "Hezbollah" in (source or "") and "Ruritania" in (target or "")


def test_planned_and_future_events_keep_their_date_but_are_not_facts(analyzer: Analyzer) -> None:
    """'is due to arrive on Sunday', 'is to travel', 'will meet on Thursday': dated, shown as planned, kept off the
    timeline of what happened; 'attacked on Oct. 7' is a fact."""
    text = (
        "Mr. Arafat is due to arrive in Cairo on Sunday. Mr. Blinken is to travel to Cairo on Sunday. "
        "The ministers will meet in Brussels on Thursday. Hamas attacked Israel on Oct. 7."
    )
    result = _run(analyzer, text)
    marks = {e.text: (e.modality, e.date, e.factual) for e in result.events}
    assert marks["arrive"] == ("planned", "2023-12-31", False)
    assert marks["travel"] == ("planned", "2023-12-31", False)
    assert marks["meet"] == ("will", "2024-01-04", False)
    assert marks["attacked"] == (None, "2023-10-07", True)


def test_a_speech_act_inside_a_past_story_is_not_news_of_the_report_day(analyzer: Analyzer) -> None:
    """'A quarrel broke out. Some urged him to resign.': the urging belongs to that story, whose day the text does
    not give, so it is not put on the timeline at the report's date; told on its own it is news of that day."""
    story = "A loud quarrel broke out among the ministers in Vienna. Some of them urged Mr. Karlsson to resign."
    urged = next(e for e in _run(analyzer, story).events if e.text == "urged")
    assert urged.dated_by_document_only
    lead = next(e for e in _run(analyzer, "Mr. Karlsson urged the ministers to resign.").events if e.text == "urged")
    assert lead.date == "2023-12-30"
    assert lead.date_basis == "reported as of the document date"


def test_an_event_named_inside_another_noun_does_not_take_the_present_perfect(analyzer: Analyzer) -> None:
    """'The excitement of the royal visit has given way to quarrels': the present perfect tells about the
    excitement now; the visit is over, and neither the report's day nor the date told before is when it was."""
    for text in (
        "The excitement of the royal visit to Oslo has given way to bitter quarrels.",
        "On Monday, the king opened a bridge. The excitement of the royal visit to Oslo has given way to quarrels.",
    ):
        visit = next(e for e in _run(analyzer, text).events if e.text == "visit")
        assert visit.dated_by_document_only, visit
    direct = next(e for e in _run(analyzer, "The royal visit to Oslo has angered the opposition.").events)
    assert direct.date_basis == "reported as of the document date"


def test_what_someone_agreed_or_decided_to_do_is_planned_not_done(analyzer: Analyzer) -> None:
    """'agreed to send warships on Tuesday': the agreeing is a fact of Tuesday; the sending is arranged, so it keeps
    the date but is marked planned and kept off the timeline of what happened."""
    text = (
        "On Tuesday, the council agreed to send two warships to Ruritania. "
        "The army decided to deploy more troops to Ruritania."
    )
    marks = {e.text: (e.modality, e.date, e.factual) for e in _run(analyzer, text).events}
    assert marks["agreed"] == (None, "2023-12-26", True)
    assert marks["send"] == ("planned", "2023-12-26", False)
    assert marks["deploy"][0] == "planned"


def test_a_coordinated_clause_with_its_own_subject_is_not_negated_by_the_first(analyzer: Analyzer) -> None:
    """'The minister did not give a date, and the senators pressed him': the pressing happened; a verb sharing
    the negated clause's subject ('did not meet them or call the minister') stays negated."""
    text = "But the minister did not give a firm date, and the senators pressed Mr. Karlsson to resign."
    pressed = next(e for e in _run(analyzer, text).events if e.text == "pressed")
    assert (pressed.modality, pressed.polarity) == (None, None)
    shared = _run(analyzer, "Mr. Karlsson did not meet the senators or call the minister.")
    assert {e.text: e.polarity for e in shared.events} == {"meet": "NEG", "call": "NEG"}


def test_an_infinitive_naming_what_a_noun_is_for_is_not_done(analyzer: Analyzer) -> None:
    """'fighters with orders to attack Israel', 'efforts to negotiate': the attack and the talks have not happened;
    'the first minister to visit Ruritania' (parsed as a relative clause) tells a visit that did."""
    for text, trigger in (
        ("Ruritania sent fighters with orders to attack Israel.", "attack"),
        ("There are quiet efforts underway to negotiate with Hezbollah.", "negotiate"),
    ):
        event = next(e for e in _run(analyzer, text).events if e.text == trigger)
        assert not event.factual, event
    visit = next(e for e in _run(analyzer, "Mr. Karlsson was the first minister to visit Ruritania.").events)
    assert visit.factual
