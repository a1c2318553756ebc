"""The plan template: its sheets and columns, as docs/plan-template.md describes them.

Reading, checking and writing all take their names from here, so the three cannot drift apart.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sheet:
    name: str
    file_name: str
    columns: tuple[str, ...]
    required_columns: tuple[str, ...]
    required: bool
    widths: tuple[int, ...] = ()
    # Other headings read as the template's, when a sheet lacks the template's own: (theirs, ours), such
    # as an older Findings sheet's "Item" read as "Items" (reading.read_other_headings)
    aliases: tuple[tuple[str, str], ...] = ()

    def width(self, column: str) -> int:
        index = self.columns.index(column)
        return self.widths[index] if index < len(self.widths) else 20


PLAN = Sheet("Plan", "plan.csv", ("Field", "Value"), ("Field", "Value"), True, (22, 60))
PEOPLE = Sheet(
    "People",
    "people.csv",
    ("Initials", "Name", "Job title", "Organisation", "Email", "Aliases"),
    ("Initials",),
    False,
    (10, 25, 40, 30, 30, 20),
)
WORKSTREAMS = Sheet(
    "Workstreams",
    "workstreams.csv",
    ("Code", "Name", "Lead"),
    ("Code", "Name"),
    False,
    (10, 50, 10),
    (("Leads", "Lead"),),
)
RAG_SCHEME = Sheet(
    "RAG scheme",
    "rag_scheme.csv",
    ("Label", "Colour", "Meaning", "Counts as done", "Needs evidence of impact"),
    ("Label", "Colour"),
    False,
    (35, 10, 60, 15, 15),
)
ITEMS = Sheet(
    "Items",
    "items.csv",
    (
        "Number",
        "Text",
        "Due date",
        "Due as written",
        "Workstream",
        "Owners",
        "Partners",
        "Senior owner",
        "Impact",
        "How do we know",
        "See also",
        "Status",
        "Notes",
        "Measures",
    ),
    ("Number", "Text"),
    True,
    (10, 70, 12, 18, 12, 14, 30, 25, 50, 50, 12, 25, 40, 14),
)
FINDINGS = Sheet(
    "Findings",
    "findings.csv",
    ("Number", "Label", "Finding", "Items", "Page"),
    ("Finding",),
    False,
    (8, 30, 90, 14, 8),
    (("Item", "Items"),),
)

PLAN_TEXT = Sheet("Plan text", "plan_text.csv", ("Section", "Text"), ("Section", "Text"), False, (16, 110))

FIELDS = Sheet("Fields", "fields.csv", ("Name", "Level", "Type"), ("Name",), False, (30, 20, 16))

# Boards, teams and roles that own items or lead workstreams; Members as the Owners column names people.
GROUPS = Sheet(
    "Groups", "groups.csv", ("Name", "Short name", "Members", "Notes"), ("Name",), False, (40, 12, 30, 50)
)

SHEETS: tuple[Sheet, ...] = (
    PLAN,
    PEOPLE,
    WORKSTREAMS,
    RAG_SCHEME,
    ITEMS,
    FINDINGS,
    PLAN_TEXT,
    FIELDS,
    GROUPS,
)


# The rows of the Plan sheet, in the order the export writes them.
PLAN_FIELDS = (
    "Reference",
    "Title",
    "Type",
    "Status",
    "Start date",
    "End date",
    "Level 1 name",
    "Level 2 name",
    "Level 3 name",
    "Level 4 name",
    "Level 1 plural",
    "Level 2 plural",
    "Level 3 plural",
    "Level 4 plural",
    "RAG scheme",
)
REQUIRED_PLAN_FIELDS = ("Reference", "Title", "Type", "Status", "Level 1 name", "Level 2 name", "RAG scheme")

YES = "Yes"
NO = "No"


def sheet_key(name: str) -> str:
    """How sheet and file names are matched: "RAG scheme", "rag_scheme.csv" and "Rag Scheme" are one."""
    name = name.strip().lower()
    if name.endswith(".csv"):
        name = name[:-4]
    return " ".join(name.replace("_", " ").split())


# The first sheet of the blank template (spreadsheet/blank.py): what each sheet and column is for. The
# import never reads it and does not list it among the sheets it leaves out.
GUIDANCE_SHEET = "Guidance"
