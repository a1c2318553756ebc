""" "You said, we did"'s spreadsheet template (docs/voice-template.md): its sheet and columns."""

SHEET = "You said we did"
COLUMNS = (
    "Reference",
    "You said",
    "Source",
    "Date said",
    "Group",
    "We did",
    "How we know",
    "Evidence",
    "Measures",
    "I statements",
    "Plan items",
    "Published",
)
REQUIRED = ("Reference", "You said", "Source")
