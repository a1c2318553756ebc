"""Each section of a pack's content against the database: February and March 2021 reported through the
real cycle (tests/boardpacks/content_plan.py tells the story), March's monthly pack built from them."""

import datetime

import pytest
from django.utils import timezone

from progress.models import ReportedRating
from risks.models import ReportedRisk, RiskBands
from scorecard.models import ReportedAssessment
from tests.boardpacks.content_plan import MADE_AT, build, february_and_march
from tests.voice.factories import EntryFactory
from voice.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(area):
    return february_and_march(area)


@pytest.fixture
def content(story):
    return build(story["template"], story["march"])


def counts(rows):
    return {row["label"]: (row["now"], row["before"]) for row in rows}


def test_the_header_names_the_area_plan_pack_period_and_the_period_compared_with(area, story, content):
    march, february = story["march"], story["february"]
    assert content["area"] == {
        "name": "Stockport",
        "slug": "stockport",
        "council": "Stockport",
        "colour": "#00707a",
    }
    assert content["plan"]["title"] == "Written Statement of Action"
    assert (content["plan"]["top_level_name"], content["plan"]["top_level_plural"]) == (
        "Area of weakness",
        "Areas of weakness",
    )
    assert content["pack"]["template"] == "Monthly SEND board pack"
    assert content["pack"]["meeting_date"] == "2021-04-20"
    assert content["pack"]["frequency"] == "monthly"
    assert datetime.datetime.fromisoformat(content["pack"]["made_at"]) == MADE_AT
    assert content["period"] == {
        "id": march.pk,
        "name": "March 2021",
        "starts_on": "2021-03-01",
        "ends_on": "2021-03-31",
        "covers_from": "2021-03-01",
        "covers_words": "1 to 31 March 2021",
        "reported_on": timezone.localdate(march.reported_at).isoformat(),
    }
    assert content["previous"] == {"id": february.pk, "name": "February 2021", "ends_on": "2021-02-28"}


def test_the_statuses_are_the_schemes_as_reported_best_first(content):
    assert [s["label"] for s in content["statuses"]] == [
        "Completed and embedded",
        "Completed",
        "Progressing",
        "Not started",
    ]
    assert content["statuses"][-1]["colour"] == "#d4351c"


def test_the_summary_counts_the_actions_by_status_against_february_as_the_ratings_were_kept(story, content):
    summary = content["sections"]["summary"]
    march = story["march"]
    lowest = ReportedRating.objects.filter(period=march, level=3)
    assert summary["items_total"] == lowest.count() == 4
    assert counts(summary["counts"]) == {
        "Completed and embedded": (0, 0),
        "Completed": (1, 1),
        "Progressing": (2, 2),
        "Not started": (1, 0),
    }
    assert summary["no_status"]["now"] == 0 and summary["no_status"]["before"] == 1
    assert summary["red_count"] == lowest.filter(status_label="Not started").count() == 1
    assert summary["overdue_count"] == lowest.filter(overdue=True).count() == 1


def test_the_summary_gives_the_scorecard_in_words_and_counts_and_the_red_risks(content):
    summary = content["sections"]["summary"]
    assert summary["scorecard"]["sentence"].startswith(
        "2 measures with data: 1 green (improving), 1 red (declining)"
    )
    assert {c["label"]: c["count"] for c in summary["scorecard"]["counts"]} == {
        "Green": 1,
        "Amber": 0,
        "Red": 1,
    }
    assert [risk["reference"] for risk in summary["red_risks"]] == ["R1"]


def test_each_area_of_weakness_shows_its_rating_and_its_actions_by_status_this_month_and_last(content):
    rows = content["sections"]["rag_overview"]["rows"]
    assert [(row["number"], row["text"]) for row in rows] == [
        ("1", "Leaders do not know the local area"),
        ("2", "Needs are identified late"),
    ]
    first, second = rows
    assert first["rating"]["label"] == "Not started" and first["rating_before"]["label"] == "Progressing"
    assert second["rating"]["label"] == "Progressing" and second["rating_before"]["label"] == "Completed"
    assert first["rule_words"] == "Worst status of its actions"
    assert counts(first["counts"])["Progressing"] == (1, 2)
    assert counts(first["counts"])["Not started"] == (1, 0)
    assert first["total"] == 2
    assert [c["label"] for c in first["counts"]] == [s["label"] for s in content["statuses"]]


def test_a_rating_set_by_hand_says_so_with_its_reason(story, content):
    top = ReportedRating.objects.get(period=story["march"], number="1")
    ReportedRating.objects.filter(pk=top.pk).update(rollup_rule="by_hand", overall_reason="Board agreed")
    rows = build(story["template"], story["march"])["sections"]["rag_overview"]["rows"]
    assert rows[0]["rule_words"] == "Set by hand: Board agreed"


