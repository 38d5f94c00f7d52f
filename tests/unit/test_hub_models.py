"""Hub JSON parsing, HTTP error mapping and log redaction of the hub client."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import httpx
import pytest

from workstation.core.study import Priority, StudyStatus
from workstation.hub import models
from workstation.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubUnreachable,
    NotFound,
    PermissionDenied,
    UrlExpired,
)
from workstation.hub.http_errors import to_error
from workstation.hub.redaction import QueryRedactingFilter

ITEM = {
    "study_uid": "1.2.3",
    "accession": "ACC-1",
    "patient_name": "YILMAZ^AYŞE",
    "patient_id": "P-1",
    "patient_sex": "F",
    "patient_birth_date": "1970-03-12",
    "modality": "CT/PT",
    "description": "PET-CT",
    "study_datetime": "2024-05-10T08:30:00",
    "tenant_id": "ankara",
    "hospital": "Ankara City Hospital",
    "priority": "STAT",
    "status": "PRELIMINARY",
    "priors_count": 2,
    "clinical_notes": "rule out PE",
}


def test_parse_item() -> None:
    item = models.parse_item(ITEM)
    assert item.priority is Priority.STAT and item.status is StudyStatus.PRELIMINARY
    assert item.patient_birth_date == date(1970, 3, 12)
    assert item.study_datetime == datetime(2024, 5, 10, 8, 30)
    assert (item.patient_name, item.priors_count, item.modality) == ("YILMAZ^AYŞE", 2, "CT/PT")
    empty = models.parse_item(ITEM | {"patient_birth_date": None, "study_datetime": None})
    assert empty.patient_birth_date is None and empty.study_datetime is None
    assert (item.claimed_by, item.claim_expires_at, item.open_critical) == ("", None, 0)


def test_parse_item_with_claim_and_open_critical_results() -> None:
    item = models.parse_item(ITEM | {"claimed_by": "dr.izmir", "open_critical": 2,
                                     "claim_expires_at": "2026-01-05T08:30:05Z"})  # fmt: skip
    assert item.claimed_by == "dr.izmir" and item.open_critical == 2
    assert item.claim_expires_at == datetime(2026, 1, 5, 8, 30, 5, tzinfo=UTC)


def test_parse_user_carries_the_permissions() -> None:
    user = models.parse_user({"username": "res", "display_name": "R", "role": "resident",
                              "tenants": ["ankara"],
                              "permissions": ["see_worklist", "write_preliminary"]})  # fmt: skip
    assert user.can("write_preliminary") and not user.can("sign_final")
    older = models.parse_user({"username": "x", "role": "radiologist"})
    assert older.permissions == () and not older.can("see_worklist")


@pytest.mark.parametrize(
    "data",
    [
        ITEM | {"priority": "SOON"},
        ITEM | {"status": "DONE"},
        {k: v for k, v in ITEM.items() if k != "tenant_id"},
    ],
)
def test_parse_item_is_strict(data: dict) -> None:
    with pytest.raises((ValueError, KeyError)):
        models.parse_item(data)


def test_parse_study_and_urls() -> None:
    detail = models.parse_study(
        {
            "study": ITEM,
            "series": [
                {
                    "series_uid": "1.2.3.1",
                    "series_number": 2,
                    "modality": "PT",
                    "description": "WB",
                    "body_part": "",
                    "laterality": "",
                    "view_position": "",
                    "instances": [
                        {"sop_instance_uid": "1.2.3.1.1", "instance_number": 1, "size": 10}
                    ],
                }
            ],
            "priors": [ITEM | {"study_uid": "1.2.0", "priority": "ROUTINE"}],
        }
    )
    assert detail.series[0].count == 1 and detail.series[0].instances[0].size == 10
    assert detail.priors[0].priority is Priority.ROUTINE
    url = models.parse_instance_url(
        {
            "study_uid": "1",
            "series_uid": "2",
            "sop_instance_uid": "3",
            "url": "http://h/objects/1?sig=x",
            "expires_at": "2026-01-05T08:05:35Z",
            "size": 5,
        }
    )
    assert url.expires_at == datetime(2026, 1, 5, 8, 5, 35, tzinfo=UTC)


def test_challenge_repr_hides_the_token() -> None:
    challenge = models.parse_challenge({"mfa_token": "secret.jwt.value", "expires_in": 300})
    assert "secret.jwt.value" not in repr(challenge) and challenge.methods == ("totp",)


@pytest.mark.parametrize(
    ("status", "body", "cls", "code"),
    [
        (401, {"error": "invalid_code"}, AuthError, "invalid_code"),
        (429, {"error": "throttled", "retry_after": 4}, AuthError, "throttled"),
        (423, {"error": "locked"}, AuthError, "locked"),
        (403, {"error": "url_expired"}, UrlExpired, "url_expired"),
        (403, {"error": "bad_signature"}, UrlExpired, "bad_signature"),
        (403, {"error": "forbidden"}, PermissionDenied, "forbidden"),
        (404, {"error": "not_found"}, NotFound, "not_found"),
        (409, {"error": "already_signed", "by": "dr.izmir"}, Conflict, "already_signed"),
        (422, {"error": "missing_fields"}, HubError, "missing_fields"),
        (500, None, HubError, "http_500"),
        (503, None, HubUnreachable, "unreachable"),
    ],
)
def test_error_mapping(status: int, body: dict | None, cls: type, code: str) -> None:
    response = httpx.Response(status, json=body) if body else httpx.Response(status, text="<html>")
    err = to_error(response)
    assert type(err) is cls and err.code == code
    extra = {k: v for k, v in (body or {}).items() if k != "error"}
    assert err.details == extra  # e.g. who signed first, seconds to wait


def test_httpx_request_log_loses_query_strings() -> None:
    url = httpx.URL("http://hub/objects/4?u=dr.demo&exp=1&sig=deadbeef")
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, 'HTTP Request: %s %s "%s"', ("GET", url, "200"), None
    )
    assert QueryRedactingFilter().filter(record)
    message = record.getMessage()
    assert "deadbeef" not in message and "http://hub/objects/4" in message
