"""Fetching one instance through a pre-signed URL, whatever the network does meanwhile.

Home connections drop. A dropped transfer is resumed where it stopped with an HTTP Range
request (RFC 9110 section 14.2: ``Range: bytes=<received>-``, answered by 206 and a
Content-Range that must start at that offset; a server that answers 200 instead sends the
whole object again, and the partial copy is dropped). The bytes received so far stay in
memory only: a partial DICOM file is still health data, and the cache never holds
anything in plain form (KVKK art. 12, GDPR art. 32).

Pre-signed URLs expire; an expired one is renewed by listing the study again, once per
expiry wave for all workers together (:class:`UrlBook`). Transient failures (5xx, 429,
timeouts, refused connections) are retried with exponential backoff and full jitter
(:class:`RetryPolicy`), so many workstations recovering from the same hub outage do not
come back in lockstep. Refusals that cannot fix themselves (forbidden, not found) fail at
once.

The HTTP side lives in :mod:`workstation.services.object_http`. Nothing here logs a URL
or UID.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

from workstation.core.study import InstanceUrl
from workstation.hub.errors import HubError, HubUnreachable, UrlExpired
from workstation.services.hub_failures import is_transient

log = logging.getLogger(__name__)

Key = tuple[str, str]  # (series UID, SOP instance UID)
T = TypeVar("T")


class TransferInterrupted(HubUnreachable):
    """The connection broke before the whole object arrived. ``received`` holds every
    byte of the object received so far (empty when the transfer has to start over)."""

    def __init__(self, message: str = "transfer interrupted",
                 received: bytearray | None = None) -> None:
        super().__init__(message)
        self.received = received if received is not None else bytearray()


class FetchCancelled(Exception):  # noqa: N818 - reads as an event, like StopIteration
    """The study was closed while its object was arriving."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries of one instance.

    ``attempts`` transient failures in a row are retried (a resumed transfer that made
    progress does not count); the wait before retry ``n`` is uniform in
    [0, min(max_delay, base_delay * 2**n)] ("full jitter"). ``max_renewals`` bounds URL
    renewals per instance and ``max_resumes`` the Range resumptions, so a server that
    keeps failing in the same way cannot hold a worker for ever.
    """

    attempts: int = 5
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_renewals: int = 3
    max_resumes: int = 50

    def delay(self, retry: int, rng: random.Random) -> float:
        return rng.uniform(0.0, min(self.max_delay, self.base_delay * (2**retry)))


NO_WAIT = RetryPolicy(base_delay=0.0, max_delay=0.0)


class ObjectFetcher(Protocol):
    """Fetches one object and returns all of it.

    ``received`` holds the object's first bytes from an interrupted attempt (empty at
    first); the transfer resumes after them when the server allows it. A connection that
    breaks raises ``TransferInterrupted`` carrying every byte received so far; a refusal
    raises the ``HubError`` for it; ``cancel`` set mid-transfer raises
    ``FetchCancelled``.
    """

    def fetch(self, url: str, received: bytearray,
              cancel: threading.Event | None = None) -> bytearray: ...


class WholeObjectFetcher:
    """Adapts a ``fetch(url) -> bytes`` callable (e.g. ``HubClient.fetch``): no resume,
    every retry starts from the first byte."""

    def __init__(self, fetch: Callable[[str], bytes]) -> None:
        self._fetch = fetch

    def fetch(self, url: str, received: bytearray,
              cancel: threading.Event | None = None) -> bytearray:
        return bytearray(self._fetch(url))


class UrlBook:
    """The current URL of every instance of one study, renewed at most once per expiry
    wave: the first worker to meet an expired URL lists the study again while holding the
    lock, every other worker then finds the fresh URL without asking."""

    def __init__(
        self, urls: Sequence[InstanceUrl], renew: Callable[[], list[InstanceUrl] | None]
    ) -> None:
        self._lock = threading.Lock()
        self._renew = renew
        self._urls = {(u.series_uid, u.sop_instance_uid): u for u in urls}
        self._generation = 0

    def current(self, key: Key) -> tuple[InstanceUrl | None, int]:
        with self._lock:
            return self._urls.get(key), self._generation

    def renew(self, seen_generation: int) -> None:
        """Ask for fresh URLs unless another worker already did after ``seen_generation``.
        ``renew`` returning None (cancelled) leaves the book as it was; a listing
        failure propagates as ``HubError``."""
        with self._lock:
            if self._generation != seen_generation:
                return
            fresh = self._renew()
            if fresh is None:
                return
            self._urls.update({(u.series_uid, u.sop_instance_uid): u for u in fresh})
            self._generation += 1


class Outcome(Enum):
    FETCHED = "fetched"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class Fetched:
    """The result of :func:`fetch_instance`: bytes when FETCHED, else the reason."""

    outcome: Outcome
    data: bytearray | None = None
    error: str = ""


def fetch_instance(
    key: Key,
    book: UrlBook,
    fetcher: ObjectFetcher,
    policy: RetryPolicy,
    cancel: threading.Event,
    rng: random.Random,
) -> Fetched:
    """Fetch one instance, resuming, renewing and retrying as the policy allows."""
    partial = bytearray()
    retries = renewals = resumes = 0
    while not cancel.is_set():
        url, generation = book.current(key)
        if url is None:  # the fresh listing no longer has this instance
            return Fetched(Outcome.FAILED, error="not_listed")
        before = len(partial)
        try:
            data = fetcher.fetch(url.url, partial, cancel)
        except FetchCancelled:
            break
        except UrlExpired:
            renewals += 1
            if renewals > policy.max_renewals:
                return Fetched(Outcome.FAILED, error="url_expired")
            try:
                book.renew(generation)
            except HubError as exc:
                return Fetched(Outcome.FAILED, error=exc.code)
            continue
        except HubError as exc:
            if isinstance(exc, TransferInterrupted):
                partial = exc.received
            if isinstance(exc, TransferInterrupted) and len(partial) > before:
                resumes += 1
                if resumes <= policy.max_resumes:
                    retries = 0  # progress was made: resume at once
                    continue
            if not is_transient(exc) or retries >= policy.attempts:
                log.debug("instance fetch failed: %s", exc.code)
                return Fetched(Outcome.FAILED, error=exc.code)
            if cancel.wait(policy.delay(retries, rng)):
                break
            retries += 1
            continue
        if url.size and len(data) != url.size:
            # The hub listed another size: a truncated or substituted body. Start over.
            partial = bytearray()
            if retries >= policy.attempts:
                return Fetched(Outcome.FAILED, error="size_mismatch")
            retries += 1
            continue
        return Fetched(Outcome.FETCHED, data)
    return Fetched(Outcome.CANCELLED)


def with_retries(call: Callable[[], T], policy: RetryPolicy, cancel: threading.Event,
                 rng: random.Random) -> T | None:
    """``call()`` (a hub API call such as the URL listing) retried on transient failures
    with the policy's backoff; None when cancelled first. Other failures propagate."""
    retry = 0
    while not cancel.is_set():
        try:
            return call()
        except HubError as exc:
            if not is_transient(exc) or retry >= policy.attempts:
                raise
            if cancel.wait(policy.delay(retry, rng)):
                return None
            retry += 1
    return None
