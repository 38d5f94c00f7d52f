"""Printing the signed report: the PDF that signing stored (``services/report_artifacts``),
page by page through Qt's print dialog.

What is printed is exactly the document that was signed and archived (the same bytes as
"Export PDF…" and the Encapsulated PDF, PS3.3 A.45.1), not a re-layout of the text, so
paper and archive can never disagree. The printer starts on the PDF's own page size (A4)
with no added margins (the PDF has its own); paper of another size chosen in the dialog
gets the page scaled to fit, never cropped. Pages are rasterised by QtPdf at the printer's
resolution, capped at :data:`MAX_DPI` (more only costs memory: 600 dpi A4 is 140 MB a page).

The PDF is read from memory, never from a temporary file: it carries the patient's name.
For the same reason the print job is named generically (print queues are visible to other
users of the printer). Every completed print is recorded as a ``printed`` audit event
(:mod:`workstation.services.report_print_audit`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from workstation.services import report_artifacts
from workstation.services.report_print_audit import REPORT, PrintEvent, audit_print

if TYPE_CHECKING:
    from workstation.ui.report_panel import ReportPanel

log = logging.getLogger(__name__)

MAX_DPI = 300
JOB_NAME = "Radiology report"  # no patient data in the print queue

#: Shows the print dialog for ``printer`` and says whether to print. Injectable: tests
#: direct the printer to a PDF file instead of asking.
AskPrinter = Callable[[QPrinter, QWidget], bool]


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReportPrinting", "Print report"))
    return dialog.exec() == QDialog.DialogCode.Accepted


class PdfPages:
    """A PDF held in memory and opened with QtPdf (the buffer must outlive the document)."""

    def __init__(self, data: bytes) -> None:
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)

    @property
    def ok(self) -> bool:
        return (self.document.status() is QPdfDocument.Status.Ready
                and self.document.pageCount() > 0)

    @property
    def count(self) -> int:
        return self.document.pageCount()

    def prepare(self, printer: QPrinter) -> None:
        """Start the printer on the first page's size and orientation, margins off."""
        size = self.document.pagePointSize(0)
        portrait = size.height() >= size.width()
        upright = size if portrait else size.transposed()
        printer.setPageSize(QPageSize(upright, QPageSize.Unit.Point, "",
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait if portrait
                                   else QPageLayout.Orientation.Landscape)
        printer.setFullPage(True)
        printer.setDocName(JOB_NAME)

    def paint(self, printer: QPrinter) -> int:
        """Every page onto ``printer``, fitted to its paper; returns the pages painted, 0
        when the printer could not be started."""
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        painted = 0
        try:
            for page in range(self.count):
                if page and not printer.newPage():
                    break
                self._page(painter, printer, page)
                painted += 1
        finally:
            painter.end()
        return painted

    def _page(self, painter: QPainter, printer: QPrinter, page: int) -> None:
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        size = self.document.pagePointSize(page)
        scale = min(paper.width() / size.width(), paper.height() / size.height())
        width, height = size.width() * scale, size.height() * scale
        target = QRectF(paper.x() + (paper.width() - width) / 2,
                        paper.y() + (paper.height() - height) / 2, width, height)
        dpi = max(1, printer.resolution())
        raster = min(1.0, MAX_DPI / dpi)
        image = self.document.render(page, QSize(max(1, round(width * raster)),
                                                 max(1, round(height * raster))))
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, image)


class ReportPrinting(QObject):
    """The report panel's "Print report…". ``printed(int)`` gives the pages printed."""

    printed = Signal(int)

    def __init__(self, panel: ReportPanel, ask: AskPrinter = ask_printer) -> None:
        super().__init__(panel)
        self.panel = panel
        self.ask = ask

    def print_report(self) -> bool:
        """Ask for a printer and print the newest signed version. False when nothing was
        printed (no signed report, cancelled, printer failure)."""
        panel = self.panel
        records = panel.flows.context.records
        uid = panel._item.study_uid
        data = report_artifacts.latest(records, uid) if records is not None else None
        if data is None:
            panel.show_message(self.tr("There is no signed report to print yet."), "warn")
            return False
        pages = PdfPages(data)
        if not pages.ok:
            log.warning("stored report PDF could not be opened for printing")
            panel.show_message(self.tr("The stored report could not be opened for printing."),
                               "error")
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        pages.prepare(printer)
        if not self.ask(printer, panel):
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = pages.paint(printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if done == 0:
            panel.show_message(self.tr("The printer could not be started; nothing was "
                                       "printed."), "error")
            return False
        to_file = printer.outputFormat() is QPrinter.OutputFormat.PdfFormat
        event = PrintEvent(REPORT, uid, done, "pdf-file" if to_file else "printer",
                           version=report_artifacts.latest_version(records, uid),
                           outcome="success" if done == pages.count else "failure")
        try:
            audit_print(event)
        except Exception as exc:  # noqa: BLE001 - the reader must learn it was not recorded
            log.error("print not recorded in the audit trail: %s", type(exc).__name__)
            panel.show_message(self.tr("The report was printed, but the print could not be "
                                       "recorded in the audit trail."), "error")
            self.printed.emit(done)
            return True
        panel.show_message(self.tr("Report printed (%1 page(s)).").replace("%1", str(done)),
                           "ok")
        self.printed.emit(done)
        return True
