"""Autosave against a live demo hub: the hub draft appears, and after a crash a fresh store
still has the local copy."""

from __future__ import annotations

from pathlib import Path

from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.cache.store import EncryptedStore
from workstation.demohub.accounts import DEMO_READER
from workstation.services.report_autosave import ReportAutosave, restore

KEY = bytes(range(32))


def test_draft_reaches_the_hub_and_survives_a_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    try:
        uid = demo.uids["izmir"]
        with signed_in(hub.base_url, DEMO_READER, clock) as client:
            store = EncryptedStore(tmp_path / "cache", KEY)
            autosave = ReportAutosave(store.records, uid, hub=client)
            autosave.update("Karaciğerde 12 mm kist.", "Basit kist.")
            assert autosave.tick()
            draft = client.load_draft(uid)
            assert draft is not None
            assert (draft.findings, draft.impression) == ("Karaciğerde 12 mm kist.", "Basit kist.")
        saved = restore(EncryptedStore(tmp_path / "cache", KEY).records, uid)
        assert saved is not None and saved.findings == "Karaciğerde 12 mm kist."
    finally:
        hub.stop()
