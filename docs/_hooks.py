"""MkDocs hook: the rule table of ``reference/rules.md``, generated from the rule registry.

Listed under ``hooks:`` in ``mkdocs.yml``. A page holding the placeholder
``<!-- rules-table -->`` gets, in its place, one table row per registered rule (id, title,
components, CFSR items, source), read from ``practicemodel.rules`` when the docs are built,
so the table can never fall behind the code.
"""

from __future__ import annotations

from practicemodel.rules import all_rules

PLACEHOLDER = "<!-- rules-table -->"


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


def on_page_markdown(markdown: str, **kwargs: object) -> str:
    """Replace the placeholder, where a page holds it, with the rule table."""
    if PLACEHOLDER not in markdown:
        return markdown
    return markdown.replace(PLACEHOLDER, rules_table())
