"""A pack's content as `boardpacks.content.build_content` makes it (boardpacks/content/schema.py), for
testing the formats without a database. `rows` makes the long tables longer (a large plan)."""

from typing import Any

RED = {"label": "Red", "colour": "#d4351c"}
AMBER = {"label": "Amber", "colour": "#f47738"}
GREEN = {"label": "Green", "colour": "#00703c"}
DONE = {"label": "Complete", "colour": "#1d70b8"}
STATUSES = [DONE, GREEN, AMBER, RED]


def _counts(now: list[int], before: list[int] | None) -> list[dict[str, Any]]:
    return [
        {**status, "now": n, "before": (before[i] if before else None)}
        for i, (status, n) in enumerate(zip(STATUSES, now, strict=True))
    ]


def _item(n: int, status: dict[str, str]) -> dict[str, Any]:
    return {
        "number": f"{n // 10 + 1}.{n % 10 + 1}",
        "text": f"Action {n}: review the graduated response = +SUM(A1) so every school knows the offer",
        "level_name": "Action",
        "status": status,
        "due_date": "2021-01-31",
        "original_due_date": "2020-10-31" if n % 2 else None,
        "slip_count": 2 if n % 2 else 0,
        "owners": "KD, JG",
        "commentary": "Delayed by the pandemic; the new panel meets fortnightly.",
        "mitigation": "Interim panel chaired by the SEND GM.",
    }


