"""A map of India shaded by state, drawn from the boundary file shipped in ``static/insights/india.svg``.

The page holds only small ``<use>`` references to the shapes (the file itself is cached by the
browser); each shape gets a shade class from 0 (none) to 5 and the pattern class for print and
for people who do not tell colours apart. A table beside the map says the same in words.
Jammu and Kashmir and Ladakh share one shape in the boundary file; the table lists them apart.
"""

import json
from functools import cache
from pathlib import Path

from django.templatetags.static import static

DATA = Path(__file__).resolve().parent / "data" / "india_states.json"
SHADES = 5


@cache
def map_meta() -> dict:
    return json.loads(DATA.read_text())


def shade(value, maximum) -> int:
    """0 for nothing, else 1..5 by fifths of the largest value."""
    if not value or not maximum:
        return 0
    return min(SHADES, 1 + int((value / maximum) * SHADES - 1e-9))


def shaded_map(values: dict[str, object], names: dict[str, str]) -> dict:
    """What the map template needs: the view box, each shape with its value and shade, and the legend."""
    meta = map_meta()
    numbers = [v for v in values.values() if isinstance(v, (int, float)) or hasattr(v, "quantize")]
    maximum = max(numbers, default=0)
    href = static("insights/india.svg")
    shapes = [
        {
            "code": code,
            "name": names.get(code, code),
            "value": values.get(code, 0),
            "shade": shade(values.get(code, 0), maximum),
            "href": f"{href}#st-{code}",
        }
        for code in meta["codes"]
    ]
    legend = []
    for level in range(1, SHADES + 1):
        low = maximum * (level - 1) / SHADES
        high = maximum * level / SHADES
        if isinstance(maximum, int):
            legend.append({"shade": level, "low": int(low) + 1, "high": int(high)})
        else:
            legend.append({"shade": level, "low": round(low, 1), "high": round(high, 1)})
    return {"view_box": meta["viewBox"], "shapes": shapes, "legend": legend, "maximum": maximum}
