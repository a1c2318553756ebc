"""Load the demo: Stockport's 2019 Written Statement of Action and its 2021 monthly reporting, a small second
area, and demo sign-ins."""

from pathlib import Path
from typing import Any, NotRequired, TypedDict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from accounts.two_step.selectors import must_have_second_factor
from areas.models import LocalArea, Membership, Person
from demo.boardpacks import load_boardpacks_demo
from demo.dating import dated, stamp
from demo.progress import PLAN_IMPORTED, PROGRAMME_MANAGER, load_progress_demo
from demo.publishing import load_publishing_demo
from demo.risks import load_risks_demo
from demo.scorecard import load_scorecard_demo
from demo.two_step import demo_authenticator_give, demo_key_base32
from demo.voice import load_voice_demo
from plans.models import Plan
from plans.spreadsheet import plan_import, preview_import, read_plan_file

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_PASSWORD = "demo-send-2026"  # noqa: S105 - a published demo password, printed by `make run`  # nosec B105


class DemoArea(TypedDict):
    """A demo local area: its plan's folder under demo/, and its members as (email, display name, role,
    initials of their Person or None)."""

    slug: str
    name: str
    council_name: str
    colour: str
    plan: str
    monthly_cycle: NotRequired[bool]
    scorecard: NotRequired[bool]
    voice: NotRequired[bool]  # "You said, we did" (after the scorecard and the evidence bank it links to)
    risks: NotRequired[bool]
    publish: NotRequired[bool]
    members: list[tuple[str, str, str, str | None]]


AREAS: list[DemoArea] = [
    {
        "slug": "stockport",
        "name": "Stockport",
        "council_name": "Stockport Metropolitan Borough Council",
        "colour": "#00707a",
        "plan": "stockport-wsoa-2019",
        "monthly_cycle": True,
        "scorecard": True,
        "voice": True,
        "risks": True,
        "publish": True,
        "members": [
            ("pm@stockport.example", "Programme manager (demo)", Membership.Role.PROGRAMME_MANAGER, "JN"),
            ("lead@stockport.example", "S/E workstream lead (demo)", Membership.Role.WORKSTREAM_LEAD, "CL"),
            ("contributor@stockport.example", "Action owner (demo)", Membership.Role.CONTRIBUTOR, "SM"),
            ("viewer@stockport.example", "Board member (demo)", Membership.Role.VIEWER, None),
        ],
    },
    {
        "slug": "fenbridge",
        "name": "Fenbridge",
        "council_name": "Fenbridge Council (a fictional area)",
        "colour": "#6f2c91",
        "plan": "fenbridge-strategy",
        "members": [
            ("pm@fenbridge.example", "Programme manager (demo)", Membership.Role.PROGRAMME_MANAGER, None),
        ],
    },
]


class Command(BaseCommand):
    help = (
        "Load the demo local areas (Stockport's Written Statement of Action, April 2019, and a small "
        "fictional area), with demo sign-ins and Stockport's monthly reporting from January to April 2021. "
        "Safe to run again: the plans are re-imported in place, except one that has reporting periods."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = []
        to_publish: list[tuple[LocalArea, Plan, User]] = []
        for spec in AREAS:
            # The area, its plan and its members as they were set up at the start of 2021.
            with transaction.atomic(), dated(PLAN_IMPORTED):
                area, _ = LocalArea.objects.update_or_create(
                    slug=spec["slug"],
                    defaults={
                        "name": spec["name"],
                        "council_name": spec["council_name"],
                        "colour": spec["colour"],
                    },
                )
                plan = self._import(area, DEMO_DIR / spec["plan"])
                users: dict[str, User] = {}
                for email, display_name, role, initials in spec["members"]:
                    user = self._member(area, email, display_name, role, initials)
                    rows.append((area.name, Membership.Role(role).label, initials or "", email))
                    if initials:
                        users[initials] = user
                    if role == Membership.Role.PROGRAMME_MANAGER:
                        users[PROGRAMME_MANAGER] = user
            if spec.get("monthly_cycle"):
                self.stdout.write(load_progress_demo(plan, users=users))
            if spec.get("scorecard"):
                self.stdout.write(load_scorecard_demo(area, plan, manager=users[PROGRAMME_MANAGER]))
            if spec.get("voice"):
                self.stdout.write(load_voice_demo(area, plan, manager=users[PROGRAMME_MANAGER]))
            if spec.get("risks"):
                self.stdout.write(load_risks_demo(plan, manager=users[PROGRAMME_MANAGER]))
            if spec.get("publish"):
                to_publish.append((area, plan, users[PROGRAMME_MANAGER]))
        # Last, once everything else is loaded: the first publication of the public pages.
        for area, plan, manager in to_publish:
            self.stdout.write(load_publishing_demo(area, plan, manager=manager))
        # Then the board packs, made from the data as reported for March 2021.
        for area, plan, manager in to_publish:
            self.stdout.write(load_boardpacks_demo(area, plan, manager=manager))
        self.stdout.write("")
        self.stdout.write(f"Demo sign-ins (password for each: {DEMO_PASSWORD})")
        for area_name, role, initials, email in rows:
            person = f" as {initials}" if initials else ""
            self.stdout.write(f"  {area_name:<10} {role + person:<28} {email}")
        self.stdout.write(
            "Programme managers then enter a code from an authenticator app holding the demo key "
            f"{demo_key_base32()}, or from `.venv/bin/python manage.py demo_code`"
        )
        self.stdout.write("Open http://127.0.0.1:8000/sign-in/")

    def _import(self, area: LocalArea, folder: Path) -> Plan:
        plan_file = read_plan_file(folder)
        preview = preview_import(area=area, plan_file=plan_file)
        if preview.problems:
            raise CommandError("The demo data has problems:\n" + "\n".join(str(p) for p in preview.problems))
        if preview.plan is not None and preview.plan.periods.exists():
            # Re-importing would reset the ratings and due dates the reporting periods gave the items.
            self.stdout.write(
                f"{area.name}: plan {preview.reference} kept as it is: it has reporting periods"
            )
            return preview.plan
        if preview.has_changes:
            new = preview.plan is None
            preview = plan_import(area=area, plan_file=plan_file, source=f"Demo data ({folder.name})")
            if new and preview.plan is not None:
                stamp(Plan.objects.filter(pk=preview.plan.pk), PLAN_IMPORTED, ("created_at",))
        self.stdout.write(f"{area.name}: plan {preview.reference} loaded from demo/{folder.name}")
        assert preview.plan is not None  # the file had no problems, so the plan is in the database
        return preview.plan

    def _member(
        self, area: LocalArea, email: str, display_name: str, role: str, initials: str | None
    ) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=display_name)
            stamp(User.objects.filter(pk=user.pk), PLAN_IMPORTED, ("date_joined",))
        person = Person.objects.filter(area=area, initials=initials).first() if initials else None
        Membership.objects.update_or_create(user=user, area=area, defaults={"role": role, "person": person})
        if must_have_second_factor(user=user):
            demo_authenticator_give(user)
        return user
