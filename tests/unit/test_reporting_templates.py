"""Report templates: every shipped file against the JSON schema and the core validator,
and the automatic choice of a template for a study."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from workstation.core.report_template import (
    TemplateError,
    choose_template,
    load_templates,
    parse_template,
    templates_dir,
)
from workstation.core.resource_files import resource_path

SHIPPED = sorted(templates_dir().glob("*.json"))
EXPECTED = {"ct_head_noncontrast", "ct_chest", "ct_abdomen_pelvis", "mr_brain", "mg_breast",
            "cr_chest"}


def _raw(template_id: str) -> dict:
    return json.loads((templates_dir() / f"{template_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_template_follows_the_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resource_path("schemas", "report_template.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


def test_every_required_template_ships_and_parses() -> None:
    templates = load_templates()
    assert EXPECTED <= set(templates)
    for template in templates.values():
        assert {"tr", "en"} <= set(template.languages)
        assert any(s.target == "impression" for s in template.sections)
        types = {f.type for _, f in template.fields()}
        assert types <= {"text", "choice", "multi_choice", "number", "date", "measurement"}
        assert template.macros


def test_field_types_cover_the_format() -> None:
    types = {f.type for t in load_templates().values() for _, f in t.fields()}
    assert types == {"text", "choice", "multi_choice", "number", "date", "measurement"}


def test_mammography_has_birads_and_density() -> None:
    mg = load_templates()["mg_breast"]
    birads, density = mg.field("birads"), mg.field("density")
    assert birads is not None and birads.required
    assert [o.code for o in birads.options] == ["0", "1", "2", "3", "4A", "4B", "4C", "5", "6"]
    assert density is not None and [o.code for o in density.options] == ["a", "b", "c", "d"]
    assert density.option("c").label.tr == "c: heterojen yoğun"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["sections"][0]["fields"][0].update(type="slider"), "type must be"),
        (lambda d: d["title"].pop("tr"), "missing 'tr'"),
        (lambda d: d["sections"][1]["fields"].append(d["sections"][1]["fields"][0]),
         "duplicate field ids"),
        (lambda d: d["sections"][2]["fields"][0].pop("options"), "needs options"),
        (lambda d: d["sections"][2]["fields"][3].pop("unit"), "unit"),
        (lambda d: d["sections"][2]["fields"][1].update(normal="maybe"), "option codes"),
        (lambda d: d["match"].update(modalities=[]), "modalities"),
        (lambda d: d["macros"].update({"Bad Code": {"en": "x", "tr": "y"}}), "macro"),
    ],
)
def test_validator_names_the_problem(mutate, message: str) -> None:
    data = copy.deepcopy(_raw("ct_head_noncontrast"))
    parse_template(data)  # the unmodified file is valid
    mutate(data)
    with pytest.raises(TemplateError, match=message):
        parse_template(data)


@pytest.mark.parametrize(
    ("modality", "body_part", "description", "expected"),
    [
        ("CT", "HEAD", "CT BEYIN KONTRASTSIZ", "ct_head_noncontrast"),
        ("CT", "", "Kontrastsız beyin BT", "ct_head_noncontrast"),
        ("CT", "CHEST", "CT pulmonary angiography", "ct_chest"),
        ("CT", "", "Toraks BT", "ct_chest"),
        ("CT", "ABDOMEN", "CT abdomen pelvis with contrast", "ct_abdomen_pelvis"),
        ("MR", "BRAIN", "MRI brain", "mr_brain"),
        ("MG", "BREAST", "Screening mammography", "mg_breast"),
        ("MG", "", "", "mg_breast"),
        ("DX", "CHEST", "Chest PA", "cr_chest"),
        ("CR", "", "Akciğer grafisi", "cr_chest"),
        ("US", "ABDOMEN", "Abdominal ultrasound", None),
    ],
)
def test_choose_template(modality, body_part, description, expected) -> None:
    assert choose_template(modality, body_part, description) == expected


def test_macros_expand_in_the_report_language() -> None:
    head = load_templates()["ct_head_noncontrast"]
    assert head.expand_macros(".nad", "tr") == "Akut intrakraniyal patoloji saptanmadı."
    assert head.expand_macros("Also .atro Unknown .zzz", "en") == (
        "Also Age-appropriate cerebral volume loss. Unknown .zzz"
    )
    assert head.expand_macros("file.nad stays", "en") == "file.nad stays"
