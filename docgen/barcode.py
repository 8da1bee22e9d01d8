"""Code 39, the barcode under the job number on page 1, as bars any writer can draw.

Code 39 (ISO/IEC 16388) encodes each character as nine elements, bars and spaces alternating
from a bar, three of them wide: "b"/"B" a narrow/wide bar, "s"/"S" a narrow/wide space.
Characters are separated by a narrow space; `*` starts and ends the code. The table is the
standard's; drawing it here spares importing reportlab's graphics widgets (some 75 ms).
"""

from __future__ import annotations

CHARACTERS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. *$/+%"
# fmt: off
ELEMENTS = (  # of each character of CHARACTERS, in its order
    "bsbSBsBsb", "BsbSbsbsB", "bsBSbsbsB", "BsBSbsbsb", "bsbSBsbsB", "BsbSBsbsb", "bsBSBsbsb", "bsbSbsBsB",
    "BsbSbsBsb", "bsBSbsBsb", "BsbsbSbsB", "bsBsbSbsB", "BsBsbSbsb", "bsbsBSbsB", "BsbsBSbsb", "bsBsBSbsb",
    "bsbsbSBsB", "BsbsbSBsb", "bsBsbSBsb", "bsbsBSBsb", "BsbsbsbSB", "bsBsbsbSB", "BsBsbsbSb", "bsbsBsbSB",
    "BsbsBsbSb", "bsBsBsbSb", "bsbsbsBSB", "BsbsbsBSb", "bsBsbsBSb", "bsbsBsBSb", "BSbsbsbsB", "bSBsbsbsB",
    "BSBsbsbsb", "bSbsBsbsB", "BSbsBsbsb", "bSBsBsbsb", "bSbsbsBsB", "BSbsbsBsb", "bSBsbsBsb", "bSbsBsBsb",
    "bSbSbSbsb", "bSbSbsbSb", "bSbsbSbSb", "bsbSbSbSb",
)
# fmt: on
PATTERNS = dict(zip(CHARACTERS, ELEMENTS, strict=True))
RATIO = 2.2  # a wide element's width, in narrow ones


def bars(value: str, narrow: float, ratio: float = RATIO) -> list[tuple[float, float]]:
    """The bars of `*value*` as (x, width), from x = 0, for a narrow element `narrow` wide."""
    unknown = sorted(set(value) - set(PATTERNS) | set(value) & {"*"})
    if unknown:
        raise ValueError(f"Code 39 cannot encode {''.join(unknown)!r}")
    x, out = 0.0, []
    for pattern in " ".join(PATTERNS[c] for c in f"*{value}*"):
        width = {"b": narrow, "s": narrow, " ": narrow}.get(pattern, narrow * ratio)
        if pattern in "bB":
            out.append((x, width))
        x += width
    return out
