"""Report PDF: Turkish letters survive (embedded Unicode font), every block is present."""

from __future__ import annotations

import io
import zlib

import pytest

from workstation.core.report_content import StructuredReport
from workstation.core.report_template import load_templates
from workstation.reporting.document import (
    Amendment,
    Patient,
    Signature,
    StudyInfo,
    from_structured,
    from_text,
)
from workstation.reporting.pdf import render_pdf

pypdf = pytest.importorskip("pypdf")

TURKISH = "çğıİöşü ÇĞÖŞÜ"


def _png(width: int = 64, height: int = 48) -> bytes:
    """A grey gradient PNG built with zlib only."""
    raw = b"".join(b"\x00" + bytes((x * 4) % 256 for x in range(width)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes((8, 0, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


COMMON = {
    "patient": Patient("ÇELİK^AYŞE", "TR12345", "19610214", "F"),
    "study": StudyInfo("1.2.826.0.1.3680043.8.498.9", accession="ACC-42", study_date="20260105",
                       description="Toraks BT", modality="CT"),
    "signature": Signature("Dr. Işıl Güneş", "2026-01-05T09:30:00+03:00", "FINAL"),
    "institution": "Örnek Üniversitesi Hastanesi Radyoloji",
}


def test_turkish_letters_and_findings_are_extractable() -> None:
    template = load_templates()["ct_chest"]
    report = StructuredReport(COMMON["study"].study_uid, "ct_chest", language="tr")
    report.apply_normals(template)
    report.set("lungs", f"Sağ alt lobda 6 mm buzlu cam nodülü ({TURKISH}).")
    report.add_measurement({"kind": "length", "value": 6.0, "unit": "mm", "label": "Nodül 1",
                            "series_uid": "1.2.3", "sop_uid": "1.2.3.4"}, field_id="nodule_size")
    report.add_key_image({"label": "Nodül kesiti", "series_uid": "1.2.3", "sop_uid": "1.2.3.4"})
    doc = from_structured(report, template, thumbnails={"1.2.3.4": _png()}, **COMMON)
    pdf = render_pdf(doc)
    text = _text(pdf)
    for needle in (TURKISH, "Sağ alt lobda 6 mm buzlu cam nodülü", "Bulgular", "Sonuç",
                   "Ölçümler", "Anahtar görüntüler", "Nodül kesiti", "İmzalayan",
                   "Dr. Işıl Güneş", "Örnek Üniversitesi", "ÇELİK AYŞE", "2026-01-05",
                   "Akut kardiyopulmoner patoloji saptanmadı.", "Kesin rapor"):
        assert needle in text, needle
    assert b"/FontFile2" in pdf  # the TrueType font is embedded
    assert b"/Subtype /Image" in pdf  # the thumbnail is drawn


def test_english_amendment_note() -> None:
    doc = from_text("No acute finding.", "Normal study.", "en", version=2,
                    amendment=Amendment("Laterality corrected", 1), **COMMON)
    text = _text(render_pdf(doc))
    assert "Amended report - Version 2, Supersedes version 1. Reason: Laterality corrected" in text
    assert "Findings" in text and "No acute finding." in text and "Signed by" in text
    assert "Bulgular" not in text
