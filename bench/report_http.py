"""docs/performance.md's sections measured over HTTP (bench/http_run.py): the load test on PostgreSQL and
our pages beside Trac 1.6 under gunicorn on SQLite."""

import math

from .http_run import THINK_S
from .load import MIX

KINDS = {
    "overview": "Plan overview",
    "milestones": "Milestones list (page 1)",
    "item": "Item page (one of 200 key actions and milestones)",
    "period_open": "Open period",
    "update_form": "Update form",
    "update_save": "Update saved (POST, redirected to the period)",
    "sign_in": "Signing in (every request of it: page, password, code, redirects), before the timed minute",
}
# Compared pairs: (our page, Trac's page, judged against the yardstick of 2)
PAIRS = {
    "overview-roadmap": ("Plan overview", "roadmap (the overview's counterpart the issue names)", True),
    # For reference, not judged: the report counts what one of the overview's three tables shows, and
    # nothing else (no roll-up ratings, no trend, no plan at a glance); the issue names the roadmap.
    "overview-overview": ("Plan overview", "SQL report counting milestones by area and status", False),
    "milestones-milestones": (
        "Milestones, unfiltered (100 a page)",
        "query type = Milestone, 100 a page",
        True,
    ),
    "item-item": ("Item page", "ticket page", True),
    "milestones_csv-milestones_csv": ("Milestones, unfiltered, CSV (2,000 rows)", "query as CSV", True),
}


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _ratio(value: float) -> str:
    return f"{math.floor(value * 100) / 100:.2f}"


def _row(title: str, s: dict) -> str:
    if not s.get("n"):
        return f"| {title} | 0 | | | | | {s.get('errors', 0)} |"
    return (
        f"| {title} | {s['n']:,} | {s['rps']:.1f} | {_ms(s['p50_ms'])} | {_ms(s['p95_ms'])} | "
        f"{_ms(s['p99_ms'])} | {s['errors']} |"
    )


def load_lines(runs: dict) -> list[str]:
    run = runs.get("postgresql", {})
    http = run.get("http", {})
    if "load" not in http:
        why = http.get("skipped") or run.get("failed") or "DATABASE_URL was not set (it runs on PostgreSQL)"
        return [f"Not measured in this run: {why}."]
    load = http["load"]
    overall = load["overall"]
    weights = sum(MIX.values())
    mix = ", ".join(f"{k.replace('_', ' ')} {v / weights:.0%}" for k, v in MIX.items())
    verdict = (
        "**Goal met**: 0 errors and p95 under 300 ms."
        if load["errors"] == 0 and overall.get("p95_ms", 1e9) < 300
        else f"**Goal not met** (0 errors and p95 under 300 ms): {load['errors']} errors, "
        f"p95 {_ms(overall.get('p95_ms', 0))} ms."
    )
    lines = [
        f"`make serve` (scripts/serve.sh: production settings, gunicorn with `config/gunicorn.py` at its "
        f"defaults, 2 workers of 1 thread, and the background worker beside it) on "
        f"{run['database']['label']}, holding the bench's area, on a free port. {load['users']} members of "
        "the area (contributors, each linked to one of its people, each with an authenticator app) sign in "
        "as a person does: the sign-in page, email and password, then the six-digit code, each through the "
        "reverse proxy from an address of their own (`X-Forwarded-For`). Once all have signed in, for "
        f"{load['seconds']:.0f} s each person does one thing after another, thinking for a random "
        f"{THINK_S[0]:.0f} to {THINK_S[1]:.0f} s between two: {mix}, where an update is its form and then "
        "saving it (a real POST with the form's CSRF token and version, changing the update's progress "
        "text). The client (`bench/load.py`: threads, `http.client`, one connection per person) runs in "
        "a process of its own on the same 2 cores. An error is any answer other than 2xx or 3xx, a "
        "timeout or refused connection, or a save refused (shown again instead of redirected).",
        "",
        f"{load['signed_in']} of {load['users']} signed in. {verdict}",
        "",
        "| Requests | Count | Requests/s | p50 ms | p95 ms | p99 ms | Errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, title in KINDS.items():
        if kind in load["kinds"] and kind != "sign_in":
            lines.append(_row(title, load["kinds"][kind]))
    lines.append(_row("**All of the timed minute**", overall))
    if "sign_in" in load["kinds"]:
        lines.append(_row(KINDS["sign_in"], load["kinds"]["sign_in"]))
    if load["error_examples"]:
        lines += ["", "Errors seen: " + "; ".join(f"`{e}`" for e in load["error_examples"]) + "."]
    return lines


def _verdict(meets: bool, judged: bool) -> str:
    if not judged:
        return ("yes" if meets else "no") + " (for reference, not judged)"
    return "**yes**" if meets else "**no**"


def compare_lines(runs: dict) -> list[str]:
    http = runs.get("sqlite", {}).get("http", {})
    if "compare" not in http:
        return [f"Not measured in this run: {http.get('skipped', 'no result')}."]
    compare = http["compare"]
    lines = [
        "Our pages under `make serve` (scripts/serve.sh, 2 gunicorn workers) beside Trac 1.6 under "
        "gunicorn 23 (2 workers, `bench/trac_wsgi.py`, in its own venv), each on SQLite holding the same "
        "plan (the in-process comparison's databases: both keep their data in SQLite, so the comparison is "
        "of like with like; our server on PostgreSQL is the load test's). For each pair of pages in turn, "
        f"{compare['clients']} clients in one process request the page again and again with no think time "
        f"for {compare['seconds']:.0f} s, ours then Trac's, {compare['rounds']} rounds; each client opens a "
        "connection per request (gunicorn's sync workers close it after each answer, for both). Ours are "
        "signed in as the programme manager (one session, signed in through the sign-in page and the "
        "code), Trac's anonymous.",
        "",
        "| Our page | req/s | median / p95 ms | Trac page | req/s | median / p95 ms | Throughput ratio | "
        "At least 2x? |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    missed = []
    for name, (ours_title, trac_title, judged) in PAIRS.items():
        pair = compare["pairs"].get(name)
        if not pair:
            continue
        ours, theirs = pair["ours"], pair["trac"]
        ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
        meets = ratio >= 2 and not ours["errors"]
        if judged and not meets:
            missed.append(f"{ours_title} against the {trac_title.split(' (')[0]} ({_ratio(ratio)}x)")
        lines.append(
            f"| {ours_title} | {ours['rps']:.1f} | {_ms(ours['p50_ms'])} / {_ms(ours['p95_ms'])} | "
            f"{trac_title}: `{theirs['path']}` | {theirs['rps']:.1f} | "
            f"{_ms(theirs['p50_ms'])} / {_ms(theirs['p95_ms'])} | {_ratio(ratio)} | "
            f"{_verdict(meets, judged)} |"
        )
    errors = sum(p["ours"]["errors"] + p["trac"]["errors"] for p in compare["pairs"].values())
    lines += [
        "",
        f"Errors (answers other than 200, refused connections): {errors}.",
        "",
        "**Verdict.** "
        + (
            "Every compared page gives at least twice Trac's throughput."
            if not missed
            else "Not every compared page gives twice Trac's throughput: " + "; ".join(missed) + "."
        ),
    ]
    return lines
