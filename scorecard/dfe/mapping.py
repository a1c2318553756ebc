"""Which columns of a DfE open data CSV hold what: a mapping a programme manager can save by name.

Columns are always found by name (case and surrounding spaces ignored), never by position,
so a release that renames or reorders its columns needs a changed mapping, not changed code.
Plain Python: a mapping is stored as the JSON-safe dict from `to_dict`.
"""

from dataclasses import dataclass, field, fields, replace

UNITS = {"count": "a count", "percent": "a percentage"}
PERIOD_FORMATS = {
    "auto": "a year such as 2024 or an academic year such as 201920",
    "year": "a year such as 2024",
    "academic_year": "an academic year such as 201920",
}

# Each column a mapping can name, as a person would describe it.
COLUMN_ROLES = {
    "period": "the period",
    "level": "the geographic level",
    "country_code": "the country code",
    "country_name": "the country name",
    "region_code": "the region code",
    "region_name": "the region name",
    "new_la_code": "the local authority's 9-character code",
    "old_la_code": "the local authority's 3-digit code",
    "la_name": "the local authority's name",
    "value": "the published figure",
    "numerator": "the numerator",
    "denominator": "the denominator",
}
REQUIRED_ROLES = ("period", "level", "value", "country_code", "region_code")


class MappingInvalid(ValueError):
    """A mapping that cannot be used; the message says what to change."""


def normalise_column(name: str) -> str:
    """A column name as it is matched: without surrounding spaces or a byte-order mark, any case."""
    return name.replace("\ufeff", "").strip().casefold()


@dataclass
class ColumnMapping:
    """The columns of one DfE file that give one measure, for one breakdown, for every area.

    A blank column name means the file has no such column. `filters` picks the breakdown:
    only rows whose column holds the given value are read (e.g. breakdown_topic = "All
    EHC plans issued"). With a `numerator` and `denominator`, the published percentage
    in `value` is checked against the one recomputed from them.
    """

    value: str
    unit: str = "count"
    numerator: str = ""
    denominator: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    name: str = ""
    period: str = "time_period"
    period_format: str = "auto"
    level: str = "geographic_level"
    country_code: str = "country_code"
    country_name: str = "country_name"
    region_code: str = "region_code"
    region_name: str = "region_name"
    new_la_code: str = "new_la_code"
    old_la_code: str = "old_la_code"
    la_name: str = "la_name"

    def columns(self) -> dict[str, str]:
        """The named columns by role, filters included, e.g. {"value": "PC_plans_issued_20_weeks_ex"}."""
        named = {role: getattr(self, role) for role in COLUMN_ROLES if getattr(self, role).strip()}
        for column in self.filters:
            named[f"filter: {column}"] = column
        return named

    def problems(self) -> list[str]:
        """What must change before the mapping can read a file; empty when it can."""
        found = []
        for role in REQUIRED_ROLES:
            if not getattr(self, role).strip():
                found.append(f"Choose the column that holds {COLUMN_ROLES[role]}")
        if not (self.new_la_code.strip() or self.old_la_code.strip()):
            found.append("Choose the column that holds the local authority's 9-character or 3-digit code")
        if self.unit not in UNITS:
            found.append(f'The unit "{self.unit}" is not one this service knows. Choose count or percent')
        if self.period_format not in PERIOD_FORMATS:
            found.append(
                f'The period format "{self.period_format}" is not one this service knows. '
                "Choose auto, year or academic_year"
            )
        if bool(self.numerator.strip()) != bool(self.denominator.strip()):
            found.append("Choose both a numerator and a denominator column, or neither")
        if self.numerator.strip() and self.unit != "percent":
            found.append("A numerator and denominator only go with a percentage. Choose percent as the unit")
        for column, wanted in self.filters.items():
            if not column.strip() or not wanted.strip():
                found.append("Each breakdown filter needs both a column and the value to keep")
        return found

    def to_dict(self) -> dict:
        """The mapping as JSON-safe data, to save; `mapping_from_dict` reads it back."""
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        data["filters"] = dict(self.filters)
        return data


def mapping_snapshot(mapping: ColumnMapping) -> dict[str, str]:
    """A mapping as people read it, keyed by label ("Column holding the published figure"): to show two
    people's versions of a saved mapping side by side."""
    shown = {"Name": mapping.name}
    shown |= {
        f"Column holding {described}": getattr(mapping, role) for role, described in COLUMN_ROLES.items()
    }
    shown |= {
        "Unit": UNITS.get(mapping.unit, mapping.unit),
        "Period format": PERIOD_FORMATS.get(mapping.period_format, mapping.period_format),
    }
    shown |= {f"Only rows whose {column} is": wanted for column, wanted in mapping.filters.items()}
    return shown


