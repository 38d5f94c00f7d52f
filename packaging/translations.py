"""Translation catalogues: ``translations/workstation_{tr,en}.ts`` kept current with
pyside6-lupdate and compiled to ``.qm`` with pyside6-lrelease.

    python packaging/translations.py update    # re-scan the sources into the .ts files
    python packaging/translations.py compile   # .ts -> .qm (make run/test/package do it)
    python packaging/translations.py status    # unfinished messages per language
    python packaging/translations.py fill FILE.json [tr|en]   # {source: text} into tr

lupdate cannot see strings that live in data files (shortcut labels, window and volume
preset names, anonymization profile labels, hanging protocol and stage names, module
tables of names looked up inside ``translate(...)``, toolbar labels passed through a
small ``_tr`` helper); ``update`` writes them into a generated
Python file that lupdate scans as well. PySide6 looks strings up under the *runtime* class
name, which differs from lupdate's context for subclasses and for ``other.tr(...)`` calls;
``compile`` therefore adds every message once more under the context ``@``, the fallback
that :class:`workstation.ui.i18n.CatalogueTranslator` consults.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # only our own .ts files are parsed
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "translations"
LANGUAGES = ("tr", "en")
SOURCE_LANGUAGE = "en"
SOURCES = [ROOT / "workstation" / "ui"]
FALLBACK_CONTEXT = "@"
TRANSLATE_NAMES = {"translate", "QT_TRANSLATE_NOOP"}


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def ts_path(language: str) -> Path:
    return TS_DIR / f"workstation_{language}.ts"


# -- strings lupdate cannot see ----------------------------------------------------------


def _wrapper_contexts(tree: ast.Module) -> dict[str, str]:
    """Module-level helpers like ``def _tr(text): return translate("Ctx", text)``."""
    found = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        param = node.args.args[0].arg
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and _name(call.func) in TRANSLATE_NAMES
                    and len(call.args) >= 2 and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[1], ast.Name) and call.args[1].id == param):
                found[node.name] = str(call.args[0].value)
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def data_strings() -> list[tuple[str, str]]:
    """(context, source) of strings only visible at run time."""
    out: list[tuple[str, str]] = []
    shortcuts = json.loads((ROOT / "resources" / "shortcuts.json").read_text("utf-8"))
    out += [("Shortcuts", a["label"]) for a in shortcuts.get("actions", {}).values()]
    for path in sorted((ROOT / "resources" / "presets").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for group in _walk_dicts(data):
            if "name" in group and ("center" in group or "width" in group):
                out.append(("Presets", str(group["name"])))
    for path in sorted((ROOT / "resources" / "volume_presets").glob("*.json")):
        out.append(("VolumePresets", str(json.loads(path.read_text("utf-8"))["name"])))
    for path in sorted((ROOT / "resources" / "anonymization").glob("*.json")):
        profile = json.loads(path.read_text("utf-8"))  # shown by the export dialog
        out += [("Anonymization", str(profile[k])) for k in ("label", "description")
                if profile.get(k)]
    for path in sorted((ROOT / "resources" / "hanging_protocols").glob("*.json")):
        protocol = json.loads(path.read_text("utf-8"))  # named in the viewer's status bar
        out.append(("HangingProtocols", str(protocol["name"])))
        out += [("HangingProtocols", str(stage["name"]))
                for stage in protocol.get("stages", []) if stage.get("name")]
    for source in SOURCES:
        for path in sorted(source.rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            wrappers = _wrapper_contexts(tree)
            tables = _string_tables(tree)
            for call in ast.walk(tree):
                if (isinstance(call, ast.Call) and _name(call.func) in wrappers and call.args
                        and isinstance(call.args[0], ast.Constant)
                        and isinstance(call.args[0].value, str)):
                    out.append((wrappers[_name(call.func)], call.args[0].value))
                out += _table_lookups(call, tables)
    return sorted(set(out))


def _string_tables(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level ``_NAMES = {"axial": "Axial", ...}`` (or tuples/lists of strings)."""
    found = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            continue
        value = node.value
        items = value.values if isinstance(value, ast.Dict) else (
            value.elts if isinstance(value, ast.Tuple | ast.List) else [])
        texts = [i.value for i in items if isinstance(i, ast.Constant)
                 and isinstance(i.value, str)]
        if texts and len(texts) == len(items):
            found[node.targets[0].id] = texts
    return found


def _table_lookups(call: ast.AST, tables: dict[str, list[str]]) -> list[tuple[str, str]]:
    """``translate("Ctx", _NAMES.get(key, key))``: every value of the table, under Ctx."""
    if not (isinstance(call, ast.Call) and _name(call.func) in TRANSLATE_NAMES
            and len(call.args) >= 2 and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)):
        return []
    names = {n.id for n in ast.walk(call.args[1]) if isinstance(n, ast.Name)}
    return [(str(call.args[0].value), text) for name in sorted(names & tables.keys())
            for text in tables[name]]


