"""The docs site and the two HTML reports, opened in headless Chromium.

Every HTML page of the built site (404.html too: it is served at the root, as a web server
would serve it, so its root-relative links resolve) and the two reports (the Wilson case
report and the caseload report of a 1,000-case synthetic review) are served on 127.0.0.1
and opened in one headless Chromium session, 390 px wide (a phone); the reports again at
1280 px (a desktop). A page fails on:

- a console entry of level SEVERE (a script error, a resource that did not load);
- an ``<img>`` that failed to load (``naturalWidth`` 0), or did not finish loading within
  ``IMAGE_WAIT`` seconds (lazy images are fetched and polled until ``complete``: a busy
  runner makes them slow, not broken), an SVG ``<image>`` whose file is not in the served
  tree, or an inline ``<svg role="img">`` picture (the reports' charts) drawn with no size;
- a same-origin link to a file that is not in the served tree (a directory means its
  ``index.html``), or to an ``#id`` that the target page does not have;
- a resource fetched from another origin (the site and the reports are self-contained);
- content wider than the viewport (``scrollWidth`` > ``innerWidth`` + 1), or, for the
  reports, no ``<meta name="viewport">`` (a phone would lay the page out 980 px wide).

Links to other origins are counted, never fetched. The server answers the browser's own
request for ``/favicon.ico`` (which no page makes) with 204 when the site has none. All
problems are collected and reported together, page by page; the counts (pages, links,
images) are printed at the end of the run.

The site is ``PRACTICEMODEL_SITE_DIR`` when that names a built site (``scripts/dev.py test``
sets it after its ``mkdocs build --strict``), otherwise it is built here once. Marked
``browser``: ``pytest -m "not browser"`` leaves it out; ``pytest tests/test_browser.py``
runs it alone. Skipped only when Chromium, chromedriver or the DejaVu font (which fixes how
wide text lays out) is not installed, and then only outside CI: with the ``CI`` variable set
(to anything but ``""``, ``"false"`` or ``"0"``) a missing browser fails the run, naming the
install command, so CI cannot go green without it. The module's other tests check that
setup (``scripts/dev.py``'s install, the CI rule) and need no browser.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from module_loading import load_module

ROOT = Path(__file__).resolve().parent.parent
REPORTS_PREFIX = "/_reports/"


SHOTS = load_module("screenshots", ROOT / "scripts" / "screenshots.py")

# Everything the checks need from a page, in one round trip.
FACTS_JS = """
const abs = (u) => { try { return new URL(u, document.baseURI).href; } catch (e) { return u; } };
const images = Array.from(document.images).map((i) => ({
  src: i.currentSrc || i.src, complete: i.complete, ok: i.complete && i.naturalWidth > 0}));
const svgImages = Array.from(document.querySelectorAll("svg image")).map((i) =>
  abs(i.getAttribute("href") || i.getAttribute("xlink:href") || ""));
const pictures = Array.from(document.querySelectorAll('svg[role="img"]'))
  .filter((s) => !s.closest("details:not([open])") && !s.parentElement.closest("svg"))
  .map((s) => { const r = s.getBoundingClientRect();
                return {title: (s.querySelector("title") || {}).textContent || s.id || "svg",
                        ok: r.width > 0 && r.height > 0}; });
const links = Array.from(document.querySelectorAll("a[href]")).map((a) => a.href);
const ids = Array.from(document.querySelectorAll("[id]")).map((e) => e.id).concat(
  Array.from(document.querySelectorAll("a[name]")).map((a) => a.name));
const resources = performance.getEntriesByType("resource").map((r) => r.name);
return {images, svgImages, pictures, links, ids, resources,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        viewportMeta: document.querySelector('meta[name="viewport"]') !== null};
"""

IMAGE_WAIT = 20.0
"""Seconds a page's images get to finish loading (a busy 2-core runner is slow, not broken)."""

# Lazy images below the fold are only fetched on demand: fetch them now, then poll until
# every image is ``complete`` (loaded or failed) or ``arguments[0]`` ms have passed.
LOAD_IMAGES_JS = """
const done = arguments[arguments.length - 1];
const limit = arguments[0];
const started = Date.now();
const images = Array.from(document.images);
images.filter((i) => !i.complete).forEach((i) => { i.loading = "eager"; });
const poll = () => {
  if (images.every((i) => i.complete)) { done(true); }
  else if (Date.now() - started >= limit) { done(false); }
  else { setTimeout(poll, 50); }
};
poll();
"""