def mapping_from_dict(data: dict) -> ColumnMapping:
    """A mapping from saved data; names left out take the DfE defaults. Unknown or wrong names are refused."""
    if not isinstance(data, dict):
        raise MappingInvalid("A saved mapping must be a set of named columns")
    known = {item.name for item in fields(ColumnMapping)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise MappingInvalid(
            f"The saved mapping has settings this service does not know: {', '.join(unknown)}"
        )
    if "value" not in data:
        raise MappingInvalid("The saved mapping does not say which column holds the published figure")
    for key, item in data.items():
        if key == "filters":
            if not isinstance(item, dict) or not all(
                isinstance(column, str) and isinstance(wanted, str) for column, wanted in item.items()
            ):
                raise MappingInvalid("The saved breakdown filters must pair column names with values")
        elif not isinstance(item, str):
            raise MappingInvalid(f'The saved mapping\'s "{key}" must be text')
    mapping = ColumnMapping(**{**data, "filters": dict(data.get("filters", {}))})
    if problems := mapping.problems():
        raise MappingInvalid(". ".join(problems))
    return mapping


def _filter_all(topic: str) -> dict[str, str]:
    return {"breakdown_topic": topic, "breakdown": topic}


READY_MADE: dict[str, ColumnMapping] = {
    "timeliness_20_weeks_excluding_exceptions": ColumnMapping(
        name="EHC plans issued within 20 weeks, excluding exceptions (%)",
        value="PC_plans_issued_20_weeks_ex",
        unit="percent",
        numerator="plans_issued_20_weeks_ex",
        denominator="plans_issued_den_ex",
        filters=_filter_all("All EHC plans issued"),
    ),
    "timeliness_20_weeks_including_exceptions": ColumnMapping(
        name="EHC plans issued within 20 weeks, including exceptions (%)",
        value="pc_plans_issued_within_20_weeks",
        unit="percent",
        numerator="plans_issued_within_20_weeks",
        denominator="plans_issued_den",
        filters=_filter_all("All EHC plans issued"),
    ),
    "plans_issued": ColumnMapping(
        name="EHC plans issued, excluding exceptions",
        value="plans_issued_den_ex",
        filters=_filter_all("All EHC plans issued"),
    ),
    "requests_received": ColumnMapping(
        name="Requests for an EHC needs assessment",
        value="requests_received_in_year",
        filters=_filter_all("All requests for EHC needs assessments"),
    ),
    "requests_assessed": ColumnMapping(
        name="Requests where the authority decided to assess (%)",
        value="request_assess_pc",
        unit="percent",
        numerator="requests_decided_to_assess",
        denominator="requests_received_in_year",
        filters=_filter_all("All requests for EHC needs assessments"),
    ),
    "annual_reviews_within_4_weeks": ColumnMapping(
        # The published denominator is the sum of two columns, so the percentage is not recomputed.
        name="Annual review decisions sent within 4 weeks (%)",
        value="pc_decsion_4weeks",
        unit="percent",
        filters=_filter_all("All annual reviews"),
    ),
    "ehc_plans": ColumnMapping(
        name="EHC plans in January",
        value="ehcplans",
        period_format="academic_year",
        filters=_filter_all("All EHC plans"),
    ),
}


def suggest_mapping(header: list[str], kind: str) -> tuple[ColumnMapping, list[str]]:
    """The ready-made mapping `kind` fitted to a file's header, and the roles it could not find.

    Columns are matched by name, ignoring case and spaces, and take the file's spelling.
    A column the header lacks is left blank for the programme manager to choose; the
    second value lists those, as people would say them ("the numerator").
    """
    if kind not in READY_MADE:
        raise MappingInvalid(f'There is no ready-made mapping called "{kind}"')
    spelt = {normalise_column(name): name.replace("\ufeff", "").strip() for name in header}
    base = READY_MADE[kind]
    changes: dict = {}
    unmatched = []
    for role, column in base.columns().items():
        if role.startswith("filter: "):
            continue
        found = spelt.get(normalise_column(column))
        changes[role] = found or ""
        if not found:
            unmatched.append(COLUMN_ROLES[role])
    filters = {}
    for column, wanted in base.filters.items():
        found = spelt.get(normalise_column(column))
        if found:
            filters[found] = wanted
        else:
            unmatched.append(f'the breakdown column "{column}"')
    return replace(base, filters=filters, **changes), unmatched


def fitting_mappings(header: list[str]) -> list[str]:
    """The ready-made mappings whose every column is in this header, to offer first."""
    return [kind for kind in READY_MADE if not suggest_mapping(header, kind)[1]]
