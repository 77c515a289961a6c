"""The same story from two sources is one story; two stories on one subject are two.
Invented stories of the shapes wire copy takes."""

from __future__ import annotations

from talkingpaper.sources.fingerprint import contained, fingerprint, same_story, similarity

STORY = [
    "The city council voted 7 to 2 on Tuesday to repair the Fifth Street bridge, ending "
    "a year of argument over whether to replace the 90-year-old crossing.",
    '"This keeps the bridge open while the work is done," Mayor Ana Ruiz said after the '
    "vote, adding that the first lane could reopen by June.",
    "The repairs will cost about $4 million, paid from a state grant and the city's road "
    "fund. Engineers closed one lane in August after finding rust on two supports.",
    "Two council members who voted no said a new bridge would cost less over 50 years.",
]


def test_a_wire_copy_under_another_headline_and_trimmed_is_the_same_story() -> None:
    copy = [
        "Riverside council backs bridge repair",  # the second paper's own headline
        "By The Associated Press",
        *(p.upper() if i == 1 else p for i, p in enumerate(STORY[:3])),  # case does not count
    ]
    assert same_story(fingerprint(STORY), fingerprint(copy))


def test_two_stories_on_one_subject_are_two() -> None:
    other = [
        "Traffic on the Fifth Street bridge will move to one lane from Monday while crews "
        "replace the deck, the city's road department said.",
        "Drivers should expect delays of up to 20 minutes at rush hour and use the Elm "
        "Street crossing where they can, a department spokesman said.",
        "Buses on routes 4 and 9 will run on the detour until the work ends in June.",
    ]
    assert similarity(fingerprint(STORY), fingerprint(other)) < 0.2
    assert not same_story(fingerprint(STORY), fingerprint(other))


def test_nothing_to_compare_is_never_the_same_story() -> None:
    assert fingerprint([]) == [] and not same_story([], [])


def test_containment_tells_a_teaser_from_the_whole_story() -> None:
    teaser = [STORY[0]]
    assert contained(teaser, STORY) == 1.0  # the page tells all the teaser says
    assert contained(STORY, teaser) < 0.4  # the teaser tells little of the story
