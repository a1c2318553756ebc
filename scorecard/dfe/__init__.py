"""DfE open data: reading a published CSV (`reading`, with its column `mapping`, `rows` and `values`),
the area codes that pick out an area, its region and its neighbours (`codes`), and bringing the
figures in (`uploads` keeps a file while its columns are mapped; `importing` checks and writes).

The reading modules are plain Python with no Django import; `uploads` and `importing` write.
"""

from .mapping import (
    READY_MADE,
    ColumnMapping,
    MappingInvalid,
    fitting_mappings,
    mapping_from_dict,
    mapping_snapshot,
    suggest_mapping,
)
from .reading import DfeReading, Problem, decode_csv, matches_area, read_dfe_csv
from .rows import DfeRow
from .values import MISSING_REASONS, Level

__all__ = [
    "MISSING_REASONS",
    "READY_MADE",
    "ColumnMapping",
    "DfeReading",
    "DfeRow",
    "Level",
    "MappingInvalid",
    "Problem",
    "decode_csv",
    "fitting_mappings",
    "mapping_from_dict",
    "mapping_snapshot",
    "matches_area",
    "read_dfe_csv",
    "suggest_mapping",
]
