"""The first image of a series on screen while the whole series decodes.

Sorting a series needs every header (slices are ordered by their positions along the
normal, PS3.3 C.7.6.2.1.1), so the full stack arrives only after all files are parsed and
decoded. Before that load starts (on the ``series_cached`` signal, which the study loader
emits just before loading) one cached instance - the middle one in download order - is
decoded on its own, in a few milliseconds, and shown in the viewports waiting for it. It is
that instance's exact pixels with its own header, never an approximation. When the whole
stack arrives it replaces the preview on the same instance, so the picture does not jump;
when the series cannot be shown, the preview is taken down again.

Only empty viewports get a preview: a viewport still showing another series keeps it (and
its measurements) until the new series is ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from workstation.cache.store import EncryptedStore
from workstation.core.stack import ImageStack
from workstation.ui.viewport import Viewport

log = logging.getLogger(__name__)


def preview_stack(blob: bytes) -> ImageStack | None:
    """A one-image stack of one instance's bytes; None when it does not decode."""
    from workstation.dicom.loader import load_series

    try:
        result = load_series([blob], workers=1)
    except Exception:  # noqa: BLE001 - a preview that fails is simply not shown
        log.warning("preview image could not be decoded")
        return None
    return result.stacks[0] if result.stacks and not result.errors else None


class SeriesPreview:
    """Shows and takes down previews; ``prepare(viewport)`` applies the viewer's overlay
    state (hidden patient data, overlays off) to a viewport that shows one."""

    def __init__(self, store: EncryptedStore, tenant: str, study_uid: str,
                 prepare: Callable[[Viewport], None]) -> None:
        self._store = store
        self._tenant = tenant
        self._study = study_uid
        self._prepare = prepare
        self._shown: dict[int, tuple[Viewport, ImageStack]] = {}

    def show(self, series_uid: str, targets: Iterable[Viewport]) -> bool:
        """Decode one instance of the cached series and show it in the empty targets."""
        empty = [t for t in targets if t.stack is None]
        if not empty:
            return False
        members = self._store.list_instances(self._tenant, self._study, series_uid)
        if not members:
            return False
        member_series, sop = members[len(members) // 2]
        try:
            blob = self._store.get(self._tenant, self._study, member_series, sop)
        except Exception:  # noqa: BLE001 - damaged object: the full load reports it
            return False
        stack = preview_stack(blob) if blob is not None else None
        if stack is None:
            return False
        for target in empty:
            target.set_stack(stack)
            self._prepare(target)
            self._shown[id(target)] = (target, stack)
        return True

    def is_preview(self, viewport: Viewport) -> bool:
        entry = self._shown.get(id(viewport))
        return entry is not None and viewport.stack is entry[1]

    def settle(self, viewport: Viewport) -> None:
        """After the full stack replaced the preview: show the previewed instance."""
        entry = self._shown.pop(id(viewport), None)
        stack = viewport.stack
        if entry is None or stack is None or not entry[1].sop_instance_uids:
            return
        sop = entry[1].sop_instance_uids[0]
        if sop in stack.sop_instance_uids:
            viewport.go_to(stack.sop_instance_uids.index(sop))

    def discard(self, targets: Iterable[Viewport], message: str) -> None:
        """Take previews down (the series failed): the viewports show ``message``."""
        for target in targets:
            if self.is_preview(target):
                target.clear(message)
            self._shown.pop(id(target), None)
