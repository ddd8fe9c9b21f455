"""A persona mix as a card: the nearest core persona, or a blend that plays like any card."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mariogen.agents import load_card, play
from mariogen.agents.personas import read_card
from mariogen.generator.settings import default_metrics, default_novelty_weight
from mariogen.level import Level
from mariogen.style.blend import NEAREST_SHARE, card_name, likeness

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MIXED = {"collector": 0.5, "killer": 0.3, "runner": 0.2}


def test_a_clear_mix_is_its_persona(tmp_path: Path) -> None:
    found = likeness({"collector": NEAREST_SHARE, "killer": 0.2, "runner": 0.13}, ["a"])
    assert (found.persona, found.blended, found.cards) == ("collector", False, {})
    assert found.write(tmp_path) == [] and not any(tmp_path.iterdir())
    assert found.summary() == "collector 67%, killer 20%, runner 13%"


def test_a_blend_card_averages_the_personas_weights(tmp_path: Path) -> None:
    found = likeness(MIXED, ["out/Anna Plays.replay.json"])
    assert found.blended and found.persona == "like-anna-plays"
    paths = found.write(tmp_path)
    assert [p.name for p in paths] == ["like-anna-plays.toml", "like-anna-plays-weak.toml"]
    card, weak = (read_card(p) for p in paths)
    cards = {name: load_card(name) for name in MIXED}
    for term in ("coins", "kills_stomp", "time", "height", "death"):
        expected = sum(share * cards[p].cost.get(term, 0.0) for p, share in MIXED.items())
        assert card.cost[term] == pytest.approx(expected, rel=1e-6)
        assert weak.cost[term] == pytest.approx(expected, rel=1e-6)
    assert card.params == cards["collector"].params  # the most probable persona's planner
    assert weak.variant_of == card.name and weak.params == load_card("collector-weak").params
    assert "collector 50%" in card.description and "Anna Plays.replay.json" in card.description
    metrics = dict(card.metrics)
    for persona, share in MIXED.items():
        ((name, weight),) = default_metrics(persona)
        expected = share * weight / default_novelty_weight(persona)
        assert metrics[name] == pytest.approx(expected, rel=1e-5)
    assert card.novelty_weight == 1.0


def test_a_blend_card_is_valid_toml_and_plays(
    tmp_path: Path, example_levels: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = likeness(MIXED, ["me.replay.json"])
    found.write(tmp_path)
    tomllib.loads(found.cards["like-me.toml"])
    monkeypatch.setenv("MARIOGEN_AGENT_PATH", str(tmp_path))
    result = play("like-me", Level.read(example_levels[0]))
    assert result.agent == "like-me" and result.win


@pytest.mark.parametrize(
    ("sources", "name"),
    [(["x/Über.replay.json"], "like-ber"), (["---.json"], "like-player"), ([], "like-player")],
)
def test_card_names_are_safe(sources: list[str], name: str) -> None:
    assert card_name(sources) == name
