"""The pages the benchmark times and the query-count test checks, for a BenchArea."""

from django.urls import reverse

from .generate import BenchArea


def page_urls(bench: BenchArea) -> dict[str, str]:
    """Name: URL, for every read page whose query count must not grow with the plan."""
    slug, plan = bench.area.slug, bench.plan.pk
    milestones = reverse("plans:milestones", kwargs={"area": slug, "pk": plan})
    by_workstream = f"{milestones}?workstream={bench.workstream.pk}"
    return {
        "overview": reverse("plans:plan", kwargs={"area": slug, "pk": plan}),
        "item": reverse("plans:item", kwargs={"area": slug, "pk": bench.action.pk}),
        "milestones": milestones,
        "milestones_filtered": by_workstream,
        "milestones_csv": f"{milestones}?format=csv",
        "milestones_filtered_csv": f"{by_workstream}&format=csv",
        "people": reverse("areas:people", kwargs={"area": slug}),
        "workstreams": reverse("areas:workstreams", kwargs={"area": slug}),
        "my_items": reverse("plans:my-items", kwargs={"area": slug}),
        "person": reverse("areas:person", kwargs={"area": slug, "pk": bench.person.pk}),
        "workstream": reverse("areas:workstream", kwargs={"area": slug, "pk": bench.workstream.pk}),
    }
