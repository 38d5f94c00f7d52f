"""Which transfer syntax to ask a WADO-RS server for (PS3.18 8.7.3.5).

The workstation decodes native (uncompressed) pixel data fastest by far, then the lossless
codecs in the order measured in :mod:`workstation.dicom.decoders`. The first request names
the single preferred syntax; servers differ in how they rank several comma-separated
choices (Orthanc, for one, ignores q-values and takes the last), so a list is not sent.
When the server cannot transcode (406, or a server error while transcoding, which is what
Orthanc answers for a syntax its codecs do not write), the request is repeated with
``transfer-syntax=*``: the instance as stored, which any decoder of ours may then handle.

Only lossless syntaxes are ever asked for by UID. Asking for a lossy one would make the
server throw information away; asking for a lossless one from a lossy original only
decodes it on the server, and Lossy Image Compression (0028,2110) stays "01" (PS3.3
C.7.6.1.1.5), so the viewer still flags it.
"""

from __future__ import annotations

from collections.abc import Sequence

from workstation.dicom.decoders import DECODE_MS_PER_MEGAPIXEL, LOSSY_SYNTAXES, plugin_order

EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1"
ANY = "*"
DICOM_PART = "application/dicom"


def preferred_syntaxes() -> list[str]:
    """Lossless syntaxes we can decode, fastest first, native first of all."""
    ranked = sorted(
        (uid for uid in DECODE_MS_PER_MEGAPIXEL if uid not in LOSSY_SYNTAXES),
        key=lambda uid: DECODE_MS_PER_MEGAPIXEL[uid],
    )
    usable = []
    for uid in ranked:
        try:
            if plugin_order(uid):
                usable.append(uid)
        except Exception:  # noqa: BLE001, S112 - a syntax pydicom cannot decode is skipped
            continue
    return [EXPLICIT_VR_LITTLE_ENDIAN, *usable]


def accept_header(syntax: str) -> str:
    """``multipart/related; type="application/dicom"; transfer-syntax=<uid or *>``."""
    return f'multipart/related; type="{DICOM_PART}"; transfer-syntax={syntax}'


def attempts(prefer: Sequence[str] | None = None) -> list[str]:
    """The syntaxes to try in order: the preferred one, then whatever is stored."""
    first = (list(prefer) if prefer is not None else preferred_syntaxes())[:1]
    return [*first, ANY] if first and first[0] != ANY else [ANY]
