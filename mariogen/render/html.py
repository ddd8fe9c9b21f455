"""Report pages: one self-contained HTML file with the level, a player of the recorded plays,
a statistics table and figures (``report.html``, ``mariogen replay --export OUT.html``).

Everything the page shows is inside the file: the pictures as ``data:`` URIs, the plays as
JSON (see :mod:`mariogen.render.html_data`), the script and the style inline. Its content
security policy forbids loading anything else, so the page never touches the network. The
player shows every play on the same level; each can be toggled, and it has play/pause,
single steps, speed, a scrub bar, Mario's path and event markers (kills, coins, jumps).

Example:
    >>> replay = Replay.read("out/run.replay.json")                      # doctest: +SKIP
    >>> write_report_page("out/run.html", [replay], title="run-right")   # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from mariogen.fileio import atomic_write
from mariogen.render.frame import SCREEN_TILES
from mariogen.render.html_data import data_uri, player_data
from mariogen.render.overlays import COIN_COLOR, JUMP_COLOR, KILL_COLOR
from mariogen.replay import Replay
from mariogen.version import __version__

#: Columns the player's view shows at once (wider than the game's 16 for a designer).
VIEW_COLUMNS = SCREEN_TILES + 8
#: Largest width of the overview of the whole level, in canvas pixels.
OVERVIEW_MAX_WIDTH = 2048
#: The statistics of a replay shown by default (keys of its ``stats``).
DEFAULT_STATS = ("status", "completion", "ticks", "coins", "kills_total", "jumps", "hurts")
#: Marker colours, as the replay viewer draws them.
MARKER_COLORS = {"kill": KILL_COLOR, "coin": COIN_COLOR, "jump": JUMP_COLOR}
_MARKER_LABELS = {"kill": "kill", "coin": "coin or opened block", "jump": "jump"}
_MARKER_SYMBOLS = {"kill": "&times;", "coin": "o", "jump": ""}


@dataclass(frozen=True)
class StatsTable:
    """A table of the page: a header row and rows of cell texts (plain text, escaped)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Figure:
    """A picture of the page: a PNG and its caption."""

    caption: str
    png: bytes


def _asset(name: str) -> str:
    return resources.files("mariogen.render").joinpath(name).read_text(encoding="utf-8")


def _hex(color: tuple[int, ...]) -> str:
    return "#" + "".join(f"{c:02x}" for c in color[:3])


def replay_stats_table(replays: Sequence[Replay], names: Sequence[str]) -> StatsTable:
    """The :data:`DEFAULT_STATS` of each replay, one row per play."""
    rows = []
    for name, replay in zip(names, replays, strict=True):
        cells = []
        for key in DEFAULT_STATS:
            value = replay.stats.get(key, "")
            cells.append(f"{value:.2f}" if isinstance(value, float) else str(value))
        rows.append((name, *cells))
    return StatsTable(("play", *DEFAULT_STATS), tuple(rows))


def _table_html(table: StatsTable) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>\n"
        for row in table.rows
    )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def _figures_html(figures: Sequence[Figure]) -> str:
    if not figures:
        return ""
    items = "".join(
        f'<figure><img src="{data_uri(f.png)}" alt="{html.escape(f.caption)}">'
        f"<figcaption>{html.escape(f.caption)}</figcaption></figure>\n"
        for f in figures
    )
    return f'<section id="figures">\n<h2>Figures</h2>\n{items}</section>'


def _toggles_html(tracks: Sequence[dict[str, Any]]) -> tuple[str, str]:
    toggles, follow = [], []
    for i, t in enumerate(tracks):
        name = html.escape(t["name"])
        toggles.append(
            f'<label title="{name}: {html.escape(t["status"])} at {t["completion"]:.0%}">'
            f'<input type="checkbox" data-track="{i}" id="show-{i}" checked>'
            f'<span class="swatch" style="background:{t["color"]}"></span>{name}</label>'
        )
        follow.append(f'<option value="{i}">{name}</option>')
    return "\n".join(toggles), "".join(follow)


def _legend_html() -> str:
    items = "".join(
        f'<b class="{kind}" style="color:{_hex(color)}">{_MARKER_SYMBOLS[kind]}</b> '
        f"{_MARKER_LABELS[kind]} "
        for kind, color in MARKER_COLORS.items()
    )
    return f'<span class="legend">{items.strip()}</span>'


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element (no ``<`` that could close it)."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")


def report_page(
    replays: Sequence[Replay],
    *,
    title: str,
    summary: Sequence[str] = (),
    table: StatsTable | None = None,
    figures: Sequence[Figure] = (),
    scale: float = 2.0,
) -> str:
    """The text of a report page (see the module's description).

    Args:
        replays: the plays to show, all of one level.
        title: the page's title (plain text).
        summary: paragraphs under the title (plain text).
        table: the statistics table; by default :func:`replay_stats_table`.
        figures: pictures shown after the table (a fitness plot, say).
        scale: picture size: 1 draws 16 px tiles, 2 (the default) 32 px tiles.

    Raises:
        ValueError: for no replays, replays of different levels, or a scale that makes the
            level's picture too large.
    """
    data = player_data(replays, scale)
    data["markers"] = {kind: _hex(color) for kind, color in MARKER_COLORS.items()}
    tracks, lvl = data["tracks"], data["level"]
    if table is None:
        table = replay_stats_table(replays, [t["name"] for t in tracks])
    view_width = min(lvl["width"], VIEW_COLUMNS * lvl["width"] // lvl["columns"])
    overview_width = min(lvl["width"], OVERVIEW_MAX_WIDTH)
    toggles, follow = _toggles_html(tracks)
    script = _asset("html_player.js")
    if "</script" in script.lower():
        raise ValueError("html_player.js must not contain '</script'")
    return Template(_asset("html_page.html")).substitute(
        version=__version__,
        title=html.escape(title),
        summary="\n".join(f"<p>{html.escape(p)}</p>" for p in summary),
        css=_asset("html_player.css"),
        view_width=view_width,
        view_height=lvl["height"],
        overview_width=overview_width,
        overview_height=max(1, round(lvl["height"] * overview_width / lvl["width"])),
        last_frame=max(t["n"] for t in tracks),
        toggles=toggles,
        follow=follow,
        legend=_legend_html(),
        table=_table_html(table),
        figures=_figures_html(figures),
        data=_script_json(data),
        script=script,
    )


def write_report_page(
    path: str | os.PathLike[str], replays: Sequence[Replay], **options: Any
) -> Path:
    """Write :func:`report_page` to ``path`` atomically; ``options`` are its keywords.

    Returns:
        The path written.

    Raises:
        ValueError: see :func:`report_page`.
        OSError: when the file cannot be written.
    """
    text = report_page(replays, **options)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return Path(path)