@dataclass
class Crawl:
    """What the browser saw: problems by page, and the counts."""

    origin: str
    root: Path
    reports: Path
    problems: list[str] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)
    anchors: list[tuple[str, str, str]] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)
    loads: int = 0
    links: int = 0
    images: int = 0
    external: int = 0
    files: dict[str, Path | None] = field(default_factory=dict)

    def file_for(self, path: str) -> Path | None:
        """The served file for a URL path, or None when there is none (looked up once)."""
        if path not in self.files:
            self.files[path] = self._find(unquote(path))
        return self.files[path]

    def _find(self, path: str) -> Path | None:
        if path.startswith(REPORTS_PREFIX):
            base, rest = self.reports, path[len(REPORTS_PREFIX):]
        else:
            base, rest = self.root, path.lstrip("/")
        target = (base / rest).resolve()
        if not target.is_relative_to(base.resolve()):
            return None
        if target.is_dir():
            target /= "index.html"
        return target if target.is_file() else None

    def counts(self) -> dict[str, int]:
        """The counts of the run, for the log."""
        return {"pages": len(self.pages), "page_loads": self.loads,
                "links_checked": self.links, "images_checked": self.images,
                "external_links_skipped": self.external, "problems": len(self.problems)}


def _served_handler(site: Path, reports: Path) -> type[SimpleHTTPRequestHandler]:
    """A quiet static handler: the site at ``/``, the reports under ``REPORTS_PREFIX``."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            clean = urlsplit(path).path
            if clean.startswith(REPORTS_PREFIX):
                return str(reports / unquote(clean[len(REPORTS_PREFIX):]))
            return str(site / unquote(clean).lstrip("/"))

        def send_head(self) -> Any:
            # Browsers ask every origin for /favicon.ico on their own, whatever the page
            # says; no page links to it, so an absent one is not the page's problem.
            if urlsplit(self.path).path == "/favicon.ico" and not (site / "favicon.ico").exists():
                self.send_response(204)
                self.end_headers()
                return None
            return super().send_head()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def _build_site(target: Path) -> Path:
    """Build the docs site into ``target`` with ``mkdocs build --strict``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-4000:]}"
    return target


def _in_ci(environ: Mapping[str, str]) -> bool:
    """Whether ``environ`` says this is CI: ``CI`` set, and not to ``""``, ``false`` or ``0``."""
    return environ.get("CI", "").strip().lower() not in ("", "false", "0")


