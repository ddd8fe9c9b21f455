"""``mariogen personas list`` / ``show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mariogen.cli.main import main


def test_list_shows_every_builtin_persona(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["NAME", "PLANNER", "HORIZON", "BUDGET", "ROLE", "DESCRIPTION"]
    rows = {line.split()[0]: line.split() for line in out[1:]}
    for name in ("runner", "collector", "killer"):
        assert rows[name][1:5] == ["astar", "176", "200", "core"]
        assert rows[f"{name}-weak"][1:3] == ["astar", "88"]
        assert " ".join(rows[f"{name}-weak"][4:8]) == f"weak form of {name}"
    assert "-paper" in " ".join(rows)


def test_show_prints_the_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "show", "collector"]) == 0
    out = capsys.readouterr().out
    assert 'name = "collector"' in out and "[cost]" in out and "[reward]" in out


def test_user_card_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    (tmp_path / "hoarder.toml").write_text(
        'name = "hoarder"\ndescription = "only coins"\n[planner]\ntype = "astar"\n'
        "node_budget = 50\n[cost]\ncoins = -500\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(tmp_path))
    assert main(["personas", "list"]) == 0
    assert any(line.startswith("hoarder ") for line in capsys.readouterr().out.splitlines())


def test_unknown_persona_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["personas", "show", "nobody"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("mariogen: error: no persona card named 'nobody'")
    assert "\n" not in err


_BRUTE = """\
name = "brute"
description = "kills first, then finishes"
[planner]
type = "astar"
node_budget = 120
[cost]
kills = -300.0
[generator]
metric = "kills-v0"
"""


def test_a_card_in_a_user_folder_plays_and_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A persona that is only a card in $MARIOGEN_AGENT_PATH is listed, plays, and its
    [generator] metric is what `generate --persona` uses."""
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "brute.toml").write_text(_BRUTE, encoding="utf-8")
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(cards))
    assert main(["personas", "list"]) == 0
    assert any(line.startswith("brute ") for line in capsys.readouterr().out.splitlines())
    level = Path(__file__).resolve().parents[2] / "levels" / "examples" / "first-steps.txt"
    assert main(["play", str(level), "--agent", "brute", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agent"] == "brute"
    out = tmp_path / "out"
    args = ["--population", "4", "--generations", "0", "--segments", "2", "--workers", "1"]
    assert (
        main(["generate", "--persona", "brute", "-q", "--no-replays", *args, "-o", str(out)]) == 0
    )
    config = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert config["settings"]["metrics"] == [["kills-v0", 1.0]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_BRUTE + "[colour]\nred = 1\n", "bad.toml:10:1: unknown table [colour]"),
        (_BRUTE.replace("kills = ", "gold = "), "bad.toml:7:1: [cost] has no term 'gold'"),
        (_BRUTE + "[reward]\nspeed = 1\n", "bad.toml:11:1: [reward] has no term 'speed'"),
        (_BRUTE.replace('metric = "kills-v0"', "size = 3"), "bad.toml:9:1: [generator] has"),
        ("colour = 1\n" + _BRUTE, "bad.toml:1:1: unknown key 'colour'"),
        (_BRUTE.replace("node_budget = 120", 'node_budget = "lots"'), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("[cost]", "[cost"), "bad.toml:6:6: not valid TOML: Expected"),
        (_BRUTE.replace("node_budget = 120", 'horizon_px = "far"'), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("node_budget = 120", "node_budget = -1"), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("node_budget = 120", "horizon_px = nan"), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("node_budget = 120", "horizon_px = inf"), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("node_budget = 120", "max_nodes = 10000000"), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("node_budget = 120", "repetitions = 1000"), "bad.toml:5:1: [planner]"),
        (_BRUTE.replace("-300.0", "nan"), "bad.toml:7:1: [cost] kills must be a finite"),
        (_BRUTE + "novelty_weight = inf\n", "bad.toml:10:1: [generator] novelty_weight"),
    ],
)
def test_a_broken_card_is_one_line_naming_file_and_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    (tmp_path / "bad.toml").write_text(text.replace('"brute"', '"bad"'), encoding="utf-8")
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(tmp_path))
    level = Path(__file__).resolve().parents[2] / "levels" / "examples" / "first-steps.txt"
    generate = ["generate", "--persona", "bad", "-q", "-o", str(tmp_path / "out")]
    for argv in (["personas", "show", "bad"], ["play", str(level), "--agent", "bad"], generate):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("mariogen: error: ") and message in err, err
        assert "\n" not in err
    assert main(["personas", "list"]) == 2  # the others are listed, the broken one reported
    captured = capsys.readouterr()
    assert "collector" in captured.out and message in captured.err
    assert main(["validate", str(level)]) == 0  # a command that needs no card is unaffected


def test_a_broken_card_hides_a_valid_card_of_its_name_in_a_later_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's half-edited runner.toml is reported when runner is used, not silently
    replaced by the shipped runner."""
    (tmp_path / "runner.toml").write_text('name = "runner"\n[planner\n', encoding="utf-8")
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(tmp_path))
    level = Path(__file__).resolve().parents[2] / "levels" / "examples" / "first-steps.txt"
    assert main(["play", str(level), "--agent", "runner"]) == 2
    assert "runner.toml:2:9: not valid TOML" in capsys.readouterr().err
    assert main(["play", str(level), "--agent", "collector", "--time", "1"]) == 0


def test_a_nul_character_in_a_card_string_is_refused(tmp_path: Path) -> None:
    from mariogen.agents.personas import PersonaCardError, read_card

    path = tmp_path / "nul.toml"
    path.write_text(_BRUTE.replace('"kills first', '"kills\\u0000first'), encoding="utf-8")
    with pytest.raises(PersonaCardError, match=r"nul\.toml:2:1: 'description' holds a NUL"):
        read_card(path)


def test_a_card_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    from mariogen.agents.personas import PersonaCardError, read_card

    path = tmp_path / "deep.toml"
    path.write_text("tags = " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")
    with pytest.raises(PersonaCardError, match="nested too deeply"):
        read_card(path)
