"""Applying hanging protocols in the viewer: layout, series per viewport, priors, stages.

When the study's series list arrives, the best-matching protocol
(:mod:`workstation.core.hanging`) is chosen and its first stage hung: the grid gets the
stage's size, each viewport asks for its series (the current study through the viewer's
own loader, priors through one more :class:`StudyLoader` each), and as each series is
decoded the viewport gets the image its rules pick (a mammography series holds four
views), the window, the orientation, the scale and alignment of the stage, and the
stage's sync groups. Keys step through the stages; "save layout as protocol" keeps the
screen as a protocol of the reader's own (:mod:`workstation.ui.hanging_save`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal

from workstation.core.hanging.facts import SeriesFacts, image_facts, study_facts
from workstation.core.hanging.library import load_protocols
from workstation.core.hanging.matching import Assignment, best_protocol, plan_stage, select_image
from workstation.core.hanging.model import Protocol, Stage
from workstation.core.stack import ImageStack
from workstation.core.study import StudyDetail, WorklistItem
from workstation.ui.hanging_display import apply_scale, apply_viewport, side_for
from workstation.ui.hanging_save import user_protocol_folder
from workstation.ui.hanging_sync import StageSync
from workstation.ui.study_loader import StudyLoader
from workstation.ui.viewport import Viewport

if TYPE_CHECKING:
    from workstation.ui.viewer_window import ViewerWindow

log = logging.getLogger(__name__)

ENABLED_KEY = "hanging/enabled"
Key = tuple[int, str]  # (0 current / N prior N, series UID)


def hanging_enabled() -> bool:
    """The reader's preference: hang each study by its protocol when it opens."""
    return bool(QSettings().value(ENABLED_KEY, True, type=bool))


def by_recency(priors: tuple[WorklistItem, ...]) -> list[WorklistItem]:
    """Priors most recent first: prior 1 is the latest study before the current one."""
    return sorted(priors, key=lambda p: p.study_datetime.timestamp() if p.study_datetime
                  else 0.0, reverse=True)


