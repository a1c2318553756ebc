from django.urls import reverse


def test_pages_render(client, register, programme_manager, area, plan):
    client.force_login(programme_manager)
    for name, kw in [
        ("risks:home", {}),
        ("risks:register", {"plan_pk": plan.pk}),
        ("risks:risk", {"pk": register["red"].pk}),
        ("risks:chart", {"pk": register["red"].pk}),
        ("risks:risk-create", {"plan_pk": plan.pk}),
        ("risks:risk-edit", {"pk": register["red"].pk}),
        ("risks:risk-review", {"pk": register["red"].pk}),
        ("risks:risk-close", {"pk": register["red"].pk}),
        ("risks:mitigation-create", {"pk": register["red"].pk}),
        ("risks:mitigation-edit", {"pk": register["red"].pk, "mitigation_pk": register["mitigation"].pk}),
        ("risks:note-create", {"pk": register["red"].pk, "mitigation_pk": register["mitigation"].pk}),
        ("risks:bands", {}),
        ("plans:item", {"pk": register["red"].items.first().pk}),
    ]:
        r = client.get(reverse(name, kwargs={"area": area.slug, **kw}))
        assert r.status_code == 200, (name, r.content[:3000])
