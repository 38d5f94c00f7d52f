"""A real Orthanc PACS with its DICOMweb plugin, started for the tests as a subprocess (not
the system service): free loopback port, temporary storage, HTTP authentication on, DICOM
network off. Tests skip cleanly when the Debian packages ``orthanc`` and
``orthanc-dicomweb`` are not installed (``make test`` installs them)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

USER, PASSWORD = "reader", "orthanc-test-pass"
PLUGIN_NAME = "libOrthancDicomWeb.so"


def orthanc_binary() -> str | None:
    return shutil.which("Orthanc") or next(
        (p for p in ("/usr/sbin/Orthanc", "/usr/bin/Orthanc") if Path(p).exists()), None)


def dicomweb_plugin() -> str | None:
    """The plugin's path from the package's file list, else its usual place."""
    try:
        listing = subprocess.run(["dpkg", "-L", "orthanc-dicomweb"], capture_output=True,
                                 text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    for line in listing.splitlines():
        if Path(line).name.startswith(PLUGIN_NAME) and Path(line).is_file():
            return line
    fallback = Path("/usr/share/orthanc/plugins") / PLUGIN_NAME
    return str(fallback) if fallback.exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Orthanc:
    base_url: str  # the REST root, e.g. http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]

    @property
    def dicomweb_url(self) -> str:
        return f"{self.base_url}/dicom-web"

    def upload(self, path: Path) -> None:
        """Through Orthanc's own REST API (the DICOMweb STOW path is under test)."""
        response = httpx.post(f"{self.base_url}/instances", content=path.read_bytes(),
                              auth=(USER, PASSWORD), timeout=30)
        response.raise_for_status()


def start_orthanc(folder: Path) -> Iterator[Orthanc]:
    binary, plugin = orthanc_binary(), dicomweb_plugin()
    if binary is None or plugin is None:
        pytest.skip("Orthanc or its DICOMweb plugin is not installed "
                    "(apt-get install orthanc orthanc-dicomweb)")
    storage = folder / "storage"
    storage.mkdir(parents=True)
    port = free_port()
    config = {
        "Name": "workstation-tests",
        "StorageDirectory": str(storage),
        "IndexDirectory": str(storage),
        "HttpPort": port,
        "DicomPort": free_port(),
        "DicomServerEnabled": False,
        "RemoteAccessAllowed": False,
        "AuthenticationEnabled": True,
        "RegisteredUsers": {USER: PASSWORD},
        "Plugins": [plugin],
        "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False},
        "StorageCompression": False,
        "SaveJobs": False,
        "HttpThreadsCount": 8,
    }
    config_path = folder / "orthanc.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    log = (folder / "orthanc.log").open("wb")
    process = subprocess.Popen([binary, str(config_path)], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Orthanc(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail("Orthanc exited at start:\n"
                            + (folder / "orthanc.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(f"{server.base_url}/system", auth=(USER, PASSWORD),
                             timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("Orthanc did not start within 30 s")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()
