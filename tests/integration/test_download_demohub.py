"""A study from the real demo hub into the encrypted cache, through a hostile network.

The hub runs on a loopback socket. Between it and the workstation, a fault-injecting
httpx transport cuts object bodies in the middle and answers bursts of 503; the hub's
own clock is moved past the URL lifetime during the download, so the hub itself refuses
the URLs it handed out. The study must still arrive complete, every cached object
byte-identical to the file the hub serves, and nothing readable must lie in the cache.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path

import httpx
import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid
from test_hub_dataset import FakeClock, fast_settings, sign_in

from workstation.cache.store import EncryptedStore
from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.server import start_in_thread
from workstation.hub.client import HubClient
from workstation.services.download_queue import DownloadQueue
from workstation.services.object_fetch import RetryPolicy
from workstation.services.object_http import HttpObjectFetcher
from workstation.services.series_loading import load_cached_series

URL_TTL = 300
PATIENT = "ÖZTÜRK^ZEYNEP"


def write_study(root: Path, series_counts: tuple[int, ...] = (12, 8)) -> tuple[str, dict]:
    """A CT study in tenant ankara; returns its UID and {sop: (series, path)}."""
    study_uid, frame_uid = generate_uid(), generate_uid()
    files: dict[str, tuple[str, Path]] = {}
    for number, count in enumerate(series_counts, start=1):
        series_uid = generate_uid()
        for k in range(count):
            sop = generate_uid()
            meta = FileMetaDataset()
            meta.MediaStorageSOPClassUID = CTImageStorage
            meta.MediaStorageSOPInstanceUID = sop
            meta.TransferSyntaxUID = ExplicitVRLittleEndian
            ds = Dataset()
            ds.file_meta = meta
            ds.SpecificCharacterSet = "ISO_IR 192"
            ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, sop
            ds.PatientName, ds.PatientID = PATIENT, "P-7001"
            ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
            ds.StudyDate, ds.StudyTime, ds.AccessionNumber = "20250102", "101500", "ACC-77"
            ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "CT", number, k + 1
            ds.FrameOfReferenceUID = frame_uid
            ds.ImagePositionPatient = [0.0, 0.0, 2.0 * k]
            ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
            ds.PixelSpacing = [0.7, 0.7]
            ds.Rows = ds.Columns = 64
            ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
            ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
            ds.RescaleSlope, ds.RescaleIntercept = 1, -1024
            pixels = (np.arange(64 * 64, dtype=np.uint16).reshape(64, 64) * (k + 3)) % 4096
            ds.PixelData = pixels.tobytes()
            path = root / "studies" / "s1" / f"{number}" / f"{k:03d}.dcm"
            path.parent.mkdir(parents=True, exist_ok=True)
            ds.save_as(path, enforce_file_format=True)
            files[sop] = (series_uid, path)
    manifest = {
        "version": 1,
        "tenants": [{"id": "ankara", "name": "Ankara City Hospital"}],
        "studies": [{"study_uid": study_uid, "tenant": "ankara", "priority": "STAT",
                     "status": "UNREAD", "clinical_notes": "", "dir": "studies/s1"}],
    }
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return study_uid, files


class Cut(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, keep: int) -> None:
        self.inner, self.keep = inner, keep

    def __iter__(self):
        sent = 0
        for chunk in self.inner:
            if sent + len(chunk) >= self.keep:
                yield chunk[: self.keep - sent]
                break
            sent += len(chunk)
            yield chunk
        raise httpx.ReadError("connection reset by peer")

    def close(self) -> None:
        self.inner.close()


class HostileNetwork(httpx.BaseTransport):
    """Between the workstation and the hub's object endpoint: 503 bursts, bodies cut in
    half, and the hub's clock pushed past the URL lifetime every few objects."""

    def __init__(self, clock: FakeClock) -> None:
        self.inner = httpx.HTTPTransport()
        self.clock = clock
        self.lock = threading.Lock()
        self.count = 0
        self.seen = {"5xx": 0, "cut": 0, "expired_by_clock": 0, "ranged": 0, "expired_answers": 0}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.count += 1
            n = self.count
            if "range" in request.headers:
                self.seen["ranged"] += 1
            if n % 11 in (1, 2):
                self.seen["5xx"] += 1
                return httpx.Response(503, text="<html>gateway busy</html>")
            if n % 13 == 0:
                self.clock.advance(URL_TTL + 1)  # every URL handed out so far is now dead
                self.seen["expired_by_clock"] += 1
        response = self.inner.handle_request(request)
        if response.status_code == 403:
            with self.lock:
                self.seen["expired_answers"] += 1
        if response.status_code in (200, 206) and n % 3 == 0:
            length = int(response.headers.get("content-length", "0"))
            with self.lock:
                self.seen["cut"] += 1
            response.stream = Cut(response.stream, length // 2)  # type: ignore[arg-type]
        return response

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("download-hub")
    study_uid, files = write_study(root / "demo")
    clock = FakeClock()
    running = start_in_thread(root / "data", port=0, manifest=root / "demo" / "manifest.json",
                              settings=fast_settings(clock, url_ttl=URL_TTL))
    yield running, clock, study_uid, files
    running.stop()


def test_study_arrives_byte_identical_through_faults_and_leaves_no_readable_dicom(hub, tmp_path):
    running, clock, study_uid, files = hub
    client = HubClient(running.base_url)
    sign_in(client, DEMO_READER, clock)
    network = HostileNetwork(clock)
    fetcher = HttpObjectFetcher(connections=4, transport=network, http2=False)
    store = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    events = []
    queue = DownloadQueue(client, store, fetcher, connections=4, on_progress=events.append,
                          retry=RetryPolicy(attempts=8, base_delay=0.001, max_delay=0.01,
                                            max_renewals=8))
    try:
        first_series = next(iter(files.values()))[0]
        result = queue.open_study("ankara", study_uid, series_uid=first_series, around=6)
        result = result.wait(timeout=60)
    finally:
        queue.shutdown()
        fetcher.close()
        client.close()

    assert result is not None and result.complete, result
    assert result.fetched == len(files) == 20
    for sop, (series, path) in files.items():
        assert store.get("ankara", study_uid, series, sop) == path.read_bytes()
    seen = network.seen
    assert seen["5xx"] >= 2 and seen["cut"] >= 2 and seen["ranged"] >= 2, seen
    assert seen["expired_by_clock"] >= 1 and seen["expired_answers"] >= 1, seen
    assert events[-1].study_done == events[-1].study_total == 20

    loaded = load_cached_series(store, "ankara", study_uid, first_series)
    assert loaded.stacks[0].count == 12 and loaded.stacks[0].header.patient_name == PATIENT

    grep = shutil.which("grep")
    if grep is not None:
        found = subprocess.run([grep, "-rl", "DICM", str(store.root)], capture_output=True,
                               text=True, check=False)
        assert (found.returncode, found.stdout) == (1, "")
    for path in store.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert PATIENT.encode() not in data and study_uid.encode() not in data
    store.close()
