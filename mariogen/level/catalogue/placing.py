"""Placing designs at ground heights: the ids and recipes of a design drawn at several heights.

A *design* is a drawing that works on a canvas of any base height (it draws relative to
:attr:`Canvas.floor` and the local ground). :func:`place` turns it into one recipe per
height; the id of the height-0 recipe is the design's name, the others end in ``-atH``
(``gap-w5-at3``: the design ``gap-w5`` on ground of height 3). Connectors are named by the
heights they join instead (``step-0to2``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from mariogen.level.catalogue.canvas import Draw, Recipe


def height_id(name: str, height: int) -> str:
    """The id of design ``name`` drawn at ``height`` (``name``, or ``name-atH``)."""
    return name if height == 0 else f"{name}-at{height}"


def place(family: str, name: str, draw: Draw, heights: Iterable[int]) -> Iterator[Recipe]:
    """One recipe of design ``name`` per height of ``heights`` (in that order)."""
    for height in heights:
        yield Recipe(height_id(name, height), family, height, draw)


def place_all(
    family: str,
    designs: Mapping[str, Draw],
    at_zero: Iterable[str],
    raised: Iterable[str],
    raised_heights: Iterable[int] = (1, 2, 3, 4),
) -> Iterator[Recipe]:
    """The designs ``at_zero`` at height 0, then the designs ``raised`` at ``raised_heights``.

    Raises:
        KeyError: for a name that is not a design.
    """
    for name in at_zero:
        yield from place(family, name, designs[name], (0,))
    heights = tuple(raised_heights)
    for name in raised:
        yield from place(family, name, designs[name], heights)
