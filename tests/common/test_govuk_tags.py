"""The menu's links and ratings, written by tags every page uses: the current section marked, in words too."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from areas.access import access_for


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_the_menu_marks_the_pages_own_section_as_current_and_no_other():
    links = '{% nav_item "/plans/" "Plans" "plans" %}{% nav_item "/risks/" name "risks" %}'
    html = _render(links, nav="plans", name="Risks & issues")
    plans, risks = html.split("</li>")[:2]
    assert 'aria-current="page"' in plans and "<strong" in plans and "--active" in plans
    assert 'aria-current="page"' not in risks and "<strong" not in risks
    assert 'href="/risks/"' in risks and "Risks &amp; issues" in risks


def test_a_rating_is_always_shown_in_words_and_none_as_said():
    assert "Red" in _render('{% rating_tag "Red" "#d4351c" %}')
    assert 'fill="#d4351c"' in _render('{% rating_tag "Red" "#d4351c" %}')
    assert "No rating" in _render('{% rating_tag "" "" %}')
    assert "No status" in _render('{% rating_tag "" "" "No status" %}')


MANAGERS_ONLY = ["RAG schemes", "Import a plan", "Members"]


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("programme_manager", ["Plans", "My items", "Risks", "Evidence", "Board packs", *MANAGERS_ONLY], []),
        ("contributor", ["Plans", "My items", "People", "Workstreams"], MANAGERS_ONLY),
        ("viewer", ["Plans", "People"], [*MANAGERS_ONLY, "Public pages"]),
    ],
)
def test_the_menu_shows_each_role_the_sections_it_may_open(request, client, area, role, shown, hidden):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = client.get(reverse("plans:area-home", kwargs={"area": area.slug})).content.decode()
    menu = page.split('id="navigation">', 1)[1].split("</ul>", 1)[0]
    links = [text.strip() for text in re.findall(r"<a [^>]*>\s*(?:<strong[^>]*>)?([^<]+)", menu)]
    for words in shown:
        assert words in links
    for words in hidden:
        assert words not in links
    access = access_for(user, area.slug)
    for url in re.findall(r'href="([^"]+)"', menu):
        assert url.startswith(f"/areas/{area.slug}/")
    assert ("Risks" in links) == ("risks" in access.reads)
    assert ("Public pages" in links) == access.can_publish()
    assert links.count("Plans") == 1 and 'aria-current="page"' in menu  # the plans section is current
