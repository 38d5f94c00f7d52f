"""Printing the signed report from the report panel.

The printer is directed to a PDF file (the print dialog is replaced, as the reader's
choice of printer cannot be scripted): the file must hold every page of the signed report
PDF, on the report's own paper size, looking like the signed document (the pages are
rendered back and compared pixel by pixel), and each print leaves one ``printed`` audit
event naming the study, never the patient.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from conftest import make_item
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.core.shortcuts import load_shortcuts
from workstation.services import report_artifacts, report_print_audit
from workstation.ui.report_flows import ReportContext
from workstation.ui.report_panel import ReportPanel

pypdf = pytest.importorskip("pypdf")

KEY = bytes(range(32))
FINDINGS = "\n".join(f"{n}. Sağ akciğer alt lobda 8 mm nodül; çevresinde buzlu cam görünümü."
                     for n in range(1, 71))
IMPRESSION = "Şüpheli nodül: İzlem önerilir (ğüşıöç)."
A4_POINTS = (595, 842)


def _signed(records, item, findings: str = FINDINGS) -> bytes:
    """What signing stores: the report's documents, version 1."""
    when = datetime(2026, 1, 5, 9, 30).astimezone()
    draft = ReportDraft(item.study_uid, findings, IMPRESSION, ReportKind.FINAL)
    doc = report_artifacts.document(draft, item, "Dr. Demo Reader", version=1, language="tr",
                                    when=when, title="BT Toraks")
    artifacts = report_artifacts.build(doc, when=when)
    report_artifacts.save(records, item.study_uid, artifacts)
    return artifacts.pdf


def _to_file(path: Path, asked: list[QPrinter]):
    def ask(printer: QPrinter, _parent) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True
    return ask


def _render(data: bytes, page: int, size: QSize) -> QImage:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    assert doc.status() is QPdfDocument.Status.Ready
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    from PySide6.QtGui import QPainter

    painter = QPainter(image)
    painter.drawImage(0, 0, doc.render(page, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _cells(image: QImage, k: int = 6) -> list[float]:
    """Mean grey level of each k x k cell of the page."""
    width, height = image.width(), image.height()
    bits, stride = bytes(image.constBits()), image.bytesPerLine()
    return [sum(bits[(cy + y) * stride + cx + x] for y in range(k) for x in range(k)) / k / k
            for cy in range(0, height - k + 1, k) for cx in range(0, width - k + 1, k)]


def _panel(qtbot, records, item) -> ReportPanel:
    panel = ReportPanel(item, lambda d: None)
    qtbot.addWidget(panel)
    panel.configure(ReportContext(records=records))
    return panel


@pytest.fixture
def audit_events():
    events: list[report_print_audit.PrintEvent] = []
    sink = events.append
    report_print_audit.connect_audit(sink)
    yield events
    report_print_audit.disconnect_audit(sink)


def test_print_writes_the_signed_pdf_on_its_paper_and_is_audited(qtbot, tmp_path,
                                                                   audit_events) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    item = make_item(3)
    signed = _signed(store.records, item)
    source = pypdf.PdfReader(_bytes_path(tmp_path / "signed.pdf", signed))
    assert len(source.pages) >= 2  # a long report: every page must come out
    source_text = "".join(p.extract_text() for p in source.pages)
    assert "İzlem önerilir (ğüşıöç)" in source_text  # the signed report is what is printed

    panel = _panel(qtbot, store.records, item)
    out = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []
    panel.flows.printing.ask = _to_file(out, asked)
    with qtbot.waitSignal(panel.flows.printing.printed, timeout=30_000) as printed:
        qtbot.mouseClick(panel.flows.buttons["print"], Qt.MouseButton.LeftButton)
    assert printed.args == [len(source.pages)]
    # The dialog was offered the report's own paper, margins off, a job name without PHI.
    printer = asked[0]
    assert printer.pageLayout().pageSize().id().name == "A4"
    assert printer.fullPage()
    assert "PATIENT" not in printer.docName() and "ACC" not in printer.docName()

    assert out.is_file() and out.stat().st_size > 20_000
    result = pypdf.PdfReader(str(out))
    assert len(result.pages) == len(source.pages)
    for page in result.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == A4_POINTS

    printed_bytes = out.read_bytes()
    size = QSize(298, 421)  # 36 dpi, compared in 6 x 6 pixel cells: the layout of the
    # text lines, not the anti-aliasing of their letters (rasterised at 300 dpi first)
    for page in range(len(source.pages)):
        want = _cells(_render(signed, page, size))
        got = _cells(_render(printed_bytes, page, size))
        assert sum(1 for v in want if v < 240) > 300, "the signed page has text"
        diffs = [abs(a - b) for a, b in zip(want, got, strict=True)]
        assert sum(diffs) / len(diffs) < 4.0 and max(diffs) < 32, (page, max(diffs))
    # ...and the comparison tells pages apart: printed page 2 is not signed page 1.
    first, second = _cells(_render(signed, 0, size)), _cells(_render(printed_bytes, 1, size))
    assert sum(abs(a - b) for a, b in zip(first, second, strict=True)) / len(first) > 8.0

    assert len(audit_events) == 1
    event = audit_events[0]
    assert (event.action, event.study_uid, event.pages, event.destination_kind,
            event.version, event.outcome) == ("print.report", item.study_uid,
                                              len(source.pages), "pdf-file", 1, "success")
    assert "printed" in panel.message.text().lower()
    store.close()


def test_nothing_signed_or_cancelled_prints_nothing_and_records_nothing(qtbot, tmp_path,
                                                                       audit_events) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    item = make_item(4)
    panel = _panel(qtbot, store.records, item)
    asked: list[QPrinter] = []
    out = tmp_path / "printed.pdf"
    panel.flows.printing.ask = _to_file(out, asked)
    assert not panel.flows.printing.print_report()
    assert asked == [] and "no signed report" in panel.message.text()

    _signed(store.records, item)
    panel.flows.printing.ask = lambda printer, _parent: asked.append(printer) and False
    assert not panel.flows.printing.print_report()  # the reader cancelled the dialog
    assert len(asked) == 1 and not out.exists()
    assert audit_events == []
    store.close()


def test_a_print_that_cannot_be_audited_says_so(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    item = make_item(5)
    _signed(store.records, item, findings="Normal.")
    panel = _panel(qtbot, store.records, item)
    panel.flows.printing.ask = _to_file(tmp_path / "p.pdf", [])

    def broken(_event) -> None:
        raise OSError("queue unavailable")

    report_print_audit.connect_audit(broken)
    try:
        assert panel.flows.printing.print_report()
    finally:
        report_print_audit.connect_audit(None)
    assert "could not be recorded" in panel.message.text()
    assert panel.message.property("severity") == "error"
    store.close()


def test_the_print_shortcut_is_free_and_distinct_from_previous_study() -> None:
    shortcuts = load_shortcuts()
    assert shortcuts["report.print"].keys == ("Ctrl+Shift+P",)
    assert shortcuts["study.previous"].keys == ("Ctrl+P",)
    owners = [a for a, s in shortcuts.items() if "Ctrl+Shift+P" in s.keys]
    assert owners == ["report.print"]


def _bytes_path(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)
