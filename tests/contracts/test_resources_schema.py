"""Every shipped resources/*.json names its schema and follows it (JSON Schema 2020-12)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DATA_FILES = sorted(p for p in RESOURCES.rglob("*.json") if "schemas" not in p.parts)


def test_the_viewer_data_files_are_shipped():
    names = {p.relative_to(RESOURCES).as_posix() for p in DATA_FILES}
    assert {"presets/window_presets.json", "shortcuts.json"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(RESOURCES).as_posix())
def test_file_follows_its_schema(path: Path):
    document = json.loads(path.read_text(encoding="utf-8"))
    schema_path = (path.parent / document["$schema"]).resolve()
    assert schema_path.parent == (RESOURCES / "schemas").resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_schema_rejects_a_broken_preset():
    schema = json.loads((RESOURCES / "schemas/window_presets.schema.json").read_text())
    document = json.loads((RESOURCES / "presets/window_presets.json").read_text())
    document["modalities"]["CT"]["presets"][0]["width"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    document["modalities"]["CT"]["presets"][0]["width"] = 80
    document["modalities"]["MR"] = {"source": "image", "presets": []}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_five_deidentification_profiles_follow_their_schema():
    profiles = sorted(p.stem for p in (RESOURCES / "anonymization").glob("*.json"))
    assert profiles == ["ai_dataset", "clinical_trial", "research", "second_opinion", "teaching"]
    schema = json.loads((RESOURCES / "schemas/deid_profile.schema.json").read_text())
    document = json.loads((RESOURCES / "anonymization/teaching.json").read_text())
    document["actions"]["00100010"]["action"] = "X/Z"  # combined codes must be resolved
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
