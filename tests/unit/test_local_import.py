"""Local import: a folder (recursively, skipping what is not DICOM) and a DICOMDIR, read into
the encrypted cache through the same downloader as hub studies, pixel-identical."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from pydicom.fileset import FileSet

from workstation.cache.store import EncryptedStore
from workstation.dicom.decoders import decode_frames
from workstation.hub.errors import NotFound
from workstation.services.local_import import LOCAL_TENANT, LocalSource, scan
from workstation.services.study_download import StudyDownloader


@pytest.fixture()
def sources(shared_dicom: Path) -> dict[str, list[Path]]:
    ct = sorted((shared_dicom / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))[:3]
    mr = sorted((shared_dicom / "mr_series" / "dcm_qa_nih_GE_epi_mr0005").glob("*.dcm"))[:4]
    if len(ct) < 3 or len(mr) < 4:
        pytest.skip("shared series missing")
    return {"ct": ct, "mr": mr}


def _folder(tmp_path: Path, sources: dict[str, list[Path]]) -> Path:
    root = tmp_path / "usb"
    for name, files in sources.items():
        (root / name / "deeper").mkdir(parents=True)
        for k, path in enumerate(files):
            shutil.copy(path, root / name / "deeper" / f"IM{k:04d}")
    (root / "autorun.inf").write_text("[autorun]\n")
    no_uid = dcmread(sources["ct"][0])
    del no_uid.SOPInstanceUID
    no_uid.save_as(root / "broken.dcm")
    return root


def _check_cache_matches(collection, sources, tmp_path):
    source = LocalSource(collection)
    store = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    try:
        for files in sources.values():
            head = dcmread(files[0], stop_before_pixels=True)
            result = StudyDownloader(source, store, LOCAL_TENANT, workers=2).download(
                head.StudyInstanceUID, cancel=threading.Event())
            assert result.complete and result.fetched == len(files)
            for path in files:
                ds = dcmread(path)
                cached = store.get(LOCAL_TENANT, ds.StudyInstanceUID, ds.SeriesInstanceUID,
                                   ds.SOPInstanceUID)
                np.testing.assert_array_equal(decode_frames(dcmread(io.BytesIO(cached))),
                                              decode_frames(ds))
    finally:
        store.close()


def test_folder_scan_finds_studies_and_skips_non_dicom(tmp_path, sources):
    collection = scan(_folder(tmp_path, sources))
    assert len(collection.items) == 2
    assert collection.unreadable == 1  # the file without SOP Instance UID
    assert sorted(i.modality for i in collection.items) == ["CT", "MR"]
    for files in sources.values():
        head = dcmread(files[0], stop_before_pixels=True)
        detail = collection.details[head.StudyInstanceUID]
        assert [s.count for s in detail.series] == [len(files)]
        assert detail.item.patient_id == head.PatientID
    _check_cache_matches(collection, sources, tmp_path)


def test_dicomdir_is_read(tmp_path, sources):
    fs = FileSet()
    for files in sources.values():
        for path in files:
            ds = dcmread(path)
            # Type 1 in the STUDY and SERIES records (PS3.3 F.5): some originals leave
            # them empty; a disc writer fills them.
            for keyword, value in (("StudyDate", "20180918"), ("StudyTime", "120000"),
                                   ("StudyID", "1"), ("SeriesNumber", 1)):
                if not ds.get(keyword):
                    setattr(ds, keyword, value)
            fs.add(ds)
    fs.write(tmp_path / "cd")
    collection = scan(tmp_path / "cd" / "DICOMDIR")
    assert len(collection.files) == 7
    assert scan(tmp_path / "cd").files.keys() == collection.files.keys()  # the folder too
    _check_cache_matches(collection, sources, tmp_path)


def test_missing_file_and_unknown_path_are_clear(tmp_path, sources):
    collection = scan(_folder(tmp_path, sources))
    source = LocalSource(collection)
    with pytest.raises(NotFound):
        source.fetch("/etc/passwd")
    path = next(iter(collection.files.values()))
    path.unlink()
    with pytest.raises(NotFound, match="removed"):
        source.fetch(str(path))
    with pytest.raises(FileNotFoundError):
        scan(tmp_path / "nowhere")
