"""The trend table's lists of items that moved: links to each item, every word escaped."""

from types import SimpleNamespace

from progress.selectors.trend import Movement, Trend, TrendRow
from progress.templatetags.progress_tags import movement_list, movement_lists


def test_the_movement_list_links_each_item_and_escapes_what_people_wrote():
    row = TrendRow(
        top=None,  # the list reads only the movements
        improved=[
            Movement(number="1.2", url="/stockport/items/7/?a=1&b=2", before="Not started", after="Done")
        ],
        declined=[
            Movement(number="<b>3</b>", url="/x/", before='"On track"', after="<script>alert(1)</script>")
        ],
    )
    assert movement_list(row) == (
        '<ul class="govuk-list">'
        '<li>Improved: <a class="govuk-link" href="/stockport/items/7/?a=1&amp;b=2">1.2</a>'
        " from Not started to Done</li>"
        '<li>Declined: <a class="govuk-link" href="/x/">&lt;b&gt;3&lt;/b&gt;</a>'
        " from &quot;On track&quot; to &lt;script&gt;alert(1)&lt;/script&gt;</li>"
        "</ul>"
    )


def test_each_top_level_item_that_moved_gets_a_heading_and_its_list_and_the_others_none():
    moved = TrendRow(
        top=SimpleNamespace(number="1", text="<i>Improve</i> " + "word " * 12),
        improved=[Movement(number="1.1", url="/i/1/", before="Red", after="Green")],
    )
    still = TrendRow(top=SimpleNamespace(number="2", text="Nothing moved"))
    trend = Trend(now_label="", before_label="", statuses=[], rows=[moved, still])

    assert movement_lists(trend) == (
        '<h3 class="govuk-heading-s">1. &lt;i&gt;Improve&lt;/i&gt; word word word word word word word word'
        " word …</h3>\n" + movement_list(moved) + "\n"
    )
