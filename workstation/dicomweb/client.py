"""HTTP client of one DICOMweb server: QIDO-RS, WADO-RS and STOW-RS (PS3.18 sections 10.4
to 10.6) over httpx.

Requests and errors name no UID, patient or credential in logs: only the kind of request
and the HTTP status.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import httpx

from workstation.dicomweb import negotiation
from workstation.dicomweb.config import AuthKind, DicomWebConfig
from workstation.dicomweb.dicom_json import JsonDataset
from workstation.dicomweb.errors import (
    BadDicomWebResponse,
    DicomWebAuthError,
    DicomWebError,
    DicomWebNotFound,
    DicomWebUnreachable,
    NotAcceptable,
)
from workstation.dicomweb.multipart import MultipartParser, boundary_of, encode
from workstation.dicomweb.stow import StoreResult, parse_response

log = logging.getLogger(__name__)

JSON_MEDIA_TYPE = "application/dicom+json"
# Answers to a transcoding request meaning "not in that syntax": 406 by the standard;
# 400/415 from some servers, 500/501 from Orthanc when its codecs cannot write the syntax.
_NOT_TRANSCODABLE = (400, 406, 415, 500, 501)


def _uid(value: str) -> str:
    """A UID as a path segment: digits and dots only (PS3.5 9.1), so nothing can escape
    the resource path."""
    if not value or len(value) > 64 or not all(c.isdigit() or c == "." for c in value):
        raise ValueError("not a DICOM UID")
    return value


class DicomWebClient:
    """One server; safe to share between threads (httpx.Client is)."""

    def __init__(self, config: DicomWebConfig, *,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        auth: httpx.Auth | None = None
        headers = {"User-Agent": "workstation-dicomweb"}
        if config.auth is AuthKind.BASIC:
            auth = httpx.BasicAuth(config.username, config.secret)
        elif config.auth is AuthKind.BEARER:
            headers["Authorization"] = f"Bearer {config.secret}"
        kwargs: dict[str, Any] = {"transport": transport} if transport is not None else {}
        # Series whose instances the server could not transcode (ask for them as stored).
        self._stored_only: set[str] = set()
        self._http = httpx.Client(
            auth=auth, headers=headers, timeout=httpx.Timeout(config.timeout, connect=10.0),
            verify=config.ssl_context(), follow_redirects=False, **kwargs)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DicomWebClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- URLs ------------------------------------------------------------------------------
    def url(self, study: str | None = None, series: str | None = None,
            instance: str | None = None, tail: str = "") -> str:
        parts = [self.config.root]
        if study is not None:
            parts += ["studies", _uid(study)]
        if series is not None:
            parts += ["series", _uid(series)]
        if instance is not None:
            parts += ["instances", _uid(instance)]
        if tail:
            parts.append(tail)
        return "/".join(parts)

    def is_own(self, url: str) -> bool:
        """True when ``url`` is under this server's root (never send credentials elsewhere)."""
        return url.startswith(self.config.root + "/")

    # -- QIDO-RS (PS3.18 10.6) --------------------------------------------------------------
    def search(self, path: str, params: Sequence[tuple[str, str]] = ()) -> list[JsonDataset]:
        """One QIDO-RS query; 204 (no match) gives an empty list."""
        response = self._send("GET", f"{self.config.root}/{path}{query_string(params)}",
                              headers={"Accept": JSON_MEDIA_TYPE}, what="search")
        if response.status_code == 204 or not response.content.strip():
            return []
        warning = response.headers.get("warning", "")
        if "additional results" in warning.lower():
            log.info("QIDO-RS answer was truncated by the server; narrow the filters")
        return _json_list(response.content)

    def search_studies(self, params: Sequence[tuple[str, str]]) -> list[JsonDataset]:
        return self.search("studies", params)

    def search_series(self, study: str,
                      params: Sequence[tuple[str, str]] = ()) -> list[JsonDataset]:
        return self.search(f"studies/{_uid(study)}/series", params)

    def search_instances(self, study: str, series: str | None = None,
                         params: Sequence[tuple[str, str]] = ()) -> list[JsonDataset]:
        path = (f"studies/{_uid(study)}/series/{_uid(series)}/instances" if series
                else f"studies/{_uid(study)}/instances")
        return self.search(path, params)

    def search_all(self, path: str, params: Sequence[tuple[str, str]], *,
                   page: int = 100, most: int = 10_000) -> list[JsonDataset]:
        """Every match, following ``limit``/``offset`` pages (PS3.18 8.3.4.4) until a short
        page; ``most`` bounds the total so a huge archive cannot exhaust memory."""
        base = [(k, v) for k, v in params if k not in ("limit", "offset")]
        found: list[JsonDataset] = []
        while len(found) < most:
            batch = self.search(path, [*base, ("limit", str(page)),
                                       ("offset", str(len(found)))])
            found += batch
            if len(batch) < page:
                break
        return found[:most]

    # -- WADO-RS (PS3.18 10.4) --------------------------------------------------------------
    def metadata(self, study: str, series: str | None = None,
                 instance: str | None = None) -> list[JsonDataset]:
        """Metadata of a study, series or instance (DICOM JSON, without bulk data)."""
        response = self._send("GET", self.url(study, series, instance, "metadata"),
                              headers={"Accept": JSON_MEDIA_TYPE}, what="metadata")
        return _json_list(response.content)

    def iter_instances(self, study: str, series: str | None = None,
                       instance: str | None = None, *,
                       prefer: Sequence[str] | None = None) -> Iterator[bytes]:
        """The DICOM Part 10 instances of a study, series or one instance, each yielded as
        soon as it has arrived (streaming multipart parse)."""
        yield from self.iter_url(self.url(study, series, instance), prefer=prefer)

    def iter_url(self, url: str, *, prefer: Sequence[str] | None = None) -> Iterator[bytes]:
        if not self.is_own(url):
            raise ValueError("URL outside the DICOMweb service")
        series_key = url.split("/instances/")[0]
        tries = negotiation.attempts(prefer)
        if series_key in self._stored_only:
            tries = tries[-1:]  # this series could not be transcoded before: ask as stored
        for n, syntax in enumerate(tries):
            last = n == len(tries) - 1
            with self._stream(url, negotiation.accept_header(syntax)) as response:
                if response.status_code in _NOT_TRANSCODABLE and not last:
                    response.read()
                    self._stored_only.add(series_key)
                    log.info("server cannot send the preferred transfer syntax (HTTP %d); "
                             "asking for the stored one", response.status_code)
                    continue
                _raise_for(response, "retrieve")
                parser = MultipartParser(boundary_of(response.headers.get("content-type", "")))
                try:
                    for chunk in response.iter_bytes():
                        for part in parser.feed(chunk):
                            kind = part.content_type.lower()
                            if kind and not kind.startswith("application/dicom"):
                                raise BadDicomWebResponse(
                                    "the server sent something other than DICOM instances")
                            yield part.content
                        if parser.finished:
                            break
                except httpx.TransportError as exc:
                    raise DicomWebUnreachable(
                        "The connection to the DICOMweb server broke during a transfer.") from exc
                parser.close()
                return

    def retrieve(self, study: str, series: str | None = None,
                 instance: str | None = None, **kwargs: Any) -> list[bytes]:
        return list(self.iter_instances(study, series, instance, **kwargs))

    def fetch_instance_url(self, url: str) -> bytes:
        """One instance by its WADO-RS URL (as listed by the study source)."""
        parts = list(self.iter_url(url))
        if len(parts) != 1:
            raise BadDicomWebResponse(f"expected one instance, received {len(parts)}")
        return parts[0]

    # -- STOW-RS (PS3.18 10.5) --------------------------------------------------------------
    def store(self, instances: Iterable[bytes], study: str | None = None) -> StoreResult:
        """Store DICOM Part 10 instances; raises ``StorePartial`` (202) or ``StoreRejected``
        (409, 400, 415) with the server's per-instance reasons."""
        body, boundary = encode(("application/dicom", data) for data in instances)
        url = self.url(study) if study else f"{self.config.root}/studies"
        content_type = f'multipart/related; type="application/dicom"; boundary={boundary}'
        response = self._send("POST", url, content=body, what="store", check=False,
                              headers={"Content-Type": content_type,
                                       "Accept": JSON_MEDIA_TYPE})
        return parse_response(response.status_code, response.content)

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, what: str, check: bool = True,
              **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise _unreachable(exc) from exc
        if check:
            _raise_for(response, what)
        return response

    @contextmanager
    def _stream(self, url: str, accept: str) -> Iterator[httpx.Response]:
        try:
            with self._http.stream("GET", url, headers={"Accept": accept}) as response:
                yield response
        except httpx.TransportError as exc:
            raise _unreachable(exc) from exc


