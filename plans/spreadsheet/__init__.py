"""Importing and exporting whole plans as the spreadsheet template in docs/plan-template.md.

The flow, for the web pages and the commands alike:

    plan_file = read_plan_file(upload, name=upload.name)   # read and check the file; writes nothing
    preview = preview_import(area=area, plan_file=plan_file) # compare with the area; writes nothing
    if preview.is_valid: show preview (added / changed / removed), else show preview.problems
    plan_import(area=area, plan_file=plan_file, by=user)     # on confirm: all or nothing

    export_plan(plan, "xlsx") or export_plan(plan, "zip")    # bytes to download
"""

from .apply import plan_import
from .export import CONTENT_TYPES, export_file_name, export_plan
from .parsing import read_plan_file
from .planfile import PlanFile
from .preview import Entry, FieldChange, ImportPreview, Section, preview_import
from .problems import ImportRejected, Problem, ProblemGroup, grouped

__all__ = [
    "CONTENT_TYPES",
    "Entry",
    "FieldChange",
    "ImportPreview",
    "ImportRejected",
    "PlanFile",
    "Problem",
    "ProblemGroup",
    "Section",
    "export_file_name",
    "export_plan",
    "grouped",
    "plan_import",
    "preview_import",
    "read_plan_file",
]
