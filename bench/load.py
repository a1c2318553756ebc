"""The load client: signed-in people using the production server, or clients hammering one page each.

    python -m bench.load SPEC.json OUT.json

Standard library only, threads (one per person or client) in a process of its own beside the server's.
SPEC.json says which (bench/http_run.py writes it):

- "people": each person signs in (the sign-in page, then their authenticator code), then until the time
  is up does what a member of the partnership does on a Monday morning: opens the plan overview, the
  milestones list, an item, the open period, or writes their update on one of their items (the update
  form, then saving it: a real POST with its CSRF token and version, which changes the data). Between
  two requests each person thinks for a random time between think_s[0] and think_s[1] seconds.
- "pages": for each pair of pages in turn (ours, then Trac's, for `rounds` rounds), `clients` clients
  request the page again and again for `seconds`, with no think time: the throughput each server gives.
"""

import json
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

from .http_client import Answer, Browser, SignInFailed

# What a person does next, and how often (the update is the form then its save).
MIX = {"overview": 2, "milestones": 2, "item": 3, "period_open": 2, "update": 1}


def summary(times_ms: list[float], seconds: float, errors: int = 0) -> dict:
    """Requests per second over `seconds`, the median, p95 and p99 in ms, and the errors."""
    if not times_ms:
        return {"n": 0, "rps": 0.0, "errors": errors}
    cuts = (
        statistics.quantiles(times_ms, n=100, method="inclusive") if len(times_ms) > 1 else [times_ms[0]] * 99
    )
    return {
        "n": len(times_ms),
        "rps": len(times_ms) / seconds if seconds else 0.0,
        "p50_ms": statistics.median(times_ms),
        "p95_ms": cuts[94],
        "p99_ms": cuts[98],
        "max_ms": max(times_ms),
        "errors": errors,
    }


class _Record:
    """Times and errors by kind of request, from every thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: list[str] = []

    def add(self, kind: str, answer: Answer | None, *, ok: bool, why: str = "") -> None:
        with self.lock:
            if answer is not None:
                self.times[kind].append(answer.ms)
            if not ok:
                self.errors[kind] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{kind}: {why or (answer and answer.status)}")


def _fine(answer: Answer) -> bool:
    return 200 <= answer.status < 400


def _person(
    spec: dict, user: dict, index: int, record: _Record, started: threading.Barrier, out: dict
) -> None:
    rng = random.Random(spec.get("seed", 14) + index)
    browser = Browser(spec["base"], address=user["address"])
    pages = spec["urls"]
    think_low, think_high = spec["think_s"]
    try:
        time.sleep(index * spec.get("ramp_s", 5) / max(1, len(spec["users"])))  # people arrive over a while
        try:
            for answer in browser.sign_in(
                email=user["email"], password=user["password"], totp_key=user["totp_key"]
            ):
                record.add("sign_in", answer, ok=_fine(answer))
            with record.lock:
                out["signed_in"] += 1
        except (SignInFailed, OSError) as failed:
            record.add("sign_in", None, ok=False, why=str(failed))
            return
        finally:
            started.wait()
        deadline = out["deadline"]
        kinds, weights = zip(*MIX.items(), strict=True)
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(think_low, think_high))
            if time.monotonic() >= deadline:
                break
            kind = rng.choices(kinds, weights)[0]
            try:
                if kind == "update":
                    _update(browser, rng.choice(user["updates"]), rng, record)
                else:
                    path = rng.choice(pages[kind]) if isinstance(pages[kind], list) else pages[kind]
                    answer = browser.get(path)
                    record.add(kind, answer, ok=answer.status == 200)
            except OSError as failed:  # a timeout or a refused connection
                record.add(kind, None, ok=False, why=f"{type(failed).__name__}: {failed}")
                browser.close()
    finally:
        browser.close()


def _update(browser: Browser, path: str, rng: random.Random, record: _Record) -> None:
    """The update form, then saving it changed: saved means redirected to the period (302); shown again
    (200) means it was refused (a conflict or an error), which counts as an error."""
    page = browser.get(path)
    record.add("update_form", page, ok=page.status == 200)
    if page.status != 200:
        return
    text = f"Progress noted by the load test, round {rng.randrange(10**6)}."
    changes = {"commentary": text, "mitigation": "Weekly check-ins with the lead."}
    saved = browser.submit(page, path, changes, choose="proposed_status")
    why = f"save answered {saved.status}: {_error_summary(saved.text)}"
    record.add("update_save", saved, ok=saved.status == 302, why=why)


def _error_summary(html: str) -> str:
    """The words of a page's error summary (why a save was refused), without the markup."""
    found = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())[:300] if found else ""


