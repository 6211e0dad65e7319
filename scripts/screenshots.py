#!/usr/bin/env python3
"""Screenshots of the two HTML reports for the docs, taken in headless Chromium.

    .venv/bin/python scripts/screenshots.py     # writes docs/assets/screenshots/*.png

It renders the Wilson example's case report and the caseload report of a 1,000-case
synthetic review (the same two documents ``tests/test_browser.py`` opens) and saves each at
desktop (1280 px) and phone (390 px) width, cropped to at most 2,400 px tall, as
``docs/assets/screenshots/{case-report,caseload-report}-{desktop,phone}.png``.

The browser is Debian's ``chromium`` driven by its ``chromedriver`` through selenium (the
``test`` extra), with the DejaVu fonts of ``fonts-dejavu-core`` (pages set in a known font).
Both paths are given explicitly, so selenium never looks for, or downloads, a browser of its
own; the flags keep Chromium off the network. ``tests/test_browser.py``
loads this file for the same browser setup and the same two reports.
"""

from __future__ import annotations

import base64
import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "assets" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# A fixed font: with --no-install-recommends Chromium comes without fonts, and how wide a
# page lays out (what the browser test checks) depends on the font text is set in.
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PACKAGES = ("chromium", "chromium-driver", "fonts-dejavu-core")
INSTALL = f"apt-get install --no-install-recommends {' '.join(PACKAGES)}"
DESKTOP = 1280
PHONE = 390
HEIGHT = 900
MAX_HEIGHT = 2400
AS_OF = date(2026, 11, 22)
POLICY = "MS"
CASES = 1000
SEED = 2026
BASELINE_SEED = "baseline"
REPORTS = ("case-report", "caseload-report")

# Headless, no sandbox (CI runs as root), and nothing that phones home: the background
# networking, component updates and sync would be refused by a closed network.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def browser_missing() -> str | None:
    """Why the browser cannot run here (a sentence naming the install command), or None."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER, FONT) if not path.exists()]
    if not missing:
        return None
    return (f"headless Chromium or its font is not installed ({', '.join(missing)} missing); "
            f"install them with: {INSTALL}")


@contextmanager
def chromium(*, width: int = PHONE, height: int = HEIGHT) -> Iterator[WebDriver]:
    """A headless Chromium session whose viewport is ``width`` x ``height`` CSS pixels.

    Console messages of every level are kept for ``driver.get_log("browser")``. The session
    and its fresh profile directory are removed on exit.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="practicemodel-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        set_viewport(driver, width=width, height=height)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver: WebDriver, *, width: int, height: int = HEIGHT) -> None:
    """Lay pages out in a ``width`` x ``height`` viewport (CSS pixels, scale 1)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def report_documents() -> dict[str, str]:
    """The two reports as HTML documents, by name (``REPORTS``).

    ``case-report``: the Wilson example's case report on the MS profile as of 2026-11-22.
    ``caseload-report``: a review of 1,000 synthetic cases (seed 2026) by region on the MS
    profile as of 2026-11-22, compared with a baseline review of 1,000 cases drawn with
    weaker plans (fewer first plans setting closure criteria, more objectives written as
    bare activities), so the comparison section has differences to show.
    """
    from practicemodel.caseload import review_cases
    from practicemodel.example import load_example
    from practicemodel.policy import get_policy
    from practicemodel.report import case_html, caseload_html
    from practicemodel.synthetic import SyntheticParameters, generate_cases

    policy = get_policy(POLICY)
    review = review_cases(generate_cases(CASES, seed=SEED), policy=policy, as_of=AS_OF,
                          by=("region",))
    weaker = SyntheticParameters(closure_criteria_share=0.4, poor_objective_share=0.5)
    baseline = review_cases(generate_cases(CASES, seed=BASELINE_SEED, parameters=weaker),
                            policy=policy, as_of=AS_OF, by=("region",))
    return {
        "case-report": case_html(load_example(), policy=policy, as_of=AS_OF),
        "caseload-report": caseload_html(
            review, baseline=baseline,
            title=f"Caseload review: {CASES:,} synthetic cases, {POLICY}, {AS_OF}"),
    }


def screenshot(driver: WebDriver, url: str, *, width: int) -> bytes:
    """A PNG of the page at ``url`` laid out ``width`` px wide, at most ``MAX_HEIGHT`` tall."""
    set_viewport(driver, width=width)
    driver.get(url)
    height = int(driver.execute_script(
        "return Math.ceil(document.documentElement.getBoundingClientRect().height)"))
    height = max(1, min(height, MAX_HEIGHT))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


def optimise(png: bytes) -> bytes:
    """``png`` reduced to a 256-colour palette (pages are flat colours and text), if smaller.

    Uses Pillow when it is installed (matplotlib, in the ``analysis`` extra, brings it).
    """
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue() if out.tell() < len(png) else png


def main() -> None:
    """Write the four screenshots into ``docs/assets/screenshots``."""
    reason = browser_missing()
    if reason:
        sys.exit(reason)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, html in report_documents().items():
            (Path(tmp) / f"{name}.html").write_text(html, encoding="utf-8")
        with chromium() as driver:
            for name in REPORTS:
                url = (Path(tmp) / f"{name}.html").as_uri()
                for label, width in (("desktop", DESKTOP), ("phone", PHONE)):
                    target = SCREENSHOTS / f"{name}-{label}.png"
                    target.write_bytes(optimise(screenshot(driver, url, width=width)))
                    print(f"wrote {target.relative_to(ROOT)} "
                          f"({target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
