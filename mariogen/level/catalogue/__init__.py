"""The segment family catalogue: the code that draws every segment of the shipped library.

Every segment is drawn on a :class:`Canvas` (:mod:`~mariogen.level.catalogue.canvas`): a
16 x 16 grid whose ground has a height per column, onto which a few parametrised patterns are
placed (a gap, stairs, a slope, a pipe, a row of coins, a block row, a platform, a cannon, an
enemy group). Patterns draw only in the interior columns ``2..13``, so both ends of every
segment are clean ground at one height (the seam rule of :mod:`mariogen.level.segments`).

The families, by module:

- :mod:`~mariogen.level.catalogue.ground`: flat, gap, stairs (pyramids), valley;
- :mod:`~mariogen.level.catalogue.things`: pipe, enemies (also perched on platforms, bricks
  and stairs), coins, blocks, platform, cannon;
- :mod:`~mariogen.level.catalogue.routes`: multipath (an upper and a lower route), handmade;
- :mod:`~mariogen.level.catalogue.connectors`: step, stairs, slope, drop, gapstep (segments
  whose exit height differs from their entry height);
- :mod:`~mariogen.level.catalogue.hazards`: hazard (combined dangers), risk (coins that cost
  a risk).

Designs drawn at height 0 keep the ids (and rows) of the library of before ground heights;
the same design at height ``h`` ends in ``-atH``; connectors are named ``...-AtoB``.
:func:`build_catalogue` is deterministic, so ``python levels/segments/build.py`` always
writes the same library. All of these segments were written for mariogen; none is copied
from a game or a corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mariogen.level.catalogue import connectors, ground, hazards, routes, things
from mariogen.level.catalogue.canvas import LEFT, RIGHT, Canvas, Recipe
from mariogen.level.segments import Segment, SegmentError, make_segment

__all__ = ["FAMILIES", "LEFT", "RIGHT", "Canvas", "Recipe", "build_catalogue", "recipes"]

#: The families' recipe lists, in library order.
FAMILIES: tuple[Callable[[], Iterator[Recipe]], ...] = (
    ground.flat,
    ground.gaps,
    ground.stairs,
    things.pipes,
    things.enemies,
    things.coins,
    things.blocks,
    things.platforms,
    things.cannons,
    ground.valleys,
    routes.multipath,
    routes.handmade,
    connectors.steps,
    connectors.climbs,
    connectors.slopes,
    connectors.drops,
    connectors.gapsteps,
    hazards.hazards,
    hazards.risks,
)


def recipes() -> list[Recipe]:
    """Every recipe of the catalogue, in library order.

    Raises:
        SegmentError: when two recipes have the same id.
    """
    out: list[Recipe] = []
    seen: set[str] = set()
    for family in FAMILIES:
        for recipe in family():
            if recipe.id in seen:
                raise SegmentError(f"the catalogue draws {recipe.id!r} twice")
            seen.add(recipe.id)
            out.append(recipe)
    return out


def draw(recipe: Recipe) -> Segment:
    """The segment a recipe draws (on a fresh canvas of its base height)."""
    canvas = Canvas(recipe.base)
    recipe.draw(canvas)
    return make_segment(recipe.id, recipe.family, canvas.rows())


def build_catalogue() -> list[Segment]:
    """Every segment of the catalogue, in library order (deterministic)."""
    return [draw(recipe) for recipe in recipes()]