def _walk_dicts(value: object):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk_dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_dicts(item)


def update() -> None:
    TS_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ws-i18n-") as folder:
        extra = Path(folder) / "data_strings.py"
        lines = ["from PySide6.QtCore import QCoreApplication", ""]
        lines += [f"QCoreApplication.translate({c!r}, {s!r})" for c, s in data_strings()]
        extra.write_text("\n".join(lines) + "\n", "utf-8")
        for language in LANGUAGES:
            cmd = [_tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                   "-no-obsolete", "-source-language", "en", "-target-language", language,
                   *map(str, SOURCES), str(extra), "-ts", str(ts_path(language))]
            subprocess.run(cmd, check=True)
    complete_source_language(ts_path(SOURCE_LANGUAGE))


def complete_source_language(path: Path) -> int:
    """The sources are English, so an unfinished message of the English catalogue reads
    as its source; only numerus messages need their singular and plural written
    (``fill FILE.json en``)."""
    tree = ET.parse(path)  # noqa: S314
    changed = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" or translation is None:
            continue
        source = message.findtext("source") or ""
        if translation.get("type") == "unfinished" and (translation.text or "").strip() in (
                "", source):  # empty, or lupdate's same-text guess
            translation.text = source
            translation.attrib.pop("type")
            changed += 1
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return changed


# -- compile -------------------------------------------------------------------------------


def with_fallback_context(tree: ET.ElementTree) -> ET.ElementTree:
    """A copy of the catalogue plus every translated message under the ``@`` context."""
    root = tree.getroot()
    fallback = ET.SubElement(root, "context")
    ET.SubElement(fallback, "name").text = FALLBACK_CONTEXT
    seen: set[tuple[str, str]] = set()
    for context in list(root.findall("context"))[:-1]:
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            comment = message.findtext("comment") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished",
                                                                  "obsolete"):
                continue
            if (source, comment) in seen:
                continue
            seen.add((source, comment))
            fallback.append(_clone(message))
    return tree


def _clone(element: ET.Element) -> ET.Element:
    return ET.fromstring(ET.tostring(element))  # noqa: S314


def compile_all() -> list[Path]:
    written = []
    for language in LANGUAGES:
        ts = ts_path(language)
        if not ts.exists():
            continue
        qm = ts.with_suffix(".qm")
        with tempfile.TemporaryDirectory(prefix="ws-i18n-") as folder:
            full = Path(folder) / ts.name
            source = ET.parse(ts)  # noqa: S314
            with_fallback_context(source).write(full, encoding="utf-8", xml_declaration=True)
            subprocess.run([_tool("pyside6-lrelease"), "-silent", str(full), "-qm", str(qm)],
                           check=True)
        written.append(qm)
    return written


# -- fill and status ----------------------------------------------------------------------


def fill(mapping: dict[str, str | list[str]], language: str = "tr") -> int:
    """Set translations of ``language`` from {source: text or [plural forms]}."""
    path = ts_path(language)
    tree = ET.parse(path)  # noqa: S314
    changed = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        if source not in mapping:
            continue
        value = mapping[source]
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, list) else [value]
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value if isinstance(value, str) else value[0]
        translation.attrib.pop("type", None)
        changed += 1
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return changed


def unfinished(language: str) -> list[str]:
    tree = ET.parse(ts_path(language))  # noqa: S314
    out = []
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            out.append(message.findtext("source") or "")
    return out


def placeholder_mismatches(language: str) -> list[str]:
    """Sources whose translation lost or invented a ``%1``/``%n`` placeholder or an
    ``&`` accelerator (the code fills the placeholders in by text replacement)."""
    tree = ET.parse(ts_path(language))  # noqa: S314
    out = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [
            translation.text or ""]
        for form in forms:
            if sorted(re.findall(r"%(?:\d|n|v|m)", source)) != sorted(
                    re.findall(r"%(?:\d|n|v|m)", form)):
                if message.get("numerus") != "yes" or set(re.findall(r"%\d", source)) != set(
                        re.findall(r"%\d", form)):
                    out.append(source)
            if re.search(r"&\w", source) and not re.search(r"&\w", form):
                out.append(source)
    return sorted(set(out))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "update":
        update()
    elif command == "compile":
        for qm in compile_all():
            print(qm.relative_to(ROOT))
    elif command == "fill":
        mapping = json.loads(Path(argv[1]).read_text("utf-8"))
        print(f"{fill(mapping, argv[2] if len(argv) > 2 else 'tr')} messages set")
    elif command == "status":
        for language in LANGUAGES:
            if ts_path(language).exists():
                total = len(ET.parse(ts_path(language)).getroot().findall(".//message"))  # noqa: S314
                missing = unfinished(language)
                print(f"{language}: {total - len(missing)} translated, "
                      f"{len(missing)} unfinished")
                for source in placeholder_mismatches(language):
                    print(f"  placeholder or accelerator differs: {source!r}")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