def sample_content(*, rows: int = 6, sections: list[str] | None = None) -> dict[str, Any]:
    keys = sections or [
        "cover",
        "summary",
        "rag_overview",
        "exceptions",
        "highlights",
        "scorecard",
        "risks",
        "voice",
        "matters",
    ]
    points = [
        {"date": "2018-08-31", "period": "2018", "value": 40.5},
        {"date": "2019-08-31", "period": "2019", "value": 44.0},
        {"date": "2020-08-31", "period": "2020", "value": None},
        {"date": "2021-03-31", "period": "March 2021", "value": 48.2},
    ]
    measure = {
        "code": "S1",
        "name": "EHC plans issued within 20 weeks",
        "outcomes": ["I get the help I need when I need it"],
        "unit": "%",
        "polarity": "higher",
        "figure": "48.2%",
        "figure_period": "March 2021",
        "target": "60%",
        "target_value": 60.0,
        "rating": "red",
        "rating_label": "Red",
        "rating_colour": "#d4351c",
        "direction": "improving",
        "direction_label": "Improving",
        "reason": "48.2% is below the target of 60% by more than the tolerance.",
        "commentary": "Caseworker vacancies filled in February; expect recovery by June.",
        "owner": "Head of SEND",
        "exception": True,
        "points": points,
    }
    calm = {
        **measure,
        "code": "S2",
        "name": "Parents' confidence",
        "rating": "green",
        "rating_label": "Green",
        "rating_colour": "#00703c",
        "exception": False,
        "commentary": "",
        "figure": "71%",
        "target": "70%",
    }
    cells = []
    for likelihood in range(5, 0, -1):
        for impact in range(1, 6):
            score = likelihood * impact
            band = (
                ("Red", "#d4351c")
                if score >= 15
                else ("Amber", "#f47738")
                if score >= 5
                else ("Green", "#00703c")
            )
            cells.append(
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "band": band[0],
                    "band_colour": band[1],
                    "references": ["R1"] if (likelihood, impact) == (4, 4) else [],
                }
            )
    red_risk = {
        "reference": "R1",
        "title": "Not enough specialist places for September",
        "owner": "KD",
        "likelihood": 4,
        "impact": 4,
        "score": 16,
        "band": "Red",
        "band_colour": "#d4351c",
        "mitigation_summary": "Commission 40 resourced places: 12/03/2021 business case approved.",
        "movement": "Up from amber",
    }
    sections: dict[str, Any] = {
        "cover": {},
        "summary": {
            "items_total": 4 * rows,
            "counts": _counts([rows, rows, rows, rows], [rows - 1, rows + 1, rows, rows]),
            "no_status": None,
            "red_count": rows,
            "overdue_count": 2,
            "scorecard": {
                "sentence": "2 measures: 1 green, 1 red; 1 improving",
                "counts": [{"label": "Green", "count": 1}, {"label": "Red", "count": 1}],
            },
            "red_risks": [red_risk],
        },
        "rag_overview": {
            "rows": [
                {
                    "number": str(n + 1),
                    "text": f"Area of weakness {n + 1}: the graduated response is not consistent",
                    "rating": RED if n % 2 else AMBER,
                    "rating_before": AMBER,
                    "rule_words": "The worst status of its actions",
                    "counts": _counts([1, 2, 1, n % 3], [1, 1, 2, 1]),
                    "total": 4 + n % 3,
                }
                for n in range(max(3, rows // 4))
            ]
        },
        "exceptions": {
            "red": [_item(n, RED) for n in range(rows)],
            "overdue": [_item(n, AMBER) for n in range(rows // 2)],
            "slipped": [_item(n, GREEN) for n in range(1, rows, 2)],
        },
        "highlights": {
            "reports": [
                {
                    "workstream": f"Workstream {w + 1}",
                    "rows": [
                        {
                            "number": str(w + 1),
                            "title": "Identification of need",
                            "actions_progressed": "Panel terms of reference agreed.\nSENCO training booked.",
                            "impact": "Families wait less for a decision.",
                            "evidence": "Panel minutes, February 2021.",
                            "next_steps": "Audit ten plans in April.",
                        }
                    ],
                }
                for w in range(max(2, rows // 10))
            ],
            "without_report": ["Preparing for adulthood"],
        },
        "scorecard": {
            "summary": {
                "sentence": "2 measures: 1 green, 1 red; 1 improving",
                "counts": [{"label": "Green", "count": 1}, {"label": "Red", "count": 1}],
            },
            "measures": [measure, calm]
            + [{**calm, "code": f"S{n + 3}", "name": f"Measure {n + 3}"} for n in range(rows // 4)],
        },
        "risks": {
            "bands": "Green 1 to 4, amber 5 to 12, red 15 to 25",
            "open_count": 1,
            "likelihood_words": {
                "1": "Rare",
                "2": "Unlikely",
                "3": "Possible",
                "4": "Likely",
                "5": "Almost certain",
            },
            "impact_words": {"1": "Negligible", "2": "Minor", "3": "Moderate", "4": "Major", "5": "Severe"},
            "heat_map": cells,
            "red": [red_risk],
            "movement": [{"reference": "R1", "title": red_risk["title"], "words": "Up from amber to red"}],
        },
        "voice": {
            "entries": [
                {
                    "reference": f"YS{n + 1}",
                    "said": "We did not know who to ask about transport.",
                    "source": "Parent carer forum",
                    "heard_on": "2021-03-02",
                    "group": "Parents and carers",
                    "did": "A named transport contact on the Local Offer.",
                    "how_we_know": "Calls to the helpline fell by a third.",
                    "published": n % 2 == 0,
                }
                for n in range(max(2, rows // 5))
            ]
        },
        "matters": {
            "text": "The board is asked to:\n\n1. note progress;\n2. agree the revised date for action 2.3."
        },
    }
    return {
        "schema": 1,
        "area": {
            "name": "Stockport",
            "slug": "stockport",
            "council": "Stockport Council",
            "colour": "#00594f",
        },
        "plan": {
            "reference": "WSOA",
            "title": "Written Statement of Action",
            "top_level_name": "Area of weakness",
            "top_level_plural": "Areas of weakness",
        },
        "pack": {
            "template": "Monthly SEND board pack",
            "title": "SEND Written Statement of Action: progress report",
            "audience": "SEND Improvement Board",
            "meeting": "SEND Improvement Board",
            "meeting_date": "2021-04-20",
            "frequency": "monthly",
            "sections": keys,
            "made_at": "2021-04-12T10:30:00+01:00",
        },
        "period": {
            "id": 1,
            "name": "March 2021",
            "starts_on": "2021-03-01",
            "ends_on": "2021-03-31",
            "covers_from": "2021-03-01",
            "covers_words": "1 to 31 March 2021",
            "reported_on": "2021-04-09",
        },
        "previous": {"id": 0, "name": "February 2021", "ends_on": "2021-02-28"},
        "statuses": STATUSES,
        "sections": {key: sections[key] for key in keys},
    }
