"""Pre-signed object GETs over HTTP: HTTP/1.1 by the standard library, HTTP/2 by httpx when
the server offers it.

Two engines, chosen per origin:

* **HTTP/2** (httpx with ``h2``) when a TLS server selects ``h2`` in ALPN (RFC 7301):
  all transfers multiplexed on one connection. Plain ``http://`` never negotiates it
  (no h2c, as in browsers).
* **HTTP/1.1** (``http.client``) otherwise: one keep-alive connection per worker thread
  (so as many connections as the download queue has workers).
  The body is read with ``readinto`` straight from the socket into the object's buffer,
  one copy in all. On the 2-core development machine the httpx/h11 path spent 0.5-0.6 s
  of CPU per 158 MB study (several copies per 64 KiB chunk, under the GIL) against
  0.3 s for this one, which decides whether the downloader keeps up with the hub.

An origin reached through a proxy (``HTTPS_PROXY`` and friends, which httpx honours)
always goes through httpx. Either way, resumption follows RFC 9110: ``Range: bytes=<received>-``; a 206 must
start at that offset (Content-Range, section 14.4), a 200 restarts the object, a 416 with
every byte already received completes it. ``Accept-Encoding: identity`` keeps byte
offsets those of the object itself. Object requests carry no bearer token (the URL is
its own credential) and nothing here logs a URL: its query is a signature.
"""

from __future__ import annotations

import http.client
import importlib.util
import socket
import ssl
import threading
import urllib.request
from collections.abc import Mapping
from urllib.parse import urlsplit

import httpx

from workstation import __version__
from workstation.hub.errors import HubError
from workstation.hub.http_errors import to_error
from workstation.hub.redaction import install_httpx_log_redaction
from workstation.services.object_fetch import FetchCancelled, TransferInterrupted

READ_BYTES = 256 * 1024  # per readinto: cancellation is checked between reads
_Origin = tuple[str, str, int]


def http2_available() -> bool:
    """httpx speaks HTTP/2 only with the ``h2`` package installed (``httpx[http2]``)."""
    return importlib.util.find_spec("h2") is not None


def _tls_context(verify: bool | str) -> ssl.SSLContext:
    if verify is False:
        raise ValueError("TLS certificate verification cannot be turned off")
    return ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)


def plan_body(status: int, headers: Mapping[str, str], have: int) -> tuple[int, int | None]:
    """What a 2xx/416 answer to a GET (with ``Range`` when ``have`` > 0) means: (offset the
    body starts at, complete length or None). Raises ``TransferInterrupted`` when the
    transfer must start over."""
    if status == 416 and have:
        total = _complete_length(headers.get("content-range", ""))
        if total == have:
            return have, have  # everything had arrived before the drop
        raise TransferInterrupted("range refused; starting the object over")
    if status == 206:
        first, total = _content_range(headers.get("content-range", ""))
        if first != have:
            raise TransferInterrupted("server resumed at another offset; starting over")
        return first, total
    length = headers.get("content-length", "")
    return 0, int(length) if length.isdigit() else None


def _content_range(value: str) -> tuple[int, int | None]:
    """(first byte, complete length) of ``bytes first-last/complete`` (RFC 9110 14.4)."""
    try:
        unit, _, rest = value.partition(" ")
        span, _, complete = rest.partition("/")
        first = int(span.partition("-")[0])
        if unit != "bytes":
            raise ValueError(unit)
        return first, None if complete == "*" else int(complete)
    except ValueError:
        raise TransferInterrupted("malformed Content-Range") from None


def _complete_length(value: str) -> int | None:
    """The complete length of ``bytes */complete`` (a 416 answer), None if absent."""
    _, _, complete = value.partition("/")
    return int(complete) if complete.isdigit() else None


