"""DICOMweb against a real Orthanc: browse with QIDO-RS, retrieve with WADO-RS into the
encrypted cache (pixel-identical to the source files), file a report as SR + PDF with
STOW-RS and find it again, and the failures a reader must understand (409, partial store,
wrong password)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread

from tests.integration.orthanc_server import PASSWORD, USER, Orthanc, start_orthanc
from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.dicom.decoders import decode_frames
from workstation.dicomweb import dicom_json as dj
from workstation.dicomweb.client import DicomWebClient
from workstation.dicomweb.config import AuthKind, DicomWebConfig
from workstation.dicomweb.errors import DicomWebAuthError, StorePartial, StoreRejected
from workstation.hub.errors import PermissionDenied
from workstation.reporting.encapsulated_pdf import extract_pdf
from workstation.services.dicomweb_retrieve import retrieve_series
from workstation.services.dicomweb_source import DicomWebSource
from workstation.services.report_submission import SubmissionStatus, submit_report
from workstation.services.study_download import StudyDownloader

EXPLICIT_LE = "1.2.840.10008.1.2.1"
HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202"


def _files(shared: Path) -> dict[str, list[Path]]:
    ct = sorted((shared / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))[:6]
    mr = sorted((shared / "mr_series" / "dcm_qa_nih_GE_epi_mr0005").glob("*.dcm"))[:10]
    jpeg_ls = [shared / "transfer_syntax" / "orthanc" / "1.2.840.10008.1.2.4.80.dcm"]
    htj2k = [shared / "transfer_syntax" / "dicomhtj2k" / "CT1_JPH"]
    files = {"ct": ct, "mr": mr, "jpeg_ls": jpeg_ls, "htj2k": htj2k}
    if len(ct) < 6 or len(mr) < 10 or not all(p.exists() for p in jpeg_ls + htj2k):
        pytest.skip("the shared DICOM series are incomplete")
    return files


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory: pytest.TempPathFactory, shared_dicom: Path
            ) -> Iterator[tuple[Orthanc, dict[str, list[Path]]]]:
    files = _files(shared_dicom)
    for server in start_orthanc(tmp_path_factory.mktemp("orthanc")):
        for group in files.values():
            for path in group:
                server.upload(path)
        yield server, files


def _client(server: Orthanc, password: str = PASSWORD) -> DicomWebClient:
    return DicomWebClient(DicomWebConfig(server.dicomweb_url, AuthKind.BASIC, USER, password))


def _uids(path: Path) -> tuple[str, str, str]:
    ds = dcmread(path, stop_before_pixels=True)
    return ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID


def _pixels(data: bytes | Path) -> np.ndarray:
    ds = dcmread(io.BytesIO(data) if isinstance(data, bytes) else data)
    return decode_frames(ds)


def test_qido_lists_studies_with_filters_and_paging(orthanc):
    server, files = orthanc
    source = DicomWebSource(_client(server), "orthanc-test")
    items = source.worklist()
    assert len(items) == 4
    by_study = {i.study_uid: i for i in items}
    ct_study = _uids(files["ct"][0])[0]
    assert by_study[ct_study].modality == "CT"
    assert all(i.tenant_id == "orthanc-test" for i in items)

    mr = source.worklist(modality="MR")
    assert [i.study_uid for i in mr] == [_uids(files["mr"][0])[0]]
    assert {i.modality for i in source.worklist(modality=["MR", "NM"])} == {"MR", "NM"}
    named = dcmread(files["jpeg_ls"][0], stop_before_pixels=True).PatientName
    found = source.worklist(q=str(named)[2:6].lower())  # part of the name, any case
    assert str(named) in {i.patient_name for i in found}

    first, second = source.worklist(limit=2, offset=0), source.worklist(limit=2, offset=2)
    assert len(first) == 2 and len(second) == 2
    assert {i.study_uid for i in first}.isdisjoint({i.study_uid for i in second})

    detail = source.study(ct_study)
    assert [s.count for s in detail.series] == [6]
    assert {i.sop_instance_uid for i in detail.series[0].instances} == {
        _uids(p)[2] for p in files["ct"]}


def test_wado_series_streams_into_cache_pixel_identical(orthanc, tmp_path):
    server, files = orthanc
    client = _client(server)
    store = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    try:
        for name, group in files.items():
            study, series, _ = _uids(group[0])
            result = retrieve_series(client, store, "orthanc-test", study, series)
            assert result.stored == len(group), name
            for path in group:
                _, _, sop = _uids(path)
                cached = store.get("orthanc-test", study, series, sop)
                assert cached is not None, name
                np.testing.assert_array_equal(_pixels(cached), _pixels(path))
                syntax = dcmread(io.BytesIO(cached), stop_before_pixels=True
                                 ).file_meta.TransferSyntaxUID
                # Lossless JPEG-LS is transcoded to what we decode fastest; HTJ2K, which
                # this Orthanc cannot write, comes as stored after the fallback to "*".
                expected = HTJ2K_LOSSLESS_RPCL if name == "htj2k" else EXPLICIT_LE
                assert syntax == expected, name
    finally:
        store.close()
        client.close()


def test_app_download_path_fills_the_cache_per_instance(orthanc, tmp_path):
    """The viewer's downloader (queue, retries) over DicomWebSource, then the viewer's
    cached-series loader."""
    from workstation.services.series_loading import load_cached_series

    server, files = orthanc
    source = DicomWebSource(_client(server), "orthanc-test")
    store = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    try:
        study, series, _ = _uids(files["mr"][0])
        result = StudyDownloader(source, store, "orthanc-test", workers=3).download(
            study, series, cancel=threading.Event(), series_only=True)
        assert result.complete and result.fetched == 10
        loaded = load_cached_series(store, "orthanc-test", study, series,
                                    use_volume_cache=False)
        assert not loaded.errors
        assert sum(stack.count for stack in loaded.stacks) == 10
        for path in files["mr"]:
            cached = store.get("orthanc-test", study, series, _uids(path)[2])
            np.testing.assert_array_equal(_pixels(cached), _pixels(path))
    finally:
        store.close()
        source.close()


def test_metadata_has_no_file_meta(orthanc):
    server, files = orthanc
    study, series, _ = _uids(files["ct"][0])
    with _client(server) as client:
        metadata = client.metadata(study, series)
    assert len(metadata) == 6
    assert {dj.text(m, dj.SOP_UID) for m in metadata} == {_uids(p)[2] for p in files["ct"]}
    assert not any(tag.startswith("0002") for m in metadata for tag in m)


def test_report_stored_as_sr_and_pdf_and_found_again(orthanc):
    server, files = orthanc
    study, _, _ = _uids(files["ct"][0])
    source = DicomWebSource(_client(server), "orthanc-test", author="Dr. Test Reader")
    try:
        source.worklist()
        draft = ReportDraft(study, "No acute intracranial finding.", "Normal head CT.",
                            ReportKind.FINAL)
        receipt = submit_report(source, draft)
        assert receipt.ok, receipt.message
        series = source.client.search_series(study)
        modalities = sorted(dj.text(s, dj.MODALITY) for s in series)
        assert modalities == ["CT", "DOC", "SR"]
        doc_series = next(s for s in series if dj.text(s, dj.MODALITY) == "DOC")
        (pdf_instance,) = source.client.retrieve(study, dj.text(doc_series, dj.SERIES_UID))
        pdf = extract_pdf(dcmread(io.BytesIO(pdf_instance)))
        assert pdf.startswith(b"%PDF-")
        sr_series = next(s for s in series if dj.text(s, dj.MODALITY) == "SR")
        (sr_instance,) = source.client.retrieve(study, dj.text(sr_series, dj.SERIES_UID))
        sr = dcmread(io.BytesIO(sr_instance))
        assert sr.PatientID == dcmread(files["ct"][0], stop_before_pixels=True).PatientID
        assert sr.VerificationFlag == "VERIFIED"
        # The viewer's study detail keeps showing the images only.
        assert [s.modality for s in source.study(study).series] == ["CT"]
    finally:
        source.close()


def test_store_conflict_and_partial_are_explained(orthanc):
    server, files = orthanc
    ct_study = _uids(files["ct"][0])[0]
    mr_file = files["mr"][0].read_bytes()
    ct_file = files["ct"][0].read_bytes()
    with _client(server) as client:
        with pytest.raises(StoreRejected) as rejected:
            client.store([mr_file], ct_study)  # an MR instance filed into the CT study
        assert rejected.value.status == 409
        assert "409" in rejected.value.message and "processing failure" in rejected.value.message
        assert [f.sop_instance_uid for f in rejected.value.failed] == [_uids(files["mr"][0])[2]]

        with pytest.raises(StorePartial) as partial:
            client.store([ct_file, mr_file], ct_study)
        assert [o.sop_instance_uid for o in partial.value.stored] == [_uids(files["ct"][0])[2]]
        assert len(partial.value.failed) == 1
        assert "stored 1 of 2" in partial.value.message

    # A report whose objects name another study than the one it is filed into.
    source = DicomWebSource(_client(server), "orthanc-test")
    try:
        source.worklist()
        mr_study = _uids(files["mr"][0])[0]
        source._items[mr_study] = replace(source._items[mr_study], study_uid=ct_study)
        receipt = submit_report(source, ReportDraft(mr_study, "findings", "impression"))
    finally:
        source.close()
    assert receipt.status is SubmissionStatus.CONFLICT
    assert "409" in receipt.message


def test_wrong_password_is_explained(orthanc):
    server, _ = orthanc
    with _client(server, "wrong-password") as client, pytest.raises(DicomWebAuthError) as err:
        client.search_studies([])
    assert err.value.status == 401
    assert "refused the sign-in" in err.value.message
    source = DicomWebSource(_client(server, "wrong-password"), "orthanc-test")
    with pytest.raises(PermissionDenied) as denied:
        source.worklist()
    assert "user name and password" in denied.value.message
    source.close()
