"""Item delegate that draws unacknowledged critical-result communications as a badge.

A critical finding that the referring clinician has not acknowledged is a patient-safety
loop still open: the radiologist may have to call again. The badge is an outlined pill, so
it reads differently from the filled STAT pill even for a colour-blind reader, and it
stays bright on reported rows, where the rest of the row is dimmed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from workstation.ui import theme
from workstation.ui.pill import bold_font, draw_pill, paint_cell_background
from workstation.ui.worklist_model import CriticalRole


class CriticalBadgeDelegate(QStyledItemDelegate):
    """A red-outlined "⚠ n unacknowledged" pill; empty cells are painted as usual."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        count = index.data(CriticalRole)
        if not isinstance(count, int) or count <= 0:
            super().paint(painter, option, index)
            return
        opt = paint_cell_background(self, painter, option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = opt.fontMetrics
        height = metrics.height() + 4
        width = min(metrics.horizontalAdvance(text) + 20, opt.rect.width() - 8)
        rect = QRectF(opt.rect.left() + 4, opt.rect.center().y() - height / 2 + 1, width, height)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 12)
        draw_pill(painter, rect, fill=QColor(theme.STAT_BANNER_BG), text=elided,
                  text_colour=QColor(theme.ERROR_TEXT), font=bold_font(opt),
                  border=QPen(QColor(theme.STAT_RED), 1.5))

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        size.setWidth(size.width() + 24)
        return size
