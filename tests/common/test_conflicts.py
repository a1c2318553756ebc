"""The one way a page handles an edit conflict: common.conflicts.try_save, with a real versioned service
(a person's details, areas.services.person_update) and a form like the pages' own."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from areas.models import Person
from areas.services import person_update
from areas.snapshots import person_snapshot
from common.concurrency import EditConflict
from common.conflicts import NOT_CHANGED, conflict_message, refusals_as, try_save
from common.forms import Form

pytestmark = pytest.mark.django_db


class JobForm(Form):
    job_title = forms.CharField(label="Job title", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _save_job(person, form):
    """What a page does: save what was typed, against the version the form was read at."""
    return try_save(
        form,
        lambda: person_update(
            person=person,
            job_title=form.cleaned_data["job_title"],
            expected_version=form.cleaned_data["version"],
        ),
        thing="this person",
        theirs=person_snapshot,
        mine=lambda: person_snapshot(
            Person(initials=person.initials, job_title=form.cleaned_data["job_title"])
        ),
    )


@pytest.fixture
def read_at(lead_person):
    """The version a page was opened at; someone else then saves a new job title."""
    version = lead_person.version
    person_update(
        person=Person.objects.get(pk=lead_person.pk), job_title="Head of SEND", expected_version=version
    )
    return version


def test_a_save_with_nobody_in_between_goes_through(lead_person):
    form = JobForm({"job_title": "Head of SEND", "version": lead_person.version})
    attempt = _save_job(lead_person, form)

    assert attempt.saved and not attempt.conflict
    assert attempt.result.job_title == "Head of SEND"
    assert Person.objects.get(pk=lead_person.pk).job_title == "Head of SEND"


def test_the_form_shows_theirs_beside_yours(lead_person, read_at):
    attempt = _save_job(lead_person, JobForm({"job_title": "Director of Inclusion", "version": read_at}))

    assert not attempt.saved and attempt.conflict
    assert attempt.theirs == [("Job title", "Head of SEND", "Director of Inclusion")]
    assert Person.objects.get(pk=lead_person.pk).job_title == "Head of SEND"


def test_the_form_gets_one_message_naming_the_thing(lead_person, read_at):
    form = JobForm({"job_title": "Director of Inclusion", "version": read_at})
    attempt = _save_job(lead_person, form)

    assert form.non_field_errors() == [attempt.problem]
    assert attempt.problem.startswith(
        "Someone else changed this person while you were editing it. Your changes have not been saved. "
        "What they saved is shown below"
    )
    assert not any(form[name].errors for name in form.fields)


def test_the_form_keeps_your_typing_and_carries_the_version_just_read(lead_person, read_at):
    form = JobForm({"job_title": "Director of Inclusion", "version": read_at})
    _save_job(lead_person, form)

    html = str(form)
    assert 'value="Director of Inclusion"' in html
    assert f'name="version" value="{Person.objects.get(pk=lead_person.pk).version}"' in html


def test_a_second_save_after_a_conflict_goes_through(lead_person, read_at):
    refused = JobForm({"job_title": "Director of Inclusion", "version": read_at})
    _save_job(lead_person, refused)

    again = _save_job(lead_person, JobForm(refused.data))

    assert again.saved
    assert Person.objects.get(pk=lead_person.pk).job_title == "Director of Inclusion"


def test_a_refused_removal_shows_what_they_saved_with_nothing_of_yours(lead_person, read_at):
    attempt = try_save(
        None,
        lambda: person_update(person=lead_person, expected_version=read_at),
        thing=lambda theirs: theirs.initials,
        removing=True,
        theirs=person_snapshot,
    )

    assert ("Job title", "Head of SEND", None) in attempt.theirs
    assert attempt.problem.startswith(
        "Someone else changed CL after you opened this page, so it has not been removed"
    )
    assert attempt.problem.endswith("press Remove again.")


def test_with_nothing_to_show_the_message_says_the_page_shows_it_as_they_left_it(lead_person, read_at):
    form = JobForm({"job_title": "Director of Inclusion", "version": read_at})
    attempt = try_save(
        form,
        lambda: person_update(person=lead_person, job_title="x", expected_version=read_at),
        thing="this person",
    )

    assert attempt.theirs == []
    assert "What they saved is shown below" not in attempt.problem
    assert "The page now shows it as they left it" in attempt.problem


def test_a_services_refusal_goes_on_the_form_in_its_words(lead_person, owner_person):
    form = JobForm({"job_title": "Head of SEND", "version": lead_person.version})
    attempt = try_save(
        form,
        lambda: person_update(
            person=lead_person, initials=owner_person.initials, expected_version=lead_person.version
        ),
    )

    assert not attempt.saved and not attempt.conflict
    assert attempt.problem == f"Someone in this area already has the initials {owner_person.initials}"
    assert form.non_field_errors() == [attempt.problem]  # JobForm has no initials field
    assert Person.objects.get(pk=lead_person.pk).initials == "CL"


def test_an_invalid_form_is_not_saved(lead_person):
    form = JobForm({"job_title": "Head of SEND", "version": "not a number"})
    attempt = try_save(form, lambda: pytest.fail("saved from an invalid form"))

    assert not attempt.saved and attempt.problem == ""
    assert form.errors["version"]


def test_an_unbound_form_as_on_a_first_visit_is_not_saved():
    form = JobForm()
    attempt = try_save(form, lambda: pytest.fail("saved on a GET"))

    assert not attempt.saved and attempt.form is form and not form.errors


@pytest.mark.parametrize(
    ("wording", "said"),
    [
        ({}, "Someone else changed this while you were editing it."),
        (
            {"thing": "this highlight report", "verb": "saved"},
            "Someone else saved this highlight report while",
        ),
        (
            {"thing": "this update", "who": "The owner", "doing": "reviewing it"},
            "The owner changed this update while you were reviewing it.",
        ),
    ],
)
def test_one_function_words_every_conflict_from_the_things_name(wording, said):
    assert conflict_message(**wording).startswith(said)


class Stopped(Exception):
    pass


def test_work_that_is_not_a_page_turns_a_refusal_into_its_own_error_in_words():
    with pytest.raises(Stopped, match=r"^Enter a date$"), refusals_as(Stopped, thing="the plan"):
        raise ValidationError("Enter a date")


def test_work_that_is_not_a_page_says_someone_else_changed_it_when_an_edit_conflicts(db, area):
    refused = pytest.raises(Stopped, match="someone else changed the plan at the same time")
    with refused, refusals_as(Stopped, thing="the plan"):
        raise EditConflict(area)


def test_other_errors_pass_through_untouched():
    with pytest.raises(KeyError), refusals_as(Stopped):
        raise KeyError("a bug, not a refusal")


class DetailsForm(Form):
    """A person's name and job title, as an edit page has them: each sends back its value as loaded."""

    name = forms.CharField(label="Name", required=False)
    job_title = forms.CharField(label="Job title", required=False)
    tags = forms.MultipleChoiceField(label="Tags", choices=[("a", "A"), ("b", "B")], required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _details(person):
    return {"name": person.name, "job_title": person.job_title, "tags": [], "version": person.version}


def _save_details(person, form):
    return try_save(
        form,
        lambda: person_update(
            person=person,
            name=form.cleaned_data["name"],
            job_title=form.cleaned_data["job_title"],
            expected_version=form.cleaned_data["version"],
        ),
        thing="this person",
    )


def _new_name_sent(loaded):
    """What a browser sends when the name is changed to "Claire Lowe" and the job title left as loaded."""
    return {
        "name": "Claire Lowe",
        "initial-name": loaded["name"],
        "job_title": loaded["job_title"],
        "initial-job_title": loaded["job_title"],
        "version": loaded["version"],
    }


def test_an_edit_form_sends_back_each_value_as_loaded_beside_it(lead_person):
    html = str(DetailsForm(initial=_details(lead_person)))

    assert 'name="initial-job_title" value="Strategic Lead SEN and Inclusion"' in html
    assert 'name="initial-version"' not in html


def test_a_field_you_left_as_loaded_takes_theirs_and_the_one_you_changed_keeps_yours(lead_person):
    loaded = _details(lead_person)
    sent = _new_name_sent(loaded)
    person_update(person=Person.objects.get(pk=lead_person.pk), job_title="Head of SEND", expected_version=1)
    now = Person.objects.get(pk=lead_person.pk)

    form = DetailsForm(sent, initial=_details(now))
    attempt = _save_details(now, form)

    assert attempt.conflict
    assert form["name"].value() == "Claire Lowe"
    assert form["job_title"].value() == "Head of SEND"
    assert form.data["initial-job_title"] == "Head of SEND" and form.data["version"] == str(now.version)
    now = Person.objects.get(pk=lead_person.pk)
    again = _save_details(now, DetailsForm(form.data, initial=_details(now)))
    assert again.saved
    saved = Person.objects.get(pk=lead_person.pk)
    assert (saved.name, saved.job_title) == ("Claire Lowe", "Head of SEND")


def test_without_the_values_as_loaded_what_was_sent_is_kept_as_typed(lead_person, read_at):
    now = Person.objects.get(pk=lead_person.pk)
    form = DetailsForm({"name": "", "job_title": "Director", "version": read_at}, initial=_details(now))

    _save_details(now, form)

    assert form["job_title"].value() == "Director"
    assert form.data["version"] == str(now.version)


def test_what_the_other_person_saved_says_a_value_you_left_alone_was_not_changed_by_you(lead_person):
    loaded = _details(lead_person)
    sent = _new_name_sent(loaded)
    person_update(
        person=Person.objects.get(pk=lead_person.pk),
        name="C. Lowe",
        job_title="Head of SEND",
        expected_version=loaded["version"],
    )
    now = Person.objects.get(pk=lead_person.pk)
    form = DetailsForm(sent, initial=_details(now))

    attempt = try_save(
        form,
        lambda: person_update(
            person=now,
            name=form.cleaned_data["name"],
            job_title=form.cleaned_data["job_title"],
            expected_version=form.cleaned_data["version"],
        ),
        thing="this person",
        theirs=lambda p: {"Name": p.name, "Job title": p.job_title},
        mine=lambda: {"Name": form.cleaned_data["name"], "Job title": form.cleaned_data["job_title"]},
    )

    assert attempt.theirs == [
        ("Name", "C. Lowe", "Claire Lowe"),
        ("Job title", "Head of SEND", NOT_CHANGED),
    ]
