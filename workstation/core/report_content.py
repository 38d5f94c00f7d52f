"""A structured report being filled in: values per template field, measurements and key
images from the viewer, rendered to the findings and impression narrative the hub stores.

Sections map to TID 2000 (Basic Diagnostic Imaging Report) headings and measurements to
TID 1500 measurement groups when the report is written as DICOM SR (PS3.3 A.35); here they
are plain data so the core stays free of DICOM libraries. A measurement or key image is a
dict ``{"kind", "value", "unit", "label", "series_uid", "sop_uid"}`` (``value`` and
``unit`` are empty for a key image).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.report_template import Field, ReportTemplate

FORMAT = 1
ATTACHMENT_KEYS = ("kind", "value", "unit", "label", "series_uid", "sop_uid")
_WORDS = {
    "en": {"measurement": "Measurement", "key_image": "Key image", "series": "series",
           "required": "is required", "range": "is outside", "number": "is not a number",
           "date": "is not a date (YYYY-MM-DD)", "choice": "is not one of the options"},
    "tr": {"measurement": "Ölçüm", "key_image": "Anahtar görüntü", "series": "seri",
           "required": "zorunludur", "range": "aralık dışında", "number": "sayı değil",
           "date": "tarih değil (YYYY-AA-GG)", "choice": "seçeneklerden biri değil"},
}


def _attachment(data: dict[str, Any]) -> dict[str, Any]:
    missing = [k for k in ("kind", "label") if not str(data.get(k, "")).strip()]
    if missing:
        raise ValueError(f"attachment needs {', '.join(missing)}")
    return {k: data.get(k, "") if k != "value" else data.get(k) for k in ATTACHMENT_KEYS}


@dataclass(slots=True)
class StructuredReport:
    """Values keyed by field id: text and date fields hold strings (dates ISO 8601), a
    choice holds an option code, a multi-choice a list of codes, a number a float, a
    measurement field the index of an entry in ``measurements``."""

    study_uid: str
    template_id: str
    language: str = "tr"
    values: dict[str, Any] = field(default_factory=dict)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    key_images: list[dict[str, Any]] = field(default_factory=list)
    kind: ReportKind = ReportKind.FINAL
    idempotency_key: str = field(default_factory=lambda: uuid.uuid4().hex)

    # -- filling in -------------------------------------------------------------------

    def set(self, field_id: str, value: Any) -> None:
        if value is None or value == "" or value == []:
            self.values.pop(field_id, None)
        else:
            self.values[field_id] = value

    def apply_normals(self, template: ReportTemplate) -> None:
        """Fill every empty field that has a normal default (the "normal study" action)."""
        for _, f in template.fields():
            if f.id in self.values or f.normal is None:
                continue
            if f.type == "text":
                self.values[f.id] = f.normal.text(self.language)  # type: ignore[union-attr]
            elif f.type == "multi_choice":
                self.values[f.id] = list(f.normal)  # type: ignore[arg-type]
            else:
                self.values[f.id] = f.normal

    def add_measurement(self, measurement: dict[str, Any], field_id: str | None = None) -> int:
        """Attach a viewer measurement; when ``field_id`` names a measurement field it
        refers to it. Returns the measurement's index."""
        self.measurements.append(_attachment(measurement))
        index = len(self.measurements) - 1
        if field_id is not None:
            self.values[field_id] = index
        return index

    def add_key_image(self, image: dict[str, Any]) -> None:
        entry = _attachment({"kind": "key_image", **image})
        if not any(k["sop_uid"] == entry["sop_uid"] for k in self.key_images if entry["sop_uid"]):
            self.key_images.append(entry)

    # -- checking and rendering -------------------------------------------------------

    def problems(self, template: ReportTemplate) -> list[tuple[str, str]]:
        """(field id, sentence in the report language) for each empty required field and
        each value of the wrong type or out of range; empty when the report may be signed."""
        words = _WORDS.get(self.language, _WORDS["en"])
        out: list[tuple[str, str]] = []
        for _, f in template.fields():
            label = f.label.text(self.language)
            value = self.values.get(f.id)
            if value is None or value == "" or value == []:
                if f.required:
                    out.append((f.id, f"{label} {words['required']}"))
                continue
            problem = self._check(f, value)
            if problem:
                out.append((f.id, f"{label} {words[problem]}"))
        return out

    def _check(self, f: Field, value: Any) -> str | None:
        if f.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return "number"
            low = f.minimum if f.minimum is not None else float("-inf")
            high = f.maximum if f.maximum is not None else float("inf")
            return None if low <= value <= high else "range"
        if f.type == "date":
            try:
                date.fromisoformat(str(value))
            except ValueError:
                return "date"
            return None
        if f.type == "choice":
            return None if f.option(str(value)) else "choice"
        if f.type == "multi_choice":
            ok = isinstance(value, list) and all(f.option(str(v)) for v in value)
            return None if ok else "choice"
        if f.type == "measurement":
            ok = isinstance(value, int) and 0 <= value < len(self.measurements)
            return None if ok else "choice"
        return None

    def format_value(self, f: Field, value: Any) -> str:
        lang = self.language
        if f.type == "choice":
            option = f.option(str(value))
            return option.label.text(lang) if option else str(value)
        if f.type == "multi_choice":
            return ", ".join(
                (o.label.text(lang) if (o := f.option(str(v))) else str(v)) for v in value
            )
        if f.type == "number":
            return f"{_number(value)} {f.unit}"
        if f.type == "measurement":
            return format_measurement(self.measurements[value], lang)
        return str(value)

    def sections(self, template: ReportTemplate) -> list[tuple[str, str, str, list[str]]]:
        """(section id, target, heading, lines) per section with content, in template order. A text
        field whose label equals its section's heading appears without the label."""
        out = []
        for section in template.sections:
            heading = section.label.text(self.language)
            lines = []
            for f in section.fields:
                value = self.values.get(f.id)
                if value is None or value == "" or value == []:
                    continue
                try:
                    text = self.format_value(f, value)
                except (IndexError, TypeError):
                    continue
                if f.type == "text":
                    text = template.expand_macros(text, self.language)
                label = f.label.text(self.language)
                lines.append(text if f.type == "text" and label == heading else f"{label}: {text}")
            if lines:
                out.append((section.id, section.target, heading, lines))
        return out

    def render(self, template: ReportTemplate) -> tuple[str, str]:
        """The findings and impression narrative, in the report's language."""
        parts: dict[str, list[str]] = {"findings": [], "impression": []}
        for _, target, heading, lines in self.sections(template):
            block = "\n".join(lines)
            parts[target].append(block if target == "impression" else f"{heading}:\n{block}")
        referenced = {i for _, i in self._measurement_refs(template)}
        extra = [format_measurement(m, self.language)
                 for i, m in enumerate(self.measurements) if i not in referenced]
        if extra:
            heading = _WORDS[self._lang()]["measurement"]
            parts["findings"].append(heading + ":\n" + "\n".join(extra))
        return "\n\n".join(parts["findings"]), "\n\n".join(parts["impression"])

    def _measurement_refs(self, template: ReportTemplate) -> list[tuple[str, int]]:
        refs = []
        for _, f in template.fields():
            value = self.values.get(f.id)
            if f.type == "measurement" and isinstance(value, int) \
                    and 0 <= value < len(self.measurements):
                refs.append((f.id, value))
        return refs

    def _lang(self) -> str:
        return self.language if self.language in _WORDS else "en"

    def to_draft(self, template: ReportTemplate) -> ReportDraft:
        """The hub's view: narrative only, with this report's idempotency key."""
        findings, impression = self.render(template)
        return ReportDraft(self.study_uid, findings, impression, self.kind, self.idempotency_key)

    # -- persistence ------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "study_uid": self.study_uid, "template_id": self.template_id,
            "language": self.language, "values": dict(self.values),
            "measurements": [dict(m) for m in self.measurements],
            "key_images": [dict(k) for k in self.key_images], "kind": self.kind.value,
            "idempotency_key": self.idempotency_key,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StructuredReport:
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported structured report format {data.get('format')!r}")
        return cls(
            study_uid=str(data["study_uid"]), template_id=str(data["template_id"]),
            language=str(data.get("language", "tr")), values=dict(data.get("values", {})),
            measurements=[_attachment(m) for m in data.get("measurements", [])],
            key_images=[_attachment(k) for k in data.get("key_images", [])],
            kind=ReportKind(data.get("kind", ReportKind.FINAL.value)),
            idempotency_key=str(data["idempotency_key"]),
        )

    @classmethod
    def from_json(cls, text: str) -> StructuredReport:
        return cls.from_dict(json.loads(text))


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_measurement(m: dict[str, Any], language: str = "en") -> str:
    """``label: value unit`` for a measurement, ``label`` for a key image."""
    if m.get("value") is None or m.get("value") == "":
        return str(m["label"])
    unit = f" {m['unit']}" if m.get("unit") else ""
    return f"{m['label']}: {_number(m['value'])}{unit}"
