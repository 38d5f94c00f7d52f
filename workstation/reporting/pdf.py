"""The report as a PDF (reportlab): institution header, patient and study block, sections,
measurements table, key-image thumbnails, signature block and a version/amendment note.

Labels follow the report's language; an embedded DejaVu Sans subset prints Turkish letters.
The same bytes can be wrapped as a DICOM Encapsulated PDF (PS3.3 A.45.1) by
:mod:`workstation.reporting.encapsulated_pdf`.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from workstation.core.report_content import format_measurement
from workstation.reporting.document import ReportDocument, label
from workstation.reporting.fonts import register_fonts

THUMBNAIL_MM = 45.0


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    return {
        "institution": ParagraphStyle("institution", fontName=bold, fontSize=14, leading=17),
        "address": ParagraphStyle("address", fontName=regular, fontSize=8.5, leading=11,
                                  textColor=colors.grey),
        "title": ParagraphStyle("title", fontName=bold, fontSize=13, leading=16,
                                spaceBefore=6, spaceAfter=4),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=11, leading=14,
                                  spaceBefore=8, spaceAfter=2),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=13),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=11),
        "note": ParagraphStyle("note", fontName=bold, fontSize=9.5, leading=12,
                               textColor=colors.HexColor("#9a3412"), spaceBefore=4),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _date(value: str) -> str:
    """DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else unchanged."""
    if len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def _grid(rows: list[list[Flowable | str]], widths: list[float], font: str,
          header: bool = False) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 2)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                  ("GRID", (0, 0), (-1, -1), 0.25, colors.grey)]
    table.setStyle(TableStyle(style))
    return table


def _header(doc: ReportDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    if doc.institution:
        out.append(_p(doc.institution, s["institution"]))
    if doc.institution_address:
        out.append(_p(doc.institution_address, s["address"]))
    out.append(_p(doc.heading, s["title"]))
    return out


def _identity(doc: ReportDocument, s: dict[str, ParagraphStyle]) -> Table:
    lang, body = doc.language, s["small"]
    study = doc.study
    left = [(label(lang, "patient"), doc.patient.name.replace("^", " ").strip()),
            (label(lang, "patient_id"), doc.patient.patient_id),
            (label(lang, "birth_date"), _date(doc.patient.birth_date)),
            (label(lang, "sex"), doc.patient.sex)]
    right = [(label(lang, "study"), study.description),
             (label(lang, "study_date"), _date(study.study_date)),
             (label(lang, "accession"), study.accession),
             (label(lang, "modality"), study.modality)]
    rows = [[_p(f"{a}:", body), _p(b, body), _p(f"{c}:", body), _p(d, body)]
            for (a, b), (c, d) in zip(left, right, strict=True)]
    return _grid(rows, [28 * mm, 55 * mm, 32 * mm, 55 * mm], body.fontName)


def _measurements(doc: ReportDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    lang, body = doc.language, s["small"]
    rows: list[list[Flowable | str]] = [[
        _p(label(lang, "label"), body), _p(label(lang, "value"), body),
        _p(label(lang, "series"), body)]]
    for m in doc.measurements:
        value = format_measurement(m, lang).removeprefix(f"{m['label']}: ")
        rows.append([_p(str(m["label"]), body), _p(value, body),
                     _p(str(m.get("series_uid", "")), body)])
    return [_p(label(lang, "measurements"), s["heading"]),
            _grid(rows, [55 * mm, 35 * mm, 80 * mm], body.fontName, header=True)]


def _thumbnails(doc: ReportDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    cells: list[Flowable] = []
    for key in doc.key_images:
        if not key.thumbnail_png:
            continue
        image = Image(io.BytesIO(key.thumbnail_png))
        scale = THUMBNAIL_MM * mm / max(image.imageWidth, image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        cells.append(_grid([[image], [_p(key.label, s["small"])]], [THUMBNAIL_MM * mm + 4],
                           s["small"].fontName))
    if not cells:
        return []
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    rows[-1] += [""] * (3 - len(rows[-1]))
    return [_p(label(doc.language, "key_images"), s["heading"]),
            _grid(rows, [(THUMBNAIL_MM + 10) * mm] * 3, s["small"].fontName)]


def _signature(doc: ReportDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    lang, sig = doc.language, doc.signature
    out: list[Flowable] = [Spacer(1, 6 * mm)]
    if doc.amendment is not None:
        out.append(_p(
            f"{label(lang, 'amendment')} - {label(lang, 'version')} {doc.version}, "
            f"{label(lang, 'supersedes')} {doc.amendment.supersedes_version}. "
            f"{label(lang, 'reason')}: {doc.amendment.reason}", s["note"]))
    body = s["body"]
    rows = [[_p(f"{label(lang, 'signed_by')}:", body), _p(sig.author, body)],
            [_p(f"{label(lang, 'signed_at')}:", body), _p(sig.signed_at, body)],
            [_p(f"{label(lang, 'status')}:", body),
             _p(f"{label(lang, sig.kind)} - {label(lang, 'version')} {doc.version}", body)]]
    out.append(_grid(rows, [35 * mm, 120 * mm], body.fontName))
    return out


def render_pdf(doc: ReportDocument, *, created: datetime | None = None) -> bytes:
    """The report as PDF bytes."""
    regular, bold = register_fonts()
    s = _styles(regular, bold)
    story: list[Flowable] = [*_header(doc, s), _identity(doc, s)]
    for _, heading, lines in doc.sections:
        story.append(_p(heading, s["heading"]))
        story.extend(_p(line, s["body"]) for line in lines)
    if doc.measurements:
        story += _measurements(doc, s)
    story += _thumbnails(doc, s)
    story += _signature(doc, s)

    page_word = label(doc.language, "page")

    def footer(canvas: Canvas, template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"{page_word} {canvas.getPageNumber()}")
        canvas.restoreState()

    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
        bottomMargin=18 * mm, title=doc.heading, author=doc.signature.author,
        creator="workstation", lang=doc.language,
    )
    if created is not None:
        pdf.creationDate = created  # type: ignore[attr-defined]
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
