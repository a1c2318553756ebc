"""Rules about evidence, in plain Python (no Django), each named and tested on its own."""

from urllib.parse import urlsplit

LINK_KIND = "link"
WEB_SCHEMES = ("https", "http")


def evidence_link_problems(*, kind: str, url: str) -> dict[str, str]:
    """A link needs a web address, and any web address starts with https:// or http://.

    Other kinds of evidence may have a file, a web address, both or neither.
    Returns the problems by field name; empty when there are none.
    """
    url = (url or "").strip()
    if not url:
        if kind == LINK_KIND:
            return {"url": "Enter the web address of the link, such as https://www.example.org/report"}
        return {}
    parts = urlsplit(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return {"url": "Enter a web address that starts with https:// or http://"}
    return {}
