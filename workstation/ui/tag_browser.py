"""DICOM tag browser: every attribute of the image on screen, with a search box.

The header is read from the encrypted cache (the bytes never touch the disk in clear) and
parsed with pydicom on a worker thread, pixel data left out. Sequences are listed with
their items indented under them. The search keeps the rows whose tag, keyword, VR or value
contain the text (case-insensitive).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.ui.workers import TaskRunner

MAX_VALUE_CHARS = 200


@dataclass(frozen=True, slots=True)
class TagRow:
    tag: str
    keyword: str
    vr: str
    value: str
    depth: int = 0


def header_rows(data: bytes) -> list[TagRow]:
    """The attributes of one DICOM object (bytes of a Part 10 file), pixel data excluded."""
    from pydicom import dcmread

    ds = dcmread(io.BytesIO(data), stop_before_pixels=True, force=True)
    rows: list[TagRow] = []
    meta = getattr(ds, "file_meta", None)
    if meta is not None:
        _walk(meta, 0, rows)
    _walk(ds, 0, rows)
    return rows


def sop_uid_of(data: bytes) -> str:
    """SOP Instance UID of one DICOM object, reading no further than needed."""
    from pydicom import dcmread

    ds = dcmread(io.BytesIO(data), stop_before_pixels=True, force=True,
                 specific_tags=["SOPInstanceUID"])
    return str(getattr(ds, "SOPInstanceUID", ""))


def _walk(ds: object, depth: int, rows: list[TagRow]) -> None:
    for element in ds:  # type: ignore[attr-defined]
        tag = f"({element.tag.group:04X},{element.tag.element:04X})"
        if element.VR == "SQ":
            items = element.value or []
            n = len(items)  # a name, not a call: lupdate only reads simple counts
            count = QCoreApplication.translate("TagBrowser", "%n item(s)", "", n)
            rows.append(TagRow(tag, element.keyword, "SQ", count, depth))
            for item in items:
                _walk(item, depth + 1, rows)
            continue
        rows.append(TagRow(tag, element.keyword, str(element.VR), _value_text(element), depth))


def _value_text(element: object) -> str:
    value = getattr(element, "value", None)
    if isinstance(value, bytes):
        size = len(value)
        return QCoreApplication.translate("TagBrowser", "<%n bytes>", "", size)
    text = str(value) if value is not None else ""
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS] + "…"
    return text


class _AnyColumnFilter(QSortFilterProxyModel):
    """Keeps rows with the search text (plain, case-insensitive) in any column."""

    needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()  # Qt 6.10: replaces invalidateFilter()
        self.needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: object) -> bool:  # type: ignore[override]
        needle = self.needle
        if not needle:
            return True
        model = self.sourceModel()
        return any(
            needle in str(model.index(source_row, c).data() or "").casefold()
            for c in range(model.columnCount())
        )


class TagBrowser(QDialog):
    """Shows the rows of ``read()`` (run on a worker), filtered by the search box."""

    def __init__(self, read: Callable[[], bytes | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tag_browser")
        self.setWindowTitle(self.tr("DICOM tags"))
        self.resize(820, 640)
        self.search = QLineEdit()
        self.search.setObjectName("tag_search")
        self.search.setPlaceholderText(self.tr("Search tag, keyword or value"))
        self.search.setClearButtonEnabled(True)
        self.message = QLabel(self.tr("Reading the image header…"))
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Tag"), self.tr("Keyword"), self.tr("VR"), self.tr("Value")]
        )
        self.proxy = _AnyColumnFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("tag_table")
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self._filter)
        self.loaded = False
        self._runner = TaskRunner(self, max_threads=1)
        self._runner.start(lambda _r: self._rows(read), self._show, self._failed)

    def visible_keywords(self) -> list[str]:
        return [str(self.proxy.index(r, 1).data()) for r in range(self.proxy.rowCount())]

    @staticmethod
    def _rows(read: Callable[[], bytes | None]) -> list[TagRow] | None:
        data = read()
        return None if data is None else header_rows(data)

    def _show(self, rows: list[TagRow] | None) -> None:
        if rows is None:
            self.message.setText(self.tr("This image is not in the local cache."))
            return
        for row in rows:
            indent = "  " * row.depth
            items = [QStandardItem(indent + row.tag), QStandardItem(row.keyword),
                     QStandardItem(row.vr), QStandardItem(row.value)]
            self.model.appendRow(items)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.message.setText(self.tr("%n attribute(s)", "", len(rows)))
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("The image header could not be read."))

    def _filter(self, text: str) -> None:
        self.proxy.set_needle(text)

    def wait(self, msecs: int) -> bool:
        return self._runner.wait(msecs)

