"""The rule that puts a participant's answer into the scan, and what a phone may see of it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dienstscan.model import Answer, Poll
from dienstscan.participation import AnswerChange, Change, SessionContent, apply_change
from dienstscan.participation.content import clean_comment, replace_one

from participation_scan import make_assessment


def test_content_holds_only_items_in_scope_with_text_explanation_and_options(fixture_checklists):
    assessment = make_assessment()
    assessment.frameworks = ["KB"]
    content = SessionContent.build(fixture_checklists, assessment)
    expected = [i.id for i in fixture_checklists.framework("KB").all_items()]
    assert content.ids() == expected
    item = content.item(expected[0])
    scale = fixture_checklists.scale_for(item.id)
    assert item.options == tuple((o.id, o.label) for o in scale.options)
    assert all(content.item(i.id) is None for i in fixture_checklists.framework("KA").all_items())


def test_a_changed_answer_replaces_the_participants_earlier_one():
    answer = Answer(option="ja", individual={"formulier": ["nee", "ja"], "voorronde": ["nee"]},
                    notes="Eigen notitie")  # "nee", "ja" from forms; "nee" from this phone's voorronde
    first = apply_change(answer, AnswerChange("X", option=Change(None, "nee"), round="live"))
    assert first.individual == {"formulier": ["nee", "ja"], "voorronde": ["nee"], "live": ["nee"]}
    second = apply_change(first, AnswerChange("X", option=Change("nee", "ja"), round="live"))
    # replaced in its own round only: the voorronde's "nee" and the forms stay
    assert second.individual == {"formulier": ["nee", "ja"], "voorronde": ["nee"], "live": ["ja"]}
    assert second.option == "ja" and answer.individual_in("live") == []  # agreed answer and input untouched
    withdrawn = apply_change(second, AnswerChange("X", option=Change("ja", None), round="live"))
    assert withdrawn.individual == {"formulier": ["nee", "ja"], "voorronde": ["nee"]}  # no empty round left


def test_a_previous_answer_that_was_undone_is_not_searched_for():
    assert replace_one(["a"], "b", "c") == ["a", "c"]
    assert replace_one(["a", "b"], "b", None) == ["a"]


def test_comments_go_into_the_notes_one_line_per_participant():
    answer = Answer(notes="Eigen notitie")
    one = apply_change(answer, AnswerChange("X", comment=Change(None, "Klopt niet")))
    two = apply_change(one, AnswerChange("X", comment=Change("Klopt niet", "Klopt deels")))
    assert two.notes == "Eigen notitie\nDeelnemer: Klopt deels"
    gone = apply_change(two, AnswerChange("X", comment=Change("Klopt deels", None)))
    assert gone.notes == "Eigen notitie"


def test_a_changed_vote_moves_in_the_poll():
    answer = Answer(poll=Poll(ja=2))
    one = apply_change(answer, AnswerChange("X", vote=Change(None, "nee")))
    two = apply_change(one, AnswerChange("X", vote=Change("nee", "twijfel")))
    assert (two.poll.ja, two.poll.twijfel, two.poll.nee) == (2, 1, 0)


def test_clean_comment_is_one_printable_line():
    assert clean_comment("a\n\tb\x00c  d") == "a b c d"
    assert len(clean_comment("x" * 5_000)) == 1_000


@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["a", "b", "c"])), max_size=40))
def test_every_participant_counts_exactly_once(moves):
    """Whatever order participants answer and change their minds in, each counts once, with their last answer."""
    individual: list[str] = ["a"]  # one answer from a form before the session
    current: dict[int, str] = {}
    for participant, option in moves:
        individual = replace_one(individual, current.get(participant), option)
        current[participant] = option
    assert sorted(individual) == sorted(["a", *current.values()])
