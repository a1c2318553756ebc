"""Runs inside var/bench/trac-venv (Trac 1.6), never in the project's venv: standard library and Trac only.

    python trac_driver.py load ENV DATA.json OUT.json   # the plan's items as tickets; OUT: ids and report
    python trac_driver.py serve ENV  # reads {"url", "repeat", "warmup"} lines, answers with timings

The environment ENV is made first with `trac-admin ENV initenv` (bench/trac.py does this).
"""

import io
import json
import sys
import time
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

# Level names of the plan, used as Trac ticket types; RAG status -> Trac status (and resolution).
TRAC_STATUS = {
    "": ("new", ""),
    "Not started": ("new", ""),
    "Progressing": ("accepted", ""),
    "Completed": ("closed", "fixed"),
    "Completed and embedded": ("closed", "fixed"),
}
# The plan overview's analogue: lowest-level tickets counted by area of weakness and status.
OVERVIEW_SQL = """
SELECT a.id AS ticket, a.summary AS summary,
  SUM(CASE WHEN m.status = 'new' THEN 1 ELSE 0 END) AS "Not started",
  SUM(CASE WHEN m.status IN ('assigned', 'accepted', 'reopened') THEN 1 ELSE 0 END) AS "Progressing",
  SUM(CASE WHEN m.status = 'closed' THEN 1 ELSE 0 END) AS "Closed",
  COUNT(m.id) AS "Total",
  SUM(CASE WHEN m.status != 'closed' AND CAST(c.value AS INTEGER) < $TODAY THEN 1 ELSE 0 END) AS "Overdue"
FROM ticket a
JOIN ticket m ON m.keywords = a.keywords AND m.type = '$LOWEST'
LEFT JOIN ticket_custom c ON c.ticket = m.id AND c.name = 'due'
WHERE a.type = '$TOP'
GROUP BY a.id, a.summary
ORDER BY a.id
"""


def _utc(day: str) -> datetime:
    return datetime.combine(datetime.fromisoformat(day).date(), clock(12), tzinfo=UTC)


def load(env_path: str, data_path: str, out_path: str) -> None:
    from trac.env import Environment
    from trac.ticket.model import Component, Milestone, Report, Ticket, Type, Version

    data = json.loads(Path(data_path).read_text())
    env = Environment(env_path)
    config = env.config
    config.set("ticket-custom", "due", "time")
    config.set("ticket-custom", "due.label", "Due")
    config.set("ticket-custom", "due.format", "date")
    config.set("logging", "log_type", "none")
    config.save()
    env.shutdown()

    env = Environment(env_path)
    levels = data["level_names"]
    with env.db_transaction:
        for model in (Component, Milestone, Version):
            for existing in list(model.select(env)):
                existing.delete()
        for name in levels:
            kind = Type(env)
            kind.name = name
            kind.insert()
        for code, lead in data["workstreams"]:
            component = Component(env)
            component.name = code
            component.owner = lead
            component.insert()
        for item in data["items"]:
            if item["level"] == len(levels) - 1:
                milestone = Milestone(env)
                milestone.name = item["number"]
                milestone.due = _utc(item["due"]) if item["due"] else None
                milestone.description = item["text"]
                milestone.insert()
        created = _utc(data["created"])
        tickets = {}
        for item in data["items"]:
            ticket = Ticket(env)
            status, resolution = TRAC_STATUS[item["status"]]
            number = item["number"]
            ticket["summary"] = f"{number} {item['text']}"[:250]
            ticket["description"] = "\n\n".join(
                p for p in (item["text"], item["impact"], item["evidence"]) if p
            )
            ticket["reporter"] = "pm"
            ticket["owner"] = item["owners"][0] if item["owners"] else ""
            ticket["cc"] = ", ".join(item["owners"][1:])
            ticket["type"] = levels[item["level"] - 1]
            ticket["component"] = item["workstreams"][0] if item["workstreams"] else ""
            ticket["priority"] = "major"
            ticket["milestone"] = ".".join(number.split(".")[: len(levels) - 1]) if item["level"] >= 3 else ""
            ticket["keywords"] = "area-" + number.split(".")[0]
            ticket["status"] = status
            ticket["resolution"] = resolution
            if item["due"]:
                ticket["due"] = _utc(item["due"])
            ticket.insert(when=created)
            tickets[number] = ticket.id
        report = Report(env)
        report.title = "Milestones by area of weakness and status"
        report.description = "The analogue of the plan overview."
        today_us = int(_utc(data["today"]).timestamp() * 1_000_000)
        report.query = (
            OVERVIEW_SQL.replace("$TODAY", str(today_us))
            .replace("$LOWEST", levels[-1])
            .replace("$TOP", levels[0])
        )
        report.insert()
    Path(out_path).write_text(json.dumps({"tickets": tickets, "report": report.id}))


class _Counter:
    queries = 0


def _count_queries() -> None:
    """Count every SQL statement Trac runs (its cursors are all trac.db.util.IterableCursor)."""
    from trac.db.util import IterableCursor

    execute, executemany = IterableCursor.execute, IterableCursor.executemany

    def counted_execute(self, sql, args=None):
        _Counter.queries += 1
        return execute(self, sql, args)

    def counted_executemany(self, sql, args):
        _Counter.queries += 1
        return executemany(self, sql, args)

    IterableCursor.execute = counted_execute
    IterableCursor.executemany = counted_executemany


def _get(env_path: str, url: str, cookies: dict) -> tuple[str, bytes]:
    from trac.web.main import dispatch_request

    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_ACCEPT_LANGUAGE": "en-GB",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "trac.env_path": env_path,
    }
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    chunks: list[bytes] = []
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status
        for name, value in headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookies[key.strip()] = rest.split(";", 1)[0]
        return chunks.append

    result = dispatch_request(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], b"".join(chunks)


def _measure(env_path: str, url: str, repeat: int, warmup: int, cookies: dict) -> dict:
    for _ in range(warmup):
        status, body = _get(env_path, url, cookies)
        if not status.startswith("200"):
            return {"error": f"Trac answered {status} for {url}: {body[:300]!r}"}
    before = _Counter.queries
    _, body = _get(env_path, url, cookies)
    queries = _Counter.queries - before
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        _get(env_path, url, cookies)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return {"url": url, "queries": queries, "bytes": len(body), "wall_ms": wall, "cpu_ms": cpu}


def serve(env_path: str) -> None:
    """Answer one JSON line per request line {"url", "repeat", "warmup"} until stdin closes.

    One browser's cookies (trac_session, trac_form_token) are kept across requests.
    """
    _count_queries()
    cookies: dict = {}
    for line in sys.stdin:
        ask = json.loads(line)
        answer = _measure(env_path, ask["url"], ask["repeat"], ask["warmup"], cookies)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"load": load, "serve": serve}[command](*args)
