"""axe-core (from npm) run inside the page: WCAG 2.2 A and AA rules; serious and critical problems fail."""

from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")

RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations'],
})"""


# axe only reports "needs review" when an ARIA reference points at nothing (the element might appear
# later); on these server-rendered pages it never will, so a dangling reference is a failure.
BROKEN_REFERENCES = """() => {
  const broken = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          broken.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${attr}="${id}"`);
        }
      }
    }
  }
  return broken;
}"""


@cache
def _axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (axe-core is in package.json)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


def violations(page: Page) -> list[dict]:
    """The serious and critical axe violations of the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, so the page's strict CSP stays on while axe runs.
        page.evaluate(_axe_source())
    results = page.evaluate(RUN, TAGS)
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    - {' '.join(map(str, node['target']))}")
            summary = "; ".join(line.strip() for line in (node.get("failureSummary") or "").splitlines())
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    found = violations(page)
    broken = page.evaluate(BROKEN_REFERENCES)
    problems = []
    if found:
        problems.append(f"axe found {len(found)} serious or critical problem(s):\n{describe(found)}")
    if broken:
        listed = "\n".join(f"    - {reference}" for reference in broken)
        problems.append(f"ARIA references to no element on the page:\n{listed}")
    if problems:
        pytest.fail(f"{page.url}\n" + "\n".join(problems), pytrace=False)
