"""A data set carrying every attribute of PS3.15 Table E.1-1 with a valid VR, generated from
the shipped profile (which lists every table row), for the de-identification tests."""

from __future__ import annotations

import numpy as np
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, SecondaryCaptureImageStorage

from workstation.core.deid_profile import DeidProfile

PATIENT_NAME = "DOE^JANE"
PATIENT_ID = "PID-4711"
SECRET_TEXT = "seen by DOE"
NESTED_UID = "1.2.826.0.1.3680043.8.498.500"
PATTERN_TAGS = {"50XXXXXX": 0x50003000, "60XX3000": 0x60003000, "60XX4000": 0x60004000}

TEXT_VALUE = {"LO": SECRET_TEXT, "LT": SECRET_TEXT, "SH": "DOE", "ST": SECRET_TEXT,
              "UC": SECRET_TEXT, "UT": SECRET_TEXT, "PN": "SMITH^JOHN"}
FIXED_VALUE = {"AE": "SECRET_AE", "AS": "045Y", "CS": "SECRETCS", "DA": "20240131",
               "DT": "20240131101500", "TM": "101500", "DS": "12.5", "IS": "7",
               "UR": "http://secret.example/", "US": 7, "SS": 7, "UL": 7, "FL": 1.5,
               "FD": 1.5, "OB": b"\x01\x02", "OW": b"\x01\x02", "UN": b"\x01\x02"}


def table_tags(profile: DeidProfile) -> dict[str, int]:
    """Profile key -> a concrete tag (the first group of a repeating group)."""
    tags: dict[str, int] = {}
    for key in profile.actions:
        if key in PATTERN_TAGS:
            tags[key] = PATTERN_TAGS[key]
        elif key != "PRIVATE" and not key.startswith("0002"):
            tags[key] = int(key, 16)
    return tags


def vr_of(tag: int) -> str:
    return dictionary_VR(tag).split(" or ")[0]


def value_for(tag: int, vr: str, index: int) -> object:
    if vr == "UI":
        return f"1.2.826.0.1.3680043.8.498.{index + 1000}"
    if vr == "SQ":
        item = Dataset()
        item.ReferencedSOPInstanceUID = f"{NESTED_UID}.{index}"
        item.CodeMeaning = SECRET_TEXT  # not in the table: kept unless content is cleaned
        return Sequence([item])
    if vr in TEXT_VALUE:
        return TEXT_VALUE[vr]
    return FIXED_VALUE[vr]


def every_attribute_dataset(profile: DeidProfile) -> Dataset:
    """A Secondary Capture image with every table attribute, private attributes (one of
    them safe per Table E.3.10-1) and a small pixel matrix."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    for index, (_key, tag) in enumerate(sorted(table_tags(profile).items())):
        vr = vr_of(tag)
        ds.add_new(tag, vr, value_for(tag, vr, index))
    ds.PatientName = PATIENT_NAME
    ds.PatientID = PATIENT_ID
    ds.SOPClassUID = SecondaryCaptureImageStorage
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.Modality = "CT"
    ds.BurnedInAnnotation = "NO"
    ds.add_new(0x00190010, "LO", "SIEMENS MR HEADER")
    ds.add_new(0x0019100C, "IS", "1000")  # B_value: safe
    ds.add_new(0x00191008, "LO", "DOE private")  # not safe
    ds.add_new(0x00290010, "LO", "ACME 1.0")
    ds.add_new(0x00291001, "LO", PATIENT_NAME)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = 8
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.PixelData = np.arange(64, dtype=np.uint16).reshape(8, 8).tobytes()
    return ds
