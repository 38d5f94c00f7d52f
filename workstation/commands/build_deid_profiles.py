"""``python -m workstation.commands.build_deid_profiles TABLE.json [--out DIR]``: write the
shipped de-identification profiles (``resources/anonymization/*.json``) from DICOM PS3.15
Table E.1-1 (Application Level Confidentiality Profile Attributes) as machine-readable JSON.

Each profile is the Basic Application Confidentiality Profile (PS3.15 E.2) with a set of
options (E.3.1-E.3.11). For every attribute of the table the profile records the table's
own code (``basic`` and the codes of the chosen options) and the single ``action`` the
engine applies, so an inspector can audit a profile without running code:

* an option's code replaces the Basic Profile's code (PS3.15 E.3); when two chosen options
  disagree (only Retain Device Identity ``K`` against Retain Modified Dates ``C`` on
  calibration dates), the cleaning one wins, as it discloses less;
* combined codes ``X/Z``, ``X/D``, ``Z/D``, ``X/Z/D`` and ``X/Z/U*`` mean "the lightest
  action the IOD's Type rules allow" (PS3.15 Table E.1-1 legend). The workstation exports
  any IOD without per-IOD module tables, so an attribute that occurs in a standard
  composite IOD (``stdCompIOD`` = Y) gets the action that keeps even a Type 1 or Type 2
  attribute valid (the last letter: ``D``, ``Z`` or ``U``); one that occurs in no standard
  IOD is simply removed (``X``).

The five option sets are the ones of the standards brief §8 (teaching, research,
clinical trial, AI/QA dataset, second opinion).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workstation.core.resource_files import resource_path

#: CID 7050 "De-identification Method" codes (PS3.16), by option name.
METHOD_CODES: dict[str, tuple[str, str]] = {
    "basic": ("113100", "Basic Application Confidentiality Profile"),
    "cleanPixelData": ("113101", "Clean Pixel Data Option"),
    "cleanVisualFeatures": ("113102", "Clean Recognizable Visual Features Option"),
    "cleanGraphOpt": ("113103", "Clean Graphics Option"),
    "cleanStructContOpt": ("113104", "Clean Structured Content Option"),
    "cleanDescOpt": ("113105", "Clean Descriptors Option"),
    "rtnLongFullDatesOpt": ("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
    "rtnLongModifDatesOpt": (
        "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    "rtnPatCharsOpt": ("113108", "Retain Patient Characteristics Option"),
    "rtnDevIdOpt": ("113109", "Retain Device Identity Option"),
    "rtnUIDsOpt": ("113110", "Retain UIDs Option"),
    "rtnSafePrivOpt": ("113111", "Retain Safe Private Option"),
    "rtnInstIdOpt": ("113112", "Retain Institution Identity Option"),
}

#: Options that are columns of Table E.1-1 (the pixel options are not).
TABLE_OPTIONS = (
    "rtnSafePrivOpt", "rtnUIDsOpt", "rtnDevIdOpt", "rtnInstIdOpt", "rtnPatCharsOpt",
    "rtnLongFullDatesOpt", "rtnLongModifDatesOpt", "cleanDescOpt", "cleanStructContOpt",
    "cleanGraphOpt",
)

_RESEARCH = ["rtnLongModifDatesOpt", "rtnPatCharsOpt", "rtnSafePrivOpt", "cleanDescOpt",
             "cleanStructContOpt", "cleanGraphOpt"]

#: name -> (label, description, options after "basic")
PROFILES: dict[str, tuple[str, str, list[str]]] = {
    "teaching": (
        "Teaching / public",
        "For teaching files and publication: everything identifying is removed or cleaned, "
        "including text burned into pixels and recognisable features.",
        ["cleanPixelData", "cleanVisualFeatures", "cleanGraphOpt", "cleanStructContOpt",
         "cleanDescOpt"],
    ),
    "research": (
        "Research (longitudinal)",
        "For retrospective research: dates shifted consistently per patient, patient "
        "characteristics and safe private attributes kept, free text cleaned.",
        _RESEARCH,
    ),
    "clinical_trial": (
        "Clinical trial",
        "Research profile plus device and institution identity, with pseudonymous patient "
        "IDs, for multi-centre trials.",
        [*_RESEARCH, "rtnDevIdOpt", "rtnInstIdOpt"],
    ),
    "ai_dataset": (
        "AI / QA dataset",
        "For algorithm training and quality assurance: modified dates, patient "
        "characteristics, device identity and safe private attributes kept; pixels, "
        "descriptors and structured content cleaned.",
        ["rtnLongModifDatesOpt", "rtnPatCharsOpt", "rtnDevIdOpt", "rtnSafePrivOpt",
         "cleanPixelData", "cleanDescOpt", "cleanStructContOpt"],
    ),
    "second_opinion": (
        "Second opinion (re-linkable)",
        "For a second reading by a trusted party: UIDs and full dates kept so the result can "
        "be linked back; names and IDs removed.",
        ["rtnUIDsOpt", "rtnLongFullDatesOpt", "rtnPatCharsOpt", "rtnDevIdOpt", "rtnInstIdOpt",
         "rtnSafePrivOpt"],
    ),
}

#: Private data elements PS3.15 Table E.3.10-1 lists as safe: (creator, group, element byte).
SAFE_PRIVATE = [
    {"creator": "SIEMENS MR HEADER", "group": "0019", "element": "0C", "name": "B_value"},
    {"creator": "SIEMENS MR HEADER", "group": "0019", "element": "0D",
     "name": "DiffusionDirectionality"},
    {"creator": "SIEMENS MR HEADER", "group": "0019", "element": "0E",
     "name": "DiffusionGradientDirection"},
    {"creator": "SIEMENS MR HEADER", "group": "0019", "element": "27", "name": "B_matrix"},
    {"creator": "GEMS_PARM_01", "group": "0043", "element": "39", "name": "Slop_int_6...9"},
    {"creator": "Philips PET Private Group", "group": "7053", "element": "00",
     "name": "SUV Factor"},
    {"creator": "Philips PET Private Group", "group": "7053", "element": "09",
     "name": "Activity Concentration Scale Factor"},
]

_SPECIAL_KEYS = {
    "50xxxxxx": "50XXXXXX",
    "60xx3000": "60XX3000",
    "60xx4000": "60XX4000",
    "ggggeeee-where-gggg-is-odd": "PRIVATE",
}


def table_key(row: dict[str, Any]) -> str:
    """The profile's key for a table row: 8 upper-case hex digits, or a pattern name."""
    raw = row["id"].lower()
    return _SPECIAL_KEYS.get(raw, raw.upper())


