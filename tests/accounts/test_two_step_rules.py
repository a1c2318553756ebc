"""The rules of two-step sign-in, each by name."""

from datetime import UTC, datetime, timedelta

from accounts.rules import second_factor_from_amr, second_factor_required, throttle_wait_seconds


def test_second_factor_from_amr_counts_the_identity_providers_second_factor_only_when_trusted():
    assert second_factor_from_amr(["pwd", "mfa"], trusted=True)
    assert second_factor_from_amr(["otp"], trusted=True)
    assert second_factor_from_amr(["HWK"], trusted=True)
    assert second_factor_from_amr(["swk", "pwd"], trusted=True)
    assert second_factor_from_amr(["fido"], trusted=True)
    assert not second_factor_from_amr(["pwd"], trusted=True)
    assert not second_factor_from_amr(["pwd", "rba", "face"], trusted=True)
    assert not second_factor_from_amr([], trusted=True)
    assert not second_factor_from_amr(["mfa"], trusted=False)


def test_second_factor_required_for_administrators_programme_managers_and_areas_that_require_it():
    nobody = {"is_installation_admin": False, "manages_an_area": False, "in_area_requiring": False}
    assert not second_factor_required(**nobody)
    for reason in nobody:
        assert second_factor_required(**{**nobody, reason: True})


def test_throttle_wait_seconds_rounds_up_and_is_zero_once_the_wait_is_over():
    now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    assert throttle_wait_seconds(None, now) == 0
    assert throttle_wait_seconds(now - timedelta(seconds=1), now) == 0
    assert throttle_wait_seconds(now + timedelta(milliseconds=200), now) == 1
    assert throttle_wait_seconds(now + timedelta(seconds=7.5), now) == 8
