"""The trend table's list of items that moved: links to each item, every word escaped."""

from progress.selectors.trend import Movement, TrendRow
from progress.templatetags.progress_tags import movement_list


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
