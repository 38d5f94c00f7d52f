"""The decoded-volume cache: reopening a study without parsing or decoding DICOM again.

After the first decode of a series, its ``LoadResult`` (pixel volumes, geometry, display
attributes and header) is sealed into the encrypted store as one chunked object (see
``workstation.cache.volumes``), bound to the series' *fingerprint*: a hash over the
index entries of the instances it was decoded from. Any instance added, replaced or
removed changes the fingerprint, and a volume for another fingerprint is never returned
(it is deleted on sight) - so a reopened study shows exactly what its instances say.

The volume holds health data (pixels and the patient header) and is encrypted like
every other cache object (KVKK art. 12, GDPR art. 32). It is stored uncompressed: the
measurement in ``workstation.cache.volumes`` shows decompression would cost more than it
saves when reading.
"""

from __future__ import annotations

import logging
import mmap

import numpy as np

from workstation.cache.errors import CacheError, IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.dicom.load_report import LoadResult
from workstation.services import volume_codec

log = logging.getLogger(__name__)

POPULATE_MIN_BYTES = 1 << 20


def cached_volume(
    store: EncryptedStore, tenant: str, study_uid: str, series_uid: str, fingerprint: str
) -> LoadResult | None:
    """The decoded series for ``fingerprint``, or None. A damaged or unreadable volume
    is discarded and reported as None: the caller decodes the instances instead."""
    try:
        parts = store.get_volume(tenant, study_uid, series_uid, fingerprint, _fresh_memory)
    except IntegrityError:
        return None  # the store has discarded it and logged why
    if parts is None or not parts:
        return None
    try:
        return volume_codec.decode(bytes(parts[0]), parts[1:])
    except volume_codec.VolumeFormatError as exc:
        log.info("decoded volume not reusable (%s); decoding again", exc)
        store.delete_volume(tenant, study_uid, series_uid)
        return None


def _fresh_memory(size: int) -> np.ndarray:
    """Memory for a decrypted volume, its pages mapped in one system call.

    Reading a cached volume is bound by first touching 150 MB of fresh memory: one page
    fault per 4 KiB page costs more than the AES-GCM decryption itself. ``MAP_POPULATE``
    (Linux) maps every page up front in the kernel, about twice as fast and without the
    GIL; ``numpy.empty`` (huge pages on Linux) was as fast when the kernel had huge pages
    free but stalled for 0.3 s on compaction when not. Elsewhere ``numpy.empty``.
    """
    populate = getattr(mmap, "MAP_POPULATE", None)
    if populate is None or size < POPULATE_MIN_BYTES:
        return np.empty(size, dtype=np.uint8)
    flags = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | populate  # type: ignore[attr-defined]
    return np.frombuffer(mmap.mmap(-1, size, flags=flags), dtype=np.uint8)


def remember_volume(
    store: EncryptedStore,
    tenant: str,
    study_uid: str,
    series_uid: str,
    fingerprint: str,
    result: LoadResult,
) -> bool:
    """Seal ``result`` for ``fingerprint``; False (logged) when it could not be written -
    the volume cache is an accelerator, never a reason to fail a load."""
    try:
        header, arrays = volume_codec.encode(result)
        store.put_volume(tenant, study_uid, series_uid, fingerprint,
                         [header, *(memoryview(a.reshape(-1).view(np.uint8)) for a in arrays)])
    except (OSError, TypeError, CacheError) as exc:
        log.warning("could not keep the decoded volume: %s", type(exc).__name__)
        return False
    return True
