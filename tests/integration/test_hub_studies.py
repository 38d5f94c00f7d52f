"""Worklist, study detail, tenant scope and pre-signed object URLs over a real loopback socket."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from test_hub_dataset import DemoSet, FakeClock, build_hub_dataset, fast_settings, sign_in

from workstation.core.study import Priority, StudyStatus
from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER
from workstation.demohub.server import RunningHub, start_in_thread
from workstation.hub.client import HubClient
from workstation.hub.errors import HubError, NotFound, PermissionDenied, UrlExpired


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hub")
    demo = build_hub_dataset(root / "demo-data")
    clock = FakeClock()
    hub = start_in_thread(
        root / "data", port=0, manifest=demo.manifest, settings=fast_settings(clock)
    )
    yield hub, demo, clock
    hub.stop()


@pytest.fixture
def reader(live) -> HubClient:
    hub, _demo, clock = live
    client = HubClient(hub.base_url)
    sign_in(client, DEMO_READER, clock)
    yield client
    client.close()


@pytest.fixture
def izmir(live) -> HubClient:
    hub, _demo, clock = live
    client = HubClient(hub.base_url)
    sign_in(client, DEMO_IZMIR, clock)
    yield client
    client.close()


def test_health_and_openapi_are_served(live) -> None:
    hub: RunningHub = live[0]
    assert hub.base_url.startswith("http://127.0.0.1:")
    assert httpx.get(f"{hub.base_url}/api/v1/health").json() == {"status": "ok"}
    spec = httpx.get(f"{hub.base_url}/openapi.json").json()
    assert {
        "/api/v1/auth/login",
        "/api/v1/auth/totp",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/worklist",
        "/api/v1/studies/{study_uid}",
        "/api/v1/studies/{study_uid}/urls",
        "/api/v1/studies/{study_uid}/reports",
        "/objects/{instance_id}",
    } <= spec["paths"].keys()


def test_worklist_puts_stat_first_then_oldest(live, reader: HubClient) -> None:
    demo: DemoSet = live[1]
    items = reader.worklist()
    assert [i.study_uid for i in items] == [
        demo.uids["ankara_stat"],
        demo.uids["izmir"],
        demo.uids["ankara_old"],
    ]
    stat = items[0]
    assert stat.priority is Priority.STAT and stat.status is StudyStatus.UNREAD
    assert stat.patient_name == "YILMAZ^AYŞE" and stat.patient_id == "P-1001"
    assert stat.patient_birth_date == date(1970, 3, 12)
    assert stat.study_datetime == datetime(2024, 5, 10, 8, 30)
    assert (stat.hospital, stat.tenant_id, stat.priors_count) == (
        "Ankara City Hospital",
        "ankara",
        1,
    )
    assert stat.clinical_notes == "Sudden dyspnoea, rule out PE"
    assert items[1].modality == "CT/PT" and items[2].status is StudyStatus.FINAL


def test_worklist_filters(live, reader: HubClient) -> None:
    uids = live[1].uids

    def found(**kwargs) -> list[str]:
        return [i.study_uid for i in reader.worklist(**kwargs)]

    assert found(q="ayşe") == [uids["ankara_stat"], uids["ankara_old"]]
    assert found(q="acc-3") == [uids["izmir"]]
    assert found(status=StudyStatus.FINAL) == [uids["ankara_old"]]
    assert found(modality="PT") == [uids["izmir"]]
    assert found(priority=[Priority.STAT, Priority.ROUTINE]) == [
        uids["ankara_stat"],
        uids["ankara_old"],
    ]
    assert found(tenant="izmir") == [uids["izmir"]]
    assert found(date_from=date(2024, 1, 1), date_to=date(2024, 5, 31)) == [uids["ankara_stat"]]
    assert found(limit=1, offset=1) == [uids["izmir"]]
    with pytest.raises(HubError) as err:
        reader.worklist(status="MAYBE")
    assert (err.value.code, err.value.status) == ("invalid_request", 422)


def test_worklist_pages_carry_the_total(live, reader: HubClient) -> None:
    uids = live[1].uids
    order = [uids["ankara_stat"], uids["izmir"], uids["ankara_old"]]
    pages = [reader.worklist_page(limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [[i.study_uid for i in p.items] for p in pages] == [order[:2], order[2:], []]
    assert {(p.total, p.limit) for p in pages} == {(3, 2)}
    filtered = reader.worklist_page(tenant="ankara", limit=1)
    assert (filtered.total, [i.study_uid for i in filtered.items]) == (2, [uids["ankara_stat"]])
    with pytest.raises(HubError) as err:
        reader.worklist(limit=0)
    assert err.value.status == 422


def test_tenant_scope_is_enforced(live, izmir: HubClient) -> None:
    uids = live[1].uids
    assert [i.study_uid for i in izmir.worklist()] == [uids["izmir"]]
    assert izmir.worklist(tenant="ankara") == []
    for call in (izmir.study, izmir.instance_urls, izmir.reports):
        with pytest.raises(NotFound) as err:
            call(uids["ankara_stat"])
        assert err.value.code == "not_found"
    with pytest.raises(NotFound):
        izmir.study("1.2.3.4.does.not.exist")


def test_study_detail_lists_series_instances_and_priors(live, reader: HubClient) -> None:
    demo: DemoSet = live[1]
    detail = reader.study(demo.uids["izmir"])
    assert [(s.series_number, s.modality, s.count) for s in detail.series] == [
        (1, "CT", 2),
        (2, "PT", 1),
    ]
    first = detail.series[0]
    assert [i.instance_number for i in first.instances] == [1, 2]
    assert all(i.size == demo.files[i.sop_instance_uid].stat().st_size for i in first.instances)
    assert (first.body_part, first.laterality) == ("CHEST", "U")
    assert detail.priors == ()
    stat = reader.study(demo.uids["ankara_stat"])
    assert [p.study_uid for p in stat.priors] == [demo.uids["ankara_old"]]


def test_presigned_urls_serve_the_exact_files(live, reader: HubClient) -> None:
    hub, demo, clock = live
    urls = reader.instance_urls(demo.uids["izmir"])
    assert len(urls) == 3 and all(u.url.startswith(f"{hub.base_url}/objects/") for u in urls)
    assert urls[0].expires_at.timestamp() == int(clock()) + 300
    with ThreadPoolExecutor(max_workers=3) as pool:
        bodies = list(pool.map(lambda u: reader.fetch(u.url), urls))
    for url, body in zip(urls, bodies, strict=True):
        assert body == demo.files[url.sop_instance_uid].read_bytes()
        assert body[128:132] == b"DICM"
    answer = httpx.get(urls[0].url)  # no bearer token needed
    assert answer.headers["content-type"] == "application/dicom"
    pt_series = reader.study(demo.uids["izmir"]).series[1].series_uid
    only_pt = reader.instance_urls(demo.uids["izmir"], pt_series)
    assert [u.series_uid for u in only_pt] == [pt_series]


def _with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return parts._replace(query=urlencode(query)).geturl()


def test_tampered_and_expired_urls_are_refused(live, reader: HubClient) -> None:
    _hub, demo, clock = live
    url = reader.instance_urls(demo.uids["ankara_stat"])[0].url
    sig = parse_qs(urlsplit(url).query)["sig"][0]
    instance_id = int(urlsplit(url).path.rsplit("/", 1)[1])
    tampered = [
        _with_query(url, sig=sig[:-1] + ("0" if sig[-1] != "0" else "1")),
        _with_query(url, u="dr.izmir"),
        _with_query(url, t="izmir"),
        _with_query(url, exp=str(int(clock()) + 10_000)),
        url.replace(f"/objects/{instance_id}?", f"/objects/{instance_id + 1}?"),
    ]
    for bad in tampered:
        with pytest.raises(UrlExpired) as err:
            reader.fetch(bad)
        assert (err.value.code, err.value.status) == ("bad_signature", 403)
    clock.advance(301)
    with pytest.raises(UrlExpired) as err:
        reader.fetch(url)
    assert err.value.code == "url_expired"


def test_range_requests(live, reader: HubClient) -> None:
    demo: DemoSet = live[1]
    url = reader.instance_urls(demo.uids["izmir"])[0]
    whole = demo.files[url.sop_instance_uid].read_bytes()
    size = len(whole)
    part = httpx.get(url.url, headers={"Range": "bytes=128-131"})
    assert part.status_code == 206 and part.content == b"DICM" == whole[128:132]
    assert part.headers["content-range"] == f"bytes 128-131/{size}"
    tail = httpx.get(url.url, headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == whole[-10:]
    beyond = httpx.get(url.url, headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    assert httpx.get(url.url, headers={"Range": "bytes=0-1,5-6"}).content == whole


def test_object_urls_die_with_tenant_access(live, izmir: HubClient) -> None:
    hub, demo, _clock = live
    url = izmir.instance_urls(demo.uids["izmir"])[0].url
    with sqlite3.connect(hub.db_path) as conn:
        conn.execute("UPDATE users SET tenants = '[]' WHERE username = 'dr.izmir'")
    try:
        with pytest.raises(PermissionDenied) as err:
            izmir.fetch(url)
        assert err.value.code == "forbidden"
    finally:
        with sqlite3.connect(hub.db_path) as conn:
            conn.execute("UPDATE users SET tenants = '[\"izmir\"]' WHERE username = 'dr.izmir'")


def test_audit_trail_is_written_and_append_only(live, reader: HubClient) -> None:
    hub, demo, _clock = live
    reader.worklist()
    url = reader.instance_urls(demo.uids["izmir"])[0].url
    reader.fetch(url)
    with pytest.raises(UrlExpired):
        reader.fetch(url.replace("sig=", "sig=0"))
    with sqlite3.connect(hub.db_path) as conn:
        events = {
            (event, outcome)
            for event, outcome in conn.execute(
                "SELECT event, outcome FROM audit WHERE username = 'dr.demo'"
            )
        }
        assert {
            ("login", "ok"),
            ("worklist", "ok"),
            ("urls_issued", "ok"),
            ("object_fetch", "ok"),
            ("object_fetch", "bad_signature"),
        } <= events
        for statement in ("UPDATE audit SET outcome = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)
