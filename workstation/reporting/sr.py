"""The report as a DICOM Comprehensive SR document (PS3.3 A.35.3, SOP Class
1.2.840.10008.5.1.4.1.1.88.33) following TID 2000 "Basic Diagnostic Imaging Report".

Content tree (PS3.16):

* root CONTAINER titled from CID 7000 (LOINC 18748-4 "Diagnostic imaging report"), with
  the language (TID 1204) and the observer's name (TID 1002) as context;
* one CONTAINER per template section, headed from CID 7001 (Findings 121070, Impressions
  121072, Current Procedure Descriptions 121064, Prior Procedure Descriptions 121066),
  each line a TEXT item from CID 7002 (Finding 121071, Impression 121073, Procedure
  Description 121065) as in TID 2002;
* measurements as TID 1500-style measurement groups (CONTAINER 125007 with a tracking
  identifier 112039 and one NUM item, units in UCUM, INFERRED FROM the image measured);
* key images as IMAGE items "Best illustration of finding" (121080) in the Findings section.

An amendment names the version it replaces in the Predecessor Documents Sequence
(0040,A360); the earlier SR stays in the archive. A final report is VERIFIED with a
Verifying Observer; a preliminary one is UNVERIFIED.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydicom.dataset import Dataset

from workstation.reporting.dicom_common import REPORT_TITLE, base_dataset, code, to_bytes
from workstation.reporting.document import ReportDocument

COMPREHENSIVE_SR_STORAGE = "1.2.840.10008.5.1.4.1.1.88.33"

SECTION_HEADINGS = {  # CID 7001 heading, CID 7002 item concept
    "technique": (("121064", "DCM", "Current Procedure Descriptions"),
                  ("121065", "DCM", "Procedure Description")),
    "exam": (("121064", "DCM", "Current Procedure Descriptions"),
             ("121065", "DCM", "Procedure Description")),
    "comparison": (("121066", "DCM", "Prior Procedure Descriptions"),
                   ("121065", "DCM", "Procedure Description")),
    "findings": (("121070", "DCM", "Findings"), ("121071", "DCM", "Finding")),
    "impression": (("121072", "DCM", "Impressions"), ("121073", "DCM", "Impression")),
}
LANGUAGE = ("121049", "DCM", "Language of Content Item and Descendants")
LANGUAGES = {"tr": ("tr", "RFC5646", "Turkish"), "en": ("en", "RFC5646", "English")}
OBSERVER_NAME = ("121008", "DCM", "Person Observer Name")
MEASUREMENT_GROUP = ("125007", "DCM", "Measurement Group")
TRACKING_ID = ("112039", "DCM", "Tracking Identifier")
KEY_IMAGE = ("121080", "DCM", "Best illustration of finding")
SOURCE_IMAGE = ("121112", "DCM", "Source of Measurement")
QUANTITIES = {
    "length": ("410668003", "SCT", "Length"),
    "distance": ("410668003", "SCT", "Length"),
    "diameter": ("81827009", "SCT", "Diameter"),
    "area": ("42798000", "SCT", "Area"),
    "volume": ("118565006", "SCT", "Volume"),
    "mean": ("112031", "DCM", "Attenuation Coefficient"),
    "hu": ("112031", "DCM", "Attenuation Coefficient"),
    "angle": ("1483009", "SCT", "Angle"),
}
DEFAULT_QUANTITY = ("121206", "DCM", "Distance")
UCUM = {"HU": ("[hnsf'U]", "UCUM", "Hounsfield unit"), "ratio": ("1", "UCUM", "no units"),
        "°": ("deg", "UCUM", "degree"), "deg": ("deg", "UCUM", "degree")}


def _item(relationship: str, value_type: str, concept: tuple[str, str, str]) -> Dataset:
    item = Dataset()
    item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = [code(*concept)]
    return item


def _text(relationship: str, concept: tuple[str, str, str], text: str) -> Dataset:
    item = _item(relationship, "TEXT", concept)
    item.TextValue = text
    return item


def _container(relationship: str, concept: tuple[str, str, str],
               children: list[Dataset]) -> Dataset:
    item = _item(relationship, "CONTAINER", concept)
    item.ContinuityOfContent = "SEPARATE"
    item.ContentSequence = children
    return item


def _image(relationship: str, concept: tuple[str, str, str], sop_class: str,
           sop_uid: str) -> Dataset:
    item = _item(relationship, "IMAGE", concept)
    ref = Dataset()
    ref.ReferencedSOPClassUID = sop_class
    ref.ReferencedSOPInstanceUID = sop_uid
    item.ReferencedSOPSequence = [ref]
    return item


def _measurement_group(index: int, m: Mapping[str, Any], sop_class: str | None) -> Dataset:
    num = _item("CONTAINS", "NUM", QUANTITIES.get(str(m["kind"]).lower(), DEFAULT_QUANTITY))
    measured = Dataset()
    measured.NumericValue = f"{float(m['value']):.6g}"
    unit = str(m.get("unit") or "1")
    measured.MeasurementUnitsCodeSequence = [code(*UCUM.get(unit, (unit, "UCUM", unit)))]
    num.MeasuredValueSequence = [measured]
    if sop_class and m.get("sop_uid"):
        num.ContentSequence = [_image("INFERRED FROM", SOURCE_IMAGE, sop_class, m["sop_uid"])]
    tracking = _text("HAS OBS CONTEXT", TRACKING_ID, f"{index + 1}: {m['label']}")
    return _container("CONTAINS", MEASUREMENT_GROUP, [tracking, num])


def _section_codes(section_id: str, target: str) -> tuple[tuple[str, str, str], ...]:
    return SECTION_HEADINGS.get(section_id, SECTION_HEADINGS[target])


def _evidence(study_uid: str, refs: list[tuple[str, str, str]]) -> list[Dataset]:
    """Hierarchical SOP Instance Reference Macro (PS3.3 Table C.17-3) for (series, class,
    instance) triples, one study."""
    by_series: dict[str, list[Dataset]] = {}
    for series_uid, sop_class, sop_uid in refs:
        ref = Dataset()
        ref.ReferencedSOPClassUID = sop_class
        ref.ReferencedSOPInstanceUID = sop_uid
        items = by_series.setdefault(series_uid, [])
        if all(r.ReferencedSOPInstanceUID != sop_uid for r in items):
            items.append(ref)
    series_items = []
    for series_uid, sops in by_series.items():
        series = Dataset()
        series.SeriesInstanceUID = series_uid
        series.ReferencedSOPSequence = sops
        series_items.append(series)
    study = Dataset()
    study.StudyInstanceUID = study_uid
    study.ReferencedSeriesSequence = series_items
    return [study]


def _findings_extras(doc: ReportDocument, sop_classes: Mapping[str, str]
                     ) -> tuple[list[Dataset], list[tuple[str, str, str]]]:
    """Measurement groups and key-image references for the Findings section, and the
    instances they reference (series, SOP class, SOP instance)."""
    items: list[Dataset] = []
    evidence: list[tuple[str, str, str]] = []
    for index, m in enumerate(doc.measurements):
        if m.get("value") in (None, ""):
            continue
        sop_class = sop_classes.get(str(m.get("sop_uid", "")))
        items.append(_measurement_group(index, m, sop_class))
        if sop_class:
            evidence.append((str(m["series_uid"]), sop_class, str(m["sop_uid"])))
    for key in doc.key_images:
        sop_class = sop_classes.get(key.sop_uid)
        if sop_class:
            items.append(_image("CONTAINS", KEY_IMAGE, sop_class, key.sop_uid))
            evidence.append((key.series_uid, sop_class, key.sop_uid))
    return items, evidence


def sr_dataset(doc: ReportDocument, *, sop_classes: Mapping[str, str] | None = None,
               section_ids: tuple[str, ...] | None = None, when: datetime | None = None,
               series_uid: str | None = None, instance_uid: str | None = None) -> Dataset:
    """The report as a Comprehensive SR dataset.

    ``sop_classes`` maps SOP Instance UIDs of measured images to their SOP Class UIDs
    (needed to reference them); ``section_ids`` (default: the document's own) are the
    template's section ids, parallel to ``doc.sections``, choosing the CID 7001 heading of
    each."""
    when = when or datetime.now().astimezone()
    sop_classes = dict(sop_classes or {})
    for key in doc.key_images:
        if key.sop_class_uid:
            sop_classes.setdefault(key.sop_uid, key.sop_class_uid)
    ds = base_dataset(doc, COMPREHENSIVE_SR_STORAGE, "SR", series_uid=series_uid,
                      instance_uid=instance_uid, when=when)
    ds.ReferencedPerformedProcedureStepSequence = []
    ds.PerformedProcedureCodeSequence = []
    final = doc.signature.kind == "FINAL"
    ds.CompletionFlag = "COMPLETE" if final else "PARTIAL"
    ds.VerificationFlag = "VERIFIED" if final else "UNVERIFIED"
    if final:
        observer = Dataset()
        observer.VerifyingObserverName = doc.signature.author
        observer.VerifyingOrganization = doc.institution or "-"
        observer.VerificationDateTime = _dicom_datetime(doc.signature.signed_at, when)
        observer.VerifyingObserverIdentificationCodeSequence = []
        ds.VerifyingObserverSequence = [observer]
    if doc.amendment is not None and doc.amendment.predecessor_sop_uid:
        a = doc.amendment
        ds.PredecessorDocumentsSequence = _evidence(doc.study.study_uid, [(
            a.predecessor_series_uid, a.predecessor_sop_class_uid or COMPREHENSIVE_SR_STORAGE,
            a.predecessor_sop_uid)])

    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = [code(*REPORT_TITLE)]
    ds.ContinuityOfContent = "SEPARATE"
    template = Dataset()
    template.MappingResource = "DCMR"
    template.TemplateIdentifier = "2000"
    ds.ContentTemplateSequence = [template]

    content = [_item("HAS CONCEPT MOD", "CODE", LANGUAGE)]
    content[0].ConceptCodeSequence = [code(*LANGUAGES.get(doc.language, LANGUAGES["en"]))]
    observer_name = _item("HAS OBS CONTEXT", "PNAME", OBSERVER_NAME)
    observer_name.PersonName = doc.signature.author
    content.append(observer_name)

    extra, evidence = _findings_extras(doc, sop_classes)
    ids = section_ids or doc.section_ids or tuple(t for t, _, _ in doc.sections)
    for sid, (target, _heading, lines) in zip(ids, doc.sections, strict=True):
        heading, concept = _section_codes(sid, target)
        children = [_text("CONTAINS", concept, line) for line in lines if line.strip()]
        if heading[0] == "121070" and extra:
            children, extra = children + extra, []
        content.append(_container("CONTAINS", heading, children))
    if extra:  # no Findings section: the measurements and key images get their own
        content.append(_container("CONTAINS", SECTION_HEADINGS["findings"][0], extra))
    ds.ContentSequence = content
    if evidence:
        ds.CurrentRequestedProcedureEvidenceSequence = _evidence(doc.study.study_uid, evidence)
    return ds


def sr_bytes(doc: ReportDocument, **kwargs: Any) -> bytes:
    """:func:`sr_dataset` as a DICOM Part 10 file."""
    return to_bytes(sr_dataset(doc, **kwargs))


def _dicom_datetime(iso: str, fallback: datetime) -> str:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = fallback
    offset = moment.strftime("%z")
    return moment.strftime("%Y%m%d%H%M%S") + offset
