"""A grid of viewports (1×1 up to 4×4), one of them active.

Each cell is a frame around one :class:`Viewport`; the active cell's frame is drawn in the
highlight colour, and the viewer's actions apply to it. A series tile dropped on a cell
(``SERIES_MIME``) asks for that series in that cell. Viewports are created when a layout
first needs them and kept (hidden) when the grid shrinks, so a series on screen survives a
change to a smaller layout and back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from workstation.ui import theme
from workstation.ui.thumbnail_strip import SERIES_MIME
from workstation.ui.viewport import Viewport

MAX_SIDE = 4
FRAME_PX = 2
ACTIVE_COLOUR = "#e0a030"  # amber: visible on black images and dark chrome alike
CELL_MIN_PX = 120


class ViewportCell(QFrame):
    """One grid cell: a coloured frame holding a viewport; accepts dropped series."""

    series_dropped = Signal(str)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"viewport_cell_{index}")
        self.setAcceptDrops(True)
        self.viewport = Viewport(self)
        self.viewport.setMinimumSize(CELL_MIN_PX, CELL_MIN_PX)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(FRAME_PX, FRAME_PX, FRAME_PX, FRAME_PX)
        layout.addWidget(self.viewport)
        self.viewport.show_message(self.tr("Drag a series here"))
        self.active = False
        self.set_active(False)

    def set_active(self, active: bool) -> None:
        self.active = active
        colour = ACTIVE_COLOUR if active else theme.BORDER
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ background: {colour}; }}")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(SERIES_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(SERIES_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        raw = bytes(event.mimeData().data(SERIES_MIME).data()).decode("utf-8", "replace")
        if not raw:
            event.ignore()
            return
        event.acceptProposedAction()
        self.series_dropped.emit(raw)


class ViewportGrid(QWidget):
    """Rows × columns of viewport cells.

    Signals: ``active_changed(Viewport)`` when another cell becomes active;
    ``series_dropped(Viewport, series_uid)`` when a tile is dropped on a cell.
    """

    active_changed = Signal(object)
    series_dropped = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewport_grid")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(2)
        self.cells: list[ViewportCell] = []
        self.rows = self.columns = 0
        self._active = 0
        self.set_layout(1, 1)

    # -- layout --------------------------------------------------------------------------

    def set_layout(self, rows: int, columns: int) -> None:
        """Show ``rows`` × ``columns`` cells (each 1..4); the active cell stays active when
        it is still visible, else the first cell becomes active."""
        rows = max(1, min(MAX_SIDE, int(rows)))
        columns = max(1, min(MAX_SIDE, int(columns)))
        for cell in self.cells:
            self._grid.removeWidget(cell)
            cell.hide()
        for r in range(self.rows):
            self._grid.setRowStretch(r, 0)
        for c in range(self.columns):
            self._grid.setColumnStretch(c, 0)
        while len(self.cells) < rows * columns:
            self._add_cell()
        for i in range(rows * columns):
            self._grid.addWidget(self.cells[i], i // columns, i % columns)
            self.cells[i].show()
        for r in range(rows):
            self._grid.setRowStretch(r, 1)
        for c in range(columns):
            self._grid.setColumnStretch(c, 1)
        self.rows, self.columns = rows, columns
        self.set_active(self._active if self._active < rows * columns else 0)

    def visible_viewports(self) -> list[Viewport]:
        return [cell.viewport for cell in self.cells[: self.rows * self.columns]]

    # -- active viewport -------------------------------------------------------------------

    @property
    def active(self) -> Viewport:
        return self.cells[self._active].viewport

    @property
    def active_index(self) -> int:
        return self._active

    def set_active(self, index: int) -> None:
        changed = index != self._active
        self._active = index
        for i, cell in enumerate(self.cells):
            cell.set_active(i == index)
        if changed:
            self.active_changed.emit(self.active)

    def index_of(self, viewport: Viewport) -> int:
        return next(i for i, cell in enumerate(self.cells) if cell.viewport is viewport)

    # -- internals -------------------------------------------------------------------------

    def _add_cell(self) -> None:
        cell = ViewportCell(len(self.cells), self)
        index = cell.index
        cell.viewport.activated.connect(lambda i=index: self.set_active(i))
        cell.series_dropped.connect(lambda uid, c=cell: self._dropped(c, uid))
        self.cells.append(cell)

    def _dropped(self, cell: ViewportCell, series_uid: str) -> None:
        self.set_active(cell.index)
        self.series_dropped.emit(cell.viewport, series_uid)

    def shutdown(self) -> None:
        for cell in self.cells:
            cell.viewport.shutdown()


def layout_choices() -> list[tuple[int, int]]:
    """The grid sizes offered in the layout menu, smallest first."""
    sizes = [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 3), (3, 4), (4, 4)]
    return [(r, c) for r, c in sizes if r <= MAX_SIDE and c <= MAX_SIDE]

