"""`make audit`: known vulnerabilities in the installed Python packages (pip-audit) and the npm packages
(npm audit), where a vulnerability database can be reached.

Exit status: 1 when a vulnerability is found; 0 when none is, and also when no database could be reached,
which is then said plainly ("could not reach ..."): a network without one (such as a build machine that
sees only a package mirror) must not make every audit fail, nor pass for a clean one. Each check gives
up after a timeout rather than hang.

    .venv/bin/python scripts/audit.py
"""

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
SOCKET_TIMEOUT_SECONDS = 10
RUN_TIMEOUT_SECONDS = 180

FOUND, CLEAN, UNREACHABLE = "found", "clean", "unreachable"


@dataclass
class Verdict:
    """What one audit found: `state` is FOUND, CLEAN or UNREACHABLE; `lines` say it to a person."""

    state: str
    lines: list[str] = field(default_factory=list)


def pip_audit_verdict(output: str) -> Verdict:
    """Read `pip-audit --format json`: a package skipped was not audited (no answer for it)."""
    try:
        dependencies = json.loads(output)["dependencies"]
    except (ValueError, KeyError, TypeError):
        return Verdict(UNREACHABLE, ["pip-audit gave no report"])
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    if not audited:
        reason = skipped[0]["skip_reason"] if skipped else "no package listed"
        return Verdict(UNREACHABLE, [f"none of {len(skipped)} packages could be checked ({reason})"])
    lines = [
        f"{d['name']} {d['version']}: {v['id']}"
        + (f" (fixed in {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "")
        for d in vulnerable
        for v in d["vulns"]
    ]
    if skipped:
        lines.append(f"not checked: {', '.join(d['name'] for d in skipped)}")
    lines.append(f"{len(audited)} packages checked")
    return Verdict(FOUND if vulnerable else CLEAN, lines)


def npm_audit_verdict(output: str) -> Verdict:
    """Read `npm audit --json`: its totals by severity, or the error that stopped it reaching the registry's
    advisories."""
    try:
        report = json.loads(output)
    except ValueError:
        return Verdict(UNREACHABLE, ["npm audit gave no report"])
    totals = report.get("metadata", {}).get("vulnerabilities")
    if not isinstance(totals, dict):
        message = report.get("message") or report.get("error", {}).get("summary") or "no report"
        return Verdict(UNREACHABLE, [f"the advisories did not answer: {message}"])
    found = {severity: count for severity, count in totals.items() if severity != "total" and count}
    if not found:
        return Verdict(CLEAN, ["no known vulnerabilities"])
    names = sorted(report.get("vulnerabilities", {}))
    return Verdict(
        FOUND,
        [", ".join(f"{count} {severity}" for severity, count in found.items()), f"in: {', '.join(names)}"],
    )


def _run(command: list[str]) -> tuple[str, str]:
    """The command's standard output, and the last line of its errors (why it stopped, if it did)."""
    try:
        result = subprocess.run(  # noqa: S603 - our own fixed command, no shell
            command, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        return "", f"no answer within {RUN_TIMEOUT_SECONDS} s"
    except FileNotFoundError:
        return "", f"{command[0]} is not installed: run make install"
    errors = result.stderr.strip().splitlines()
    return result.stdout, errors[-1][:300] if errors else ""


def audit_python() -> Verdict:
    """The installed packages, against PyPI's vulnerability data, else OSV's."""
    reasons = []
    for service in ("pypi", "osv"):
        output, error = _run(
            [
                str(PIP_AUDIT),
                "--local",
                "--format",
                "json",
                "--progress-spinner",
                "off",
                "--vulnerability-service",
                service,
                "--timeout",
                str(SOCKET_TIMEOUT_SECONDS),
            ]
        )
        verdict = pip_audit_verdict(output)
        if verdict.state != UNREACHABLE:
            return Verdict(verdict.state, [f"({service}) {line}" for line in verdict.lines])
        reasons.append(f"{service}: {verdict.lines[0] if output.strip() else error or verdict.lines[0]}")
    return Verdict(UNREACHABLE, reasons)


def audit_npm() -> Verdict:
    output, error = _run(
        [
            "npm",
            "audit",
            "--json",
            "--fetch-timeout",
            str(SOCKET_TIMEOUT_SECONDS * 1000),
            "--fetch-retries",
            "0",
        ]
    )
    verdict = npm_audit_verdict(output)
    if verdict.state == UNREACHABLE and not output.strip() and error:
        return Verdict(UNREACHABLE, [error])
    return verdict


def main() -> int:
    status = 0
    for name, audit in (
        ("Python packages (pip-audit)", audit_python),
        ("npm packages (npm audit)", audit_npm),
    ):
        verdict = audit()
        heading = {
            FOUND: "VULNERABILITIES FOUND",
            CLEAN: "no known vulnerabilities",
            UNREACHABLE: "NOT CHECKED: could not reach a vulnerability database",
        }[verdict.state]
        print(f"{name}: {heading}")
        for line in verdict.lines:
            print(f"  {line}")
        if verdict.state == FOUND:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
