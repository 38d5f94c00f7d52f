"""QIDO-RS parameters from worklist filters, DICOM JSON to worklist rows, STOW-RS response
reasons and transfer-syntax negotiation."""

from __future__ import annotations

import json
from datetime import date, datetime

import httpx
import pytest

from workstation.core.study import Priority, StudyStatus
from workstation.dicomweb import mapping, negotiation
from workstation.dicomweb.client import DicomWebClient, query_string
from workstation.dicomweb.config import AuthKind, DicomWebConfig
from workstation.dicomweb.errors import (
    DicomWebUnreachable,
    StorePartial,
    StoreRejected,
)
from workstation.dicomweb.multipart import encode
from workstation.dicomweb.stow import parse_response


def test_filters_become_qido_parameters():
    params = dict(mapping.study_query(modality=["CT", "MR"], date_from=date(2026, 1, 2),
                                      date_to="2026-01-31", q=" oz ", limit=50, offset=100,
                                      status="UNREAD", priority="STAT"))
    assert params["ModalitiesInStudy"] == "CT,MR"
    assert params["StudyDate"] == "20260102-20260131"
    assert params["PatientName"] == "*oz*"
    assert params["fuzzymatching"] == "true"
    assert (params["limit"], params["offset"]) == ("50", "100")
    assert "status" not in params and "priority" not in params
    assert dict(mapping.study_query(date_from="2026-03-01"))["StudyDate"] == "20260301-"


def test_query_string_keeps_wildcards_literal():
    assert query_string([("PatientName", "*Öz^A*"), ("a b", "x&y")]) == (
        "?PatientName=*%C3%96z^A*&a%20b=x%26y")


def test_study_json_becomes_worklist_item():
    ds = {
        "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
        "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE"}]},
        "00100030": {"vr": "DA", "Value": ["19700102"]},
        "00080020": {"vr": "DA", "Value": ["20260105"]},
        "00080030": {"vr": "TM", "Value": ["0815"]},
        "00080061": {"vr": "CS", "Value": ["CT", "SR"]},
        "00080050": {"vr": "SH"},
    }
    item = mapping.worklist_item(ds, "pacs-a")
    assert item.patient_name == "DOE^JANE"
    assert item.patient_birth_date == date(1970, 1, 2)
    assert item.study_datetime == datetime(2026, 1, 5, 8, 15)
    assert item.modality == "CT"
    assert item.accession == ""
    assert (item.tenant_id, item.hospital) == ("pacs-a", "pacs-a")
    assert (item.priority, item.status) == (Priority.ROUTINE, StudyStatus.UNREAD)
    with pytest.raises(ValueError):
        mapping.worklist_item({}, "pacs-a")


def _stow_body(stored: list[tuple[str, int]], failed: list[tuple[str, int]]) -> bytes:
    def seq(items, reason_tag):
        return {"vr": "SQ", "Value": [
            {"00081150": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.88.33"]},
             "00081155": {"vr": "UI", "Value": [uid]},
             **({reason_tag: {"vr": "US", "Value": [code]}} if code else {})}
            for uid, code in items]}
    return json.dumps({"00081199": seq(stored, "00081196"),
                       "00081198": seq(failed, "00081197")}).encode()


def test_stow_responses():
    assert len(parse_response(200, _stow_body([("1.1", 0)], [])).stored) == 1
    with pytest.raises(StorePartial) as partial:
        parse_response(202, _stow_body([("1.1", 0xB000)], [("1.2", 0xA700)]))
    assert partial.value.failed[0].reason_text == "out of resources (server storage full)"
    assert partial.value.warnings[0].sop_instance_uid == "1.1"
    assert "stored 1 of 2" in partial.value.message
    assert "coercion" in partial.value.message
    with pytest.raises(StoreRejected) as conflict:
        parse_response(409, _stow_body([], [("1.2", 0x0110)]))
    assert "409" in conflict.value.message and "processing failure" in conflict.value.message
    with pytest.raises(StoreRejected):
        parse_response(415, b"")


def test_negotiation_prefers_native_then_falls_back_to_stored():
    assert negotiation.preferred_syntaxes()[0] == "1.2.840.10008.1.2.1"
    assert negotiation.attempts() == ["1.2.840.10008.1.2.1", "*"]
    assert negotiation.attempts(["*"]) == ["*"]
    assert negotiation.accept_header("*") == (
        'multipart/related; type="application/dicom"; transfer-syntax=*')


def test_client_falls_back_to_stored_syntax_and_sends_auth():
    seen: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers["accept"], request.headers.get("authorization", "")))
        if "transfer-syntax=*" not in request.headers["accept"]:
            return httpx.Response(406)
        body, boundary = encode([("application/dicom", b"one"), ("application/dicom", b"two")])
        return httpx.Response(200, content=body, headers={
            "content-type": f'multipart/related; type="application/dicom"; boundary={boundary}'})

    config = DicomWebConfig("https://pacs.example/dicom-web", AuthKind.BEARER, secret="tok")
    assert "tok" not in repr(config)
    with DicomWebClient(config, transport=httpx.MockTransport(handler)) as client:
        assert client.retrieve("1.2.3", "1.2.3.4") == [b"one", b"two"]
        # The same series again: straight to the stored syntax, no second refusal.
        assert client.retrieve("1.2.3", "1.2.3.4", "1.2.3.4.5") == [b"one", b"two"]
        with pytest.raises(ValueError):
            list(client.iter_url("https://elsewhere.example/x"))
    assert [a.split("transfer-syntax=")[1] for a, _ in seen] == [
        "1.2.840.10008.1.2.1", "*", "*"]
    assert all(auth == "Bearer tok" for _, auth in seen)


def test_config_rejects_credentials_in_url_and_unreachable_is_plain():
    with pytest.raises(ValueError):
        DicomWebConfig("https://user:pw@pacs.example/dicom-web")
    with pytest.raises(ValueError):
        DicomWebConfig("ftp://pacs.example")
    with pytest.raises(ValueError, match="CA bundle"):
        DicomWebConfig("https://pacs.example", ca_bundle="/no/such/ca.pem").ssl_context()
    assert DicomWebConfig("https://pacs.example").ssl_context().check_hostname

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with DicomWebClient(DicomWebConfig("https://pacs.example/dw"),
                        transport=httpx.MockTransport(handler)) as client, \
            pytest.raises(DicomWebUnreachable, match="cannot be reached"):
        client.search_studies([])
