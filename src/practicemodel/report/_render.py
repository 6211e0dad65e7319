"""The Jinja2 environment of the reports: the package's templates, escaping always on.

Jinja2 is the ``report`` extra; it is imported here, on first use, so ``import
practicemodel`` never loads it. The environment escapes every value (``autoescape=True``
whatever a template's name ends with) and fails on an undefined name (``StrictUndefined``).
Only what the library itself makes is marked safe: the stylesheet (read from the package)
and the SVG pictures (built by ``practicemodel.report.svg``, which escapes every text).
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Any

from practicemodel.errors import MissingExtraError

if TYPE_CHECKING:
    import jinja2

EXTRA = 'pip install "practicemodel[report]"'
"""The install command the error names."""


@functools.cache
def environment() -> jinja2.Environment:
    """The environment (made once): templates from ``practicemodel/report/templates``."""
    try:
        import jinja2
    except ImportError as error:
        raise MissingExtraError(
            f"jinja2 is needed for HTML reports; install the report extra: {EXTRA}",
            name="jinja2") from error
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("practicemodel.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["iso"] = _iso
    return env


def _iso(value: object) -> str:
    """A date as ISO text, ``"—"`` for none."""
    if value is None:
        return "—"
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else str(value)


@functools.cache
def stylesheet() -> str:
    """The report stylesheet, inlined into every page."""
    return resources.files("practicemodel.report").joinpath(
        "templates", "report.css").read_text("utf-8")


_XMLNS = ' xmlns="http://www.w3.org/2000/svg"'


def inline_svg(picture: str) -> Any:
    """An SVG picture made by ``practicemodel.report.svg``, ready to put in a page: marked
    safe, without the namespace declaration a standalone ``.svg`` file needs (HTML parsers
    put ``<svg>`` in its namespace themselves), so that no attribute of a page names a URL."""
    return safe(picture.replace(_XMLNS, "", 1))


def safe(markup: str) -> Any:
    """Mark text the library built itself (an SVG picture, the stylesheet) as markup."""
    import markupsafe

    return markupsafe.Markup(markup)


def render(template: str, **context: Any) -> str:
    """Render one of the package's templates with ``context`` (escaped) and the stylesheet."""
    env = environment()
    return env.get_template(template).render(css=safe(stylesheet()), **context)
