"""``report.html`` in a real browser: headless Chromium (the Debian package) driven by
playwright, on the report of a real (small) ``mariogen generate`` run.

Chromium is found as ``$MARIOGEN_CHROMIUM``, ``chromium`` or ``chromium-browser`` on the PATH
(``apt-get install chromium``; playwright's own browser downloads are not used). Without it,
or without playwright, the tests are skipped with the reason, except under ``CI=true``, where
that is a failure.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from mariogen.cli.main import main
from mariogen.level import Level
from mariogen.render.html import VIEW_COLUMNS
from mariogen.render.level_image import draw_templates, render_level, surface_to_array
from mariogen.render.pen import EARTH, SKY
from mariogen.render.timeline import Timeline
from mariogen.replay import Replay

#: Chromium's switches for a root, offline, headless run (playwright adds --headless and a
#: fresh --user-data-dir).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SCALE = 2  # the page's default: 32 px tiles
LABEL_OUTLINE = 6  # pixels the outline of a play's label may reach beyond its text's ink
WAIT_MS = 15_000  # the most a page waits for a condition before the test fails


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; the browser tests are required when CI=true", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    """The Chromium executable: ``$MARIOGEN_CHROMIUM`` if set, else the first on the PATH."""
    chosen = os.environ.get("MARIOGEN_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        _unavailable("chromium not found (apt-get install chromium, or set MARIOGEN_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@dataclass
class Run:
    """A generate run's folder, its level and its replays by name."""

    folder: Path
    level: Level
    replays: dict[str, Replay]
    timelines: dict[str, Timeline] = field(default_factory=dict)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("generate")
    args = ["--persona", "collector", "--population", "4", "--generations", "1", "--segments", "3"]
    assert main(["generate", *args, "--workers", "1", "-q", "-o", str(folder)]) == 0
    replays = {p.name.split(".")[0]: Replay.read(p) for p in sorted(folder.glob("*.replay.json"))}
    timelines = {name: Timeline(r) for name, r in replays.items()}
    return Run(folder, Level.read(folder / "level.txt"), replays, timelines)


