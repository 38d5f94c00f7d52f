"""One object through a pre-signed URL: Range resume (RFC 9110 section 14), refusals, retries."""

from __future__ import annotations

import json
import random
import socket
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from workstation.core.study import InstanceUrl
from workstation.hub.errors import HubError, NotFound, PermissionDenied, UrlExpired
from workstation.services.object_fetch import (
    FetchCancelled,
    Outcome,
    RetryPolicy,
    TransferInterrupted,
    UrlBook,
    fetch_instance,
)
from workstation.services.object_http import HttpObjectFetcher, http2_available

DATA = bytes(range(256)) * 40  # 10 240 bytes
URL = "http://objects.test/o/1?sig=secret"


class CutStream(httpx.SyncByteStream):
    """A body that delivers ``data`` and then breaks like a dropped connection."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self):
        yield self.data
        raise httpx.RemoteProtocolError("peer closed connection")


class RangeServer:
    """Serves DATA with ranges; ``cut_after`` drops bodies after that many bytes. Runs as
    an httpx MockTransport handler or behind a real loopback HTTP/1.1 socket."""

    def __init__(self, cut_after: list[int] | None = None, honour_range: bool = True) -> None:
        self.cut_after = list(cut_after or [])
        self.honour_range = honour_range
        self.ranges: list[str | None] = []

    def answer(self, range_header: str | None) -> tuple[int, dict[str, str], bytes, int | None]:
        """(status, headers, body, bytes to send before dropping or None)."""
        self.ranges.append(range_header)
        first = int(range_header.removeprefix("bytes=").rstrip("-")) if range_header else 0
        if not self.honour_range:
            first, range_header = 0, None
        if first >= len(DATA):
            return 416, {"content-range": f"bytes */{len(DATA)}", "content-length": "0"}, b"", None
        body = DATA[first:]
        headers = {"content-length": str(len(body))}
        if range_header:
            headers["content-range"] = f"bytes {first}-{len(DATA) - 1}/{len(DATA)}"
        cut = self.cut_after.pop(0) if self.cut_after else None
        return (206 if range_header else 200), headers, body, cut

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert "authorization" not in request.headers
        assert request.headers["accept-encoding"] == "identity"
        status, headers, body, cut = self.answer(request.headers.get("range"))
        if cut is not None:
            return httpx.Response(status, headers=headers, stream=CutStream(body[:cut]))
        return httpx.Response(status, headers=headers, content=body)


def serve_http11(server: RangeServer):
    """``server`` behind a real HTTP/1.1 loopback socket (the standard-library engine)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            assert self.headers.get("Authorization") is None
            assert self.headers["Accept-Encoding"] == "identity"
            if self.path.startswith("/status/"):
                status, code = self.path.split("/")[2:4]
                raw = json.dumps({"error": code, "message": "no"}).encode()
                self.send_response(int(status))
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
                return
            status, headers, body, cut = server.answer(self.headers.get("Range"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if cut is None:
                self.wfile.write(body)
                return
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True).start()
    return httpd


@pytest.fixture(params=["httpx", "http11"])
def engine(request):
    """Returns a function: RangeServer -> (fetcher, url), for each HTTP engine."""
    servers = []

    def make(server: RangeServer):
        if request.param == "httpx":
            return HttpObjectFetcher(transport=httpx.MockTransport(server), http2=False), URL
        httpd = serve_http11(server)
        servers.append(httpd)
        port = httpd.server_address[1]
        return HttpObjectFetcher(http2=False), f"http://127.0.0.1:{port}/o/1?sig=secret"

    yield make
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_a_dropped_body_is_resumed_with_range_from_the_bytes_received(engine):
    server = RangeServer(cut_after=[3000, 2000])
    fetcher, url = engine(server)
    with pytest.raises(TransferInterrupted) as first:
        fetcher.fetch(url, bytearray())
    assert bytes(first.value.received) == DATA[:3000]  # kept in memory for the resume
    with pytest.raises(TransferInterrupted) as second:
        fetcher.fetch(url, first.value.received)
    assert bytes(second.value.received) == DATA[:5000]
    assert fetcher.fetch(url, second.value.received) == DATA
    assert server.ranges == [None, "bytes=3000-", "bytes=5000-"]
    fetcher.close()


def test_a_server_that_ignores_range_restarts_the_object(engine):
    fetcher, url = engine(RangeServer(cut_after=[4000], honour_range=False))
    with pytest.raises(TransferInterrupted) as dropped:
        fetcher.fetch(url, bytearray())
    assert fetcher.fetch(url, dropped.value.received) == DATA  # a 200 with the whole object
    fetcher.close()


def test_everything_received_before_the_drop_completes_on_416(engine):
    fetcher, url = engine(RangeServer())
    assert fetcher.fetch(url, bytearray(DATA)) == DATA
    fetcher.close()


def test_keep_alive_connections_are_reused_by_the_http11_engine():
    server = RangeServer()
    httpd = serve_http11(server)
    fetcher = HttpObjectFetcher(http2=False)
    url = f"http://127.0.0.1:{httpd.server_address[1]}/o/1"
    for _ in range(3):
        assert fetcher.fetch(url, bytearray()) == DATA
    assert len(fetcher._open) == 1  # noqa: SLF001 - one connection for this thread
    fetcher.close()
    httpd.shutdown()
    httpd.server_close()


def test_a_resume_at_another_offset_starts_over():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(206, content=DATA[10:],
                              headers={"content-range": f"bytes 10-{len(DATA) - 1}/{len(DATA)}"})

    fetcher = HttpObjectFetcher(transport=httpx.MockTransport(handler), http2=False)
    with pytest.raises(TransferInterrupted) as restart:
        fetcher.fetch(URL, bytearray(DATA[:100]))
    assert restart.value.received == bytearray()


@pytest.mark.parametrize(("status", "code", "error"), [
    (403, "url_expired", UrlExpired), (403, "bad_signature", UrlExpired),
    (403, "forbidden", PermissionDenied), (404, "not_found", NotFound),
    (500, "internal", HubError), (503, "unavailable", HubError)])
def test_refusals_map_to_hub_errors(status, code, error):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={"error": code, "message": "no"})

    with pytest.raises(error):
        fetcher_for(handler).fetch(URL, bytearray())
    httpd = serve_http11(RangeServer())
    fetcher = HttpObjectFetcher(http2=False)
    with pytest.raises(error):
        fetcher.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/status/{status}/{code}",
                      bytearray())
    fetcher.close()
    httpd.shutdown()
    httpd.server_close()


