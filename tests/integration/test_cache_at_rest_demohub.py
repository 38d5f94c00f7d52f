"""Evidence for issue 5's closing note: after a reading session against the demo hub the
cache folder holds no readable DICOM and no patient identifiers.

The session does what the workstation does with a study: sign in (the offline verifier
is kept), keep the worklist snapshot, open the study (its series list and row are kept),
download every instance through the download queue, decode each series (the decoded
volume is kept). Then every file under the cache folder - sealed objects, volumes,
records, the SQLite index and its journal - is scanned for the DICOM preamble magic
("DICM" at offset 128, PS3.10 7.1), the patient's name and ID, the study UID and the
"1.2.840" root of DICOM's own UIDs (SOP class, transfer syntax: PS3.5 9.1). The same scan
run over the hub's source files finds all of them, so the scan itself can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_download_demohub import PATIENT, write_study
from test_hub_dataset import FakeClock, fast_settings, sign_in

from workstation.cache.store import EncryptedStore
from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.server import start_in_thread
from workstation.hub.client import HubClient
from workstation.services.download_queue import DownloadQueue
from workstation.services.object_http import HttpObjectFetcher
from workstation.services.offline_login import (
    ScryptParams,
    remember_sign_in,
    save_worklist_snapshot,
)
from workstation.services.offline_study import remember_detail
from workstation.services.series_loading import load_cached_series

PATIENT_ID = "P-7001"  # as written by write_study
KEY = bytes(range(32))


def needles(study_uid: str) -> dict[str, bytes]:
    return {
        "patient name": PATIENT.encode("utf-8"),
        "patient name (ASCII part)": b"ZEYNEP",
        "patient ID": PATIENT_ID.encode("ascii"),
        "study UID": study_uid.encode("ascii"),
        "1.2.840 UID root": b"1.2.840",
    }


def scan(root: Path, study_uid: str) -> list[tuple[str, str]]:
    """(relative file, what was found) for every readable trace under ``root``."""
    hits: list[tuple[str, str]] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        name = str(path.relative_to(root))
        if data[128:132] == b"DICM":
            hits.append((name, "DICM at offset 128"))
        for what, needle in needles(study_uid).items():
            if needle in data or needle in name.encode("utf-8"):
                hits.append((name, what))
    return hits


def listing(root: Path) -> list[str]:
    return [f"{p.stat().st_size:>9}  {p.relative_to(root)}"
            for p in sorted(root.rglob("*")) if p.is_file()]


@pytest.fixture
def hub(tmp_path: Path):
    study_uid, files = write_study(tmp_path / "demo")
    clock = FakeClock()
    running = start_in_thread(tmp_path / "data", port=0,
                              manifest=tmp_path / "demo" / "manifest.json",
                              settings=fast_settings(clock))
    yield running, clock, study_uid, files, tmp_path / "demo"
    running.stop()


def test_cache_folder_after_a_demo_session_holds_no_readable_dicom(hub, tmp_path):
    running, clock, study_uid, files, source = hub
    client = HubClient(running.base_url)
    user = sign_in(client, DEMO_READER, clock)
    root = tmp_path / "cache"
    store = EncryptedStore(root, KEY)
    fetcher = HttpObjectFetcher(connections=4)
    queue = DownloadQueue(client, store, fetcher, connections=4)
    try:
        remember_sign_in(store, DEMO_READER.username, DEMO_READER.password, user,
                         ScryptParams(n=2**10))
        worklist = client.worklist()
        assert study_uid in {i.study_uid for i in worklist}
        save_worklist_snapshot(store, worklist)
        detail = client.study(study_uid)
        remember_detail(store, detail)
        result = queue.open_study("ankara", study_uid).wait(timeout=60)
        assert result is not None and result.complete and result.fetched == len(files) == 20
        for series in detail.series:
            loaded = load_cached_series(store, "ankara", study_uid, series.series_uid)
            assert loaded.stacks[0].header.patient_name == PATIENT
    finally:
        queue.shutdown()
        fetcher.close()
        client.close()

    for sop, (series, path) in files.items():  # what the viewer reads is the hub's file
        assert store.get("ankara", study_uid, series, sop) == path.read_bytes()
    kinds = {p.relative_to(root).parts[0] for p in root.rglob("*") if p.is_file()}
    assert {"objects", "volumes", "records", "index.sqlite"} <= kinds
    print("\ncache folder after the session:\n" + "\n".join(listing(root)))  # noqa: T201

    control = scan(source, study_uid)  # the scan finds everything in plain DICOM files
    assert {what for _name, what in control} == {"DICM at offset 128", *needles(study_uid)}
    assert scan(root, study_uid) == []  # while open (SQLite journal included) ...
    store.close()
    assert scan(root, study_uid) == []  # ... and closed
    files_scanned = sum(1 for p in root.rglob("*") if p.is_file())
    print(f"scanned {files_scanned} files: 0 hits")  # noqa: T201
