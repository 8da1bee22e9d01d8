"""The barcode on page 1 reads back as the job number: the bars drawn in the PDF, decoded with
the Code 39 table, give the digits the footer prints."""

from __future__ import annotations

import re

import pytest

from docgen import barcode

RECT = re.compile(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re f")


def decode(bars: list[tuple[float, float]], narrow: float) -> str:
    """Bars (x, width) back to text: each bar and each gap narrow or wide, nine elements a character."""
    elements, previous_end = [], None
    for x, width in bars:
        if previous_end is not None:
            elements.append("S" if x - previous_end > narrow * 1.5 else "s")
        elements.append("B" if width > narrow * 1.5 else "b")
        previous_end = x + width
    by_pattern = {p: c for c, p in barcode.PATTERNS.items()}
    text, i = "", 0
    while i < len(elements):
        text += by_pattern["".join(elements[i : i + 9])]
        i += 10  # nine elements and the narrow gap between characters
    return text


def test_bars_decode_to_the_value():
    assert decode(barcode.bars("1046398", 0.6), 0.6) == "*1046398*"


def test_a_character_code_39_lacks_is_refused():
    with pytest.raises(ValueError, match="cannot encode"):
        barcode.bars("10-46398a", 0.6)


def test_the_barcode_in_the_pdf_reads_as_the_job_number(pdfs):
    for lang, job in (("en", "1046398"), ("fr", "1046399")):
        page = pdfs[lang].reader.pages[0]
        stream = page.get_contents().get_data()
        bars = sorted((float(x), float(w)) for x, y, w, h in RECT.findall(stream) if float(h) > 20)
        origin = bars[0][0]
        assert decode([(x - origin, w) for x, w in bars], 0.6) == f"*{job}*", lang
        assert f"*{job}*" in pdfs[lang].pages[0]


def test_a_build_does_not_import_reportlab_graphics(tmp_path):
    from conftest import SAMPLE, imported_after

    code = (
        "from pathlib import Path; from docgen import pipeline; "
        f"pipeline.build(Path({str(SAMPLE)!r}), Path({str(tmp_path)!r}))"
    )
    assert not [m for m in imported_after(code) if m.startswith("reportlab.graphics")]
