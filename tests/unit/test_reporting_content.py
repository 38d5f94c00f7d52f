"""Structured report content: normals, validation, rendering per language, JSON round trip."""

from __future__ import annotations

import pytest

from workstation.core.report import ReportKind
from workstation.core.report_content import StructuredReport
from workstation.core.report_template import load_templates

TEMPLATES = load_templates()
HEAD = TEMPLATES["ct_head_noncontrast"]
MG = TEMPLATES["mg_breast"]
UID = "1.2.826.0.1.3680043.8.498.1"
LESION = {"kind": "length", "value": 12.5, "unit": "mm", "label": "Lesion 1",
          "series_uid": "1.2.3.4", "sop_uid": "1.2.3.4.5"}


def test_normal_study_renders_turkish_findings_and_impression() -> None:
    report = StructuredReport(UID, HEAD.id, language="tr")
    report.apply_normals(HEAD)
    assert report.problems(HEAD) == []
    findings, impression = report.render(HEAD)
    assert "Bulgular:" in findings
    assert "İntrakraniyal kanama: Yok" in findings
    assert "Kırık izlenmedi." in findings
    assert impression == "Akut intrakraniyal patoloji saptanmadı."


def test_english_rendering_uses_english_labels_and_macros() -> None:
    report = StructuredReport(UID, HEAD.id, language="en")
    report.apply_normals(HEAD)
    report.set("impression", ".nad .atro")
    findings, impression = report.render(HEAD)
    assert "Intracranial haemorrhage: None" in findings
    assert impression == (
        "No acute intracranial abnormality. Age-appropriate cerebral volume loss."
    )


def test_required_and_typed_fields_are_checked() -> None:
    report = StructuredReport(UID, MG.id, language="en")
    problems = dict(report.problems(MG))
    assert set(problems) == {"exam_type", "density", "birads"}
    assert problems["birads"] == "BI-RADS assessment is required"
    report.set("exam_type", "screening")
    report.set("density", "e")
    report.set("birads", "4B")
    report.set("comparison_date", "2025-13-40")
    report.set("lesion", 3)
    assert dict(report.problems(MG)) == {
        "density": "Breast composition is not one of the options",
        "comparison_date": "Prior study date is not a date (YYYY-MM-DD)",
        "lesion": "Measured lesion is not one of the options",
    }
    head = StructuredReport(UID, HEAD.id, language="tr")
    head.apply_normals(HEAD)
    head.set("midline_shift_mm", 80.0)
    assert dict(head.problems(HEAD)) == {"midline_shift_mm": "Orta hat şifti aralık dışında"}


def test_measurements_and_key_images_attach_and_render() -> None:
    report = StructuredReport(UID, MG.id, language="en")
    report.set("exam_type", "diagnostic")
    report.set("density", "c")
    report.set("birads", "4A")
    report.add_measurement(LESION, field_id="lesion")
    report.add_measurement({**LESION, "label": "Axilla node", "value": 9.0})
    report.add_key_image({"label": "RCC", "series_uid": "1.2.3.4", "sop_uid": "1.2.3.4.5"})
    report.add_key_image({"label": "RCC", "series_uid": "1.2.3.4", "sop_uid": "1.2.3.4.5"})
    assert report.problems(MG) == []
    findings, impression = report.render(MG)
    assert "Measured lesion: Lesion 1: 12.5 mm" in findings
    assert "Measurement:\nAxilla node: 9 mm" in findings
    assert "c: heterogeneously dense" in findings
    assert impression.startswith("BI-RADS assessment: 4A: low suspicion")
    assert len(report.key_images) == 1
    with pytest.raises(ValueError, match="label"):
        report.add_measurement({"kind": "length", "value": 1})


def test_json_round_trip_keeps_everything() -> None:
    report = StructuredReport(UID, MG.id, language="tr", kind=ReportKind.PRELIMINARY)
    report.set("findings_type", ["mass", "calcification"])
    report.add_measurement(LESION, field_id="lesion")
    report.add_key_image({"label": "LMLO", "series_uid": "9.8", "sop_uid": "9.8.7"})
    again = StructuredReport.from_json(report.to_json())
    assert again == report
    draft = again.to_draft(MG)
    assert draft.idempotency_key == report.idempotency_key
    assert draft.kind is ReportKind.PRELIMINARY
    assert "Kitle, Kalsifikasyonlar" in draft.findings
    with pytest.raises(ValueError, match="format"):
        StructuredReport.from_dict({**report.to_dict(), "format": 99})