@dataclass
class Page:
    """An open report page and what it logged."""

    page: Any
    errors: list[str]
    requests: list[str]

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def view_pixels(self) -> np.ndarray:
        """The player's canvas as drawn, ``(height, width, 3)`` uint8."""
        uri = self.js("document.getElementById('view').toDataURL('image/png')")
        png = base64.b64decode(uri.split(",", 1)[1])
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.fixture
def page(browser: Any, run: Run) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    opened = Page(tab, [], [])
    tab.on(
        "console",
        lambda m: (
            opened.errors.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    tab.on("pageerror", lambda e: opened.errors.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: opened.errors.append(f"request failed: {r.url[:80]}"))
    tab.on("request", lambda r: opened.requests.append(r.url))
    tab.set_default_timeout(WAIT_MS)
    url = (run.folder / "report.html").resolve().as_uri()
    tab.goto(url)
    tab.wait_for_function("() => window.mariogenPlayer && window.mariogenPlayer.ready")
    yield opened
    context.close()


def test_loads_without_errors_and_fetches_nothing(page: Page, run: Run) -> None:
    assert sorted(page.js("mariogenPlayer.tracks")) == sorted(run.replays)
    page.page.click("#play")
    page.page.wait_for_function("() => mariogenPlayer.frame > 10")
    page.page.click("#show-path")
    page.page.click("#show-events")
    assert page.errors == []
    url = (run.folder / "report.html").resolve().as_uri()
    assert [u for u in page.requests if not u.startswith("data:")] == [url]


def test_play_advances_and_pause_holds(page: Page, run: Run) -> None:
    first = page.js("mariogenPlayer.drawn")
    assert page.js("mariogenPlayer.frame") == 0 and set(first) == set(run.replays)
    page.page.select_option("#speed", "2")
    page.page.click("#play")
    assert page.js("mariogenPlayer.playing") and page.js("mariogenPlayer.speed") == 2
    page.page.wait_for_function("() => mariogenPlayer.frame >= 20")
    page.page.click("#play")
    held = page.js("mariogenPlayer.frame")
    page.page.wait_for_timeout(300)
    assert page.js("mariogenPlayer.frame") == held and not page.js("mariogenPlayer.playing")
    assert page.page.text_content("#frame").startswith(f"frame {held} / ")
    assert int(page.page.input_value("#scrub")) == held
    now = page.js("mariogenPlayer.drawn")
    for name, timeline in run.timelines.items():
        x, y = timeline.path[min(held, timeline.n)]
        assert now[name]["x"] == pytest.approx(float(x), abs=1e-3), name
        assert now[name]["y"] == pytest.approx(float(y), abs=1e-3), name
    moved = [name for name in run.replays if now[name]["x"] > first[name]["x"] + 16]
    assert moved == list(run.replays), "every Mario runs right"
    page.page.keyboard.press("ArrowRight")
    assert page.js("mariogenPlayer.frame") == held + 1


def _hide_all_but(page: Page, keep: str | None) -> None:
    for i, name in enumerate(page.js("mariogenPlayer.tracks")):
        box = page.page.locator(f"#show-{i}")
        if box.is_checked() != (name == keep):
            box.click()


def _inside(rows: np.ndarray, cols: np.ndarray, box: dict[str, int], margin: int = 0) -> np.ndarray:
    left, top = box["left"] - margin, box["top"] - margin
    across = (cols >= left) & (cols < left + box["width"] + 2 * margin)
    return across & (rows >= top) & (rows < top + box["height"] + 2 * margin)


def test_scrubbing_puts_mario_at_the_recorded_position(page: Page, run: Run) -> None:
    last = page.js("mariogenPlayer.last")
    assert last == max(t.n for t in run.timelines.values())
    page.page.click("#show-path")
    page.page.click("#show-events")
    for frame in (last // 3, (2 * last) // 3, last):
        page.page.locator("#scrub").fill(str(frame))
        assert page.js("mariogenPlayer.frame") == frame
        drawn = page.js("mariogenPlayer.drawn")
        for name, timeline in run.timelines.items():
            x, y = timeline.path[min(frame, timeline.n)]
            assert drawn[name]["frame"] == min(frame, timeline.n)
            assert (drawn[name]["x"], drawn[name]["y"]) == pytest.approx((x, y), abs=1e-3)
        # Mario's pixels: the canvas with one play shown differs from the bare level only
        # inside his box (and its label above), placed from the recorded position.
        name = next(iter(run.replays))
        page.page.select_option("#follow", label=name)  # the camera follows this play
        _hide_all_but(page, name)  # hiding it last keeps the camera where it is
        camera = page.js("mariogenPlayer.camera")
        shown = page.view_pixels()
        _hide_all_but(page, None)
        bare = page.view_pixels()
        assert page.js("mariogenPlayer.camera") == camera
        _hide_all_but(page, name)
        box = page.js("mariogenPlayer.drawn")[name]
        x, y = run.timelines[name].path[min(frame, run.timelines[name].n)]
        assert box["left"] == round(x * SCALE - box["width"] / 2 - camera)
        assert box["top"] == round(y * SCALE - box["height"])
        rows, cols = np.nonzero((bare != shown).any(axis=2))
        in_box = _inside(rows, cols, box)
        assert in_box.sum() > box["width"] * box["height"] // 4, "Mario is not drawn there"
        label = _inside(rows, cols, box["label"], margin=LABEL_OUTLINE)
        assert (in_box | label).all(), "drawn somewhere else"
        for i in range(len(run.replays)):
            page.page.locator(f"#show-{i}").check()


def test_screenshot_shows_the_level(page: Page, run: Run, tmp_path: Path) -> None:
    _hide_all_but(page, None)
    assert page.js("mariogenPlayer.drawn") == {} and page.js("mariogenPlayer.camera") == 0
    shot = tmp_path / "page.png"
    page.page.screenshot(path=str(shot), full_page=True)
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    columns = min(VIEW_COLUMNS, run.level.width)
    surface = render_level(run.level, SCALE, 0, columns, sprites=False)
    draw_templates(surface, run.level.templates, 16 * SCALE, 0, columns)
    expected = surface_to_array(surface)
    height, width = expected.shape[:2]
    # Where the canvas's picture is on the screenshot (its box may sit at a fraction of a
    # pixel): the best match within a pixel of its content box.
    box = page.js(
        "(() => { const r = document.getElementById('view').getBoundingClientRect();"
        " return [r.left + window.scrollX, r.top + window.scrollY]; })()"
    )
    border = 2  # the canvas's CSS border
    left, top = round(box[0]) + border, round(box[1]) + border
    match = max(
        (pixels[top + dy : top + dy + height, left + dx : left + dx + width] == expected)
        .all(axis=2)
        .mean()
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )
    assert match > 0.99, f"the screenshot matches the level's picture at {match:.1%} only"
    view = pixels[top : top + height, left : left + width]
    sky = (view == SKY).all(axis=2).mean()
    ground = (view[-16 * SCALE :] == EARTH).all(axis=2).mean()
    assert 0.2 < sky < 0.95 and ground > 0.05, (sky, ground)
