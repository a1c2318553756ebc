"""Fields an area defines on the `tree` fixture's plan, with values, shared by the plan fields tests."""

from areas.models import Organisation
from plans.fields import FieldInput
from plans.services import plan_field_create
from plans.services.fields import field_values_write


def fields_with_values(plan, tree, owner_person):
    """Three fields: "Senior Officer Support" (text, every level), "Partner organisations" (organisations,
    milestones) and "Lead officer" (a person, milestones); 1 and 1.1.1.1 hold values."""
    support = plan_field_create(plan=plan, name="Senior Officer Support", level=None, kind="text")
    partners = plan_field_create(plan=plan, name="Partner organisations", level=4, kind="organisations")
    officer = plan_field_create(plan=plan, name="Lead officer", level=4, kind="person")
    nhs = Organisation.objects.create(area=plan.area, name="Stockport NHS Foundation Trust")
    field_values_write(item=tree["top"], values={support: FieldInput(text="Director of Children's Services")})
    field_values_write(
        item=tree["mine"],
        values={
            support: FieldInput(text="Head of SEND\nand the CCG's lead"),
            partners: FieldInput(organisations=[nhs], organisation_names=["Pure Innovations"]),
            officer: FieldInput(person=owner_person),
        },
    )
    return {"support": support, "partners": partners, "officer": officer, "nhs": nhs}
