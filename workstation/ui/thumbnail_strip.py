"""The study's series as a vertical strip of tiles (IHE Basic Image Review: thumbnail
navigation). Each tile names modality, series number, description and image count, and
shows how far its download has come, so the reader knows which series open instantly.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workstation.core.study import SeriesRef
from workstation.ui import theme

SeriesRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2  # (done, total)
StateRole = Qt.ItemDataRole.UserRole + 3  # "", "downloading", "cached", "partial", "failed"
SERIES_MIME = "application/x-workstation-series-uid"  # a dragged tile: the series UID, UTF-8

TILE_HEIGHT = 76


def state_text(state: str, done: int, total: int) -> str:
    if state == "downloading":
        percent = int(100 * done / total) if total else 0
        return (
            QCoreApplication.translate("ThumbnailStrip", "Downloading %1/%2 (%3%)")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", str(percent))
        )
    if state == "cached":
        return QCoreApplication.translate("ThumbnailStrip", "Ready")
    if state == "partial":
        return (
            QCoreApplication.translate("ThumbnailStrip", "Incomplete: %1/%2")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )
    if state == "failed":
        return QCoreApplication.translate("ThumbnailStrip", "Download failed")
    return QCoreApplication.translate("ThumbnailStrip", "Waiting")


class SeriesTileDelegate(QStyledItemDelegate):
    """Draws one series tile: modality badge, number, description, count, progress."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width() or 200, TILE_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        series: SeriesRef | None = index.data(SeriesRole)
        if series is None:
            return
        done, total = index.data(ProgressRole) or (0, series.count)
        state = index.data(StateRole) or ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        r = option.rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(theme.HIGHLIGHT if selected else theme.BORDER))
        painter.setBrush(QColor("#24303d" if selected else "#1f2024"))
        painter.drawRoundedRect(r, 4, 4)

        fm = option.fontMetrics
        line = fm.height()
        x = r.left() + 8
        badge = QRect(x, r.top() + 7, fm.horizontalAdvance(series.modality or "?") + 10, line + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#3a4350"))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, series.modality or "?")
        head = QCoreApplication.translate("ThumbnailStrip", "Series %1").replace(
            "%1", str(series.series_number) if series.series_number is not None else "–"
        )
        count = QCoreApplication.translate("ThumbnailStrip", "%1 images").replace(
            "%1", str(series.count)
        )
        painter.setPen(QColor(theme.DIM_TEXT))
        head_rect = QRect(badge.right() + 8, badge.top(), r.right() - badge.right() - 16, line + 2)
        painter.drawText(
            head_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, head
        )
        painter.drawText(
            head_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count
        )

        desc_rect = QRect(x, badge.bottom() + 4, r.width() - 16, line)
        painter.setPen(QColor(theme.TEXT))
        desc = fm.elidedText(
            series.description or QCoreApplication.translate("ThumbnailStrip", "(no description)"),
            Qt.TextElideMode.ElideRight,
            desc_rect.width(),
        )
        painter.drawText(
            desc_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, desc
        )

        status_rect = QRect(x, desc_rect.bottom() + 3, r.width() - 16, line)
        colour = {
            "cached": theme.OK_GREEN,
            "failed": theme.ERROR_TEXT,
            "partial": theme.WARN_TEXT,
        }.get(state, theme.DIM_TEXT)
        painter.setPen(QColor(colour))
        painter.drawText(
            status_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            state_text(state, done, total),
        )
        if state == "downloading" and total:
            bar = QRect(x, r.bottom() - 6, r.width() - 16, 4)
            painter.fillRect(bar, QColor(theme.BORDER))
            bar.setWidth(int(bar.width() * min(1.0, done / total)))
            painter.fillRect(bar, QColor(theme.HIGHLIGHT))
        painter.restore()


class ThumbnailStrip(QListWidget):
    """One tile per series; a click (or Enter) asks the viewer to show that series, and a
    tile dragged onto a viewport carries its series UID (``SERIES_MIME``)."""

    series_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setItemDelegate(SeriesTileDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setMinimumWidth(190)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.itemClicked.connect(self._emit)
        self.itemActivated.connect(self._emit)

    def set_series(self, series: Iterable[SeriesRef]) -> None:
        self.clear()
        for s in series:
            item = QListWidgetItem()
            item.setData(SeriesRole, s)
            item.setData(ProgressRole, (0, s.count))
            item.setData(StateRole, "")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{s.modality} {s.description} {s.count}",
            )
            item.setToolTip(s.description)
            self.addItem(item)

    def series_uids(self) -> list[str]:
        return [self.item(i).data(SeriesRole).series_uid for i in range(self.count())]

    def set_progress(self, series_uid: str, done: int, total: int) -> None:
        item = self._find(series_uid)
        if item is not None:
            item.setData(ProgressRole, (done, total))
            if item.data(StateRole) not in ("cached",):
                item.setData(StateRole, "downloading")

    def set_state(self, series_uid: str, state: str) -> None:
        item = self._find(series_uid)
        if item is not None:
            item.setData(StateRole, state)

    def state(self, series_uid: str) -> str:
        item = self._find(series_uid)
        return "" if item is None else str(item.data(StateRole) or "")

    def set_current(self, series_uid: str) -> None:
        item = self._find(series_uid)
        if item is not None:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def mimeTypes(self) -> list[str]:
        return [SERIES_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if items:
            series = items[0].data(SeriesRole)
            if series is not None:
                data.setData(SERIES_MIME, series.series_uid.encode("utf-8"))
        return data

    def _find(self, series_uid: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(SeriesRole).series_uid == series_uid:
                return item
        return None

    def _emit(self, item: QListWidgetItem) -> None:
        series = item.data(SeriesRole)
        if series is not None:
            self.series_selected.emit(series.series_uid)
