"""The board pack pages for the benchmark and the query-count test: a pack made from a BenchArea's plan
(its content read from the data as reported, as `boardpacks.services.pack_make` reads it, without
rendering the documents), with versions over two periods, and the job page that made it.

Importable without Django set up (bench/report.py reads PACK_PAGES in the parent process).
"""

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generate import BenchArea

PACK_PAGES = {
    "boardpacks_home": (
        "Board packs (programme manager)",
        "the area's pack templates and the latest packs made, with their downloads",
    ),
    "boardpack_template": (
        "A board pack template",
        "its settings and its 3 versions over 2 reported periods, with their downloads",
    ),
    "boardpack": (
        "A board pack version",
        "{reported_period}'s pack made from the whole plan: its downloads and its 2 versions",
    ),
    "boardpack_read": (
        "A board pack read as a web page",
        "the whole pack for {reported_period} from its stored content: every section, every row",
    ),
    "boardpack_job": ("Making a board pack: its progress page", "the finished job and its link"),
}
PACK_FILES = {"pdf": b"%PDF-1.7", "docx": b"PK docx", "xlsx": b"PK xlsx"}


def make_pack_pages(bench: "BenchArea") -> dict[str, str]:
    """Make the bench plan's monthly pack (version 1 for the period before the latest reported one;
    versions 1 and 2, the second sent, for the latest) with tiny stand-in files and the job that made
    it; return the URL of each page of PACK_PAGES."""
    from django.core.files.base import ContentFile
    from django.urls import reverse
    from django.utils import timezone

    from boardpacks.content import build_content
    from boardpacks.models import Pack, PackFile
    from jobs.models import Job
    from progress.models import ReportingPeriod

    from .boardpacks import _large_pack

    template, period = _large_pack(bench)
    earlier = (
        ReportingPeriod.objects.filter(
            plan=bench.plan, state=ReportingPeriod.State.REPORTED, ends_on__lt=period.ends_on
        )
        .order_by("-ends_on")
        .first()
    )
    made: list[Pack] = []
    contents: dict[int, dict] = {}
    for when, number in ((earlier, 1), (period, 1), (period, 2)):
        if when is None:
            continue
        now = timezone.now()
        if when.pk not in contents:  # a second version of the same period shows the same data
            contents[when.pk] = build_content(
                template=template,
                period=when,
                meeting_date=date(2021, 4, 20),
                matters="The board is asked to note progress.",
                made_at=now,
            )
        content = contents[when.pk]
        pack = Pack.objects.create(
            template=template,
            period=when,
            number=number,
            meeting_date=date(2021, 4, 20),
            matters="The board is asked to note progress.",
            content=content,
            made_by=bench.user,
            made_at=now,
            sent_at=now if (when, number) == (period, 2) else None,
            sent_by=bench.user if (when, number) == (period, 2) else None,
        )
        for fmt, data in PACK_FILES.items():
            stored = PackFile(pack=pack, format=fmt, size=len(data), sha256="")
            stored.file.save(f"pack.{fmt}", ContentFile(data), save=True)
        made.append(pack)
    pack = made[-1]
    slug = bench.area.slug
    in_area = {"area": slug, "pk": pack.pk}
    job = Job.objects.create(
        area=bench.area,
        kind="boardpacks.build",
        label=f"Making {template.name} for {period.name}",
        arguments={"template": template.pk, "period": period.pk},
        state=Job.State.DONE,
        percent=100,
        step="Done",
        result_url=reverse("boardpacks:pack", kwargs=in_area),
        result_label="Open the pack",
        message="The pack is made.",
        created_by=bench.user,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )
    return {
        "boardpacks_home": reverse("boardpacks:home", kwargs={"area": slug}),
        "boardpack_template": reverse("boardpacks:template", kwargs={"area": slug, "pk": template.pk}),
        "boardpack": reverse("boardpacks:pack", kwargs=in_area),
        "boardpack_read": reverse("boardpacks:pack-html", kwargs=in_area),
        "boardpack_job": reverse("jobs:job", kwargs={"area": slug, "pk": job.pk}),
    }
