"""Running blocking work (network, decoding, key stores) off the UI thread.

Every call into the hub, the cache or the DICOM decoder can take seconds; doing it on the
UI thread would freeze the reading workstation. A :class:`TaskRunner` runs a plain
callable on its own thread pool and hands the result back on the UI thread through
queued Qt signals, so callers never touch widgets from a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of one task. Emitted from the worker thread, delivered on the UI thread."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(object, object)
    done = Signal()


class Task(QRunnable):
    """A callable run once on a pool thread.

    The callable receives a ``report(a, b)`` function it may call from the worker thread
    to publish progress; the values arrive through ``signals.progress``.
    """

    def __init__(self, fn: Callable[[Callable[[Any, Any], None]], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self.signals = TaskSignals()

    def report(self, a: Any, b: Any = None) -> None:
        self.signals.progress.emit(a, b)

    def run(self) -> None:
        try:
            result = self._fn(self.report)
        except BaseException as exc:  # noqa: BLE001 - every failure must reach the UI
            log.debug("task failed: %s", type(exc).__name__)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            self.signals.done.emit()


class TaskRunner(QObject):
    """Owns a thread pool and keeps running tasks alive until their results are handled.

    Python wrappers of QRunnables can be collected while the pool still runs them; the
    runner holds a reference to each task until its ``done`` signal reaches the UI thread.
    """

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._active: set[Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def start(
        self,
        fn: Callable[[Callable[[Any, Any], None]], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any, Any], None] | None = None,
    ) -> Task:
        """Run ``fn(report)`` on the pool; callbacks run later on the UI thread."""
        task = Task(fn)
        queued = Qt.ConnectionType.QueuedConnection
        if on_done is not None:
            task.signals.finished.connect(on_done, queued)
        if on_error is not None:
            task.signals.failed.connect(on_error, queued)
        else:
            task.signals.failed.connect(_log_unhandled, queued)
        if on_progress is not None:
            task.signals.progress.connect(on_progress, queued)
        task.signals.done.connect(lambda t=task: self._active.discard(t), queued)
        self._active.add(task)
        self._pool.start(task)
        return task

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running tasks end (used at shutdown only)."""
        return self._pool.waitForDone(msecs)


def _log_unhandled(exc: BaseException) -> None:
    log.warning("background task failed: %s", type(exc).__name__)
