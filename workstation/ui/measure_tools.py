"""Measurement tools on the viewports: length, angle, Cobb angle, ellipse, rectangle and
freehand regions, and the pixel probe.

While a tool is chosen, the left button draws with it instead of panning: length,
rectangle and ellipse by dragging from one point to the other; angle (3 points) and Cobb
angle (4 points) by clicking each point; freehand by dragging along the outline. The
probe reports the value under the pointer in the status bar. Points are image (row,
column) coordinates from the view, so measurements follow zoom, pan, rotate and flip.
Measurements are kept per series and drawn by the view on the slice they belong to;
Escape leaves the tool.

Any measurement on the image can be edited with the left button, whatever tool is
chosen (panning included): a press within ``HANDLE_PX`` of one of its handles (line ends,
angle points, ROI corners, freehand vertices; :mod:`workstation.core.measurement_edit`)
drags that handle, and the value is computed again as it moves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent

from workstation.core.measurement_edit import moved, nearest_handle
from workstation.core.measurements import Angle, CobbAngle, Length, Measurement, Point
from workstation.core.roi_stats import EllipseRoi, FreehandRoi, RectangleRoi
from workstation.ui.viewport import Viewport

DRAG_KINDS: dict[str, type[Measurement]] = {
    "length": Length,
    "rectangle": RectangleRoi,
    "ellipse": EllipseRoi,
}
CLICK_KINDS: dict[str, tuple[type[Measurement], int]] = {
    "angle": (Angle, 3),
    "cobb": (CobbAngle, 4),
}
TOOLS = (*DRAG_KINDS, *CLICK_KINDS, "freehand", "probe")
FREEHAND_MIN_STEP = 1.0  # image pixels between recorded freehand points
HANDLE_PX = 7.0  # logical pixels around a handle that grab it


class MeasureTools(QObject):
    """The chosen tool and the measurements of every series.

    ``changed(series_uid)`` after a measurement was added or removed;
    ``probed(str)`` with the text of the pixel probe; ``tool_changed(str)`` ("" = none).
    """

    changed = Signal(str)
    probed = Signal(str)
    tool_changed = Signal(str)

    def __init__(self, series_of: Callable[[Viewport], str | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._series_of = series_of
        self.tool = ""
        self.by_series: dict[str, list[Measurement]] = {}
        self._points: list[Point] = []
        self._viewport: Viewport | None = None
        # Handle being dragged: (series, index in its list, handle index).
        self._editing: tuple[str, int, int] | None = None
        self.selected: Measurement | None = None  # the last one drawn or edited

    # -- choosing ----------------------------------------------------------------------------

    def set_tool(self, tool: str) -> None:
        """Choose a tool (one of ``TOOLS``), or "" to pan with the left button again."""
        self.cancel()
        self.tool = tool if tool in TOOLS else ""
        self.tool_changed.emit(self.tool)

    def cancel(self) -> None:
        """Drop the measurement being drawn (Escape)."""
        viewport = self._viewport
        self._points, self._viewport = [], None
        if viewport is not None:
            self.show_on(viewport)

    # -- the list ------------------------------------------------------------------------------

    def of_series(self, series_uid: str) -> list[Measurement]:
        return list(self.by_series.get(series_uid, []))

    def add(self, series_uid: str, measurement: Measurement) -> None:
        self.by_series.setdefault(series_uid, []).append(measurement)
        self.changed.emit(series_uid)

    def remove(self, series_uid: str, measurement: Measurement) -> None:
        items = self.by_series.get(series_uid, [])
        index = next((i for i, m in enumerate(items) if m is measurement), None)
        if index is None and measurement in items:
            index = items.index(measurement)
        if index is not None:
            del items[index]
            if self.selected is measurement:
                self.selected = None
            self.changed.emit(series_uid)

    def replace(self, series_uid: str, index: int, measurement: Measurement,
                notify: bool = True) -> None:
        """Put an edited measurement in place of measurement ``index`` of the series."""
        self.by_series[series_uid][index] = measurement
        self.selected = measurement
        if notify:
            self.changed.emit(series_uid)

    def clear_slice(self, series_uid: str, slice_index: int) -> None:
        items = self.by_series.get(series_uid, [])
        kept = [m for m in items if m.slice_index != slice_index]
        if len(kept) != len(items):
            self.by_series[series_uid] = kept
            self.changed.emit(series_uid)

    def as_dicts(self) -> dict[str, list[dict[str, object]]]:
        """Everything measured, as plain data (kept with the report draft)."""
        return {uid: [m.to_dict() for m in items] for uid, items in self.by_series.items()}

    def show_on(self, viewport: Viewport, extra: Measurement | None = None) -> None:
        """Hand the view the measurements of its series (plus one being drawn)."""
        uid = self._series_of(viewport)
        items = self.of_series(uid) if uid else []
        if extra is not None:
            items.append(extra)
        viewport.slice_view.set_measurements(items, self.selected)

    # -- mouse (called by the viewport while a tool is chosen) --------------------------------

    def press(self, viewport: Viewport, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or not viewport.stack:
            return False
        if self.tool != "probe" and not self._points and self._grab(viewport, event.position()):
            return True
        if not self.tool:
            return False
        point = _image_point(viewport, event.position())
        if self.tool == "probe":
            self._probe(viewport, event.position())
            return True
        if point is None:
            return True
        if self._viewport is not viewport:
            self._points, self._viewport = [], viewport
        if self.tool in CLICK_KINDS:
            cls, needed = CLICK_KINDS[self.tool]
            self._points.append(point)
            if len(self._points) == needed:
                self._finish(viewport, cls)
            return True
        self._points = [point, point] if self.tool in DRAG_KINDS else [point]
        return True

    def move(self, viewport: Viewport, event: QMouseEvent) -> None:
        if self._editing is not None:
            self._drag_handle(viewport, event.position())
            return
        if not self._points and self.tool != "probe":  # show that a handle can be grabbed
            over = self.handle_at(viewport, event.position()) is not None
            if over:
                viewport.canvas.setCursor(Qt.CursorShape.SizeAllCursor)
            else:
                viewport.canvas.unsetCursor()
        if self.tool == "probe":
            self._probe(viewport, event.position())
            return
        point = _image_point(viewport, event.position())
        if point is None or self._viewport is not viewport or not self._points:
            return
        if self.tool in DRAG_KINDS:
            self._points[-1] = point
            self.show_on(viewport, self._draft(DRAG_KINDS[self.tool], viewport))
        elif self.tool == "freehand":
            last = self._points[-1]
            if max(abs(point[0] - last[0]), abs(point[1] - last[1])) >= FREEHAND_MIN_STEP:
                self._points.append(point)
                self.show_on(viewport, self._draft(FreehandRoi, viewport))

    def release(self, viewport: Viewport, event: QMouseEvent) -> None:
        if self._editing is not None:
            self._drag_handle(viewport, event.position())
            uid = self._editing[0]
            self._editing = None
            self.changed.emit(uid)  # the list shows the new value
            return
        if self._viewport is not viewport or not self._points:
            return
        if self.tool in DRAG_KINDS:
            if self._points[0] != self._points[-1]:
                self._finish(viewport, DRAG_KINDS[self.tool])
            else:
                self.cancel()
        elif self.tool == "freehand":
            if len(self._points) >= 3:
                self._finish(viewport, FreehandRoi)
            else:
                self.cancel()

    # -- internals ---------------------------------------------------------------------------

    def _draft(self, cls: type[Measurement], viewport: Viewport) -> Measurement:
        stack = viewport.stack
        k = viewport.slice_view.slice_index
        sops = stack.sop_instance_uids if stack is not None else ()
        return cls(tuple(self._points), k, sops[k] if k < len(sops) else "")

    def _finish(self, viewport: Viewport, cls: type[Measurement]) -> None:
        measurement = self._draft(cls, viewport)
        self._points, self._viewport = [], None
        uid = self._series_of(viewport)
        if uid:
            self.selected = measurement
            self.add(uid, measurement)
        self.show_on(viewport)

    def handle_at(self, viewport: Viewport, pos: QPointF) -> tuple[str, int, int] | None:
        """(series, measurement index, handle) under a widget position, if any."""
        uid = self._series_of(viewport)
        if not uid or viewport.stack is None:
            return None
        sv = viewport.slice_view
        x, y = _display(viewport, pos)
        ratio = viewport.canvas.devicePixelRatioF()

        def to_display(row: float, col: float) -> tuple[float, float]:
            return sv.image_to_display(row, col) or (float("inf"), float("inf"))

        hit = nearest_handle(self.by_series.get(uid, []), sv.slice_index, to_display, x, y,
                             HANDLE_PX * ratio)
        return (uid, *hit) if hit is not None else None

    def _grab(self, viewport: Viewport, pos: QPointF) -> bool:
        hit = self.handle_at(viewport, pos)
        if hit is None:
            return False
        self._editing = hit
        uid, index, _ = hit
        self.selected = self.by_series[uid][index]
        return True

    def _drag_handle(self, viewport: Viewport, pos: QPointF) -> None:
        assert self._editing is not None
        uid, index, handle = self._editing
        items = self.by_series.get(uid, [])
        x, y = _display(viewport, pos)
        point = viewport.slice_view.display_to_image(x, y)
        if point is None or index >= len(items):
            return  # a handle stays inside the image
        self.replace(uid, index, moved(items[index], handle, point), notify=False)
        self.show_on(viewport)

    def _probe(self, viewport: Viewport, pos: QPointF) -> None:
        x, y = _display(viewport, pos)
        result = viewport.slice_view.pixel_probe(x, y)
        self.probed.emit(result.label() if result is not None else "")


def _display(viewport: Viewport, pos: QPointF) -> tuple[float, float]:
    ratio = viewport.canvas.devicePixelRatioF()
    return pos.x() * ratio, pos.y() * ratio


def _image_point(viewport: Viewport, pos: QPointF) -> Point | None:
    x, y = _display(viewport, pos)
    return viewport.slice_view.display_to_image(x, y)
