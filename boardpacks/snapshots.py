"""A pack template as the words people read, keyed by label: what the history records and what an edit
conflict shows beside yours."""

from . import rules
from .models import PackTemplate


def template_snapshot(template: PackTemplate) -> dict[str, str]:
    return {
        "Name": template.name,
        "Audience": template.audience,
        "Title": template.title,
        "Meeting": template.meeting,
        "How often": template.get_frequency_display(),
        "Sections": ", ".join(rules.BY_KEY[key].title for key in template.sections if key in rules.BY_KEY),
        "The area's default pack": "Yes" if template.is_default else "No",
    }