def test_exceptions_list_the_red_action_with_its_owners_commentary_and_mitigation(content):
    red = content["sections"]["exceptions"]["red"]
    assert red == [
        {
            "number": "1.1.1",
            "text": "Action 1.1.1",
            "level_name": "Action",
            "status": {"label": "Not started", "colour": "#d4351c"},
            "due_date": "2021-09-30",
            "original_due_date": None,
            "slip_count": 0,
            "owners": "KD, JG",
            "commentary": "The panel paused.",
            "mitigation": "Interim panel chaired by KD.",
        }
    ]


def test_exceptions_list_the_action_overdue_at_the_months_end_and_the_one_whose_date_slipped(content):
    exceptions = content["sections"]["exceptions"]
    assert [(i["number"], i["due_date"]) for i in exceptions["overdue"]] == [("1.1.2", "2021-03-15")]
    slipped = exceptions["slipped"]
    assert [(i["number"], i["due_date"], i["original_due_date"], i["slip_count"]) for i in slipped] == [
        ("2.1.2", "2021-06-30", "2020-12-31", 2)
    ]
    assert slipped[0]["owners"] == "SM"


def test_a_done_action_with_the_worst_status_is_not_red(story):
    """A scheme whose worst status counts as done (only ever the worst when everything is done)."""
    ReportedRating.objects.filter(period=story["march"], number="1.1.1").update(counts_as_done=True)
    content = build(story["template"], story["march"])
    assert content["sections"]["exceptions"]["red"] == []
    assert content["sections"]["summary"]["red_count"] == 0


def test_highlight_reports_are_the_frozen_reports_and_name_the_workstream_without_one(content):
    highlights = content["sections"]["highlights"]
    assert highlights["reports"] == [
        {
            "workstream": "S/E SEN Support",
            "rows": [
                {
                    "number": "1.1",
                    "title": "Priority 1.1",
                    "actions_progressed": "Panel terms agreed.",
                    "impact": "Families wait less.",
                    "evidence": "Panel minutes.",
                    "next_steps": "Audit ten plans.",
                }
            ],
        }
    ]
    assert highlights["without_report"] == ["JC Joint Commissioning"]


def test_the_scorecard_gives_every_headline_measure_as_reported_with_its_words_and_trend(story, content):
    scorecard = content["sections"]["scorecard"]
    by_code = {m["code"]: m for m in scorecard["measures"]}
    kept = ReportedAssessment.objects.filter(period=story["march"], is_headline=True)
    assert set(by_code) == set(kept.values_list("measure_code", flat=True)) == {"E7", "A2"}
    timeliness = by_code["E7"]
    assert timeliness["figure"] == "7.8%" and timeliness["figure_period"] == "2024"
    assert timeliness["target"] == "60% by 31/12/2025" and timeliness["target_value"] == 60.0
    assert (timeliness["rating"], timeliness["rating_label"], timeliness["rating_colour"]) == (
        "red",
        "Red",
        "#d4351c",
    )
    assert (timeliness["direction"], timeliness["direction_label"]) == ("declining", "Declining")
    assert timeliness["reason"] == kept.get(measure_code="E7").reason
    assert timeliness["commentary"] == "Two caseworkers start in May."
    assert timeliness["outcomes"] == ["My needs are assessed on time"]
    assert timeliness["exception"] is True
    assert timeliness["points"] == [
        {"date": "2022-12-31", "period": "2022", "value": 12.0},
        {"date": "2023-12-31", "period": "2023", "value": 9.0},
        {"date": "2024-12-31", "period": "2024", "value": 7.8},
    ]
    absence = by_code["A2"]
    assert (absence["rating"], absence["exception"], absence["target"]) == ("green", False, "")
    assert absence["polarity"] == "lower"


def test_a_green_but_worsening_measure_is_an_exception(story):
    ReportedAssessment.objects.filter(period=story["march"], measure_code="A2").update(direction="declining")
    measures = build(story["template"], story["march"])["sections"]["scorecard"]["measures"]
    assert {m["code"]: m["exception"] for m in measures} == {"E7": True, "A2": True}


