"""The menu's links and ratings, written by tags every page uses: the current section marked, in words too."""

from django.template import Context, Template


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
