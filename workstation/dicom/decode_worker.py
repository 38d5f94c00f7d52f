"""What a decoding process runs: codestreams in, pixels written into a shared volume.

The same functions decode in the loading process (small series, the first slice shown)
and in the pool's worker processes, so a slice decodes identically wherever it lands.
A worker receives one batch of frames as encoded bytes with their pixel description and
writes each decoded frame into its slot of the caller's volume, a
``multiprocessing.shared_memory`` segment attached by name for the batch. Only a
(slot, error) list travels back: decoded pixels never go through a pipe.

Importing this module imports pydicom and, through it, every installed decoding plugin;
the pool's fork server preloads it so that workers start with the codecs already loaded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path

import numpy as np
from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset, FileMetaDataset

from workstation.dicom.decoders import (
    DecodeError,
    decode_codestream,
    decode_into,
    use_throughput_order,
)
from workstation.dicom.fast_dataset import forgetting, speed_up
from workstation.dicom.file_reader import (
    HeaderError,
    Source,
    describe_failure,
    open_dataset,
    source_label,
)
from workstation.dicom.frame_source import PixelDescription, PixelLocation, describe, locate
from workstation.dicom.image_record import ImageRecord, make_record


@dataclass(frozen=True, slots=True)
class FrameJob:
    """One encoded frame and the volume slot it decodes into."""

    slot: int
    payload: bytes
    description: PixelDescription


# (slot, error message or None), in the order of the batch.
FrameOutcome = tuple[int, str | None]


def decode_jobs(out: np.ndarray, jobs: Sequence[FrameJob]) -> list[FrameOutcome]:
    """Decode each job into ``out[job.slot]``; a failure is reported per frame."""
    outcomes: list[FrameOutcome] = []
    for job in jobs:
        try:
            if not _decode_direct(out, job):
                decode_into(job.description.frame_dataset(job.payload), out, [job.slot])
        except DecodeError as exc:
            outcomes.append((job.slot, str(exc)))
        except Exception as exc:  # noqa: BLE001 - codecs raise anything on hostile data
            outcomes.append((job.slot, describe_failure(exc)))
        else:
            outcomes.append((job.slot, None))
    return outcomes


def _decode_direct(out: np.ndarray, job: FrameJob) -> bool:
    """Decode a simple frame without pydicom's machinery (see decode_codestream); False
    when the frame needs pydicom. A plugin error falls back to pydicom too, which tries
    the other plugins and words the error."""
    description = job.description
    if description.samples_per_pixel != 1 or out.ndim != 3:
        return False
    try:
        arr = decode_codestream(description.transfer_syntax, job.payload, description.rows,
                                description.columns, out.dtype,
                                description.pixel_representation)
    except Exception:  # noqa: BLE001 - codecs raise anything on hostile data
        return False
    if arr is None or arr.shape != out.shape[1:]:
        return False
    out[job.slot] = arr
    return True


def decode_batch_shared(
    segment: str, shape: tuple[int, ...], dtype: str, jobs: Sequence[FrameJob]
) -> list[FrameOutcome]:
    """Worker entry point: attach the caller's volume by name, decode, detach."""
    shm = SharedMemory(name=segment)
    try:
        return _decode_attached(shm, shape, np.dtype(dtype), jobs)
    finally:
        shm.close()


def _decode_attached(shm: SharedMemory, shape: tuple[int, ...], dtype: np.dtype,
                     jobs: Sequence[FrameJob]) -> list[FrameOutcome]:
    # The array must be gone before the segment is closed, hence its own frame.
    out = np.ndarray(shape, dtype=dtype, buffer=shm.buf)
    return decode_jobs(out, jobs)


def init_worker() -> None:
    """Runs once in each worker process: rank codecs by CPU time, as every core is busy."""
    use_throughput_order(True)


def worker_ready() -> int:
    """A no-op task: submitting one per worker starts the processes ahead of need."""
    return os.getpid()


@dataclass(slots=True)
class ParsedFile:
    """The header pass's answer for one source: a validated record with where its pixels
    are, or the reason it cannot be shown."""

    index: int
    record: ImageRecord | None = None
    description: PixelDescription | None = None
    location: PixelLocation | None = None
    error: str | None = None


def parse_source(index: int, source: Source) -> ParsedFile:
    """Parse and validate one file's header (pixel data left unread)."""
    label = source_label(source, index)
    try:
        ds = speed_up(open_dataset(source))
        record = make_record(index, label, source, ds)
        return ParsedFile(index, record, describe(ds), locate(ds))
    except HeaderError as exc:
        return ParsedFile(index, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - element values of hostile files fail anywhere
        return ParsedFile(index, error=describe_failure(exc))


# What a record parsed in a worker keeps of its dataset: pickling a whole parsed header
# costs more than parsing it, and every later step reads record fields instead.
_KEPT_KEYWORDS = (
    "SOPClassUID", "SOPInstanceUID", "SeriesInstanceUID", "Modality", "Rows", "Columns",
    "SamplesPerPixel", "PhotometricInterpretation", "PlanarConfiguration", "BitsAllocated",
    "BitsStored", "HighBit", "PixelRepresentation", "NumberOfFrames",
)


_KEPT_TAGS = tuple(tag_for_keyword(keyword) for keyword in _KEPT_KEYWORDS)


def _slim(ds: Dataset) -> Dataset:
    """The kept elements as they are, raw ones still raw (converted, if ever, by whoever
    reads them, with the file's encoding carried over): converting them here cost as
    much as building the record."""
    kept = {tag: ds.get_item(tag, keep_deferred=True) for tag in _KEPT_TAGS if tag in ds}
    slim = Dataset(kept)
    implicit, little = ds.original_encoding
    if implicit is not None and little is not None:
        slim.set_original_encoding(implicit, little, ds.original_character_set)
    slim.file_meta = FileMetaDataset()
    slim.file_meta.TransferSyntaxUID = ds.file_meta.TransferSyntaxUID
    return slim


def parse_batch(items: Sequence[tuple[int, str]]) -> list[ParsedFile]:
    """Worker entry point: parse files given as (index, path). Records come back with a
    slimmed dataset; files whose pixels the loader must hand to pydicom whole (see
    :func:`workstation.dicom.frame_source.frame_plan`) are parsed again by the caller."""
    parsed = []
    with forgetting():
        for index, path in items:
            result = parse_source(index, Path(path))
            if result.record is not None:
                result.record.dataset = _slim(result.record.dataset)
            parsed.append(result)
    return parsed
