"""MkDocs hooks: the rule table and the pictures, generated from the library at build time.

Listed under ``hooks:`` in ``mkdocs.yml``.

- A page holding the placeholder ``<!-- rules-table -->`` gets, in its place, one table row
  per registered rule (id, title, components, CFSR items, source), read from
  ``practicemodel.rules`` when the docs are built, so the table can never fall behind the code.
- ``on_files`` adds each figure of ``docs/_figures.py`` that a page shows to the site as
  ``assets/generated/NAME.svg``, drawn from the library once per build; a page holding
  ``<!-- figure: NAME -->`` gets, in its place, the image (its path relative to the page), its
  alternative text and a caption. An unknown ``NAME`` fails the build, naming the page and
  the known names.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from practicemodel.rules import all_rules

PLACEHOLDER = "<!-- rules-table -->"
FIGURE_PLACEHOLDER = re.compile(r"<!--\s*figure:\s*(?P<name>[^\s>]*)\s*-->")
"""``<!-- figure: NAME -->``: where a page shows the generated figure ``NAME``."""
FIGURE_DIR = "assets/generated"
"""Where the generated figures go, relative to the docs directory."""


def _load_figures() -> ModuleType:
    # The hooks file is loaded by path, not as a package module: load its neighbour the same
    # way (once; registered so that ``mkdocs serve`` rebuilds reuse its cached figures).
    name = "practicemodel_docs_figures"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("_figures.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


figures = _load_figures()


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def rules_table() -> str:
    """Every registered rule as a Markdown table, sorted by id."""
    rules = all_rules()
    lines = [
        "| id | title | components | CFSR item | source |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        components = ", ".join(f"`{c.value}`" for c in rule.components)
        items = ", ".join(str(i) for i in rule.cfsr_items) or "—"
        lines.append(f"| `{rule.id}` | {_cell(rule.title)} | {components} | {items} | "
                     f"{_cell(rule.source)} |")
    families = sorted({rule.family for rule in rules})
    lines += ["", f"{len(rules)} rules in {len(families)} families: "
              + ", ".join(f"`{family}`" for family in families) + "."]
    return "\n".join(lines)


def figure_path(name: str) -> str:
    """Where the figure ``name`` is in the docs directory, e.g. ``assets/generated/x.svg``."""
    return f"{FIGURE_DIR}/{name}.svg"


def figure_markdown(name: str, src_uri: str) -> str:
    """The Markdown of figure ``name`` on the page ``src_uri``: the image, with its
    alternative text and a path relative to the page, then the caption in italics."""
    spec = figures.FIGURES[name]
    target = posixpath.relpath(figure_path(name), posixpath.dirname(src_uri) or ".")
    alt = spec.alt.replace("[", "(").replace("]", ")")
    return f"![{alt}]({target}){{ loading=lazy }}\n\n*{spec.caption}*"


def used_figures(files: Files) -> list[str]:
    """The known figures the documentation pages' placeholders name, sorted."""
    names = {match["name"] for page in files.documentation_pages()
             for match in FIGURE_PLACEHOLDER.finditer(page.content_string)}
    return sorted(names & figures.FIGURES.keys())


def on_files(files: Files, config: Any, **kwargs: object) -> Files:
    """Add each figure a page shows to the site, drawn from the library once per build."""
    for name in used_figures(files):
        path = figure_path(name)
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=figures.figure_svg(name)))
    return files


def _figures(markdown: str, src_uri: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in figures.FIGURES:
            raise PluginError(
                f"{src_uri}: unknown figure {name!r} in {match[0]!r}; known figures: "
                f"{', '.join(sorted(figures.FIGURES))} (see docs/_figures.py)")
        return figure_markdown(name, src_uri)

    return FIGURE_PLACEHOLDER.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Any = None, **kwargs: object) -> str:
    """Replace the placeholders a page holds: the rule table, and each figure's image."""
    if PLACEHOLDER in markdown:
        markdown = markdown.replace(PLACEHOLDER, rules_table())
    if FIGURE_PLACEHOLDER.search(markdown):
        if page is None:
            raise PluginError("a figure placeholder needs the page it is on")
        markdown = _figures(markdown, page.file.src_uri)
    return markdown
