"""The demo's board packs: Stockport's monthly SEND board pack and its quarterly pack for the Health and
Wellbeing Board, each with its March 2021 pack made through the services (the monthly one marked as
sent to the meeting), ready to download. Run again, it makes nothing twice."""

from datetime import date

from accounts.models import User
from areas.models import LocalArea
from boardpacks import rules
from boardpacks.models import Pack, PackTemplate
from boardpacks.services import pack_make, pack_mark_sent, template_create
from demo.dating import at, dated, stamp
from plans.models import Plan
from progress.models import ReportingPeriod

PERIOD = "March 2021"

MONTHLY_MATTERS = (
    "The SEND Improvement Board is asked to:\n\n"
    "1. note the progress made across the five areas of weakness in March 2021;\n"
    "2. note that the timeliness of new EHC plans remains red, and agree that the recovery plan for "
    "the 20-week deadline comes to the May meeting with the educational psychology recruitment;\n"
    "3. agree the revised dates for the actions that slipped this month, shown under Exceptions;\n"
    "4. note the red risks and their mitigating actions."
)
QUARTERLY_MATTERS = (
    "The Health and Wellbeing Board is asked to:\n\n"
    "1. note the progress of the SEND Written Statement of Action from January to March 2021;\n"
    "2. support the joint commissioning of therapies by the council and the clinical commissioning "
    "group, as set out in the summary;\n"
    "3. note what families told us this quarter and what was done in response."
)

# (name, audience, title, meeting, frequency, sections, default, meeting date, matters, sent)
PACKS = [
    (
        "Monthly SEND board pack",
        "SEND Improvement Board",
        "SEND Written Statement of Action: progress update",
        "SEND Improvement Board",
        PackTemplate.Frequency.MONTHLY,
        rules.DEFAULT_SECTIONS,
        True,
        date(2021, 4, 20),
        MONTHLY_MATTERS,
        True,
    ),
    (
        "Health and Wellbeing Board: quarterly",
        "Health and Wellbeing Board",
        "SEND Written Statement of Action: quarterly report to the Health and Wellbeing Board",
        "Stockport Health and Wellbeing Board",
        PackTemplate.Frequency.QUARTERLY,
        rules.QUARTERLY_SECTIONS,
        False,
        date(2021, 4, 28),
        QUARTERLY_MATTERS,
        False,
    ),
]
MADE = at(date(2021, 4, 12), 10, 30)
SENT = at(date(2021, 4, 13), 9)


def load_boardpacks_demo(area: LocalArea, plan: Plan, *, manager: User) -> str:
    """Set up the two packs if they are not, and make each one's March 2021 pack if it has none."""
    period = ReportingPeriod.objects.filter(
        plan=plan, name=PERIOD, state=ReportingPeriod.State.REPORTED
    ).first()
    if period is None:
        return f"{area.name}: no board packs ({PERIOD} is not reported)"
    made = []
    for name, audience, title, meeting, frequency, sections, default, meeting_date, matters, sent in PACKS:
        with dated(MADE):
            template = PackTemplate.objects.filter(area=area, name=name).first()
            if template is None:
                template = template_create(
                    area=area,
                    plan=plan,
                    name=name,
                    audience=audience,
                    title=title,
                    meeting=meeting,
                    frequency=frequency,
                    sections=sections,
                    is_default=default,
                    by=manager,
                )
            if Pack.objects.filter(template=template, period=period).exists():
                continue
            pack = pack_make(
                template=template,
                period=period,
                meeting_date=meeting_date,
                matters=matters,
                by=manager,
                source="Demo data",
            )
            stamp(Pack.objects.filter(pk=pack.pk), MADE, ("made_at",))
        if sent:
            with dated(SENT):
                pack_mark_sent(pack=pack, by=manager)
            stamp(Pack.objects.filter(pk=pack.pk), SENT, ("sent_at",))
        made.append(name)
    if not made:
        return f"{area.name}: board packs kept as made"
    return f"{area.name}: board packs for {PERIOD} made ({', '.join(made)})"
