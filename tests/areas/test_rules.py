"""Which address a person is emailed at (areas.rules.person_address), and emails_of reading it."""

from hypothesis import given
from hypothesis import strategies as st

from areas.rules import INACTIVE_MEMBER_NO_EMAIL, NO_MEMBER_NO_EMAIL, person_address
from areas.selectors import emails_of
from tests.areas.factories import MembershipFactory, PersonFactory, UserFactory

addresses = st.builds(
    "{}@{}.org".format, st.text("abcxyz.", min_size=1, max_size=8), st.sampled_from(["council", "nhs"])
)


def test_person_address_prefers_the_linked_members_address():
    address = person_address(
        member_emails=["sm@council.gov.uk"], has_inactive_member=False, own_email="sm@x.org"
    )
    assert (address.email, address.from_member, address.problem) == ("sm@council.gov.uk", True, "")


def test_person_address_falls_back_to_the_persons_own_email():
    address = person_address(member_emails=[], has_inactive_member=True, own_email=" sm@x.org ")
    assert (address.email, address.from_member, address.problem) == ("sm@x.org", False, "")


def test_person_address_says_why_there_is_none():
    assert (
        person_address(member_emails=[], has_inactive_member=False, own_email="").problem
        == NO_MEMBER_NO_EMAIL
    )
    assert person_address(member_emails=[], has_inactive_member=True, own_email="").problem == (
        INACTIVE_MEMBER_NO_EMAIL
    )


@given(members=st.lists(addresses, max_size=3), own=st.one_of(st.just(""), addresses), inactive=st.booleans())
def test_person_address_always_gives_an_address_or_a_reason_never_both(members, own, inactive):
    address = person_address(member_emails=members, has_inactive_member=inactive, own_email=own)
    assert bool(address.email) != bool(address.problem)
    if members:
        assert address.email == members[0]
    elif own:
        assert address.email == own


def test_emails_of_reads_every_persons_address_in_one_query(area, other_area, django_assert_num_queries):
    linked = PersonFactory(area=area, initials="SM", email="own@example.org")
    MembershipFactory(area=area, person=linked, user=UserFactory(email="member@example.org"))
    switched_off = PersonFactory(area=area, initials="OF", email="")
    MembershipFactory(
        area=area, person=switched_off, user=UserFactory(email="gone@example.org", is_active=False)
    )
    own = PersonFactory(area=area, initials="OW", email="ow@example.org")
    nobody = PersonFactory(area=area, initials="NB", email="")
    elsewhere = PersonFactory(area=other_area, initials="EL", email="el@example.org")

    with django_assert_num_queries(1):
        found = emails_of(
            area_id=area.pk, person_ids=[p.pk for p in (linked, switched_off, own, nobody, elsewhere)]
        )

    assert found[linked.pk].email == "member@example.org"
    assert found[switched_off.pk].problem == INACTIVE_MEMBER_NO_EMAIL
    assert found[own.pk].email == "ow@example.org"
    assert found[nobody.pk].problem == NO_MEMBER_NO_EMAIL
    assert elsewhere.pk not in found
