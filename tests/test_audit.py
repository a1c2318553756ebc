"""`make audit` (scripts/audit.py): a vulnerability found fails it; no database reached is said plainly.

The reports below have the shapes pip-audit and npm audit print (the unreachable ones as printed on a
network that sees only the package registries). The audit itself is not run here: its answer depends on
the network and on the day's advisories, so it is `make audit`'s, not `make test`'s.
"""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
assert spec is not None and spec.loader is not None
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

NOT_FOUND = "Dependency not found on PyPI and could not be audited: {} ({})"
PIP_UNREACHABLE = json.dumps(
    {
        "dependencies": [
            {"name": "django", "skip_reason": NOT_FOUND.format("django", "5.2.19")},
            {"name": "gunicorn", "skip_reason": NOT_FOUND.format("gunicorn", "27.0.1")},
        ],
        "fixes": [],
    }
)
PIP_VULNERABLE = json.dumps(
    {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [
                    {"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": [], "description": ""}
                ],
            },
            {"name": "gunicorn", "version": "27.0.1", "vulns": []},
            {"name": "local-thing", "skip_reason": NOT_FOUND.format("local-thing", "1.0")},
        ],
        "fixes": [],
    }
)
PIP_CLEAN = json.dumps({"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []})
NPM_UNREACHABLE = json.dumps(
    {
        "message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
        "method": "POST",
        "statusCode": 405,
        "body": "",
        "error": {"summary": "", "detail": ""},
    }
)
TOTALS = {"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}
NPM_CLEAN = json.dumps(
    {"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {"vulnerabilities": TOTALS}}
)
NPM_VULNERABLE = json.dumps(
    {
        "auditReportVersion": 2,
        "vulnerabilities": {"sass": {"name": "sass", "severity": "high"}},
        "metadata": {"vulnerabilities": {**TOTALS, "high": 1, "total": 1}},
    }
)


def test_pip_audit_with_every_package_skipped_could_not_reach_a_database():
    verdict = audit.pip_audit_verdict(PIP_UNREACHABLE)
    assert verdict.state == audit.UNREACHABLE
    assert verdict.lines == [f"none of 2 packages could be checked ({NOT_FOUND.format('django', '5.2.19')})"]


def test_pip_audit_names_each_vulnerability_its_fix_and_what_was_not_checked():
    verdict = audit.pip_audit_verdict(PIP_VULNERABLE)
    assert verdict.state == audit.FOUND
    assert verdict.lines == [
        "django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)",
        "not checked: local-thing",
        "2 packages checked",
    ]


def test_pip_audit_clean_and_no_report_at_all():
    assert audit.pip_audit_verdict(PIP_CLEAN).state == audit.CLEAN
    assert audit.pip_audit_verdict("").state == audit.UNREACHABLE


def test_npm_audit_refused_by_the_registry_could_not_reach_its_advisories():
    verdict = audit.npm_audit_verdict(NPM_UNREACHABLE)
    assert verdict.state == audit.UNREACHABLE
    assert "405 Method Not Allowed" in verdict.lines[0]


def test_npm_audit_counts_by_severity_and_names_the_packages():
    assert audit.npm_audit_verdict(NPM_CLEAN).state == audit.CLEAN
    verdict = audit.npm_audit_verdict(NPM_VULNERABLE)
    assert verdict.state == audit.FOUND
    assert verdict.lines == ["1 high", "in: sass"]


@pytest.mark.parametrize(
    ("pip_output", "npm_output", "status", "said"),
    [
        (PIP_UNREACHABLE, NPM_UNREACHABLE, 0, "NOT CHECKED: could not reach a vulnerability database"),
        (PIP_CLEAN, NPM_VULNERABLE, 1, "npm packages (npm audit): VULNERABILITIES FOUND"),
        (PIP_VULNERABLE, NPM_UNREACHABLE, 1, "Python packages (pip-audit): VULNERABILITIES FOUND"),
        (PIP_CLEAN, NPM_CLEAN, 0, "npm packages (npm audit): no known vulnerabilities"),
    ],
)
def test_make_audit_fails_only_when_a_vulnerability_is_found(
    monkeypatch, capsys, pip_output, npm_output, status, said
):
    """The two tools' reports (as they print them) in, the exit status and the words out."""

    def tool(command: list[str]) -> tuple[str, str]:
        return (npm_output if command[0] == "npm" else pip_output), ""

    monkeypatch.setattr(audit, "_run", tool)
    assert audit.main() == status
    assert said in capsys.readouterr().out