def resolve(code: str, in_standard_iod: bool) -> str:
    """One action for a table code (see the module docstring for the rule)."""
    parts = [p.rstrip("*") for p in code.split("/")]
    if len(parts) == 1:
        return parts[0]
    return parts[-1] if in_standard_iod else "X"


def build_profile(name: str, table: list[dict[str, Any]]) -> dict[str, Any]:
    label, description, extra = PROFILES[name]
    options = ["basic", *extra]
    chosen = [o for o in options if o in TABLE_OPTIONS]
    actions: dict[str, Any] = {}
    for row in table:
        key = table_key(row)
        if key.startswith("0000"):
            continue  # command group elements never occur in a stored data set
        code = row["basicProfile"]
        option_codes = {o: row[o] for o in chosen if o in row}
        if option_codes:
            values = set(option_codes.values())
            code = "C" if "C" in values else values.pop()
        entry = {
            "name": row["name"],
            "basic": row["basicProfile"],
            "action": resolve(code, row.get("stdCompIOD") == "Y"),
        }
        if option_codes:
            entry["options"] = option_codes
        actions[key] = entry
    dates = ("shift" if "rtnLongModifDatesOpt" in options
             else "keep" if "rtnLongFullDatesOpt" in options else "remove")
    return {
        "$schema": "../schemas/deid_profile.schema.json",
        "version": 1,
        "name": name,
        "label": label,
        "description": description,
        "source": "DICOM PS3.15 Annex E, Table E.1-1",
        "options": options,
        "methodCodes": [
            {"value": METHOD_CODES[o][0], "scheme": "DCM", "meaning": METHOD_CODES[o][1]}
            for o in options
        ],
        "dates": dates,
        "cleanPixelData": "cleanPixelData" in options,
        "cleanVisualFeatures": "cleanVisualFeatures" in options,
        "safePrivate": SAFE_PRIVATE if "rtnSafePrivOpt" in options else [],
        "actions": actions,
    }


def build_all(table_path: Path, out: Path) -> list[Path]:
    table = json.loads(table_path.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PROFILES:
        path = out / f"{name}.json"
        text = json.dumps(build_profile(name, table), indent=1, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build_deid_profiles",
        description="Write resources/anonymization/*.json from PS3.15 Table E.1-1 JSON.")
    parser.add_argument("table", type=Path, help="ps3-15-table-e1-1.json")
    parser.add_argument("--out", type=Path, default=resource_path("anonymization"))
    args = parser.parse_args(argv)
    for path in build_all(args.table, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
