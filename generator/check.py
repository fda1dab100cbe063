"""`templates check`: what each DOCX template uses, what it lacks, and where Word broke a tag.

- variables: dotted paths (`mun.name`, `doc.date`) read from the Jinja AST of the parts after docxtpl's
  patching — exactly what the renderer compiles;
- undeclared: paths the template reads that the kind's context (made from its example DATA in
  `templates/lv/examples/`) does not provide — these would fail at render time (StrictUndefined);
- unused: context keys no template part reads (a warning: the wording may have been dropped by mistake);
- split tags: `{{ … }}` / `{% … %}` whose characters Word spread over several runs (`<w:r>`), e.g. after
  editing half a tag or spell-checking it. docxtpl's patching usually still joins them, but formatting inside
  a tag is lost and some splits (a lone `{` in one run) break the tag: retype the tag in one go.
"""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from jinja2 import meta, nodes

from generator.render import RenderError, _templated_part_names, compile_template, make_environment

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass
class SplitTag:
    part: str
    tag: str
    runs: int
    paragraph: str

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class TemplateReport:
    template: str
    kind: str | None = None
    variables: list[str] = field(default_factory=list)
    undeclared: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    split_tags: list[SplitTag] = field(default_factory=list)
    error: str | None = None
    checked_against: list[str] = field(default_factory=list)  # example files whose context was used

    @property
    def ok(self) -> bool:
        return self.error is None and not self.undeclared and not self.split_tags

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "split_tags"}
        d["split_tags"] = [s.as_dict() for s in self.split_tags]
        d["ok"] = self.ok
        return d


def split_tags(path: str | Path) -> list[SplitTag]:
    """Tags whose text spans more than one run, in the body, headers, footers and footnotes."""
    from lxml import etree

    found: list[SplitTag] = []
    with zipfile.ZipFile(path) as z:
        for name in _templated_part_names(z):
            root = etree.fromstring(z.read(name))
            for p in root.iter(f"{{{_W_NS}}}p"):
                pieces: list[tuple[int, str]] = []  # (run number, text)
                for i, r in enumerate(p.iter(f"{{{_W_NS}}}r")):
                    text = "".join(t.text or "" for t in r.iter(f"{{{_W_NS}}}t"))
                    if text:
                        pieces.append((i, text))
                whole = "".join(t for _, t in pieces)
                if "{" not in whole:
                    continue
                owner: list[int] = []
                for run, text in pieces:
                    owner += [run] * len(text)
                for m in _TAG_SPAN.finditer(whole):
                    runs = set(owner[m.start():m.end()])
                    if len(runs) > 1:
                        found.append(SplitTag(name, m.group(0), len(runs), whole[:120]))
    return found


def variable_paths(template_source: str) -> set[str]:
    """Dotted paths read from context variables (loop and `set` variables left out)."""
    env = make_environment()
    ast = env.parse(template_source)
    roots = meta.find_undeclared_variables(ast)
    paths: set[str] = set()

    def chain(node: nodes.Node) -> list[str] | None:
        if isinstance(node, nodes.Name):
            return [node.name]
        if isinstance(node, nodes.Getattr):
            base = chain(node.node)
            return base + [node.attr] if base else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            base = chain(node.node)
            return base + [node.arg.value] if base else None
        return None

    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        c = chain(node)
        if c and c[0] in roots:
            paths.add(".".join(c))
    # keep only the longest paths (mun.name makes mun redundant)
    return {p for p in paths if not any(q.startswith(p + ".") for q in paths)}


def _missing(path: str, contexts: list[Mapping[str, Any]]) -> bool:
    """True when no context provides `path` (a path into a list or a string is not checked further)."""
    for ctx in contexts:
        node: Any = ctx
        ok = True
        for key in path.split("."):
            if isinstance(node, Mapping):
                if key not in node:
                    ok = False
                    break
                node = node[key]
            else:
                break  # list, string, object: its members are not declared data
        if ok:
            return False
    return True


def check_template(path: str | Path, *, kind: str | None = None,
                   contexts: list[Mapping[str, Any]] | None = None, examples: list[str] | None = None) -> TemplateReport:
    path = Path(path)
    report = TemplateReport(template=str(path), kind=kind, checked_against=examples or [])
    try:
        report.split_tags = split_tags(path)
        compiled = compile_template(path)
    except RenderError as e:
        report.error = str(e)
        return report
    except (OSError, zipfile.BadZipFile, ValueError) as e:
        report.error = f"{path.name}: {e}"
        return report
    paths: set[str] = set()
    for part in compiled.parts:
        paths |= variable_paths(re.sub(r"<w:p([ >])", r"\n<w:p\1", part.source))
    report.variables = sorted(paths)
    if contexts:
        report.undeclared = sorted(p for p in paths if _missing(p, contexts))
        used_roots = {p.split(".")[0] for p in paths}
        keys = set().union(*(c.keys() for c in contexts))
        report.unused = sorted(k for k in keys - used_roots if k != "kind")
    return report


def check_kinds(municipality) -> list[TemplateReport]:
    """Every registered kind's template, checked against the contexts of its example DATA files."""
    from generator.documents import EXAMPLES_DIR, KINDS
    from regulation.records import RecordError

    reports = []
    for name, k in KINDS.items():
        contexts, used = [], []
        for ex in sorted(EXAMPLES_DIR.glob(f"{name}.json")) + sorted(EXAMPLES_DIR.glob(f"{name}--*.json")):
            try:
                data = k.load(json.loads(ex.read_text(encoding="utf-8")))
                contexts.append(k.context(data, municipality))
                used.append(ex.name)
            except (RecordError, ValueError) as e:
                reports.append(TemplateReport(template=str(ex), kind=name, error=f"example {ex.name}: {e}"))
        reports.append(check_template(k.template_for(municipality), kind=name, contexts=contexts, examples=used))
    return reports
