"""Escaping for markup written in Python, for the few tags that write hundreds of rows a page.

`format_html` checks every argument for safe strings; for plain values (numbers, labels, URLs made
here) `esc` does the same escaping as Django's `escape` (& < > " ') in a fraction of the time, and
the tag marks the finished markup safe once; `words` shortens text as the `truncatewords` filter does.
"""

from html import escape

TRUNCATED = " …"  # what truncatewords adds to shortened text


def esc(value: object) -> str:
    """Text escaped for HTML content and attribute values, as Django's `escape` does it."""
    return escape(str(value), quote=True)


def words(text: str, count: int) -> str:
    """At most `count` words of `text`, as the template filter `truncatewords` shortens it (not escaped):
    its words joined by single spaces, then " …" when some were left out (`Truncator.words` without its
    lazy object, for tags shortening hundreds of texts a page)."""
    if count <= 0:
        return ""
    parts = str(text).split()
    short = " ".join(parts[:count])
    if len(parts) <= count or short.endswith(TRUNCATED):
        return short
    return short + TRUNCATED
