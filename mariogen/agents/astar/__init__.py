"""The A* planner behind every persona card with ``type = "astar"``.

- :mod:`.search`: the numba-compiled search over the engine's flat state (ENGINE_SPEC §17,
  node-budgeted, binary heap);
- :mod:`.costs`: the persona cost terms a card's ``[cost]`` table may weigh;
- :mod:`.agent`: :class:`AStarAgent` and the card builder registered as planner ``"astar"``.
"""

from mariogen.agents.astar.agent import AStarAgent, build_astar, planner_params
from mariogen.agents.astar.costs import COST_TERMS
from mariogen.agents.personas import register_planner

register_planner("astar", build_astar)

__all__ = ["COST_TERMS", "AStarAgent", "build_astar", "planner_params"]
