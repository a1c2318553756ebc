"""One way to record a change of any model, and one way to save and record it."""

import pytest

from common.concurrency import EditConflict
from history import rules, selectors, services
from history.models import Change
from tests.areas.factories import PersonFactory
from tests.evidence.factories import EvidenceFactory


def snapshot(person) -> dict[str, str]:
    return {"Initials": person.initials, "Job title": person.job_title}


def test_a_new_object_is_recorded_as_added_with_every_value(area, programme_manager):
    person = PersonFactory.build(area=area, initials="HW", job_title="SENCO")

    change = services.save_recorded(
        obj=person, snapshot=snapshot, before=None, area=area, subject="Person HW", by=programme_manager
    )

    assert person.pk is not None
    assert change.action == Change.Action.ADDED
    assert change.changes == {"Initials": ["", "HW"], "Job title": ["", "SENCO"]}
    assert change.by == programme_manager
    assert list(selectors.changes_of(obj=person)) == [change]


def test_only_the_values_that_changed_are_recorded(area):
    person = PersonFactory(area=area, initials="HW", job_title="SENCO")
    before = snapshot(person)
    person.job_title = "Head of SEN"

    change = services.save_recorded(
        obj=person,
        snapshot=snapshot,
        before=before,
        area=area,
        subject="Person HW",
        source="Import of plan.xlsx",
    )

    assert change.action == Change.Action.CHANGED
    assert change.changes == {"Job title": ["SENCO", "Head of SEN"]}
    assert change.source == "Import of plan.xlsx"


def test_saving_without_a_difference_records_nothing(area):
    person = PersonFactory(area=area, initials="HW")

    assert (
        services.save_recorded(obj=person, snapshot=snapshot, before=snapshot(person), area=area, subject="x")
        is None
    )
    assert not Change.objects.exists()


def test_a_stale_version_saves_nothing_and_records_nothing(area):
    person = PersonFactory(area=area, initials="HW", job_title="SENCO")
    stale = person.version
    person.job_title = "First edit"
    services.save_recorded(
        obj=person, snapshot=snapshot, before={}, area=area, subject="x", expected_version=stale
    )
    person.job_title = "Second edit, from a page opened before the first"

    with pytest.raises(EditConflict):
        services.save_recorded(
            obj=person, snapshot=snapshot, before={}, area=area, subject="x", expected_version=stale
        )

    person.refresh_from_db()
    assert person.job_title == "First edit"
    assert Change.objects.count() == 1


def test_a_change_of_any_model_names_its_subject_and_version(area):
    evidence = EvidenceFactory(area=area)

    change = services.change_record(
        area=area,
        action=Change.Action.CHANGED,
        subject="Evidence",
        changes={"Title": ["a", "b"]},
        obj=evidence,
    )

    assert change.subject_type.model == "evidence" and change.subject_id == evidence.pk
    assert change.version == evidence.version
    assert list(selectors.changes_of(obj=evidence)) == [change]


def test_diff_keeps_the_order_of_the_new_values_and_counts_a_missing_label_as_blank():
    assert rules.diff({"B": "1", "A": "x"}, {"A": "y", "B": "1", "C": ""}) == {"A": ["x", "y"]}
    assert rules.diff({}, {"A": "y", "C": ""}) == {"A": ["", "y"]}
