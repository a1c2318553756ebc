"""The words for a level's name: its plural and its article (plans.rules.plural, with_article), and the
pages that use them."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from plans import rules

letters = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)
# The words the rule knows by name: irregular ("person" -> "people") or the same in the plural.
KNOWN = {"person", "child", "analysis", "criterion", "evidence", "information", "staff", "data"}
KNOWN |= {"feedback", "guidance", "support", "criteria", "progress"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Priority", "Priorities"),
        ("Activity", "Activities"),
        ("Area of weakness", "Areas of weakness"),
        ("Area of Weakness", "Areas of Weakness"),
        ("Key action", "Key actions"),
        ("Milestone", "Milestones"),
        ("Work stream", "Work streams"),
        ("Pathway", "Pathways"),
        ("Outcome", "Outcomes"),
        ("Focus area", "Focus areas"),
        ("Branch", "Branches"),
        ("Process", "Processes"),
        ("Child", "Children"),
        ("Evidence", "Evidence"),
        ("KPI", "KPIs"),
        ("Area for development", "Areas for development"),
        ("Key line of enquiry", "Key lines of enquiry"),
        ("Success criteria", "Success criteria"),
        ("Priority in the plan", "Priorities in the plan"),
        ("  Key   action ", "Key actions"),
        ("", ""),
    ],
)
def test_plural_pluralises_the_head_noun(name, expected):
    assert rules.plural(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Activity", "Activities"),  # -y after a consonant
        ("Strategy", "Strategies"),
        ("Survey", "Surveys"),  # -y after a vowel
        ("Journey", "Journeys"),
        ("Box", "Boxes"),  # -x
        ("Wish", "Wishes"),  # -sh
        ("Approach", "Approaches"),  # -ch
        ("Focus", "Focuses"),  # -s
        ("Status", "Statuses"),
    ],
)
def test_plural_of_each_ending_is_never_just_an_added_s(name, expected):
    """Activity -> Activities, not "Activitys"; Box -> Boxes, not "Boxs"."""
    assert rules.plural(name) == expected


@given(letters, letters)
def test_plural_changes_only_the_word_before_of(head, tail):
    """Whatever follows " of " is kept as it was; the head word changes."""
    name = f"{head} of {tail}"
    assert rules.plural(name).endswith(f" of {tail}")
    assert rules.plural(name) == f"{rules.plural(head)} of {tail}"


@given(letters)
def test_a_plural_starts_with_the_word_and_is_never_shorter(word):
    """Irregular plurals (criterion, criteria) are the known exceptions."""
    plural = rules.plural(word)
    if word.lower() not in KNOWN:
        assert len(plural) >= len(word)
        assert plural.startswith(word[:-1])


@given(letters.filter(lambda w: w[-1] not in "syxzh" and w not in KNOWN))
def test_a_plain_word_takes_s(word):
    assert rules.plural(word) == word + "s"


@given(letters.filter(lambda w: w not in KNOWN))
def test_a_plural_always_ends_in_s(word):
    assert rules.plural(word).endswith("s")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("area of weakness", "an area of weakness"),
        ("priority", "a priority"),
        ("activity", "an activity"),
        ("outcome", "an outcome"),
        ("key action", "a key action"),
        ("milestone", "a milestone"),
        ("user journey", "a user journey"),
        ("one-off task", "a one-off task"),
        ("unit of work", "a unit of work"),
        ("hour", "an hour"),
        ("Improvement area", "an Improvement area"),
    ],
)
def test_with_article_goes_by_the_first_sound(name, expected):
    assert rules.with_article(name) == expected


@given(letters)
def test_with_article_is_a_or_an_then_the_name(word):
    said = rules.with_article(word)
    article, _, rest = said.partition(" ")
    assert rest == word
    assert article in {"a", "an"}
    if word[0] not in "aeiouh":
        assert article == "a"


# The pages -----------------------------------------------------------------------------------


class _Text(HTMLParser):
    """A page's text as a browser's textContent gives it: the text of each element, nothing added."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.fixture
def named(plan, tree):
    plan.level_names = ["Area of weakness", "Priority", "Key action", "Activity"]
    plan.save()
    return tree


def _get(client, user, name, **kwargs):
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"area": "stockport", **kwargs}))
    assert response.status_code == 200
    return text_of(response.content.decode())


@pytest.mark.django_db
def test_the_overview_says_each_level_in_the_plural_and_with_its_article(
    client, plan, named, programme_manager
):
    text = _get(client, programme_manager, "plans:plan", pk=plan.pk)
    assert "Activities by area of weakness" in text
    assert "All activities, with filters" in text
    assert "Number of activities in each status" in text
    assert "Add an area of weakness" in text
    assert "Activitys" not in text
    assert "Add a area" not in text


@pytest.mark.django_db
def test_the_overview_headings_and_counts_are_separate_words(client, plan, named, viewer):
    text = _get(client, viewer, "plans:plan", pk=plan.pk)
    labels = [s.label for s in plan.rag_scheme.statuses.order_by("position")]
    assert " ".join(labels) + " No status Total Overdue" in text


@pytest.mark.django_db
def test_the_milestones_page_and_item_pages_use_the_plural(client, plan, named, programme_manager):
    assert "Activities" in _get(client, programme_manager, "plans:milestones", pk=plan.pk)
    top = _get(client, programme_manager, "plans:item", pk=named["top"].pk)
    assert "Priorities" in top
    assert "Add a priority" in top
    assert "Prioritys" not in top
    assert "Key actions" in _get(client, programme_manager, "plans:item", pk=named["priority"].pk)


@pytest.mark.django_db
def test_adding_under_an_item_names_its_level_with_the_right_article(client, plan, named, programme_manager):
    client.force_login(programme_manager)
    url = reverse("plans:item-create", kwargs={"area": "stockport", "plan_pk": plan.pk})
    response = client.get(url)
    assert "Add an area of weakness" in text_of(response.content.decode())
    response = client.get(url, {"parent": named["action"].pk})
    assert "Add an activity under 1.1.1" in text_of(response.content.decode())


@pytest.mark.django_db
def test_the_milestones_csv_is_named_in_the_plural(client, plan, named, programme_manager):
    client.force_login(programme_manager)
    url = reverse("plans:milestones", kwargs={"area": "stockport", "pk": plan.pk})
    response = client.get(url, {"format": "csv"})
    assert "wsoa-2019-activities.csv" in response["Content-Disposition"]