def run_people(spec: dict) -> dict:
    users = spec["users"]
    record = _Record()
    out: dict = {"signed_in": 0, "deadline": 0.0}

    def begin() -> None:  # when every person has signed in (or failed to): the timed window starts
        out["start"] = time.monotonic()
        out["deadline"] = out["start"] + spec["seconds"]

    started = threading.Barrier(len(users), action=begin)
    threads = [
        threading.Thread(target=_person, args=(spec, user, i, record, started, out), daemon=True)
        for i, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=spec["seconds"] + 300)
    window = time.monotonic() - out.get("start", time.monotonic())
    kinds = {kind: summary(times, window, record.errors.get(kind, 0)) for kind, times in record.times.items()}
    for kind, errors in record.errors.items():
        kinds.setdefault(kind, summary([], window, errors))
    timed = [t for kind, times in record.times.items() if kind != "sign_in" for t in times]
    timed_errors = sum(n for kind, n in record.errors.items() if kind != "sign_in")
    return {
        "users": len(users),
        "signed_in": out["signed_in"],
        "seconds": window,
        "think_s": spec["think_s"],
        "kinds": kinds,
        "overall": summary(timed, window, timed_errors),
        "errors": sum(record.errors.values()),
        "error_examples": record.examples,
    }


def _hammer(target: dict, clients: int, seconds: float) -> dict:
    """`clients` clients requesting one page with no think time for `seconds`: times and errors."""
    browsers = [Browser(target["base"], address="10.9.0.1") for _ in range(clients)]
    for browser in browsers:  # one person, signed in once (run_pages), the page open in `clients` tabs
        browser.cookies = dict(target.get("cookies", {}))
        warm = browser.get(target["path"])
        if warm.status != 200:
            raise SystemExit(f"{target['base']}{target['path']} answered {warm.status}")
    times: list[list[float]] = [[] for _ in browsers]
    errors = [0] * clients
    deadline = time.monotonic() + seconds

    def client(i: int) -> None:
        while time.monotonic() < deadline:
            try:
                answer = browsers[i].get(target["path"])
            except OSError:
                errors[i] += 1
                browsers[i].close()
                continue
            times[i].append(answer.ms)
            if answer.status != 200:
                errors[i] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    for browser in browsers:
        browser.close()
    return {"times": [t for ts in times for t in ts], "seconds": elapsed, "errors": sum(errors)}


def run_pages(spec: dict) -> dict:
    """Each pair in turn, `rounds` times: ours, then Trac's; their samples pooled over the rounds."""
    results = {}
    signed_in: dict[str, dict[str, str]] = {}
    for pair in spec["pairs"]:
        user = pair["ours"].get("user")
        if user and user["email"] not in signed_in:
            browser = Browser(pair["ours"]["base"], address="10.9.0.1")
            browser.sign_in(email=user["email"], password=user["password"], totp_key=user["totp_key"])
            signed_in[user["email"]] = browser.cookies
            browser.close()
        if user:
            pair["ours"]["cookies"] = signed_in[user["email"]]
        pooled: dict[str, dict] = {
            side: {"times": [], "seconds": 0.0, "errors": 0} for side in ("ours", "trac")
        }
        for _ in range(spec["rounds"]):
            for side in ("ours", "trac"):
                got = _hammer(pair[side], spec["clients"], spec["seconds"])
                pooled[side]["times"] += got["times"]
                pooled[side]["seconds"] += got["seconds"]
                pooled[side]["errors"] += got["errors"]
        results[pair["name"]] = {
            side: {"path": pair[side]["path"], **summary(p["times"], p["seconds"], p["errors"])}
            for side, p in pooled.items()
        }
        ours, theirs = results[pair["name"]]["ours"], results[pair["name"]]["trac"]
        print(
            f"  {pair['name']:16} ours {ours['rps']:6.1f} req/s (median {ours['p50_ms']:.0f} ms) | "
            f"Trac {theirs['rps']:6.1f} req/s (median {theirs['p50_ms']:.0f} ms) | "
            f"{ours['rps'] / max(theirs['rps'], 1e-9):.2f}x",
            flush=True,
        )
    return results


def main(spec_path: str, out_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    result = run_people(spec) if spec["mode"] == "people" else run_pages(spec)
    Path(out_path).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:])