class HangingController(QObject):
    """Hangs the viewer's study. Signals: ``stage_hung(index, name)`` once a stage's
    layout is set; ``viewport_hung(index)`` each time a viewport of it gets its image."""

    stage_hung = Signal(int, str)
    viewport_hung = Signal(int)

    def __init__(self, viewer: ViewerWindow, client: Any, store: Any) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self._client, self._store = client, store
        self.protocols, problems = load_protocols(user_protocol_folder())
        for problem in problems:
            log.warning("hanging protocol not loaded: %s", problem)
        self.protocol: Protocol | None = None
        self.status_text = ""
        self.applied = False
        self.stage_index = 0
        self.details: dict[int, StudyDetail] = {}
        self.prior_items: dict[int, WorklistItem] = {}
        self.loaders: dict[int, StudyLoader] = {}
        self.stacks: dict[Key, list[ImageStack]] = {}
        self.plan: list[Assignment] = []
        self._waiting: dict[Key, set[int]] = {}
        self._hung: dict[int, int] = {}  # viewport index -> id of the stack put there
        self.sync = StageSync(self)
        self.sync.after_zoom = self._realign
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._apply_stage_view)
        self._views: dict[int, tuple[Any, ...]] = {}  # view state as hung, by viewport index
        viewer.loader.detail_ready.connect(self._on_detail)
        viewer.loader.series_loaded.connect(self._on_current_loaded)
        viewer.closed.connect(self.cancel)

    # -- public ----------------------------------------------------------------------------

    @property
    def stage(self) -> Stage | None:
        if self.protocol is None:
            return None
        return self.protocol.stages[self.stage_index]

    def choose(self, detail: StudyDetail) -> Protocol | None:
        return best_protocol(self.protocols, study_facts(detail))

    def step_stage(self, step: int) -> None:
        """Next (or previous) stage of the protocol, wrapping around; with automatic
        hanging off, the first press hangs the study's protocol."""
        if self.protocol is None:
            return
        if not self.applied:
            self.show_stage(0)
        elif len(self.protocol.stages) > 1:
            self.show_stage((self.stage_index + step) % len(self.protocol.stages))

    def show_stage(self, index: int) -> None:
        protocol = self.protocol
        if protocol is None:
            return
        self.stage_index = index
        self.applied = True
        stage = protocol.stages[index]
        self.viewer.actions.layout(stage.rows, stage.columns)
        self.sync.clear()
        self._waiting.clear()
        self._hung.clear()
        self._views = {}
        for viewport in self.viewer.grid.visible_viewports():
            if not viewport.property("hanging_watched"):
                viewport.setProperty("hanging_watched", True)
                viewport.installEventFilter(self)
        self.plan = self._plan(stage)
        for i in range(len(self.viewer.grid.visible_viewports())):
            self._assign(i)
        for prior in {a.prior for a in self.plan if a.prior}:
            self._start_prior(prior)
        self.status_text = (
            self.tr("Hanging: %1 — stage %2 of %3: %4")
            .replace("%1", self.tr(protocol.name)).replace("%2", str(index + 1))
            .replace("%3", str(len(protocol.stages))).replace("%4", self.tr(stage.name)))
        self._say()
        self.stage_hung.emit(index, stage.name)

    def _say(self) -> None:
        """The protocol and stage in the status bar (after the viewer's own notes on a
        series, which do not apply to a hung image set)."""
        self.viewer.status.setText(self.status_text)
        self.viewer.status.setStyleSheet("")

    def anchor_here(self) -> None:
        self.sync.anchor_here()

    def resume(self) -> None:
        """Carry on loading the priors after the session came back."""
        for loader in self.loaders.values():
            loader.resume()

    def cancel(self) -> None:
        for loader in self.loaders.values():
            loader.cancel()

    # -- planning --------------------------------------------------------------------------

    def _series_facts(self, prior: int) -> list[SeriesFacts]:
        detail = self.details.get(prior)
        return [SeriesFacts.of(s) for s in detail.series] if detail is not None else []

    def _plan(self, stage: Stage) -> list[Assignment]:
        priors = {n: self._series_facts(n) for n in self.details if n}
        return plan_stage(stage, self._series_facts(0), priors)

    def _assign(self, index: int) -> None:
        viewports = self.viewer.grid.visible_viewports()
        viewport = viewports[index]
        if index >= len(self.plan):
            self.viewer.clear_viewport(viewport, self.tr("Not used by this hanging protocol"))
            return
        assignment = self.plan[index]
        if assignment.prior and assignment.prior not in self.details:
            if assignment.prior in self.prior_items:
                self.viewer.clear_viewport(viewport, self.tr("Loading the prior study…"))
            else:
                self.viewer.clear_viewport(viewport, self.tr("No prior study"))
            return
        if assignment.series_uid is None:
            self.viewer.clear_viewport(viewport, self.tr("No matching series in the prior study")
                                       if assignment.prior else
                                       self.tr("No matching series in this study"))
            return
        key = (assignment.prior, assignment.series_uid)
        if assignment.prior == 0:
            self.viewer.show_series(assignment.series_uid, viewport)
        if key in self.stacks:
            self._put(index)
            return
        self._waiting.setdefault(key, set()).add(index)
        if assignment.prior:
            self.viewer.clear_viewport(viewport, self.tr("Loading the prior series…"))
            self.loaders[assignment.prior].show_series(assignment.series_uid)

    def _put(self, index: int) -> None:
        assignment, stage = self.plan[index], self.stage
        if stage is None or assignment.series_uid is None:
            return
        stacks = self.stacks.get((assignment.prior, assignment.series_uid), [])
        choice = select_image(assignment.image_rules, [image_facts(s) for s in stacks],
                              [s.count for s in stacks])
        viewport = self.viewer.grid.visible_viewports()[index]
        if choice is None:
            self.viewer.clear_viewport(viewport, self.tr("No matching image in this series"))
            return
        stack = stacks[choice]
        self.viewer.put_stack(viewport, assignment.series_uid, stack)
        apply_viewport(viewport, stage.viewports[index])
        self._hung[index] = id(stack)
        self._apply_stage_view()
        if not stack.warnings:  # else the viewer's notes on the images stay visible
            self._say()
        self.viewport_hung.emit(index)

    def _apply_stage_view(self) -> None:
        """Scale, alignment and sync groups over the viewports hung so far."""
        stage = self.stage
        if stage is None:
            return
        viewports = self.viewer.grid.visible_viewports()
        # The reader may have changed the layout since the stage was hung (say 2x2 to 1x1):
        # only the cells still on screen keep the stage's scale and sync.
        shown = [i for i in sorted(self._hung) if i < len(viewports)]
        items = [(viewports[i], stage.viewports[i]) for i in shown]
        apply_scale(items, stage.scale)
        self.sync.set_groups([([viewports[m] for m in g.members if m in shown], g.kinds)
                              for g in stage.sync_groups])
        self._views = {i: _view_state(viewports[i]) for i in shown}

    def _realign(self, viewport: Viewport) -> None:
        stage = self.stage
        viewports = self.viewer.grid.visible_viewports()
        if stage is None or viewport not in viewports:
            return
        index = viewports.index(viewport)
        if index in self._hung:
            side = side_for(stage.viewports[index], viewport)
            if side in ("left", "right"):
                viewport.slice_view.align_to_edge(side)

    # -- loader results --------------------------------------------------------------------

    def _on_detail(self, detail: StudyDetail) -> None:
        self.details[0] = detail
        self.prior_items = dict(enumerate(by_recency(detail.priors), start=1))
        self.protocol = self.choose(detail)
        if self.protocol is None or not hanging_enabled():
            return
        log.info("hanging protocol %s for the study", self.protocol.id)
        self.show_stage(0)

    def _start_prior(self, prior: int) -> None:
        item = self.prior_items.get(prior)
        if item is None or prior in self.loaders:
            return
        loader = StudyLoader(self._client, self._store, item, self)
        # Bound methods, not lambdas: a lambda holding a loader result crashed PySide at exit.
        loader.detail_ready.connect(self._on_prior_detail_ready)
        loader.series_loaded.connect(self._on_prior_loaded)
        loader.failed.connect(self._on_prior_step_failed)
        self.loaders[prior] = loader
        loader.start()

    def _prior_of_sender(self) -> int:
        sender = self.sender()
        return next((n for n, loader in self.loaders.items() if loader is sender), 0)

    def _on_prior_detail_ready(self, detail: StudyDetail) -> None:
        prior = self._prior_of_sender()
        if prior:
            self._on_prior_detail(prior, detail)

    def _on_prior_loaded(self, series_uid: str, result: Any) -> None:
        prior = self._prior_of_sender()
        if prior:
            self._on_loaded(prior, series_uid, result)

    def _on_prior_step_failed(self, _stage: str, _series_uid: str, exc: BaseException) -> None:
        prior = self._prior_of_sender()
        if prior:
            self._on_prior_failed(prior, exc)

    def _on_prior_detail(self, prior: int, detail: StudyDetail) -> None:
        self.details[prior] = detail
        stage = self.stage
        if stage is None:
            return
        self.plan = self._plan(stage)
        for i, assignment in enumerate(self.plan):
            if assignment.prior == prior:
                self._assign(i)

    def _on_prior_failed(self, prior: int, exc: BaseException) -> None:
        log.warning("prior study step failed: %s", type(exc).__name__)
        viewports = self.viewer.grid.visible_viewports()
        for i, assignment in enumerate(self.plan):
            if assignment.prior == prior and i not in self._hung and i < len(viewports):
                self.viewer.clear_viewport(viewports[i],
                                           self.tr("The prior study could not be loaded."))

    def _on_current_loaded(self, series_uid: str, result: Any) -> None:
        self._on_loaded(0, series_uid, result)

    def _on_loaded(self, prior: int, series_uid: str, result: Any) -> None:
        stacks = list(getattr(result, "stacks", ()) or ())
        if not stacks:
            return
        key = (prior, series_uid)
        self.stacks[key] = stacks
        for index in sorted(self._waiting.pop(key, set())):
            self._put(index)

    # -- resize: keep the hung scale and alignment while the reader has not changed them --

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._fresh_views():
            self._relayout.start()
        return False

    def _fresh_views(self) -> bool:
        viewports = self.viewer.grid.visible_viewports()
        views = self._views
        return bool(views) and all(
            i < len(viewports) and _view_state(viewports[i]) == state
            for i, state in views.items())


def _view_state(viewport: Viewport) -> tuple[Any, ...]:
    sv = viewport.slice_view
    return (round(sv.zoom, 6), sv.view_transform, sv.pan_mm)
