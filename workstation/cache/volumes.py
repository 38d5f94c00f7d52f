"""The on-disk format of a decoded volume: several buffers sealed in fixed-size chunks.

A decoded CT is one large buffer (150 MB for 300 slices of 512x512) plus a small header.
Sealing it as one AES-GCM message would need the whole ciphertext in memory next to the
plaintext, and AES-GCM in ``cryptography`` takes at most 2**31 - 1 bytes per call. So the
parts are cut into chunks of ``CHUNK_BYTES``, each sealed on its own with associated data
that names the volume, the part and the chunk's number: chunks cannot be reordered,
swapped between volumes or dropped without failing authentication, and reading decrypts
each chunk straight into the final buffer (``decrypt_into``), so a volume is held in
memory once.

Layout::

    b"WSV1"
    segment: table  = u32 part count, u32 chunk size, u64 length of each part
    segment: part 0 chunk 0, part 0 chunk 1, ..., part 1 chunk 0, ...

where a segment is a u32 length followed by nonce + ciphertext + tag (``Sealer``).

Compression was measured and left out: on the 300-slice CT above, decompression alone
costs more than reading the uncompressed file (zlib-1 0.71 s, zstd-1 0.21 s, lz4 0.19 s,
while reading and authenticating the whole uncompressed volume from the page cache takes
about 0.05 s on the 2-core development machine); ``python -m workstation.bench --only
P3`` measures it again.
"""

from __future__ import annotations

import queue
import struct
import threading
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from workstation.cache.errors import IntegrityError
from workstation.cache.sealing import NONCE_BYTES, TAG_BYTES, Sealer

MAGIC = b"WSV1"
CHUNK_BYTES = 1 << 20  # as fast as larger chunks, and the read buffer stays in cache
MAX_PARTS = 4096
_LEN = struct.Struct(">I")
_TABLE_HEAD = struct.Struct(">II")
_PART_LEN = struct.Struct(">Q")
_CHUNK_ID = struct.Struct(">IQ")
_FRAME = NONCE_BYTES + TAG_BYTES


def _chunk_aad(aad: bytes, part: int, chunk: int) -> bytes:
    return aad + b"|chunk" + _CHUNK_ID.pack(part, chunk)


def _table_aad(aad: bytes) -> bytes:
    return aad + b"|table"


Part = bytes | bytearray | memoryview


def write_parts(fh: BinaryIO, sealer: Sealer, aad: bytes, parts: Sequence[Part],
                chunk_bytes: int = CHUNK_BYTES) -> int:
    """Seal ``parts`` (C-contiguous buffers, e.g. ``memoryview(array)``) into ``fh``;
    returns their total length."""
    views = [memoryview(p).cast("B") for p in parts]
    if len(views) > MAX_PARTS:
        raise ValueError("too many parts in one volume")
    table = _TABLE_HEAD.pack(len(views), chunk_bytes) + b"".join(
        _PART_LEN.pack(len(v)) for v in views
    )
    fh.write(MAGIC)
    _write_segment(fh, sealer.seal_segment(_table_aad(aad), table))
    for index, view in enumerate(views):
        for number, offset in enumerate(range(0, len(view), chunk_bytes)):
            chunk = view[offset : offset + chunk_bytes]
            _write_segment(fh, sealer.seal_segment(_chunk_aad(aad, index, number), chunk))
    return sum(len(v) for v in views)


def _write_segment(fh: BinaryIO, segment: bytes) -> None:
    fh.write(_LEN.pack(len(segment)))
    fh.write(segment)


Allocate = Callable[[int], Any]  # n -> a writable buffer of n bytes


