"""Lines in another direction than their edition's: the English masthead lines and the job
number of an Arabic edition read left to right in the HTML page and the Word file."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import html as lxml_html

from conftest import ROOT
from docgen import load, pipeline

PORTUGAL = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"
DATE, JOB = "23 July 2010", "10-46402 (A)"
CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # marks pdftotext adds


@pytest.fixture(scope="module")
def arabic():
    letter = load.load(PORTUGAL)
    return {fmt: pipeline.render(letter, "ar", fmt=fmt) for fmt in ("html", "docx")}


def test_html_isolates_the_latin_lines_of_an_arabic_page(arabic):
    doc = lxml_html.document_fromstring(arabic["html"].decode("utf-8"))
    assert doc.get("dir") == "rtl"
    ltr = [e.text_content() for e in doc.xpath("//*[@dir='ltr']")]
    assert DATE in ltr and "Original: English" in ltr
    assert any(t.startswith(JOB) for t in ltr)
    # the Arabic lines keep the page's direction
    assert not any("الأمم المتحدة" in t for t in ltr)


def paragraph_of(paragraphs, start: str):
    return next(p for p in paragraphs if p.text.startswith(start))


def test_docx_sets_the_latin_lines_of_an_arabic_edition_left_to_right(arabic):
    doc = docx.Document(io.BytesIO(arabic["docx"]))
    masthead = [p for cell in doc.tables[0]._cells for p in cell.paragraphs]
    footer = doc.sections[0].first_page_footer.paragraphs
    for p in (paragraph_of(masthead, DATE), paragraph_of(footer, JOB)):
        assert p._p.pPr.find(qn("w:bidi")).get(qn("w:val")) == "0"
        texts = [r for r in p.runs if r.text]
        assert texts and all(r._r.rPr.find(qn("w:rtl")).get(qn("w:val")) == "0" for r in texts)
    assert p.alignment is not None  # kept on the right, the start of an Arabic line


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_libreoffice_reads_the_date_and_job_number_in_order(arabic, tmp_path: Path):
    source = tmp_path / "ar.docx"
    source.write_bytes(arabic["docx"])
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "ar.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = CONTROLS.sub("", text)
    assert DATE in text and JOB in text
