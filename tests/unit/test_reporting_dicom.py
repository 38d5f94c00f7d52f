"""Report as DICOM: Comprehensive SR (TID 2000 sections, measurement groups, key images,
predecessor of an amendment) and Encapsulated PDF, parsed back from the written bytes."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.uid import CTImageStorage, generate_uid

from workstation.core.report import ReportKind
from workstation.core.report_content import StructuredReport
from workstation.core.report_template import load_templates
from workstation.reporting.dicom_common import patient_from_dataset, study_from_dataset
from workstation.reporting.document import Amendment, Signature, from_structured, from_text
from workstation.reporting.encapsulated_pdf import encapsulated_pdf_bytes, extract_pdf
from workstation.reporting.pdf import render_pdf
from workstation.reporting.sr import COMPREHENSIVE_SR_STORAGE, sr_bytes

WHEN = datetime(2026, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=3)))
SERIES = generate_uid()
SOP = generate_uid()


def _source() -> Dataset:
    ds = Dataset()
    ds.PatientName = "ÖZTÜRK^İSMAİL"
    ds.PatientID = "TR-998"
    ds.PatientBirthDate = "19580101"
    ds.PatientSex = "M"
    ds.StudyInstanceUID = generate_uid()
    ds.StudyDate = "20260105"
    ds.StudyTime = "081500"
    ds.AccessionNumber = "ACC-7"
    ds.StudyDescription = "Toraks BT"
    ds.Modality = "CT"
    return ds


def _document(kind: str = "FINAL", **kwargs):
    source = _source()
    template = load_templates()["ct_chest"]
    report = StructuredReport(source.StudyInstanceUID, "ct_chest", language="tr",
                              kind=ReportKind(kind))
    report.apply_normals(template)
    report.set("lungs", "Sağ alt lobda 8 mm solid nodül.")
    report.add_measurement({"kind": "length", "value": 8.0, "unit": "mm", "label": "Nodül",
                            "series_uid": SERIES, "sop_uid": SOP}, field_id="nodule_size")
    report.add_key_image({"label": "Nodül", "series_uid": SERIES, "sop_uid": SOP})
    doc = from_structured(report, template, patient=patient_from_dataset(source),
                          study=study_from_dataset(source),
                          signature=Signature("Dr. Şule Ağaoğlu", WHEN.isoformat(), kind),
                          institution="Örnek Hastanesi", **kwargs)
    return source, doc, doc.section_ids


def _walk(items, path=()):
    for item in items:
        name = item.ConceptNameCodeSequence[0].CodeMeaning
        yield (*path, name), item
        yield from _walk(item.get("ContentSequence", []), (*path, name))


def test_sr_round_trip_text_codes_and_references() -> None:
    source, doc, section_ids = _document()
    assert section_ids == ("technique", "comparison", "findings", "impression")
    data = sr_bytes(doc, sop_classes={SOP: CTImageStorage}, when=WHEN)
    ds = dcmread(io.BytesIO(data))
    assert ds.SOPClassUID == COMPREHENSIVE_SR_STORAGE and ds.Modality == "SR"
    assert (ds.StudyInstanceUID, ds.PatientID, str(ds.PatientName)) == (
        source.StudyInstanceUID, "TR-998", "ÖZTÜRK^İSMAİL")
    assert (ds.CompletionFlag, ds.VerificationFlag) == ("COMPLETE", "VERIFIED")
    assert str(ds.VerifyingObserverSequence[0].VerifyingObserverName) == "Dr. Şule Ağaoğlu"
    assert ds.ConceptNameCodeSequence[0].CodeValue == "18748-4"
    assert ds.ContentTemplateSequence[0].TemplateIdentifier == "2000"
    items = dict(_walk(ds.ContentSequence))
    headings = [i.ConceptNameCodeSequence[0].CodeValue for i in ds.ContentSequence
                if i.ValueType == "CONTAINER"]
    assert headings == ["121064", "121066", "121070", "121072"]
    finding_texts = [i.TextValue for p, i in _walk(ds.ContentSequence)
                     if p == ("Findings", "Finding")]
    assert "Akciğerler: Sağ alt lobda 8 mm solid nodül." in finding_texts
    impression = items[("Impressions", "Impression")].TextValue
    assert impression == "Akut kardiyopulmoner patoloji saptanmadı."
    num = items[("Findings", "Measurement Group", "Length")]
    assert float(num.MeasuredValueSequence[0].NumericValue) == 8.0
    assert num.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue == "mm"
    source_ref = items[("Findings", "Measurement Group", "Length", "Source of Measurement")]
    assert source_ref.ReferencedSOPSequence[0].ReferencedSOPInstanceUID == SOP
    key = items[("Findings", "Best illustration of finding")]
    assert key.ReferencedSOPSequence[0].ReferencedSOPClassUID == CTImageStorage
    evidence = ds.CurrentRequestedProcedureEvidenceSequence[0]
    assert evidence.StudyInstanceUID == source.StudyInstanceUID
    assert evidence.ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID \
        == SOP
    assert "PredecessorDocumentsSequence" not in ds


def test_highdicom_parses_the_sr() -> None:
    hd = pytest.importorskip("highdicom")
    _, doc, section_ids = _document()
    ds = dcmread(io.BytesIO(sr_bytes(doc, sop_classes={SOP: CTImageStorage},
                                     section_ids=section_ids, when=WHEN)))
    sr = hd.sr.ComprehensiveSR.from_dataset(ds)
    assert sr.ContentSequence[0].ValueType == "CODE"
    assert sr.ConceptNameCodeSequence[0].CodeValue == "18748-4"


def test_amendment_references_its_predecessor_and_preliminary_is_unverified() -> None:
    _, first, ids = _document()
    first_ds = dcmread(io.BytesIO(sr_bytes(first, section_ids=ids, when=WHEN)))
    _, amended, ids = _document(version=2, amendment=Amendment(
        "Taraf düzeltildi", 1, predecessor_sop_uid=first_ds.SOPInstanceUID,
        predecessor_series_uid=first_ds.SeriesInstanceUID))
    ds = dcmread(io.BytesIO(sr_bytes(amended, section_ids=ids, when=WHEN)))
    predecessor = ds.PredecessorDocumentsSequence[0]
    series = predecessor.ReferencedSeriesSequence[0]
    assert series.SeriesInstanceUID == first_ds.SeriesInstanceUID
    assert series.ReferencedSOPSequence[0].ReferencedSOPInstanceUID == first_ds.SOPInstanceUID
    assert series.ReferencedSOPSequence[0].ReferencedSOPClassUID == COMPREHENSIVE_SR_STORAGE
    assert ds.InstanceNumber == 2
    _, prelim, ids = _document(kind="PRELIMINARY")
    pds = dcmread(io.BytesIO(sr_bytes(prelim, section_ids=ids, when=WHEN)))
    assert (pds.CompletionFlag, pds.VerificationFlag) == ("PARTIAL", "UNVERIFIED")
    assert "VerifyingObserverSequence" not in pds


def test_encapsulated_pdf_round_trip() -> None:
    pypdf = pytest.importorskip("pypdf")
    source = _source()
    doc = from_text("Sol böbrekte 4 mm taş.", "Nefrolitiazis.", "tr",
                    patient=patient_from_dataset(source), study=study_from_dataset(source),
                    signature=Signature("Dr. Ümit Çağlar", WHEN.isoformat()))
    pdf = render_pdf(doc)
    ds = dcmread(io.BytesIO(encapsulated_pdf_bytes(doc, pdf, when=WHEN)))
    assert ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.104.1" and ds.Modality == "DOC"
    assert ds.MIMETypeOfEncapsulatedDocument == "application/pdf"
    assert ds.StudyInstanceUID == source.StudyInstanceUID and ds.PatientID == "TR-998"
    assert len(ds.EncapsulatedDocument) % 2 == 0
    assert extract_pdf(ds) == pdf
    text = pypdf.PdfReader(io.BytesIO(extract_pdf(ds))).pages[0].extract_text()
    assert "Sol böbrekte 4 mm taş." in text and "Dr. Ümit Çağlar" in text
    with pytest.raises(ValueError, match="PDF"):
        encapsulated_pdf_bytes(doc, b"not a pdf")
