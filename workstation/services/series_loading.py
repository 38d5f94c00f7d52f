"""Load one cached series into image stacks.

A series decoded before comes back from the decoded-volume cache (``volume_cache.py``)
without any DICOM parsing or decoding, as long as its instances have not changed since.
Otherwise the decrypted instances go from the encrypted store straight to the DICOM
loader as bytes in memory, and the result is kept for the next opening. Writing them to a temporary file, even briefly, would put health data
on disk in plain form, which the at-rest encryption of the cache exists to prevent
(KVKK art. 12, GDPR art. 32).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.services.volume_cache import cached_volume, remember_volume

if TYPE_CHECKING:
    from workstation.dicom.loader import LoadResult

log = logging.getLogger(__name__)


class SeriesNotCachedError(LookupError):
    """The series has no instance in the cache: download it first."""


def load_cached_series(
    store: EncryptedStore,
    tenant: str,
    study_uid: str,
    series_uid: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    use_volume_cache: bool = True,
) -> LoadResult:
    """The series' stacks: from the decoded-volume cache when it holds this exact set of
    instances (``progress`` then reports all done at once), else by decrypting every
    cached instance and decoding it (and keeping the result, unless
    ``use_volume_cache`` is False).

    Raises ``SeriesNotCachedError`` when nothing of the series is cached. Raises
    ``IntegrityError`` when any object failed authentication: the whole series is read
    first so that every damaged object is discarded in one pass, then the caller runs the
    study download again (it fetches only what is missing) and loads once more - showing
    a series with silently missing slices would be a diagnostic risk.
    ``progress`` is handed to the loader unchanged.
    """
    # Imported here: the decoders pull in pydicom and its codecs, which the rest of the
    # services (and their tests) do not need.
    from workstation.dicom.loader import load_series

    # Taken before reading: instances changing during the decode make it stale at once.
    fingerprint = store.series_fingerprint(tenant, study_uid, series_uid)
    if fingerprint is None:
        raise SeriesNotCachedError("the series is not in the cache")
    if use_volume_cache:
        hit = cached_volume(store, tenant, study_uid, series_uid, fingerprint)
        if hit is not None:
            if progress is not None:  # files, as the loader counts them
                files = {i for stack in hit.sources for i in stack}
                files |= {e.index for e in hit.errors if e.index is not None}
                progress(len(files), len(files))
            return hit
    members = store.list_instances(tenant, study_uid, series_uid)
    if not members:
        raise SeriesNotCachedError("the series is not in the cache")
    blobs: list[bytes] = []
    damaged = 0
    missing = 0
    for series, sop in members:
        try:
            data = store.get(tenant, study_uid, series, sop)
        except IntegrityError:
            damaged += 1
            continue
        if data is None:
            missing += 1
        else:
            blobs.append(data)
    if damaged or missing:
        log.warning("cached series incomplete: %d damaged, %d missing objects", damaged, missing)
        raise IntegrityError(
            "some cached images of this series were damaged and have been removed; "
            "download the series again",
            count=damaged + missing,
        )
    result = load_series(blobs, progress=progress)
    if use_volume_cache:
        remember_volume(store, tenant, study_uid, series_uid, fingerprint, result)
    return result
