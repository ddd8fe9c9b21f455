"""The A* planner behind every persona card with ``type = "astar"``.

- :mod:`.search`: the numba-compiled search over the engine's flat state (ENGINE_SPEC §17,
  node-budgeted, binary heap);
- :mod:`.costs`: the persona cost terms a card's ``[cost]`` table may weigh;
- :mod:`.agent`: :class:`AStarAgent` and the card builder registered as planner ``"astar"``.
"""

from mariogen.agents.astar.agent import ASTAR_PLANNER, AStarAgent, build_astar, planner_params
from mariogen.agents.astar.costs import COST_TERMS
from mariogen.agents.planners import register_planner

register_planner("astar", ASTAR_PLANNER)

__all__ = ["ASTAR_PLANNER", "COST_TERMS", "AStarAgent", "build_astar", "planner_params"]
