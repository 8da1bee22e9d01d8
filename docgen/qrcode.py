"""The QR code of page 1: the document's undocs.org address as dark modules, for any writer.

The encoder is reportlab's (reportlab/graphics/barcode/qrencoder.py, pure Python, no fonts).
It is loaded as a file of its own: importing it as `reportlab.graphics.barcode.qrencoder` runs
that package's __init__, which imports every barcode widget reportlab has (0.6 s). Writers
draw the modules as filled squares: no image, no font.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType


@cache
def _encoder() -> ModuleType:
    import reportlab

    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("docgen._qrencoder", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def modules(text: str) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(size in modules, (row, column) of each dark module) of the QR code of `text`, error
    correction level M, the smallest version that holds it."""
    qr = _encoder()
    code = qr.QRCode(None, qr.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    n = code.getModuleCount()
    return n, tuple((r, c) for r in range(n) for c in range(n) if code.isDark(r, c))
