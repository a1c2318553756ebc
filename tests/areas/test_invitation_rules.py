"""The rules of an invitation's link (areas.rules), each tested by name."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from areas.rules import (
    INVITATION_EXPIRED,
    INVITATION_USED,
    INVITATION_WITHDRAWN,
    invitation_expires_at,
    invitation_problem,
    same_email,
    token_hash,
)

SENT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
moments = st.datetimes(
    min_value=datetime.datetime(2020, 1, 1),
    max_value=datetime.datetime(2030, 1, 1),
    timezones=st.just(datetime.UTC),
)


def test_invitation_expires_at_is_a_week_after_it_was_sent():
    assert invitation_expires_at(SENT) == datetime.datetime(2026, 3, 9, 9, 30, tzinfo=datetime.UTC)


@given(now=moments)
def test_invitation_problem_lets_a_link_work_until_it_expires_and_never_after(now):
    problem = invitation_problem(
        now=now, expires_at=invitation_expires_at(SENT), accepted=False, withdrawn=False
    )
    assert problem == ("" if now < invitation_expires_at(SENT) else INVITATION_EXPIRED)


@given(now=moments, accepted=st.booleans(), withdrawn=st.booleans())
def test_invitation_problem_says_used_before_withdrawn_before_expired(now, accepted, withdrawn):
    problem = invitation_problem(now=now, expires_at=SENT, accepted=accepted, withdrawn=withdrawn)
    if accepted:
        assert problem == INVITATION_USED
    elif withdrawn:
        assert problem == INVITATION_WITHDRAWN
    else:
        assert problem == (INVITATION_EXPIRED if now >= SENT else "")


def test_each_problem_says_what_to_do():
    assert "Ask your programme manager to send it again" in INVITATION_EXPIRED
    assert "Sign in" in INVITATION_USED
    assert "ask your programme manager to invite you" in INVITATION_WITHDRAWN


@given(token=st.text(min_size=1))
def test_token_hash_keeps_no_part_of_the_token_and_is_the_same_each_time(token):
    kept = token_hash(token)
    assert kept == token_hash(token) and len(kept) == 64
    assert token_hash(token + "x") != kept


def test_same_email_ignores_case_and_spaces_only():
    assert same_email("New.Owner@Example.org", " new.owner@example.org ")
    assert not same_email("new.owner@example.org", "new.owner@example.org.evil.test")
