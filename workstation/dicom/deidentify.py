"""De-identification of one DICOM data set with a PS3.15 Annex E profile.

The profile (``workstation.core.deid_profile``) gives one action per Table E.1-1
attribute; this engine applies it at every nesting level (attributes inside sequence items
get their own actions), removes private attributes unless Retain Safe Private keeps a
Table E.3.10-1 element, remaps instance UIDs consistently (one keyed pseudonymizer per
export), shifts dates per patient when the profile retains modified dates, and records
what was done: Patient Identity Removed (0012,0062) = YES, De-identification Method
(0012,0063), De-identification Method Code Sequence (0012,0064, CID 7050) and
Longitudinal Temporal Information Modified (0028,0303) (PS3.15 E.1.1, PS3.3 C.7.1.1).

Pixel data is never changed silently: an image that says Burned In Annotation (0028,0301)
= YES is refused unless the profile has Clean Pixel Data and the caller marks the text
regions to blank (PS3.15 E.3.1); Recognizable Visual Features (0028,0302) = YES is
refused under the Clean Recognizable Visual Features option, which needs a human.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence
from pydicom.uid import generate_uid

from workstation.core.deid_profile import DeidProfile
from workstation.dicom.deidentify_values import (
    DUMMY_BY_VR,
    TEXT_VRS,
    Pseudonymizer,
    clean_text,
    identifying_words,
    shift_date,
    shift_datetime,
)

log = logging.getLogger(__name__)

PATIENT_ID = 0x00100020
PATIENT_NAME = 0x00100010
#: Modalities that often carry text burned into pixels without saying so (PS3.15 E.3.1).
BURN_PRONE_MODALITIES = frozenset({"US", "XA", "RF", "ES", "XC", "OT", "SC", "GM", "SM"})
_IDENTIFYING_KEYWORDS = (
    "PatientName", "PatientID", "OtherPatientIDs", "OtherPatientNames", "PatientBirthName",
    "PatientMotherBirthName", "AccessionNumber", "InstitutionName", "InstitutionAddress",
    "ReferringPhysicianName", "PerformingPhysicianName", "NameOfPhysiciansReadingStudy",
    "OperatorsName", "PhysiciansOfRecord", "RequestingPhysician", "PatientAddress",
    "PatientTelephoneNumbers", "MilitaryRank", "IssuerOfPatientID", "StationName",
)


class DeidentificationRefusedError(Exception):
    """This instance cannot be de-identified safely with the chosen profile."""


@dataclass(frozen=True, slots=True)
class PixelMask:
    """A rectangle of every frame to blank (rows from ``top``, columns from ``left``)."""

    top: int
    left: int
    height: int
    width: int


@dataclass(slots=True)
class DeidOutcome:
    dataset: Dataset
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
    words: list[str]
    shift_days: int
    patient_key: str


class Deidentifier:
    """Applies one profile with one pseudonymizer: reuse the same instance for every file
    of an export so UIDs, pseudonyms and date shifts agree across the whole export."""

    def __init__(self, profile: DeidProfile, pseudonymizer: Pseudonymizer, *,
                 masks: Sequence[PixelMask] = ()) -> None:
        self.profile = profile
        self.pseudonymizer = pseudonymizer
        self.masks = tuple(masks)

    def deidentify(self, source: Dataset) -> DeidOutcome:
        """A de-identified copy of ``source`` (which is left untouched)."""
        ds = copy.deepcopy(source)
        outcome = DeidOutcome(ds)
        self._check_pixels(ds, outcome)
        patient_key = str(ds.get("PatientID", "") or ds.get("PatientName", "") or "")
        words = identifying_words(
            str(ds.get(k, "") or "") for k in _IDENTIFYING_KEYWORDS if k in ds)
        ctx = _Context(words, self.pseudonymizer.shift_days(patient_key), patient_key)
        self._walk(ds, ctx, clean=False)
        self._mark(ds)
        self._file_meta(ds, outcome)
        return outcome

    def _file_meta(self, ds: Dataset, outcome: DeidOutcome) -> None:
        """File meta (PS3.10 7.1) follows the new identity; the sender's AE titles go."""
        meta = getattr(ds, "file_meta", None)
        stored = str(meta.get("MediaStorageSOPInstanceUID", "") or "") if meta else ""
        if not ds.get("SOPInstanceUID"):
            if stored:
                ds.SOPInstanceUID = (stored if self.profile.retains_uids
                                     else self.pseudonymizer.uid(stored))
            else:  # a broken source without an instance UID still leaves as a valid file
                ds.SOPInstanceUID = generate_uid(prefix=None)
                outcome.warnings.append("the image had no SOP Instance UID; a new one was made")
        if meta is None:
            return
        for tag in (0x00020016, 0x00020017, 0x00020018):
            if tag in meta:
                del meta[tag]
        if not meta.get("MediaStorageSOPClassUID") and ds.get("SOPClassUID"):
            meta.MediaStorageSOPClassUID = ds.SOPClassUID
        meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID

    # -- pixels ---------------------------------------------------------------------------
    def _check_pixels(self, ds: Dataset, outcome: DeidOutcome) -> None:
        if "PixelData" not in ds:
            return
        burned = str(ds.get("BurnedInAnnotation", "")).strip().upper()
        visual = str(ds.get("RecognizableVisualFeatures", "")).strip().upper()
        if visual == "YES":
            if self.profile.clean_visual_features:
                raise DeidentificationRefusedError(
                    "image has Recognizable Visual Features (0028,0302) = YES, which this "
                    "profile must remove and which cannot be removed automatically")
            outcome.warnings.append("image has recognizable visual features")
        if burned == "YES":
            if not self.profile.clean_pixel_data:
                raise DeidentificationRefusedError(
                    "image has Burned In Annotation (0028,0301) = YES; use a profile with "
                    "Clean Pixel Data and mark the text regions")
            if not self.masks:
                raise DeidentificationRefusedError(
                    "image has Burned In Annotation (0028,0301) = YES and no text regions "
                    "were marked for blanking")
        if self.profile.clean_pixel_data and self.masks:
            self._blank(ds)
            ds.BurnedInAnnotation = "NO"
        elif not burned and str(ds.get("Modality", "")).upper() in BURN_PRONE_MODALITIES:
            outcome.warnings.append(
                "modality often carries burned-in text and the image does not state "
                "Burned In Annotation; check the pixels")

    def _blank(self, ds: Dataset) -> None:
        syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
        if syntax is not None and syntax.is_compressed:
            ds.decompress()
        pixels = ds.pixel_array.copy()
        frames = pixels if int(ds.get("NumberOfFrames", 1) or 1) > 1 else pixels[None]
        fill = pixels.min()
        for mask in self.masks:
            frames[:, mask.top:mask.top + mask.height, mask.left:mask.left + mask.width] = fill
        ds.PixelData = pixels.tobytes()

    # -- attributes -----------------------------------------------------------------------
    def _walk(self, ds: Dataset, ctx: _Context, *, clean: bool) -> None:
        self._private(ds)
        for tag in list(ds.keys()):
            if tag.is_private or tag.group == 0x0002:
                continue
            elem = ds[tag]
            action = self.profile.action_for_tag(int(tag))
            if action is None:
                self._unlisted(ds, elem, ctx, clean)
            elif action == "X":
                del ds[tag]
            elif action == "Z":
                elem.value = DicomSequence() if elem.VR == "SQ" else elem.empty_value
            elif action == "D":
                self._dummy(elem, ctx)
            elif action == "K":
                self._recurse(elem, ctx, clean=clean)
            elif action == "U":
                self._new_uids(elem, ctx, clean)
            else:  # "C"
                self._clean(elem, ctx)

    def _unlisted(self, ds: Dataset, elem: DataElement, ctx: _Context, clean: bool) -> None:
        """Attributes the table does not name are kept; inside cleaned structured content
        their text and dates are cleaned too (PS3.15 E.3.3)."""
        if elem.VR == "SQ":
            self._recurse(elem, ctx, clean=clean)
        elif clean and elem.VR != "UI":
            self._clean(elem, ctx)

    def _recurse(self, elem: DataElement, ctx: _Context, *, clean: bool) -> None:
        if elem.VR == "SQ" and elem.value:
            for item in elem.value:
                self._walk(item, ctx, clean=clean)

    def _dummy(self, elem: DataElement, ctx: _Context) -> None:
        if elem.tag in (PATIENT_ID, PATIENT_NAME):
            elem.value = self.pseudonymizer.pseudonym(ctx.patient_key)
        elif elem.VR == "SQ":
            elem.value = DicomSequence([Dataset()])
        elif elem.VR == "UI":
            self._new_uids(elem, ctx, clean=False)
        else:
            elem.value = DUMMY_BY_VR.get(elem.VR, "ANONYMIZED")

    def _new_uids(self, elem: DataElement, ctx: _Context, clean: bool) -> None:
        if elem.VR == "SQ":
            self._recurse(elem, ctx, clean=clean)
        elif elem.VR == "UI" and not elem.is_empty:
            values = elem.value if elem.VM > 1 else [elem.value]
            new = [self.pseudonymizer.uid(str(v)) for v in values]
            elem.value = new if elem.VM > 1 else new[0]
        else:
            elem.value = None

    def _clean(self, elem: DataElement, ctx: _Context) -> None:
        """``C``: keep the meaning, drop what identifies (PS3.15 E.3)."""
        vr = elem.VR
        if vr == "SQ":
            self._recurse(elem, ctx, clean=True)
        elif elem.is_empty:
            return
        elif vr in ("DA", "DT"):
            self._clean_dates(elem, ctx)
        elif vr == "UI":
            self._new_uids(elem, ctx, clean=True)
        elif vr == "AE":
            elem.value = DUMMY_BY_VR["AE"]
        elif vr in TEXT_VRS:
            if elem.VM > 1:
                elem.value = [clean_text(str(v), ctx.words) for v in elem.value]
            else:
                elem.value = clean_text(str(elem.value), ctx.words)
        # TM, numbers, codes and binary values carry no identity of their own: kept.

    def _clean_dates(self, elem: DataElement, ctx: _Context) -> None:
        mode = self.profile.dates
        if mode == "keep":
            return
        shift = shift_date if elem.VR == "DA" else shift_datetime
        values = list(elem.value) if elem.VM > 1 else [elem.value]
        if mode == "shift":
            new = [shift(str(v), ctx.shift_days) for v in values]
        else:
            new = [str(DUMMY_BY_VR[elem.VR])] * len(values)
        elem.value = new if elem.VM > 1 else new[0]

    def _private(self, ds: Dataset) -> None:
        """Private attributes are removed (PS3.15 E.1.1) except Table E.3.10-1 safe ones
        under Retain Safe Private, with the private creator they need."""
        keep: set[int] = set()
        if self.profile.private_action == "C" and self.profile.safe_private:
            safe = {(s.creator.upper(), s.group, s.element) for s in self.profile.safe_private}
            for tag in ds.keys():
                if not tag.is_private or tag.element < 0x1000:
                    continue
                creator_tag = (tag.group << 16) | (tag.element >> 8)
                creator = ds.get(creator_tag)
                name = str(creator.value).strip().upper() if creator is not None else ""
                if (name, tag.group, tag.element & 0xFF) in safe:
                    keep.update((int(tag), creator_tag))
        for tag in [t for t in ds.keys() if t.is_private and int(t) not in keep]:
            del ds[tag]

    def _mark(self, ds: Dataset) -> None:
        profile = self.profile
        ds.PatientIdentityRemoved = "YES"
        ds.DeidentificationMethod = f"PS3.15 Annex E: {profile.label}"[:64]
        items = []
        for code in profile.method_codes:
            item = Dataset()
            item.CodeValue = code.value
            item.CodingSchemeDesignator = code.scheme
            item.CodeMeaning = code.meaning
            items.append(item)
        ds.DeidentificationMethodCodeSequence = DicomSequence(items)
        ds.LongitudinalTemporalInformationModified = {
            "shift": "MODIFIED", "keep": "UNMODIFIED"}.get(profile.dates, "REMOVED")
