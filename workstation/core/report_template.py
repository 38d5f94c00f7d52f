"""Structured report templates as data: typed fields, required flags, normal phrases, macros.

A template follows the ideas of IHE MRRT (Management of Radiology Report Templates): a
report is a list of sections, each a list of typed fields (text, single or multiple
choice, number with unit, date, and a reference to a measurement made in the viewer).
Sections feed either the *findings* or the *impression* narrative that the hub stores;
the DICOM SR writer maps the same sections to TID 2000 headings (CID 7001).

Templates live in ``resources/report_templates/*.json`` and follow
``resources/schemas/report_template.schema.json``. This module checks them again with the
standard library alone (the schema check needs ``jsonschema``, which the core must not
import) and picks one for a study from matching rules kept in the template itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.core.resource_files import ResourceError, load_json, require, resource_path

LANGUAGES = ("tr", "en")
FIELD_TYPES = ("text", "choice", "multi_choice", "number", "date", "measurement")
TARGETS = ("findings", "impression")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_MACRO = re.compile(r"^[a-z0-9]{1,12}$")
_CODE = re.compile(r"^[A-Z]{2,16}$")


class TemplateError(ResourceError):
    """A report template does not follow the template format."""


@dataclass(frozen=True, slots=True)
class Label:
    """The same text in every supported language."""

    en: str
    tr: str

    def text(self, language: str) -> str:
        return self.tr if language == "tr" else self.en


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: Label


@dataclass(frozen=True, slots=True)
class Field:
    """One typed field. ``normal`` is the value a normal study gets: a phrase for text,
    an option code (or codes, for multi-choice) for choices."""

    id: str
    type: str
    label: Label
    required: bool = False
    options: tuple[Option, ...] = ()
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    normal: Label | str | tuple[str, ...] | None = None

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    label: Label
    target: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class MatchRule:
    """When a template fits a study: the modality must be listed; a matching body part and
    words of the study description raise the score."""

    modalities: tuple[str, ...]
    body_parts: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    priority: int = 0


@dataclass(frozen=True, slots=True)
class ReportTemplate:
    id: str
    version: int
    title: Label
    languages: tuple[str, ...]
    match: MatchRule
    sections: tuple[Section, ...]
    macros: Mapping[str, Label]

    def fields(self) -> Iterable[tuple[Section, Field]]:
        for section in self.sections:
            for field in section.fields:
                yield section, field

    def field(self, field_id: str) -> Field | None:
        return next((f for _, f in self.fields() if f.id == field_id), None)

    def expand_macros(self, text: str, language: str) -> str:
        """Replace each word ``.code`` naming a macro with its phrase (e.g. ``.nad``)."""

        def replace(match: re.Match[str]) -> str:
            macro = self.macros.get(match.group(1))
            return macro.text(language) if macro else match.group(0)

        return re.sub(r"(?<![\w.])\.([a-z0-9]{1,12})\b", replace, text)


def _label(data: Any, where: str) -> Label:
    require(isinstance(data, dict), where, "must be an object with 'en' and 'tr'")
    for language in LANGUAGES:
        value = data.get(language)
        require(isinstance(value, str) and bool(value.strip()), where, f"missing '{language}'")
    require(set(data) <= set(LANGUAGES), where, "only 'en' and 'tr' are allowed")
    return Label(en=data["en"], tr=data["tr"])


def _number(data: dict[str, Any], key: str, where: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    require(isinstance(value, int | float) and not isinstance(value, bool), where,
            f"'{key}' must be a number")
    return float(value)


def _normal(data: dict[str, Any], field_type: str, options: tuple[Option, ...],
            where: str) -> Label | str | tuple[str, ...] | None:
    normal = data.get("normal")
    if normal is None:
        return None
    codes = {o.code for o in options}
    if field_type == "choice":
        require(normal in codes, where, "normal must be one of the option codes")
        return str(normal)
    if field_type == "multi_choice":
        require(isinstance(normal, list) and all(c in codes for c in normal), where,
                "normal must be a list of option codes")
        return tuple(normal)
    require(field_type == "text", where, f"a {field_type} field has no normal phrase")
    return _label(normal, f"{where}.normal")


def parse_field(data: Any, where: str) -> Field:
    require(isinstance(data, dict), where, "must be an object")
    allowed = {"id", "type", "label", "required", "options", "unit", "minimum", "maximum",
               "normal"}
    require(set(data) <= allowed, where, f"unknown keys {sorted(set(data) - allowed)}")
    field_id = data.get("id")
    require(isinstance(field_id, str) and bool(_ID.match(field_id)), where, "bad field id")
    where = f"{where}({field_id})"
    field_type = data.get("type")
    require(field_type in FIELD_TYPES, where, f"type must be one of {FIELD_TYPES}")
    require(isinstance(data.get("required"), bool), where, "'required' must be true or false")
    options: tuple[Option, ...] = ()
    if field_type in ("choice", "multi_choice"):
        raw = data.get("options")
        require(isinstance(raw, list) and bool(raw), where, "a choice needs options")
        options = tuple(
            Option(str(o.get("code", "")), _label(o.get("label"), f"{where}.options[{i}]"))
            for i, o in enumerate(raw) if isinstance(o, dict)
        )
        require(len(options) == len(raw) and all(o.code for o in options), where,
                "every option needs a code and a label")
        require(len({o.code for o in options}) == len(options), where, "duplicate option code")
    else:
        require("options" not in data, where, "only choices have options")
    unit = data.get("unit", "")
    require(isinstance(unit, str), where, "'unit' must be text")
    require(bool(unit) == (field_type == "number"), where, "numbers, and only numbers, have a unit")
    minimum, maximum = _number(data, "minimum", where), _number(data, "maximum", where)
    if minimum is not None and maximum is not None:
        require(minimum <= maximum, where, "minimum is above maximum")
    return Field(
        id=field_id, type=field_type, label=_label(data.get("label"), f"{where}.label"),
        required=data["required"], options=options, unit=unit, minimum=minimum,
        maximum=maximum, normal=_normal(data, field_type, options, where),
    )


def _match(data: Any, where: str) -> MatchRule:
    require(isinstance(data, dict), where, "must be an object")
    require(set(data) <= {"modalities", "body_parts", "keywords", "priority"}, where,
            "unknown keys")
    modalities = data.get("modalities")
    require(isinstance(modalities, list) and bool(modalities)
            and all(isinstance(m, str) and _CODE.match(m) for m in modalities), where,
            "modalities must be a list of DICOM modality codes")
    body_parts = data.get("body_parts", [])
    require(isinstance(body_parts, list) and all(isinstance(b, str) and _CODE.match(b)
                                                 for b in body_parts), where, "bad body_parts")
    keywords = data.get("keywords", [])
    require(isinstance(keywords, list) and all(isinstance(k, str) and len(k) >= 2
                                               for k in keywords), where, "bad keywords")
    priority = data.get("priority", 0)
    require(isinstance(priority, int) and not isinstance(priority, bool), where,
            "priority must be an integer")
    return MatchRule(tuple(modalities), tuple(body_parts),
                     tuple(k.casefold() for k in keywords), priority)


def parse_template(data: Any, where: str = "template") -> ReportTemplate:
    """Check ``data`` (a parsed template file) and build the template; raises
    :class:`TemplateError` naming the first problem."""
    try:
        return _parse(data, where)
    except TemplateError:
        raise
    except ResourceError as exc:
        raise TemplateError(str(exc)) from None


def _parse(data: Any, where: str) -> ReportTemplate:
    require(isinstance(data, dict), where, "must be an object")
    allowed = {"$schema", "id", "version", "title", "languages", "match", "sections", "macros"}
    require(set(data) <= allowed, where, f"unknown keys {sorted(set(data) - allowed)}")
    template_id = data.get("id")
    require(isinstance(template_id, str) and bool(_ID.match(template_id)), where, "bad id")
    where = f"{where}({template_id})"
    version = data.get("version")
    require(isinstance(version, int) and not isinstance(version, bool) and version >= 1,
            where, "version must be a positive integer")
    languages = data.get("languages")
    require(isinstance(languages, list) and bool(languages)
            and all(lang in LANGUAGES for lang in languages), where, "bad languages")
    raw_sections = data.get("sections")
    require(isinstance(raw_sections, list) and bool(raw_sections), where, "needs sections")
    sections = []
    for i, raw in enumerate(raw_sections):
        at = f"{where}.sections[{i}]"
        require(isinstance(raw, dict), at, "must be an object")
        require(set(raw) <= {"id", "label", "target", "fields"}, at, "unknown keys")
        require(isinstance(raw.get("id"), str) and bool(_ID.match(raw["id"])), at, "bad id")
        require(raw.get("target") in TARGETS, at, f"target must be one of {TARGETS}")
        fields = raw.get("fields")
        require(isinstance(fields, list) and bool(fields), at, "needs fields")
        sections.append(Section(
            raw["id"], _label(raw.get("label"), f"{at}.label"), raw["target"],
            tuple(parse_field(f, f"{at}.fields[{j}]") for j, f in enumerate(fields)),
        ))
    field_ids = [f.id for s in sections for f in s.fields]
    duplicates = sorted({i for i in field_ids if field_ids.count(i) > 1})
    require(not duplicates, where, f"duplicate field ids {duplicates}")
    require(len({s.id for s in sections}) == len(sections), where, "duplicate section ids")
    macros = data.get("macros")
    require(isinstance(macros, dict), where, "macros must be an object")
    for code in macros:
        require(bool(_MACRO.match(code)), where, f"bad macro code {code!r}")
    return ReportTemplate(
        id=template_id, version=version, title=_label(data.get("title"), f"{where}.title"),
        languages=tuple(languages), match=_match(data.get("match"), f"{where}.match"),
        sections=tuple(sections),
        macros={code: _label(text, f"{where}.macros.{code}") for code, text in macros.items()},
    )


def templates_dir() -> Path:
    return resource_path("report_templates")


def load_template(path: Path) -> ReportTemplate:
    try:
        data = load_json(path)
    except ResourceError as exc:
        raise TemplateError(str(exc)) from None
    return parse_template(data, Path(path).name)


def load_templates(folder: Path | None = None) -> dict[str, ReportTemplate]:
    """Every template in ``folder`` (the shipped ones by default), by id."""
    folder = templates_dir() if folder is None else Path(folder)
    templates: dict[str, ReportTemplate] = {}
    for path in sorted(folder.glob("*.json")):
        template = load_template(path)
        if template.id in templates:
            raise TemplateError(f"{path.name}: template id {template.id!r} is used twice")
        templates[template.id] = template
    if not templates:
        raise TemplateError(f"no report templates in {folder}")
    return templates


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.casefold()))


def match_score(template: ReportTemplate, modality: str, body_part: str,
                description: str) -> int | None:
    """How well ``template`` fits the study; None when the modality is not covered.
    A body part match counts 4, every keyword found in the description 2."""
    rule = template.match
    if modality.strip().upper() not in rule.modalities:
        return None
    score = 4 if body_part.strip().upper() in rule.body_parts else 0
    words = _words(description)
    text = description.casefold()
    for keyword in rule.keywords:
        if keyword in words or (" " in keyword and keyword in text):
            score += 2
    return score


def choose_template(modality: str, body_part: str, description: str,
                    templates: Mapping[str, ReportTemplate] | None = None) -> str | None:
    """The id of the best template for a study (Modality (0008,0060), Body Part Examined
    (0018,0015), Study Description (0008,1030)); None when no template covers the
    modality. Ties go to the higher priority, then to the id, so the choice is stable."""
    templates = load_templates() if templates is None else templates
    best: tuple[int, int, str] | None = None
    for template in templates.values():
        score = match_score(template, modality, body_part, description)
        if score is None:
            continue
        key = (score, template.match.priority, template.id)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and key[2] < best[2]):
            best = key
    return None if best is None else best[2]
