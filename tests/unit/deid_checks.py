"""Checks that one Table E.1-1 action was applied to one attribute (shared by the
synthetic and the real-file de-identification tests)."""

from __future__ import annotations

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset

from workstation.core.deid_profile import DeidProfile
from workstation.dicom.deidentify_values import Pseudonymizer, shift_date, shift_datetime

NESTED_UID_TAG = 0x00081155


def _uid_ok(original: str, new: str, ps: Pseudonymizer, retain: bool) -> str | None:
    if not original.strip("\0 "):
        return None if not new else f"empty UID filled with {new}"
    if retain:
        return None if new == original else f"UID changed under Retain UIDs: {new}"
    if new != ps.uid(original) or not new.startswith("2.25.") or len(new) > 64:
        return f"UID {new!r} is not the consistent replacement of the original"
    return None


def _nested_ok(orig: DataElement, new: DataElement, ps: Pseudonymizer, profile: DeidProfile,
               *, cleaned: bool, words: list[str]) -> str | None:
    if len(new.value) != len(orig.value):
        return f"sequence has {len(new.value)} items, expected {len(orig.value)}"
    for before, after in zip(orig.value, new.value, strict=True):
        if NESTED_UID_TAG in before:
            if NESTED_UID_TAG not in after:
                return "nested Referenced SOP Instance UID missing"
            problem = _uid_ok(str(before[NESTED_UID_TAG].value),
                              str(after[NESTED_UID_TAG].value), ps, profile.retains_uids)
            if problem:
                return "nested " + problem
        if "CodeMeaning" in before and cleaned:
            text = str(after.get("CodeMeaning", ""))
            if any(w.upper() in text.upper().split() for w in words):
                return f"nested text not cleaned: {text!r}"
    return None


def check_action(action: str, orig: DataElement, out: Dataset, *, ps: Pseudonymizer,
                 profile: DeidProfile, shift_days: int, words: list[str],
                 pseudonym: str) -> str | None:
    """None when ``out`` shows ``action`` applied to ``orig``; else what is wrong."""
    tag = orig.tag
    if action == "X":
        return None if tag not in out else "still present"
    if tag not in out:
        return "removed"
    new = out[tag]
    vr = orig.VR
    if int(tag) == 0x00080018 and orig.is_empty:  # broken source: a fresh UID is made
        return None if str(new.value).startswith("2.25.") else "no new SOP Instance UID"
    if action == "Z":
        return None if new.is_empty else f"not empty: {new.value!r}"
    if action == "D":
        if new.is_empty:
            return "dummy is empty"
        if vr == "SQ":
            return None if len(new.value) == 1 and len(new.value[0]) == 0 else "not a dummy item"
        if int(tag) in (0x00100010, 0x00100020):
            return None if str(new.value) == pseudonym else f"not the pseudonym: {new.value}"
        if vr == "UI":
            return _uid_ok(str(orig.value), str(new.value), ps, False)
        return None if new.value != orig.value or orig.is_empty else "value kept"
    if action == "K":
        if vr == "SQ":
            return _nested_ok(orig, new, ps, profile, cleaned=False, words=words)
        return None if new.value == orig.value else f"changed to {new.value!r}"
    if action == "U":
        if vr == "SQ":
            return _nested_ok(orig, new, ps, profile, cleaned=False, words=words)
        if orig.is_empty:
            return None if new.is_empty else "empty UID filled"
        values = orig.value if orig.VM > 1 else [orig.value]
        news = new.value if new.VM > 1 else [new.value]
        for before, after in zip(values, news, strict=True):
            problem = _uid_ok(str(before), str(after), ps, False)
            if problem:
                return problem
        return None
    # "C"
    if orig.is_empty:
        return None
    if vr == "SQ":
        return _nested_ok(orig, new, ps, profile, cleaned=True, words=words)
    if vr in ("DA", "DT"):
        shift = shift_date if vr == "DA" else shift_datetime
        want = {"keep": str(orig.value), "shift": shift(str(orig.value), shift_days)}.get(
            profile.dates)
        if want is None:
            return None if new.value != orig.value else "date kept"
        return None if str(new.value) == want else f"date {new.value} != {want}"
    if vr == "UI":
        return _uid_ok(str(orig.value), str(new.value), ps, False)
    if vr == "AE":
        return None if new.value != orig.value else "AE title kept"
    if vr in ("LO", "LT", "SH", "ST", "UC", "UT", "PN"):
        text = str(new.value).upper()
        left = [w for w in words if w.upper() in text.replace("^", " ").split()]
        return None if not left else f"identifying words left: {left}"
    return None if new.value == orig.value else "value changed"