def read_parts(fh: BinaryIO, sealer: Sealer, aad: bytes, file_size: int,
               allocate: Allocate = bytearray) -> list[Any]:
    """Authenticate and decrypt every part into a buffer from ``allocate``; raises
    ``IntegrityError`` on any damage, truncation, reordering or trailing data.

    ``bytearray`` zero-fills its memory first; a caller that can get uninitialised memory
    (``numpy.empty``, which Linux backs with huge pages) halves the time of reading a
    large volume: the measured cost is dominated by first touching fresh memory."""
    if fh.read(len(MAGIC)) != MAGIC:
        raise IntegrityError("cached volume has no volume header")
    table = sealer.open_segment(_table_aad(aad), _read_segment(fh, file_size))
    if len(table) < _TABLE_HEAD.size:
        raise IntegrityError("cached volume table is malformed")
    count, chunk_bytes = _TABLE_HEAD.unpack_from(table)
    if count > MAX_PARTS or chunk_bytes <= 0 or len(table) != _TABLE_HEAD.size + 8 * count:
        raise IntegrityError("cached volume table is malformed")
    lengths = [_PART_LEN.unpack_from(table, _TABLE_HEAD.size + 8 * i)[0] for i in range(count)]
    if sum(lengths) > file_size:
        raise IntegrityError("cached volume is shorter than its table says")
    sizes = [min(chunk_bytes, n - offset) for n in lengths for offset in range(0, n, chunk_bytes)]
    parts: list[Any] = []
    with _ReadAhead(fh, [size + _FRAME for size in sizes]) as segments:
        for index, length in enumerate(lengths):
            out = allocate(length)
            view = memoryview(out).cast("B")
            for number, offset in enumerate(range(0, length, chunk_bytes)):
                size = min(chunk_bytes, length - offset)
                segment = segments.next()
                sealer.open_segment_into(_chunk_aad(aad, index, number), segment,
                                         view[offset : offset + size])
                segments.release(segment)
            parts.append(out)
    if fh.read(1):
        raise IntegrityError("cached volume has trailing data")
    return parts


class _ReadAhead:
    """Reads the expected segments on a helper thread into a few rotating buffers.

    File reads release the GIL and AES-GCM decryption does not, so reading the next
    segments while the caller decrypts (and maps fresh memory) overlaps the two; on the
    300-slice CT this takes the read time (~0.02 s) off a reopen.
    """

    def __init__(self, fh: BinaryIO, expected: list[int], depth: int = 4) -> None:
        self._fh = fh
        self._expected = expected
        self._free: queue.Queue[bytearray] = queue.Queue()
        self._ready: queue.Queue[memoryview | BaseException] = queue.Queue()
        self._stop = threading.Event()
        largest = max(expected, default=0)
        for _ in range(min(depth, len(expected))):
            self._free.put(bytearray(largest))
        self._thread = threading.Thread(target=self._run, name="volume-read", daemon=True)

    def __enter__(self) -> _ReadAhead:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._free.put(bytearray())  # wakes the reader if it waits for a buffer
        self._thread.join()

    def _run(self) -> None:
        try:
            for expected in self._expected:
                scratch = self._free.get()
                if self._stop.is_set():
                    return
                self._ready.put(_read_segment_into(self._fh, scratch, expected))
        except BaseException as exc:  # handed to the caller, raised there  # noqa: BLE001
            self._ready.put(exc)

    def next(self) -> memoryview:
        item = self._ready.get()
        if isinstance(item, BaseException):
            raise item
        return item

    def release(self, segment: memoryview) -> None:
        scratch = segment.obj
        segment.release()
        assert isinstance(scratch, bytearray)
        self._free.put(scratch)


def _read_length(fh: BinaryIO) -> int:
    head = fh.read(_LEN.size)
    if len(head) != _LEN.size:
        raise IntegrityError("cached volume is truncated")
    return int(_LEN.unpack(head)[0])


def _read_segment(fh: BinaryIO, limit: int) -> bytes:
    length = _read_length(fh)
    if length > limit:
        raise IntegrityError("cached volume segment is malformed")
    data = fh.read(length)
    if len(data) != length:
        raise IntegrityError("cached volume is truncated")
    return data


def _read_segment_into(fh: BinaryIO, scratch: bytearray, expected: int) -> memoryview:
    if _read_length(fh) != expected or expected > len(scratch):
        raise IntegrityError("cached volume segment is malformed")
    view = memoryview(scratch)[:expected]
    got = fh.readinto(view)  # type: ignore[attr-defined]
    if got != expected:
        raise IntegrityError("cached volume is truncated")
    return view