def test_cancel_stops_a_transfer_between_chunks(engine):
    fetcher, url = engine(RangeServer())
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(FetchCancelled):
        fetcher.fetch(url, bytearray(), cancel)
    fetcher.close()


def fetcher_for(handler) -> HttpObjectFetcher:
    return HttpObjectFetcher(transport=httpx.MockTransport(handler), http2=False)


def test_http2_is_used_when_available():
    fetcher = HttpObjectFetcher()
    assert fetcher.http2 == http2_available()
    fetcher.close()


def test_backoff_is_exponential_with_full_jitter():
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0)

    class Top(random.Random):
        def uniform(self, a, b):
            return b

    assert [policy.delay(n, Top()) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    rng = random.Random(1)
    draws = [policy.delay(3, rng) for _ in range(200)]
    assert all(0.0 <= d <= 4.0 for d in draws) and len(set(draws)) > 150


def book_for(url: str = URL, size: int = 0, renew=None) -> UrlBook:
    expires = datetime.now(UTC) + timedelta(minutes=5)
    listing = [InstanceUrl("st", "se", "sop", url, expires, size)]
    return UrlBook(listing, renew or (lambda: listing))


def test_fetch_instance_resumes_without_counting_progress_as_failure():
    server = RangeServer(cut_after=[1000] * 10)  # many more drops than attempts
    got = fetch_instance(("se", "sop"), book_for(), fetcher_for(server),
                         RetryPolicy(attempts=2, base_delay=0.0), threading.Event(),
                         random.Random(0))
    assert got.outcome is Outcome.FETCHED and got.data == DATA
    assert len(server.ranges) == 11


def test_fetch_instance_retries_a_wrong_size_then_fails():
    server = RangeServer()
    got = fetch_instance(("se", "sop"), book_for(size=len(DATA) + 1), fetcher_for(server),
                         RetryPolicy(attempts=2, base_delay=0.0), threading.Event(),
                         random.Random(0))
    assert got.outcome is Outcome.FAILED and got.error == "size_mismatch"
    assert len(server.ranges) == 3


def test_fetch_instance_renews_expired_urls_up_to_the_limit():
    renewals: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/old"):
            return httpx.Response(403, json={"error": "url_expired"})
        return httpx.Response(200, content=DATA)

    expires = datetime.now(UTC) + timedelta(minutes=5)

    def renew():
        renewals.append(1)
        return [InstanceUrl("st", "se", "sop", "http://objects.test/new", expires)]

    got = fetch_instance(("se", "sop"), book_for("http://objects.test/old", renew=renew),
                         fetcher_for(handler), RetryPolicy(), threading.Event(),
                         random.Random(0))
    assert got.outcome is Outcome.FETCHED and got.data == DATA and len(renewals) == 1

    stuck = fetch_instance(("se", "sop"),
                           book_for("http://objects.test/old",
                                    renew=lambda: [InstanceUrl("st", "se", "sop",
                                                               "http://objects.test/old",
                                                               expires)]),
                           fetcher_for(handler), RetryPolicy(max_renewals=2), threading.Event(),
                           random.Random(0))
    assert stuck.outcome is Outcome.FAILED and stuck.error == "url_expired"
