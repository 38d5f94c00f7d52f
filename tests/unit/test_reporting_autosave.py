"""Autosave: interval, local sealed copy restored by a fresh store, hub draft when online."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft
from workstation.core.report_content import StructuredReport
from workstation.hub.errors import HubUnreachable
from workstation.services.report_autosave import ReportAutosave, restore

KEY = bytes(range(32))
UID = "1.2.826.0.1.3680043.8.498.5"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Hub:
    def __init__(self) -> None:
        self.saved: list[ReportDraft] = []
        self.down = False

    def save_draft(self, draft: ReportDraft) -> dict[str, Any]:
        if self.down:
            raise HubUnreachable()
        self.saved.append(draft)
        return {}


def test_saves_on_interval_only_when_changed(tmp_path: Path) -> None:
    store, clock, hub = EncryptedStore(tmp_path / "c", KEY), Clock(), Hub()
    autosave = ReportAutosave(store.records, UID, hub=hub, interval=5.0, clock=clock)
    assert autosave.tick() is False  # nothing written yet
    autosave.update("Sağ akciğerde nodül", "")
    assert autosave.tick() is True
    autosave.update("Sağ akciğerde nodül, 6 mm", "")
    clock.now += 2
    assert autosave.tick() is False  # interval not over
    clock.now += 3
    assert autosave.tick() is True
    clock.now += 10
    assert autosave.tick() is False  # unchanged
    assert [d.findings for d in hub.saved] == ["Sağ akciğerde nodül", "Sağ akciğerde nodül, 6 mm"]


def test_a_new_process_restores_the_local_draft(tmp_path: Path) -> None:
    report = StructuredReport(UID, "ct_chest", language="tr")
    report.set("lungs", "Sağ alt lobda 6 mm nodül.")
    writer = EncryptedStore(tmp_path / "c", KEY)
    autosave = ReportAutosave(writer.records, UID, clock=Clock())
    autosave.update("Sağ alt lobda 6 mm nodül.", "Fleischner takibi.", report)
    autosave.tick()
    writer.close()
    # nothing readable on disk
    for path in (tmp_path / "c").rglob("*"):
        if path.is_file():
            assert "nodül".encode() not in path.read_bytes()
    fresh = EncryptedStore(tmp_path / "c", KEY)
    saved = restore(fresh.records, UID)
    assert saved is not None
    assert (saved.findings, saved.impression) == ("Sağ alt lobda 6 mm nodül.", "Fleischner takibi.")
    assert saved.structured == report
    assert saved.draft().idempotency_key == report.idempotency_key
    assert restore(fresh.records, "1.2.3.999") is None
    ReportAutosave(fresh.records, UID).discard()
    assert restore(fresh.records, UID) is None


def test_hub_failure_keeps_local_copy_and_retries_later(tmp_path: Path) -> None:
    store, clock, hub = EncryptedStore(tmp_path / "c", KEY), Clock(), Hub()
    online = [False]
    autosave = ReportAutosave(store.records, UID, hub=hub, is_online=lambda: online[0],
                              interval=5.0, clock=clock)
    autosave.update("Findings", "Impression")
    assert autosave.tick() is True and hub.saved == [] and autosave.dirty
    online[0] = True
    hub.down = True
    clock.now += 5
    autosave.tick()
    assert hub.saved == [] and autosave.dirty
    hub.down = False
    clock.now += 5
    assert autosave.tick() is False  # local copy is current; only the hub copy was due
    assert [d.findings for d in hub.saved] == ["Findings"] and not autosave.dirty
    assert restore(store.records, UID).findings == "Findings"
