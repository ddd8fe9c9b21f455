"""Planner types: how a persona card's ``[planner] type`` becomes an agent.

A planner type is a :class:`PlannerSpec`: a builder ``(card, seed) -> Agent``, the ``[cost]``
terms it understands (beyond none: a planner that weighs nothing declares ``()``), and an
optional check of the card's ``[planner]`` parameters, run when the card is read so that a
bad card is reported before anything plays. The A* planner registers itself as ``"astar"``;
a separate package adds one through the entry-point group ``mariogen.planners`` (an entry
point names a ``PlannerSpec`` or a plain builder function).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mariogen.agents.protocol import Agent
from mariogen.registry import Registry

if TYPE_CHECKING:
    from mariogen.agents.personas import PersonaCard


class PlannerParamError(ValueError):
    """A ``[planner]`` parameter a planner cannot use.

    Args:
        key: the parameter's name (the card reader points at its line).
        message: what is wrong, naming the parameter.
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class PlannerSpec:
    """A planner type.

    Attributes:
        build: makes the agent a card describes, ``build(card, seed)``.
        cost_terms: the names a card's ``[cost]`` table may use with this planner; ``None``
            accepts any name (the builder checks them).
        check_params: raises :class:`PlannerParamError` for ``[planner]`` parameters it
            cannot use; ``None``: the builder checks them.
        description: one line for documentation.
    """

    build: Callable[[PersonaCard, int], Agent]
    cost_terms: tuple[str, ...] | None = None
    check_params: Callable[[Mapping[str, Any]], None] | None = None
    description: str = ""


def _adapt(name: str, obj: object) -> PlannerSpec:
    if isinstance(obj, PlannerSpec):
        return obj
    if callable(obj):
        return PlannerSpec(build=obj, description=(obj.__doc__ or "").strip().split("\n")[0])
    raise TypeError(f"planner {name!r} must be a PlannerSpec or a builder, not {obj!r}")


#: The planner types, by name (``[planner] type``); plug-ins: group ``mariogen.planners``.
PLANNERS: Registry[PlannerSpec] = Registry("planner type", "mariogen.planners", _adapt)


def register_planner(kind: str, spec: PlannerSpec | Callable[[PersonaCard, int], Agent]) -> None:
    """Register a planner type: a :class:`PlannerSpec`, or just its builder."""
    PLANNERS.register(kind, _adapt(kind, spec))


def _build_policy(card: PersonaCard, seed: int) -> Agent:
    from mariogen.agents.policy import build_policy  # numpy only; read on first use

    return build_policy(card, seed)


def _check_policy(params: Mapping[str, Any]) -> None:
    from mariogen.agents.policy import param_problem

    problem = param_problem(params)
    if problem is not None:
        raise PlannerParamError(*problem)


register_planner(
    "policy",
    PlannerSpec(
        build=_build_policy,
        cost_terms=(),
        check_params=_check_policy,
        description="a trained policy (.npz of mariogen train), played with numpy",
    ),
)
