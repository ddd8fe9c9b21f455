"""Report pages without a browser: the embedded data against the replays' re-simulation,
self-containment (no external URL), escaping, determinism, wide levels, bad input.

The page in a real browser is tested in ``test_html_browser.py``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mariogen.agents import play
from mariogen.level import Level
from mariogen.render.html import Figure, StatsTable, report_page, write_report_page
from mariogen.render.html_data import CHUNK_COLUMNS, level_chunks, track_names
from mariogen.render.timeline import Timeline
from mariogen.replay import Replay
from tests.conftest import EXAMPLES_DIR


def embedded_data(page: str) -> dict[str, Any]:
    """The player's JSON data of a page."""
    match = re.search(r'<script type="application/json" id="mariogen-data">(.*?)</script>', page)
    assert match, "the page has no player data"
    return json.loads(match.group(1))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "poster", "srcset", "data"):
                self.urls.append((tag, name, value or ""))


def external_urls(page: str) -> list[str]:
    """Every reference of the page that is not inline (a ``data:`` URI)."""
    parser = _Links()
    parser.feed(page)
    found = [f"<{t} {n}={v[:40]}>" for t, n, v in parser.urls if not v.startswith("data:")]
    found += re.findall(r"https?://[^\s\"'<>]*", page)
    found += re.findall(r"url\((?!\s*['\"]?data:)[^)]*\)", page)
    return found


@pytest.fixture(scope="module")
def level() -> Level:
    return Level.read(EXAMPLES_DIR / "first-steps.txt")


@pytest.fixture(scope="module")
def replays(level: Level) -> list[Replay]:
    return [play(agent, level, seed=1).to_replay(level) for agent in ("runner", "collector")]


@pytest.fixture(scope="module")
def page(replays: list[Replay]) -> str:
    return report_page(replays, title="first steps")


def test_tracks_are_the_replays_frame_by_frame(replays: list[Replay], page: str) -> None:
    data = embedded_data(page)
    assert [t["agent"] for t in data["tracks"]] == ["runner", "collector"]
    for replay, track in zip(replays, data["tracks"], strict=True):
        timeline = Timeline(replay)
        assert track["n"] == replay.n_ticks
        np.testing.assert_allclose(track["x"], timeline.path[:, 0], atol=5e-4)
        np.testing.assert_allclose(track["y"], timeline.path[:, 1], atol=5e-4)
        assert len(track["mode"]) == len(track["facing"]) == replay.n_ticks + 1
        assert set(track["facing"]) <= {"r", "l"} and set(track["mode"]) <= {"0", "1", "2"}
        kinds = [kind for _, kind, _, _ in track["events"]]
        assert kinds.count("kill") == replay.stats["kills_total"]
        assert kinds.count("jump") == replay.stats["jumps"]
        frames = [frame for frame, *_ in track["events"]]
        assert frames == sorted(frames) and all(1 <= f <= replay.n_ticks for f in frames)
        assert track["status"] == replay.stats["status"]


def test_page_is_self_contained(page: str) -> None:
    assert external_urls(page) == []
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    parser = _Links()
    parser.feed(page)
    assert "link" in parser.tags and all(v.startswith("data:") for _, _, v in parser.urls)
    assert not re.search(r"<(iframe|object|embed|base)\b", page)


def test_the_static_check_catches_external_references() -> None:
    for bad in (
        '<img src="https://example.org/a.png">',
        '<script src="//cdn.example.org/x.js"></script>',
        '<link rel="stylesheet" href="style.css">',
        "<style>body { background: url(sky.png) }</style>",
    ):
        assert external_urls(bad), bad


def test_statistics_table_and_figures(replays: list[Replay], tmp_path: Path) -> None:
    fitness = (EXAMPLES_DIR.parent.parent / "docs" / "images" / "first-steps.png").read_bytes()
    table = StatsTable(("persona", "coins"), (("runner", "4 / 10"), ("collector", "<9>")))
    text = report_page(replays, title="t", table=table, figures=[Figure("fitness", fitness)])
    assert "<th>persona</th><th>coins</th>" in text and "<td>4 / 10</td>" in text
    assert "<td>&lt;9&gt;</td>" in text
    assert "<figcaption>fitness</figcaption>" in text and external_urls(text) == []
    default = report_page(replays, title="t")
    for replay in replays:
        assert f"<td>{replay.agent}</td><td>{replay.stats['status']}</td>" in default


def test_text_is_escaped(level: Level) -> None:
    name = "</script><script>alert(1)</script>.txt"
    replay = Replay.record(Level.from_text(level.to_text(), source=name), [2] * 10, agent="<b>")
    text = report_page([replay], title="<i>title</i>", summary=["a & b"])
    assert "<script>alert(1)" not in text and "<b>" not in text and "<i>" not in text
    assert "<title>&lt;i&gt;title&lt;/i&gt;</title>" in text and "<p>a &amp; b</p>" in text
    assert embedded_data(text)["level"]["name"] == name


def test_same_replays_same_bytes(replays: list[Replay], tmp_path: Path) -> None:
    one = write_report_page(tmp_path / "one.html", replays, title="x")
    two = write_report_page(tmp_path / "two.html", replays, title="x")
    assert one.read_bytes() == two.read_bytes()


def test_wide_level_is_split_into_pictures() -> None:
    rows = ["-" * 150] * 14 + ["M" + "-" * 148 + "F", "X" * 150]
    level = Level.from_text("\n".join(rows) + "\n", source="wide.txt")
    chunks = level_chunks(level, 2)
    assert len(chunks) == -(-150 // CHUNK_COLUMNS)
    assert [c["x"] for c in chunks] == [i * CHUNK_COLUMNS * 32 for i in range(len(chunks))]
    assert sum(c["width"] for c in chunks) == 150 * 32


def test_a_name_played_twice_is_numbered(replays: list[Replay]) -> None:
    twice = [replays[0], replays[1], replays[0]]
    assert track_names(twice) == ["runner", "collector", "runner (2)"]
    assert [t["name"] for t in embedded_data(report_page(twice, title="t"))["tracks"]] == [
        "runner",
        "collector",
        "runner (2)",
    ]


def test_replays_of_different_levels_are_refused(replays: list[Replay]) -> None:
    other = Level.read(EXAMPLES_DIR / "pipe-garden.txt")
    with pytest.raises(ValueError, match="same level"):
        report_page([replays[0], Replay.record(other, [2] * 5)], title="t")
    with pytest.raises(ValueError, match="at least one replay"):
        report_page([], title="t")
