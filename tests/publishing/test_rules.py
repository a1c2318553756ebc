"""The public pages' rules: counts in words, what changed since the last publication, the etag."""

from hypothesis import given
from hypothesis import strategies as st

from publishing import rules

LABELS = ["Complete", "On track", "Delayed", "Not rated yet"]


def test_counts_words_says_how_many_actions_are_in_each_status():
    counts = [("Complete", 5), ("On track", 4), ("Delayed", 2), ("Not rated yet", 1)]
    assert rules.counts_words(counts) == (
        "Of 12 actions, 5 are \u201cComplete\u201d, 4 \u201cOn track\u201d, 2 \u201cDelayed\u201d "
        "and 1 \u201cNot rated yet\u201d"
    )


def test_counts_words_leaves_out_statuses_no_action_has_and_says_one_action():
    assert rules.counts_words([("Complete", 1), ("Delayed", 0)]) == "Of 1 action, 1 is \u201cComplete\u201d"


def test_counts_words_for_an_item_with_no_actions():
    assert rules.counts_words([("Complete", 0)]) == "No actions yet"


def test_changes_since_names_the_counts_that_moved():
    before = [("Complete", 3), ("On track", 4), ("Delayed", 2)]
    after = [("Complete", 5), ("On track", 3), ("Delayed", 1)]
    assert rules.changes_since(before, after) == [
        "2 more actions are \u201cComplete\u201d",
        "1 fewer action is \u201cOn track\u201d",
        "1 fewer action is \u201cDelayed\u201d",
    ]


def test_changes_since_the_first_publication_is_nothing():
    assert rules.changes_since(None, [("Complete", 2)]) == []


def test_changes_since_says_when_nothing_moved():
    assert rules.changes_since([("Complete", 2)], [("Complete", 2)]) == [
        "No change since the last publication"
    ]


counts = st.lists(st.integers(min_value=0, max_value=50), min_size=4, max_size=4).map(
    lambda ns: list(zip(LABELS, ns, strict=True))
)


@given(counts, counts)
def test_changes_since_each_way_are_mirror_images(before, after):
    """Going from A to B says "more" exactly where going back says "fewer"."""
    forward = [c for c in rules.changes_since(before, after) if not c.startswith("No change")]
    backward = [c for c in rules.changes_since(after, before) if not c.startswith("No change")]
    swapped = {" more ": " fewer ", " fewer ": " more "}
    assert [next(c.replace(a, b) for a, b in swapped.items() if a in c) for c in forward] == backward


def test_the_etag_is_the_same_whatever_the_order_of_keys():
    assert rules.content_etag({"a": 1, "b": [1, 2]}) == rules.content_etag({"b": [1, 2], "a": 1})
    assert rules.content_etag({"a": 1}) != rules.content_etag({"a": 2})


def test_the_rating_explanation_follows_the_areas_settings():
    plain = rules.rating_explanation(
        tolerance="0", near_miss_green=False, compare_without_target=True, tolerance_is_percent=False
    )
    assert "green when the target is met, red when it is not" in " ".join(plain)
    assert "compared with England and the region" in " ".join(plain)
    near = rules.rating_explanation(
        tolerance="5", near_miss_green=True, compare_without_target=False, tolerance_is_percent=True
    )
    assert "within 5% of the target, green" in " ".join(near)
    assert "Without a target: not rated." in near