def query_string(params: Sequence[tuple[str, str]]) -> str:
    """``?k=v&...`` keeping the matching characters of PS3.18 8.3.4 (``*``, ``?``, ``^``,
    ``,``, ``-``) literal: RFC 3986 allows them in a query, and some servers (Orthanc 1.10)
    do not decode them when percent-encoded, so ``%2A`` would match nothing."""
    if not params:
        return ""
    return "?" + "&".join(
        f"{quote(k, safe='')}={quote(v, safe='*?^,-.:_~')}" for k, v in params)


def _unreachable(exc: httpx.TransportError) -> DicomWebUnreachable:
    text = str(exc).lower()
    if "certificate" in text or "ssl" in text:
        return DicomWebUnreachable(
            "The DICOMweb server's certificate could not be verified. If the hospital uses "
            "its own certificate authority, set its CA bundle in the server profile.")
    if isinstance(exc, httpx.TimeoutException):
        return DicomWebUnreachable("The DICOMweb server did not answer in time.")
    return DicomWebUnreachable("The DICOMweb server cannot be reached.")


def _raise_for(response: httpx.Response, what: str) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    if response.is_stream_consumed is False:
        response.read()
    log.info("DICOMweb %s failed: HTTP %d", what, status)
    if status == 401:
        raise DicomWebAuthError(
            "The DICOMweb server refused the sign-in (HTTP 401): check the user name and "
            "password, or the token, of this server profile.", status)
    if status == 403:
        raise DicomWebAuthError(
            "The DICOMweb server does not allow this account to do that (HTTP 403).", status)
    if status == 404:
        raise DicomWebNotFound("The study or image is not on the DICOMweb server (HTTP 404).",
                               status)
    if status == 406:
        raise NotAcceptable("The DICOMweb server cannot send the images in a form this "
                            "workstation reads (HTTP 406).", status)
    raise DicomWebError(f"The DICOMweb server answered with an error (HTTP {status}).", status)


def _json_list(content: bytes) -> list[JsonDataset]:
    try:
        data = json.loads(content)
    except ValueError:
        raise BadDicomWebResponse("the server's answer is not valid DICOM JSON") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise BadDicomWebResponse("the server's answer is not a list of DICOM JSON objects")
    return data