class HttpObjectFetcher:
    """Fetches pre-signed objects over up to ``connections`` connections. Thread-safe.

    ``transport`` (an httpx transport: tests, a special network set-up) sends everything
    through httpx. ``http2`` None offers HTTP/2 whenever ``h2`` is installed; False never.
    """

    def __init__(self, *, connections: int = 6, timeout: float = 30.0,
                 verify: bool | str = True, http2: bool | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        install_httpx_log_redaction()
        self.http2 = http2_available() and http2 is not False
        self._timeout = timeout
        # One TLS context per use: httpcore sets ALPN on the context it is given, and a
        # context shared between threads must not change under them.
        self._tls = _tls_context(verify)
        self._tls.set_alpn_protocols(["http/1.1"])
        self._tls_probe = _tls_context(verify)
        self._tls_probe.set_alpn_protocols(["h2", "http/1.1"])
        self._headers = {"User-Agent": f"workstation/{__version__}",
                         "Accept-Encoding": "identity"}
        self._force_httpx = transport is not None
        self._http = httpx.Client(
            transport=transport, http2=self.http2,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            limits=httpx.Limits(max_connections=connections,
                                max_keepalive_connections=connections),
            verify=_tls_context(verify), headers=self._headers, follow_redirects=False)
        self._lock = threading.Lock()
        self._proxies = urllib.request.getproxies()
        self._h2_origins: dict[_Origin, bool] = {}
        self._local = threading.local()
        self._open: set[http.client.HTTPConnection] = set()

    def close(self) -> None:
        self._http.close()
        with self._lock:
            connections, self._open = self._open, set()
        for conn in connections:
            conn.close()

    def __enter__(self) -> HttpObjectFetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def fetch(self, url: str, received: bytearray,
              cancel: threading.Event | None = None) -> bytearray:
        parts = urlsplit(url)
        origin = (parts.scheme, parts.hostname or "", parts.port or
                  (443 if parts.scheme == "https" else 80))
        if self._force_httpx or self._proxied(origin) or self._speaks_h2(origin):
            return self._fetch_httpx(url, received, cancel)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return self._fetch_http11(origin, target or "/", received, cancel)

    # -- HTTP/2 (and anything through an httpx transport) ---------------------------------
    def _fetch_httpx(self, url: str, received: bytearray,
                     cancel: threading.Event | None) -> bytearray:
        headers = {"Range": f"bytes={len(received)}-"} if received else {}
        data = received
        total: int | None = None
        try:
            with self._http.stream("GET", url, headers=headers) as response:
                if not (response.is_success or response.status_code == 416):
                    response.read()
                    raise to_error(response)
                try:
                    first, total = plan_body(response.status_code, response.headers, len(data))
                except TransferInterrupted:
                    response.read()
                    raise
                if first == 0:
                    data = bytearray()
                if total is not None and total == len(data):
                    return data
                for chunk in response.iter_bytes():  # as they arrive: a drop loses nothing
                    if cancel is not None and cancel.is_set():
                        raise FetchCancelled()
                    data += chunk
        except httpx.TransportError as exc:  # includes timeouts and bodies cut short
            raise TransferInterrupted(f"transfer interrupted: {type(exc).__name__}",
                                      data) from None
        if total is not None and len(data) != total:
            raise TransferInterrupted("connection closed before the end of the object", data)
        return data

    def _proxied(self, origin: _Origin) -> bool:
        return origin[0] in self._proxies and not urllib.request.proxy_bypass(origin[1])

    def _speaks_h2(self, origin: _Origin) -> bool:
        """Whether the origin selects h2 in ALPN; asked once per origin."""
        if origin[0] != "https" or not self.http2:
            return False
        with self._lock:
            known = self._h2_origins.get(origin)
        if known is None:
            known = self._alpn_selects_h2(origin)
            with self._lock:
                self._h2_origins[origin] = known
        return known

    def _alpn_selects_h2(self, origin: _Origin) -> bool:
        try:
            with socket.create_connection(origin[1:], timeout=self._timeout) as raw:
                with self._tls_probe.wrap_socket(raw, server_hostname=origin[1]) as tls:
                    return tls.selected_alpn_protocol() == "h2"
        except OSError:
            return False  # HTTP/1.1 then; the transfer itself reports what is wrong

    # -- HTTP/1.1 -------------------------------------------------------------------------
    def _connection(self, origin: _Origin) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's keep-alive connection to ``origin``, and whether it is reused."""
        pool: dict[_Origin, http.client.HTTPConnection] = self._local.__dict__.setdefault(
            "pool", {})
        conn = pool.get(origin)
        if conn is not None:
            return conn, True
        if origin[0] == "https":
            conn = http.client.HTTPSConnection(origin[1], origin[2], timeout=self._timeout,
                                               context=self._tls)
        else:
            conn = http.client.HTTPConnection(origin[1], origin[2], timeout=self._timeout)
        pool[origin] = conn
        with self._lock:
            self._open.add(conn)
        return conn, False

    def _drop(self, origin: _Origin) -> None:
        conn = self._local.__dict__.get("pool", {}).pop(origin, None)
        if conn is not None:
            conn.close()
            with self._lock:
                self._open.discard(conn)

    def _fetch_http11(self, origin: _Origin, target: str, received: bytearray,
                      cancel: threading.Event | None) -> bytearray:
        headers = dict(self._headers)
        if received:
            headers["Range"] = f"bytes={len(received)}-"
        for attempt in (0, 1):
            conn, reused = self._connection(origin)
            try:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                break
            except (OSError, http.client.HTTPException) as exc:
                self._drop(origin)
                # A kept-alive connection the server has closed meanwhile fails before
                # any answer: retry once on a fresh one (RFC 9110 9.2.2, GET is idempotent).
                if not reused or attempt:
                    raise TransferInterrupted(f"transfer interrupted: {type(exc).__name__}",
                                              received) from None
        try:
            return self._read_answer(response, received, cancel)
        except TransferInterrupted:
            self._drop(origin)
            raise
        except HubError:  # a refusal whose body was read: the connection stays usable
            raise
        except BaseException:  # cancelled (or worse) in the middle of a body
            self._drop(origin)
            raise

    def _read_answer(self, response: http.client.HTTPResponse, received: bytearray,
                     cancel: threading.Event | None) -> bytearray:
        status = response.status
        headers = {k.lower(): v for k, v in response.getheaders()}
        if not (200 <= status < 300 or status == 416):
            body = response.read()
            raise to_error(httpx.Response(status, headers=headers, content=body))
        try:
            first, total = plan_body(status, headers, len(received))
        except TransferInterrupted:
            response.read()
            raise
        if total is not None and total == len(received):
            response.read()
            return received
        length = headers.get("content-length", "")
        if not length.isdigit():  # chunked or close-delimited: read as it comes
            return self._read_unsized(response, received if first else bytearray(), cancel)
        data = bytearray(first + int(length))
        if first:
            data[:first] = received
        view = memoryview(data)
        got = first
        try:
            while got < len(data):
                if cancel is not None and cancel.is_set():
                    raise FetchCancelled()
                n = response.readinto(view[got : got + READ_BYTES])
                if not n:
                    raise http.client.IncompleteRead(b"")
                got += n
        except (OSError, http.client.HTTPException) as exc:
            view.release()
            raise TransferInterrupted(f"transfer interrupted: {type(exc).__name__}",
                                      data[:got]) from None
        view.release()
        if total is not None and len(data) != total:
            raise TransferInterrupted("the object is longer than announced", bytearray())
        return data

    @staticmethod
    def _read_unsized(response: http.client.HTTPResponse, data: bytearray,
                      cancel: threading.Event | None) -> bytearray:
        try:
            while chunk := response.read1(READ_BYTES):
                if cancel is not None and cancel.is_set():
                    raise FetchCancelled()
                data += chunk
        except (OSError, http.client.HTTPException) as exc:
            raise TransferInterrupted(f"transfer interrupted: {type(exc).__name__}",
                                      data) from None
        return data
