"""The people of the load test: members of the bench area who can sign in through the sign-in page.

Each is a contributor linked to one of the area's people (so they update the items that person owns),
with a password hashed as the production server hashes them and an authenticator app (the area asks
for two-step sign-in of them, as an area may), so signing in takes the password and then the code.
"""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.hashers import Argon2PasswordHasher
from accounts.models import User
from areas.models import Membership
from plans.models import Item

UPDATES_PER_PERSON = 5


def _password(password: str) -> str:
    """Hashed with the production server's first hasher (the bench's own settings use a fast one)."""
    hasher = Argon2PasswordHasher()
    return hasher.encode(password, hasher.salt())


def _authenticator(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Load test authenticator", confirmed=True)
    return str(device.key)


def load_people(bench, count: int, *, password: str, hashed: str = "") -> list[dict]:
    """`count` members (made once), each with up to UPDATES_PER_PERSON update forms of their own
    milestones in the open period: what bench/load.py needs to sign them in and use the site. `hashed`:
    the password as the server will check it, if not by the production server's hasher."""
    people = list(bench.area.people.order_by("pk").exclude(pk=bench.person.pk)[:count])
    period = bench.open_period
    slug = bench.area.slug
    hashed = hashed or _password(password)
    users = []
    for i, person in enumerate(people):
        user, _ = User.objects.get_or_create(email=f"load{i + 1}@bench.example")
        user.password = hashed
        user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, area=bench.area, defaults={"role": Membership.Role.CONTRIBUTOR, "person": person}
        )
        items = (
            Item.objects.filter(plan=bench.plan, level=4, ownerships__person=person)
            .exclude(updates__period=period, updates__confirmed_at__isnull=False)
            .order_by("sort_key")
            .values_list("pk", flat=True)[:UPDATES_PER_PERSON]
        )
        users.append(
            {
                "email": user.email,
                "password": password,
                "totp_key": _authenticator(user),
                "address": f"10.14.{i // 250}.{i % 250 + 1}",
                "updates": [
                    reverse("progress:update", kwargs={"area": slug, "pk": period.pk, "item_pk": pk})
                    for pk in items
                ],
            }
        )
    return [u for u in users if u["updates"]]


def load_urls(bench) -> dict:
    """The pages people open: the plan overview, the milestones list, an item (one of 200 key actions
    and milestones), the open period."""
    slug, plan = bench.area.slug, bench.plan.pk
    items = (
        Item.objects.filter(plan=bench.plan, level__gte=3).order_by("sort_key").values_list("pk", flat=True)
    )
    return {
        "overview": reverse("plans:plan", kwargs={"area": slug, "pk": plan}),
        "milestones": reverse("plans:milestones", kwargs={"area": slug, "pk": plan}),
        "item": [reverse("plans:item", kwargs={"area": slug, "pk": pk}) for pk in list(items)[::12][:200]],
        "period_open": bench.open_period.get_absolute_url(),
    }


def signed_in_manager(bench, *, password: str) -> dict:
    """The bench's programme manager, able to sign in over HTTP (password, then authenticator code)."""
    user = bench.user
    user.password = _password(password)
    user.save(update_fields=["password"])
    return {"email": user.email, "password": password, "totp_key": _authenticator(user)}
