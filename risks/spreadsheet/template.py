"""The risk register's spreadsheet template (docs/risk-template.md): its sheets and their columns."""

RISKS = "Risks"
MITIGATIONS = "Mitigations"
NOTES = "Progress notes"

RISK_COLUMNS = (
    "Reference",
    "Title",
    "Cause",
    "Event",
    "Effect",
    "Owner",
    "Category",
    "Likelihood now",
    "Impact now",
    "Likelihood before mitigation",
    "Impact before mitigation",
    "Target likelihood",
    "Target impact",
    "Next review",
    "Status",
    "Reason for closing",
    "Plan items",
    "Measures",
)
RISK_REQUIRED = ("Reference", "Title")
MITIGATION_COLUMNS = ("Risk reference", "Action", "Owner", "Due date", "Done")
MITIGATION_REQUIRED = ("Risk reference", "Action")
NOTE_COLUMNS = ("Risk reference", "Mitigation number", "Date", "Progress")
NOTE_REQUIRED = NOTE_COLUMNS

# (likelihood column, impact column, RiskContent's likelihood field, its impact field, when)
SCORE_COLUMNS = (
    ("Likelihood now", "Impact now", "likelihood", "impact", "now"),
    (
        "Likelihood before mitigation",
        "Impact before mitigation",
        "inherent_likelihood",
        "inherent_impact",
        "before mitigation",
    ),
    ("Target likelihood", "Target impact", "target_likelihood", "target_impact", "as targeted"),
)
OPEN, CLOSED = "Open", "Closed"