def _require_browser(reason: str | None, environ: Mapping[str, str]) -> None:
    """Skip when the browser is missing (``reason``), or fail under CI, where skipping would
    let the run go green without the browser test."""
    if reason is None:
        return
    if _in_ci(environ):
        pytest.fail(f"{reason}. CI is set (CI={environ['CI']!r}), where the browser test must "
                    f"run, not be skipped", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser_installed() -> None:
    """Skip the module's browser tests when Chromium, chromedriver or the font is missing
    (fail instead under CI)."""
    _require_browser(SHOTS.browser_missing(), os.environ)


@pytest.fixture(scope="module")
def site_dir(browser_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built docs site: ``PRACTICEMODEL_SITE_DIR`` when built, else built here once."""
    given = os.environ.get("PRACTICEMODEL_SITE_DIR")
    if given and (Path(given) / "index.html").is_file():
        return Path(given).resolve()
    return _build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def reports_dir(browser_installed: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the reports as ``case-report.html``, ``caseload-report.html``,
    ``plan-report.html`` and ``rollout-report.html``."""
    target = tmp_path_factory.mktemp("reports")
    for name, html in {**SHOTS.report_documents(), **_plan_and_rollout_pages()}.items():
        (target / f"{name}.html").write_text(html, encoding="utf-8")
    return target


def _plan_and_rollout_pages() -> dict[str, str]:
    """The MS-R3 plan's status page as of 2021-06-30 and the fictional rollout's page with
    reviews of 30 synthetic cases."""
    from datetime import date

    from practicemodel.improvement import get_plan, plan_status
    from practicemodel.report import plan_status_html, rollout_html
    from practicemodel.rollout import check_rollout, compare_region, fictional_reviews, get_rollout

    plan = get_plan("MS-R3")
    rollout = get_rollout("fictional")
    reviews = fictional_reviews(rollout, policy="MS", cases=30, seed=2026)
    return {
        "plan-report": plan_status_html(plan, plan_status(plan, as_of=date(2021, 6, 30))),
        "rollout-report": rollout_html(
            rollout, findings=check_rollout(rollout), cases=30,
            results=[compare_region(region, *pair) for region, pair in reviews.items()]),
    }


@pytest.fixture(scope="module")
def server(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        Callable[[Path], Crawl]]:
    """Serve the site (and, once made, the reports) on 127.0.0.1; yield a Crawl maker."""
    reports = tmp_path_factory.mktemp("served-reports")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _served_handler(site_dir, reports))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"

    def crawl(reports_from: Path) -> Crawl:
        for page in reports_from.glob("*.html"):
            (reports / page.name).write_bytes(page.read_bytes())
        return Crawl(origin=origin, root=site_dir, reports=reports)

    try:
        yield crawl
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def driver(browser_installed: None) -> Iterator[Any]:
    """One headless Chromium session for the module, 390 px wide."""
    with SHOTS.chromium(width=SHOTS.PHONE) as session:
        session.set_page_load_timeout(60)
        session.set_script_timeout(IMAGE_WAIT + 10)
        yield session


def _visit(driver: Any, crawl: Crawl, path: str, *, width: int, reports: bool,
           image_wait: float = IMAGE_WAIT) -> None:
    """Open ``path`` at ``width`` px and record its problems and counts in ``crawl``
    (images get ``image_wait`` seconds to finish loading)."""
    url = crawl.origin + path
    label = f"{path} @ {width}px"
    driver.get(url)
    facts: dict[str, Any] = driver.execute_script(FACTS_JS)
    if not all(image["ok"] for image in facts["images"]):
        driver.execute_async_script(LOAD_IMAGES_JS, round(image_wait * 1000))
        facts = driver.execute_script(FACTS_JS)
    crawl.loads += 1
    crawl.pages.add(path)
    crawl.ids[path] = set(facts["ids"])
    problems = crawl.problems
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            problems.append(f"{label}: console error: {entry['message']}")
    for image in facts["images"]:
        crawl.images += 1
        if not image["complete"]:
            problems.append(f"{label}: image did not finish loading in {image_wait:g} s: "
                            f"{image['src']}")
        elif not image["ok"]:
            problems.append(f"{label}: image failed to load: {image['src']}")
    for picture in facts["pictures"]:
        crawl.images += 1
        if not picture["ok"]:
            problems.append(f"{label}: inline SVG picture has no size: {picture['title']}")
    for src in facts["svgImages"]:
        crawl.images += 1
        parts = urlsplit(src)
        if parts.scheme != "data" and (f"{parts.scheme}://{parts.netloc}" != crawl.origin
                                       or crawl.file_for(parts.path) is None):
            problems.append(f"{label}: SVG image not in the served tree: {src}")
    for resource in facts["resources"]:
        if not resource.startswith((crawl.origin + "/", "data:", "blob:")):
            problems.append(f"{label}: resource from another origin: {resource}")
    for href in facts["links"]:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != crawl.origin:
            crawl.external += 1
            continue
        crawl.links += 1
        target = crawl.file_for(parts.path)
        if target is None:
            problems.append(f"{label}: broken link: {href}")
        elif parts.fragment and target.suffix == ".html":
            crawl.anchors.append((label, href, _page_path(crawl, target)))
    if facts["innerWidth"] != width:
        problems.append(f"{label}: the viewport is {facts['innerWidth']} px, not {width}")
    if facts["scrollWidth"] > facts["innerWidth"] + 1:
        problems.append(f"{label}: page is {facts['scrollWidth']} px wide, wider than the "
                        f"{facts['innerWidth']} px viewport")
    if reports and not facts["viewportMeta"]:
        problems.append(f"{label}: no <meta name=\"viewport\">: phones lay it out 980 px wide")


def _page_path(crawl: Crawl, target: Path) -> str:
    """The URL path of a served file (the inverse of ``Crawl.file_for`` for pages)."""
    if target.is_relative_to(crawl.reports.resolve()):
        return REPORTS_PREFIX + target.relative_to(crawl.reports.resolve()).as_posix()
    relative = target.relative_to(crawl.root.resolve()).as_posix()
    return "/" + relative


def _check_anchors(crawl: Crawl) -> None:
    """Each ``#id`` link points at an id its target page has (pages seen in this crawl)."""
    for label, href, page in crawl.anchors:
        fragment = unquote(urlsplit(href).fragment)
        ids = crawl.ids.get(page)
        if ids is None and page.endswith("/index.html"):
            ids = crawl.ids.get(page.removesuffix("index.html"))
        if ids is not None and fragment not in ids:
            problems = crawl.problems
            problems.append(f"{label}: link to a missing anchor: {href}")


def _finish(crawl: Crawl, record_property: Callable[[str, object], None], started: float,
            what: str) -> None:
    """Record the counts for the run's summary, then fail once with every problem."""
    _check_anchors(crawl)
    counts = {**crawl.counts(), "seconds": round(time.perf_counter() - started, 1)}
    record_property("browser_summary", json.dumps({"checked": what, **counts}))
    shown = crawl.problems[:200]
    more = len(crawl.problems) - len(shown)
    if crawl.problems:
        pytest.fail(f"{len(crawl.problems)} problem(s) in {what}:\n" + "\n".join(shown)
                    + (f"\n... and {more} more" if more else ""), pytrace=False)


def _site_pages(site: Path) -> list[str]:
    """Every HTML page of the site as a URL path, directories' pages as ``dir/``."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        pages.append("/" + relative.removesuffix("index.html"))
    return pages


@pytest.mark.browser
def test_every_docs_page_renders_on_a_phone(
        site_dir: Path, server: Callable[[Path], Crawl], driver: Any,
        record_property: Callable[[str, object], None], tmp_path: Path) -> None:
    """Every page of the docs site loads at 390 px without errors, broken links or images,
    and fits the width."""
    started = time.perf_counter()
    crawl = server(tmp_path)
    pages = _site_pages(site_dir)
    assert len(pages) > 50, f"only {len(pages)} pages in {site_dir}: not a built site?"
    SHOTS.set_viewport(driver, width=SHOTS.PHONE)
    for path in pages:
        _visit(driver, crawl, path, width=SHOTS.PHONE, reports=False)
    _finish(crawl, record_property, started, "the docs site")


@pytest.mark.browser
def test_both_reports_render_on_a_phone_and_a_desktop(
        reports_dir: Path, server: Callable[[Path], Crawl], driver: Any,
        record_property: Callable[[str, object], None]) -> None:
    """The case report, the 1,000-case caseload report, the plan status page and the
    rollout page load at 390 and 1280 px without errors, broken links or images, and fit the
    width."""
    started = time.perf_counter()
    crawl = server(reports_dir)
    assert sorted(p.name for p in reports_dir.glob("*.html")) == [
        "case-report.html", "caseload-report.html", "plan-report.html", "rollout-report.html"]
    for width in (SHOTS.PHONE, SHOTS.DESKTOP):
        SHOTS.set_viewport(driver, width=width)
        for name in (*SHOTS.REPORTS, "plan-report", "rollout-report"):
            _visit(driver, crawl, f"{REPORTS_PREFIX}{name}.html", width=width, reports=True)
    SHOTS.set_viewport(driver, width=SHOTS.PHONE)
    _finish(crawl, record_property, started, "the four reports")


# -- the image wait (in the browser) ---------------------------------------------------------

# A 1x1 picture, served late to stand in for an image on a busy runner.
PIXEL = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
SLOW_SECONDS = 3.0
SLOW_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>images</title></head><body>
<div style="height: 5000px"></div>
<img loading="lazy" src="/slow.svg?{tag}" alt="slow" width="1" height="1">
<img loading="lazy" src="/missing.png?{tag}" alt="missing" width="1" height="1">
</body></html>"""


@pytest.fixture
def slow_images() -> Iterator[str]:
    """A server whose page has a lazy image answered after ``SLOW_SECONDS`` and one that is
    missing."""

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path)
            if path.path == "/page.html":
                body, kind = SLOW_PAGE.format(tag=path.query).encode(), "text/html"
            elif path.path == "/slow.svg":
                time.sleep(SLOW_SECONDS)
                body, kind = PIXEL, "image/svg+xml"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.browser
