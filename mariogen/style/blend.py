"""A player's persona mix as the persona to generate for (``mariogen generate --like``).

When one persona has at least :data:`NEAREST_SHARE` of the mix, the player is that persona
and its own card is used. Otherwise the player gets a card of their own, written next to
the generated level: the personas' ``[cost]`` and ``[reward]`` weights averaged with the
mix's shares (a term a card lacks counts 0), the most probable persona's ``[planner]``,
and a ``[generator]`` metric that sums each persona's metric in units of its card's
``novelty_weight`` (the card's own exchange rate between its metric and novelty), so that a
coin, a kill and a second of speed are weighed as their personas weigh them. A weak form
of the card (the most probable persona's weak planner, the same weights) lets the
generator measure difficulty as it does for every core persona.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mariogen.agents.personas import PersonaCard, PersonaCardError, load_card, weak_variant
from mariogen.fileio import atomic_write
from mariogen.generator.settings import (
    default_metrics,
    default_novelty_weight,
    default_self_weight,
)

#: The share of the mix from which the most probable persona is the player's persona.
NEAREST_SHARE = 2 / 3


@dataclass(frozen=True)
class Likeness:
    """The persona a player's mix points to.

    Attributes:
        mix: each persona's share (mean probability over the player's plays).
        persona: the persona to generate for (a core persona's name, or the blend card's).
        cards: the blend card and its weak form, ``{file name: TOML text}`` (empty for a
            core persona); :meth:`write` writes them.
    """

    mix: dict[str, float]
    persona: str
    cards: dict[str, str] = field(default_factory=dict)

    @property
    def blended(self) -> bool:
        """Whether ``persona`` is a blend card made for this player."""
        return bool(self.cards)

    def summary(self) -> str:
        """``collector 93%, killer 5%, runner 2%``."""
        ranked = sorted(self.mix.items(), key=lambda kv: -kv[1])
        return ", ".join(f"{name} {100 * share:.0f}%" for name, share in ranked)

    def write(self, folder: Path) -> list[Path]:
        """Write the cards into ``folder`` (atomically); returns their paths."""
        paths = []
        for name, text in self.cards.items():
            path = folder / name
            atomic_write(path, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
            paths.append(path)
        return paths


def card_name(sources: Sequence[str]) -> str:
    """The blend card's name: ``like-`` and the first replay's name (``like-anna``)."""
    stem = Path(sources[0]).name.removesuffix(".json").removesuffix(".replay") if sources else ""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return f"like-{slug or 'player'}"


def likeness(mix: Mapping[str, float], sources: Sequence[str]) -> Likeness:
    """The persona for ``mix``: the nearest core persona, or a blend card and its weak form.

    Args:
        mix: each persona's share (they sum to 1).
        sources: the replays the mix was inferred from (named in the card's description).

    Raises:
        PersonaCardError: when a persona of the mix has no readable card.
    """
    shares = dict(mix)
    top = max(shares, key=shares.__getitem__)
    if shares[top] >= NEAREST_SHARE:
        return Likeness(shares, top)
    name = card_name(sources)
    cards = {persona: load_card(persona) for persona in shares}
    described = ", ".join(f"{p} {100 * s:.0f}%" for p, s in sorted(shares.items()))
    inferred = ", ".join(Path(s).name for s in sources) or "plays"
    strong = blend_card(name, f"a blend ({described}) inferred from {inferred}", shares, cards)
    weak_planner = _weak_planner(cards[top])
    weak = blend_card(
        f"{name}-weak",
        f"{name} planning as {top}'s weak form does: how hard a level is for {name}",
        shares,
        cards,
        planner=weak_planner,
        variant_of=name,
    )
    return Likeness(shares, name, {f"{name}.toml": strong, f"{name}-weak.toml": weak})


def _weak_planner(card: PersonaCard) -> dict[str, Any]:
    """The ``[planner]`` of ``card``'s weak form (its own when it has none)."""
    try:
        weak = load_card(weak_variant(card.name))
    except PersonaCardError:
        weak = card
    return {"type": weak.planner, **weak.params}


def blend_card(
    name: str,
    description: str,
    shares: Mapping[str, float],
    cards: Mapping[str, PersonaCard],
    planner: Mapping[str, Any] | None = None,
    variant_of: str = "",
) -> str:
    """The TOML text of a card whose weights are the cards' weights averaged by ``shares``.

    Args:
        name: the card's name.
        description: its one line.
        shares: each persona's share.
        cards: each persona's card.
        planner: the ``[planner]`` table (default: the most probable persona's).
        variant_of: the persona this card is the weak form of (``""``: none).
    """
    top = max(shares, key=shares.__getitem__)
    planner = dict(planner or {"type": cards[top].planner, **cards[top].params})
    lines = [f"name = {_toml(name)}", f"description = {_toml(description)}"]
    if variant_of:
        lines.append(f"variant_of = {_toml(variant_of)}")
    tables = {
        "planner": planner,
        "cost": _mean_weights(shares, {p: c.cost for p, c in cards.items()}),
        "reward": _mean_weights(shares, {p: c.reward for p, c in cards.items()}),
        "generator": _generator(shares),
    }
    for table, values in tables.items():
        lines += ["", f"[{table}]", *(f"{key} = {_toml(v)}" for key, v in values.items())]
    return "\n".join(lines) + "\n"


def _mean_weights(
    shares: Mapping[str, float], weights: Mapping[str, Mapping[str, float]]
) -> dict[str, float]:
    terms = list(dict.fromkeys(term for p in shares for term in weights[p]))
    return {t: _round(sum(s * weights[p].get(t, 0.0) for p, s in shares.items())) for t in terms}


def _round(weight: float) -> float:
    """``weight`` to the 6 significant digits a card shows."""
    return float(f"{weight:.6g}")


def _generator(shares: Mapping[str, float]) -> dict[str, Any]:
    """The ``[generator]`` table: each persona's metric over its novelty weight, by share."""
    metric: dict[str, float] = {}
    for persona, share in shares.items():
        novelty = default_novelty_weight(persona) or 1.0
        for metric_name, weight in default_metrics(persona):
            metric[metric_name] = metric.get(metric_name, 0.0) + share * weight / novelty
    self_weight = _round(sum(share * default_self_weight(p) for p, share in shares.items()))
    return {
        "metric": ",".join(f"{n}:{w:.6g}" for n, w in metric.items() if w),
        "self_weight": self_weight,
        "novelty_weight": 1.0,
    }


def _toml(value: Any) -> str:
    """A TOML value: a string, a finite number, a boolean or a list of strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a card weight must be finite, not {value}")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")