def test_risks_show_the_heat_map_of_open_risks_the_red_ones_and_their_movement_since_february(story, content):
    risks = content["sections"]["risks"]
    kept = {row.reference: row for row in ReportedRisk.objects.filter(period=story["march"])}
    assert risks["open_count"] == len(kept) == 2
    assert risks["bands"].startswith("Green: a score of 1 to 4. Amber: 5 to 14. Red: 15 to 25.")
    cells = risks["heat_map"]
    assert len(cells) == 25
    assert [(c["likelihood"], c["impact"]) for c in cells[:6]] == [
        (5, 1),
        (5, 2),
        (5, 3),
        (5, 4),
        (5, 5),
        (4, 1),
    ]
    placed = {(c["likelihood"], c["impact"]): c for c in cells if c["references"]}
    assert {key: c["references"] for key, c in placed.items()} == {(4, 5): ["R1"], (2, 3): ["R2"]}
    assert (placed[(4, 5)]["band"], placed[(2, 3)]["band"]) == ("Red", "Amber")
    assert {c["band"] for c in cells} == {"Green", "Amber", "Red"}
    assert risks["red"] == [
        {
            "reference": "R1",
            "title": "Not enough specialist places",
            "owner": "",
            "likelihood": 4,
            "impact": 5,
            "score": 20,
            "band": "Red",
            "band_colour": "#f4cdc6",
            "mitigation_summary": kept["R1"].mitigation_summary,
            "movement": "Up from amber",
        }
    ]
    assert risks["movement"] == [
        {"reference": "R1", "title": "Not enough specialist places", "words": "Up from amber to red"}
    ]
    assert risks["likelihood_words"]["5"] == "Almost certain" and risks["impact_words"]["1"] == "Negligible"


def test_the_heat_map_bands_are_the_areas_bands_when_the_period_was_reported(area):
    RiskBands.objects.update_or_create(area=area, defaults={"amber_from": 3, "red_from": 10})
    story = february_and_march(area)
    RiskBands.objects.filter(area=area).update(amber_from=8, red_from=20)

    risks = build(story["template"], story["march"])["sections"]["risks"]

    band = {(c["likelihood"], c["impact"]): c["band"] for c in risks["heat_map"]}
    assert (band[(1, 2)], band[(1, 3)], band[(2, 5)]) == ("Green", "Amber", "Red")
    assert risks["bands"].startswith("Green: a score of 1 to 2. Amber: 3 to 9. Red: 10 to 25.")


def test_a_risk_new_since_february_says_so(story):
    march = story["march"]
    r1 = ReportedRisk.objects.get(period=march, reference="R1")
    ReportedRisk.objects.filter(period=story["february"], risk=r1.risk).delete()
    risks = build(story["template"], march)["sections"]["risks"]
    assert risks["red"][0]["movement"] == "New since February 2021"
    assert risks["movement"] == []


def test_you_said_we_did_lists_the_entries_heard_or_added_in_the_month(area, story, content):
    entries = content["sections"]["voice"]["entries"]
    assert [e["reference"] for e in entries] == ["YS1"]
    assert entries[0] == {
        "reference": "YS1",
        "said": Entry.objects.get(reference="YS1").said,
        "source": "Forum",
        "heard_on": "2021-03-04",
        "group": "Parent carer forum",
        "did": "We wrote a short guide to personal budgets with the forum",
        "how_we_know": "More families asked for a personal budget",
        "published": True,
    }


def test_an_entry_added_in_the_month_by_local_time_is_listed_whenever_it_was_heard(area, story):
    """British Summer Time began on 28 March 2021: 22:30 UTC on 31 March is still March in Stockport,
    23:30 UTC is already 1 April."""
    utc = datetime.UTC

    def added(reference, at, **kwargs):
        entry = EntryFactory(area=area, reference=reference, heard_on=None, **kwargs)
        Entry.objects.filter(pk=entry.pk).update(added_at=at)

    added("YS3", datetime.datetime(2021, 3, 31, 22, 30, tzinfo=utc), is_published=False)
    added("YS4", datetime.datetime(2021, 3, 31, 23, 30, tzinfo=utc))
    added("YS5", datetime.datetime(2021, 3, 1, 0, 0, tzinfo=utc))
    added("YS6", datetime.datetime(2021, 2, 28, 23, 59, tzinfo=utc))
    EntryFactory(area=area, reference="YS11", heard_on=datetime.date(2021, 3, 31))
    entries = build(story["template"], story["march"])["sections"]["voice"]["entries"]
    assert [(e["reference"], e["published"]) for e in entries] == [
        ("YS1", True),
        ("YS3", False),
        ("YS5", False),
        ("YS11", False),
    ]


def test_another_areas_entries_are_never_listed(other_area, story):
    EntryFactory(area=other_area, reference="YS1", heard_on=datetime.date(2021, 3, 5), said="Not ours")
    entries = build(story["template"], story["march"])["sections"]["voice"]["entries"]
    assert [e["said"] for e in entries] == [Entry.objects.get(area=story["plan"].area, reference="YS1").said]


def test_matters_for_decision_are_the_words_given_and_the_cover_is_empty(story):
    content = build(story["template"], story["march"], matters="Agree the new date for 2.1.2.")
    assert content["sections"]["matters"] == {"text": "Agree the new date for 2.1.2."}
    assert content["sections"]["cover"] == {}


def test_only_the_templates_sections_appear_in_its_order(story):
    template = story["template"]
    template.sections = ["matters", "risks", "cover"]
    template.save()
    content = build(template, story["march"])
    assert list(content["sections"]) == ["matters", "risks", "cover"]
    assert content["pack"]["sections"] == ["matters", "risks", "cover"]