def test_slow_images_are_waited_for_and_told_apart_from_broken_ones(
        driver: Any, slow_images: str, tmp_path: Path) -> None:
    """A lazy image that takes 3 s is waited for (no problem within the wait); past the wait
    it is reported as not finished, in its own words, apart from an image that failed."""
    SHOTS.set_viewport(driver, width=SHOTS.PHONE)
    patient = Crawl(origin=slow_images, root=tmp_path, reports=tmp_path)
    _visit(driver, patient, "/page.html?patient", width=SHOTS.PHONE, reports=False,
           image_wait=15)
    about_images = [p for p in patient.problems if ": image " in p]
    assert about_images == [f"/page.html?patient @ {SHOTS.PHONE}px: image failed to load: "
                            f"{slow_images}/missing.png?patient"]
    hasty = Crawl(origin=slow_images, root=tmp_path, reports=tmp_path)
    _visit(driver, hasty, "/page.html?hasty", width=SHOTS.PHONE, reports=False,
           image_wait=1)
    about_images = [p for p in hasty.problems if ": image " in p]
    assert about_images == [
        f"/page.html?hasty @ {SHOTS.PHONE}px: image did not finish loading in 1 s: "
        f"{slow_images}/slow.svg?hasty",
        f"/page.html?hasty @ {SHOTS.PHONE}px: image failed to load: "
        f"{slow_images}/missing.png?hasty"]


