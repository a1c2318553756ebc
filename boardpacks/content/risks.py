"""Risks as reported: the `ReportedRisk` rows kept when the period was reported (likelihood, impact,
score, band and mitigation summary then), the heat map of the open ones, the red ones, and how each
moved between bands since the compared period (risks.rules.movement, as risks/selectors/movement.py
compares reported periods). The heat map's cells and the bands in words (risks.rules.bands_described)
are the area's bands in force when the period was reported (`ReportedRiskBands`), as its risks' bands
are."""

from risks import rules
from risks.models import ReportedRisk, Risk

from .schema import HeatCell, Movement, RedRisk, Risks
from .source import Source

# The tints the heat map and the band tags use (.app-heatmap__cell--*, .app-band--* in app.scss): dark
# text reads on each, and the band's word is always printed in the cell.
BAND_COLOURS = {rules.Band.GREEN: "#cce2d8", rules.Band.AMBER: "#fff7bf", rules.Band.RED: "#f4cdc6"}
NO_BAND_COLOUR = "#ffffff"


def band_words(band: rules.Band | None) -> tuple[str, str]:
    """A band's word and colour; "Not scored" for none."""
    return (band.label, BAND_COLOURS[band]) if band is not None else ("Not scored", NO_BAND_COLOUR)


def _open(source: Source) -> list[ReportedRisk]:
    return [row for row in source.risks_now if row.status == Risk.Status.OPEN]


def movement_words(source: Source, row: ReportedRisk) -> str:
    """How a risk's band moved since the compared period, as reported in both."""
    if source.risks_before is None or source.previous is None:
        return "Not reported before"
    then = source.risks_before.get(row.risk_id)
    if then is None:
        return f"New since {source.previous.name}"
    if then.band_value is None:
        return f"Not scored in {source.previous.name}"
    moved = rules.movement(then.band_value, row.band_value)
    if moved > 0:
        return f"Up from {then.band_value.label.lower()}"
    if moved < 0:
        return f"Down from {then.band_value.label.lower()}"
    return "No change"


def red_risks(source: Source) -> list[RedRisk]:
    """The open risks reported red, in the register's order."""
    found: list[RedRisk] = []
    for row in _open(source):
        if row.band_value is not rules.Band.RED:
            continue
        band, colour = band_words(row.band_value)
        found.append(
            {
                "reference": row.reference,
                "title": row.title,
                "owner": row.owner,
                "likelihood": row.likelihood,
                "impact": row.impact,
                "score": row.score,
                "band": band,
                "band_colour": colour,
                "mitigation_summary": row.mitigation_summary,
                "movement": movement_words(source, row),
            }
        )
    return found


def heat_map(source: Source) -> list[HeatCell]:
    """25 cells, likelihood 5 down to 1, impact 1 to 5, each with its band by the area's bands when the
    period was reported and the open risks reported there."""
    placed: dict[tuple[int, int], list[str]] = {}
    for row in _open(source):
        if row.likelihood is not None and row.impact is not None:
            placed.setdefault((row.likelihood, row.impact), []).append(row.reference)
    cells: list[HeatCell] = []
    for likelihood in reversed(rules.SCALE):
        for impact in rules.SCALE:
            band, colour = band_words(source.bands.band(likelihood * impact))
            cells.append(
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "band": band,
                    "band_colour": colour,
                    "references": placed.get((likelihood, impact), []),
                }
            )
    return cells


def movements(source: Source) -> list[Movement]:
    """The open risks whose band changed since the compared period: "Up from amber to red"."""
    if source.risks_before is None:
        return []
    found: list[Movement] = []
    for row in _open(source):
        then = source.risks_before.get(row.risk_id)
        if then is None or then.band_value is None or row.band_value is None:
            continue
        moved = rules.movement(then.band_value, row.band_value)
        if moved:
            way = "Up" if moved > 0 else "Down"
            found.append(
                {
                    "reference": row.reference,
                    "title": row.title,
                    "words": f"{way} from {then.band_value.label.lower()} to {row.band_value.label.lower()}",
                }
            )
    return found


def risks_section(source: Source) -> Risks:
    bands = source.bands
    return {
        "bands": rules.bands_described(amber_from=bands.amber_from, red_from=bands.red_from),
        "open_count": len(_open(source)),
        "likelihood_words": {str(key): words for key, words in rules.LIKELIHOOD_WORDS.items()},
        "impact_words": {str(key): words for key, words in rules.IMPACT_WORDS.items()},
        "heat_map": heat_map(source),
        "red": red_risks(source),
        "movement": movements(source),
    }
