"""Load one cached series into image stacks.

The decrypted instances go from the encrypted store straight to the DICOM loader as
bytes in memory. Writing them to a temporary file, even briefly, would put health data
on disk in plain form, which the at-rest encryption of the cache exists to prevent
(KVKK art. 12, GDPR art. 32).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore

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
) -> LoadResult:
    """Decrypt every cached instance of the series and build its stacks.

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
    return load_series(blobs, progress=progress)