# -- the browser's setup (no browser needed) -------------------------------------------------


@pytest.mark.parametrize(("ci", "fails"), [
    ("true", True), ("1", True), ("yes", True), ("false", False), ("FALSE", False),
    ("0", False), ("", False), (None, False)])
def test_a_missing_browser_fails_under_ci_and_is_skipped_elsewhere(ci: str | None,
                                                                   fails: bool) -> None:
    """With ``CI`` set (not to "", "false" or "0") a missing browser fails, naming the
    install command; elsewhere the browser tests are skipped; an installed one does neither."""
    environ = {} if ci is None else {"CI": ci}
    _require_browser(None, environ)
    reason = f"headless Chromium is not installed; install them with: {SHOTS.INSTALL}"
    outcome = pytest.fail.Exception if fails else pytest.skip.Exception
    with pytest.raises(outcome) as raised:
        _require_browser(reason, environ)
    assert SHOTS.INSTALL in str(raised.value)
    assert ("CI is set" in str(raised.value)) is fails


def test_the_browser_check_names_the_font_and_its_package(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A missing font counts as a missing browser (page widths depend on it), and the
    install command names its package."""
    for name in ("CHROMIUM", "CHROMEDRIVER"):
        (tmp_path / name).touch()
        monkeypatch.setattr(SHOTS, name, tmp_path / name)
    monkeypatch.setattr(SHOTS, "FONT", tmp_path / "DejaVuSans.ttf")
    reason = SHOTS.browser_missing()
    assert reason is not None
    assert str(tmp_path / "DejaVuSans.ttf") in reason
    assert reason.endswith("chromium chromium-driver fonts-dejavu-core")
    (tmp_path / "DejaVuSans.ttf").touch()
    assert SHOTS.browser_missing() is None


DEV = load_module("practicemodel_dev_script", ROOT / "scripts" / "dev.py")


def test_dev_installs_what_the_browser_test_checks() -> None:
    """``scripts/dev.py test`` checks for the files the browser test needs, and installs the
    same packages the test's message names (the font too)."""
    assert (SHOTS.CHROMIUM, SHOTS.CHROMEDRIVER, SHOTS.FONT) == DEV.BROWSER
    assert SHOTS.PACKAGES == DEV.BROWSER_PACKAGES
    assert "fonts-dejavu-core" in DEV.BROWSER_PACKAGES


@dataclass
class _Apt:
    """A stand-in for ``subprocess``: records the commands, answers with given exit codes."""

    codes: dict[str, int]
    commands: list[list[str]] = field(default_factory=list)

    def run(self, command: list[str], *, env: Mapping[str, str], check: bool) -> Any:
        assert env["DEBIAN_FRONTEND"] == "noninteractive"
        self.commands.append(command)
        verb = next(word for word in command[1:] if word in ("update", "install"))
        return subprocess.CompletedProcess(command, self.codes.get(verb, 0))


@pytest.fixture
def apt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., _Apt]:
    """``scripts/dev.py`` as root with apt-get and no browser; apt-get answers as told."""
    monkeypatch.setattr(DEV, "BROWSER", (tmp_path / "chromium", tmp_path / "font.ttf"))
    monkeypatch.setattr(DEV, "APT_LISTS", tmp_path / "lists")
    monkeypatch.setattr(DEV.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(DEV.os, "geteuid", lambda: 0, raising=False)

    def make(*, update: int = 0, install: int = 0, lists: bool = False) -> _Apt:
        if lists:
            (tmp_path / "lists").mkdir()
            (tmp_path / "lists" / "deb.debian.org_debian_dists_bookworm_main_binary-amd64_"
                                  "Packages").touch()
        fake = _Apt(codes={"update": update, "install": install})
        monkeypatch.setattr(DEV, "subprocess", fake)
        return fake

    return make


RETRIES = ["-o", "Acquire::Retries=3"]
INSTALL = ["apt-get", *RETRIES, "install", "-y", "--no-install-recommends", "chromium",
           "chromium-driver", "fonts-dejavu-core"]


def test_dev_installs_the_browser_with_retries(apt: Callable[..., _Apt]) -> None:
    """Update, then install the three packages, each with apt's retries."""
    fake = apt()
    DEV.ensure_browser()
    assert fake.commands == [["apt-get", *RETRIES, "update"], INSTALL]


def test_dev_installs_from_the_lists_it_has_when_update_fails(
        apt: Callable[..., _Apt], capsys: pytest.CaptureFixture[str]) -> None:
    """A failed update does not stop the install when package lists are there."""
    fake = apt(update=100, lists=True)
    DEV.ensure_browser()
    assert fake.commands[1:] == [INSTALL]
    assert "installing from the package lists already in" in capsys.readouterr().out


def test_dev_stops_with_a_reason_when_update_fails_without_lists(
        apt: Callable[..., _Apt]) -> None:
    """A failed update with no package lists stops, saying so and naming the command."""
    fake = apt(update=100)
    with pytest.raises(SystemExit, match="no package lists") as stopped:
        DEV.ensure_browser()
    assert "apt-get install -y --no-install-recommends chromium chromium-driver " \
           "fonts-dejavu-core" in str(stopped.value.code)
    assert len(fake.commands) == 1


def test_dev_stops_with_a_reason_when_the_install_fails(apt: Callable[..., _Apt]) -> None:
    """A failed install stops with its exit code, the command to run, and the way to run
    the other tests."""
    apt(install=100)
    with pytest.raises(SystemExit) as stopped:
        DEV.ensure_browser()
    message = str(stopped.value.code)
    assert "failed (exit code 100" in message
    assert "sudo apt-get install -y --no-install-recommends chromium" in message
    assert '-m "not browser"' in message


def test_dev_only_explains_when_it_may_not_install(
        apt: Callable[..., _Apt], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Not root: no apt-get, the install command and the CI rule are printed."""
    fake = apt()
    monkeypatch.setattr(DEV.os, "geteuid", lambda: 1000, raising=False)
    DEV.ensure_browser()
    assert fake.commands == []
    out = capsys.readouterr().out
    assert "fonts-dejavu-core" in out
    assert "fails instead when CI is set" in out


def test_dev_does_nothing_when_the_browser_is_there(apt: Callable[..., _Apt]) -> None:
    """Everything installed: no apt-get at all."""
    fake = apt()
    for path in DEV.BROWSER:
        path.touch()
    DEV.ensure_browser()
    assert fake.commands == []
