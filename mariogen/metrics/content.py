"""Content metrics computed from the level's tiles alone (see :mod:`mariogen.metrics.grid`
for the shared definitions of standable, surface, gap, enemy, power-up block, decoration)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from mariogen.level import LEVEL_HEIGHT, Level, Tile
from mariogen.metrics import grid
from mariogen.metrics.base import BaseMetric, Kind
from mariogen.metrics.registry import register_metric

if TYPE_CHECKING:
    from mariogen.agents import PlayResult

SMITH_2010 = "Smith & Whitehead 2010, Analyzing the expressive range of a level generator (PCGames)"
SHAKER_2012 = (
    "Shaker, Nicolau, Yannakakis, Togelius & O'Neill 2012, Evolving levels for Super Mario "
    "Bros using grammatical evolution (CIG)"
)
SHAKER_2010 = (
    "Shaker, Yannakakis & Togelius 2010, Towards automatic personalized content generation "
    "for platform games (AIIDE)"
)
HORN_2014 = (
    "Horn, Dahlskog, Shaker, Smith & Togelius 2014, A comparative evaluation of procedural "
    "level generators in the Mario AI framework (FDG)"
)
SUMMERVILLE_2017 = (
    "Summerville, Mariño, Snodgrass, Ontañón & Lelis 2017, Understanding Mario: an "
    "evaluation of design metrics for platformers (FDG)"
)
VOLZ_2018 = (
    "Volz, Schrum, Liu, Lucas, Smith & Risi 2018, Evolving Mario levels in the latent space "
    "of a deep convolutional GAN (GECCO): level statistics"
)


class ContentMetric(BaseMetric):
    """A metric of the level alone."""

    kind = Kind.CONTENT

    def value(self, level: Level, plays: Mapping[str, PlayResult]) -> float:
        """The level's value."""
        return self.of(level)

    def of(self, level: Level) -> float:
        """Compute the value from the level."""
        raise NotImplementedError


@register_metric
class Linearity(ContentMetric):
    """How closely the level's top surface follows a straight line.

    Formula: for every column x with a standable tile let h(x) = 16 - (row of its topmost
    standable tile); fit h(x) ~ a*x + b by least squares; linearity = 1 - mean|h(x) - a*x - b|
    / 16. Columns without a standable tile are skipped; fewer than 2 columns give 1.

    Smith & Whitehead normalise the summed residuals against the most non-linear level of the
    generated set; the fixed division by the level height makes one level's value comparable
    across runs and sets.
    """

    name = "linearity-v0"
    description = "1 - mean absolute residual of a line fitted to the top surface"
    source = SMITH_2010
    range = (0.0, 1.0)

    def of(self, level: Level) -> float:
        rows = grid.top_rows(level)
        xs = np.flatnonzero(rows >= 0).astype(np.float64)
        if xs.size < 2:
            return 1.0
        h = grid.heights(rows[rows >= 0]).astype(np.float64)
        dx, dh = xs - xs.mean(), h - h.mean()
        slope = float(np.dot(dx, dh) / np.dot(dx, dx))
        return float(1.0 - np.mean(np.abs(dh - slope * dx)) / LEVEL_HEIGHT)


@register_metric
class Leniency(ContentMetric):
    """How forgiving the level is, from per-tile weights.

    Formula: leniency = (1/W) * sum over cells of w(cell), with w = +1 for a power-up block
    (? @ U L 1), -1 for an enemy template (winged or not, piranha plants included), -0.5 for a
    cannon head, -0.5 for each gap column (a column without ground, see grid); W is the
    level width in tiles.
    """

    name = "leniency-v0"
    description = "per-column sum of tile weights: power-ups +1, enemies -1, cannons/gaps -0.5"
    source = VOLZ_2018
    #: Weights of the tile classes.
    POWER_UP, ENEMY, CANNON, GAP_COLUMN = 1.0, -1.0, -0.5, -0.5

    def of(self, level: Level) -> float:
        cannons = int(np.count_nonzero(level.tiles == Tile.CANNON_HEAD))
        gap_columns = sum(gap.width for gap in grid.gaps(level))
        total = (
            self.POWER_UP * grid.power_up_blocks(level)
            + self.ENEMY * level.enemy_count
            + self.CANNON * cannons
            + self.GAP_COLUMN * gap_columns
        )
        return total / level.width


@register_metric
class LeniencyShaker(ContentMetric):
    """How forgiving the level is, from counts of gaps, enemies and power-ups.

    Formula: leniency = n_powerups - n_enemies - 0.5 * n_gaps - mean_gap_width, with power-up
    blocks, enemy templates, gaps and their mean width in tiles (0 without gaps) as defined
    in mariogen.metrics.grid. Shaker et al. min-max normalise over a set of levels; this is
    the raw weighted sum of one level.
    """

    name = "leniency-shaker-v0"
    description = "power-ups - enemies - 0.5 gaps - mean gap width"
    source = SHAKER_2012

    def of(self, level: Level) -> float:
        found = grid.gaps(level)
        mean_width = float(np.mean([g.width for g in found])) if found else 0.0
        return grid.power_up_blocks(level) - level.enemy_count - 0.5 * len(found) - mean_width


@register_metric
class Density(ContentMetric):
    """How many platforms are stacked on top of each other.

    Formula: density = (1/W) * number of surfaces (standable cells with a non-standable cell
    above), i.e. the mean number of surfaces per column.
    """

    name = "density-v0"
    description = "mean number of standable surfaces per column"
    source = HORN_2014
    range = (0.0, LEVEL_HEIGHT / 2)

    def of(self, level: Level) -> float:
        return float(np.count_nonzero(grid.surfaces(level))) / level.width


@register_metric
class NegativeSpace(ContentMetric):
    """The share of empty space a player can use.

    Formula: negative space = (non-solid cells at most `reach` rows above a surface of their
    column) / (non-solid cells), where non-solid means without BLOCK_ALL; `reach` (default
    4, about small Mario's jump height) approximates reachability without simulation.
    """

    name = "negative-space-v0"
    description = "share of non-solid cells within jump reach above a surface"
    source = SUMMERVILLE_2017
    range = (0.0, 1.0)
    PARAMS: ClassVar[dict[str, Any]] = {"reach": 4}

    def check_params(self) -> None:
        if not isinstance(self.params["reach"], int) or self.params["reach"] < 1:
            raise ValueError(f"reach must be an integer >= 1, got {self.params['reach']!r}")

    def of(self, level: Level) -> float:
        open_cells = ~grid.solid(level)
        surf = grid.surfaces(level)
        usable = np.zeros_like(surf)
        for k in range(1, self.params["reach"] + 1):
            usable[:-k] |= surf[k:]
        total = np.count_nonzero(open_cells)
        return float(np.count_nonzero(usable & open_cells)) / total if total else 0.0


@register_metric
class DecorationFrequency(ContentMetric):
    """The share of cells that are not plain: blocks, pipes, coins, platforms, enemies.

    Formula: decoration frequency = (decoration cells) / (16 * W), a decoration cell being
    neither empty, plain ground (X) nor the flagpole, or holding an enemy template.
    """

    name = "decoration-frequency-v0"
    description = "share of cells that are neither empty, plain ground nor the flagpole"
    source = SUMMERVILLE_2017
    range = (0.0, 1.0)

    def of(self, level: Level) -> float:
        return float(np.count_nonzero(grid.decoration(level))) / level.tiles.size


@register_metric
class EnemyCount(ContentMetric):
    """How many enemies the level places.

    Formula: enemy count = number of enemy templates (walking enemies, winged or not, and
    piranha plants in T pipes); cannons are not counted.
    """

    name = "enemy-count-v0"
    description = "number of enemy templates (piranha plants included, cannons not)"
    source = VOLZ_2018
    range = (0.0, None)

    def of(self, level: Level) -> float:
        return float(level.enemy_count)


@register_metric
class EnemySparsity(ContentMetric):
    """How spread out the enemies are along the level.

    Formula: sparsity = (1/n) * sum_i |x_i - mean(x)| over the n enemy templates' columns
    x_i (tiles); 0 without enemies.
    """

    name = "enemy-sparsity-v0"
    description = "mean absolute deviation of the enemies' columns (tiles)"
    source = SUMMERVILLE_2017
    range = (0.0, None)

    def of(self, level: Level) -> float:
        xs, _ = grid.enemy_cells(level)
        return float(np.mean(np.abs(xs - xs.mean()))) if xs.size else 0.0


@register_metric
class EnemyDistribution(ContentMetric):
    """How spread out the enemies are along the level (standard deviation).

    Formula: distribution = sqrt((1/n) * sum_i (x_i - mean(x))^2) over the n enemy templates'
    columns x_i (tiles, population standard deviation); 0 without enemies.
    """

    name = "enemy-distribution-v0"
    description = "standard deviation of the enemies' columns (tiles)"
    source = SUMMERVILLE_2017
    range = (0.0, None)

    def of(self, level: Level) -> float:
        xs, _ = grid.enemy_cells(level)
        return float(np.std(xs)) if xs.size else 0.0


@register_metric
class PositionDistribution(ContentMetric):
    """How spread out vertically the level's content is.

    Formula: position distribution = population standard deviation of the heights
    (16 - row) of the decoration cells (see decoration-frequency-v0); 0 without any.
    """

    name = "position-distribution-v0"
    description = "standard deviation of the heights of decoration cells (tiles)"
    source = SUMMERVILLE_2017
    range = (0.0, LEVEL_HEIGHT / 2)

    def of(self, level: Level) -> float:
        rows, _ = np.nonzero(grid.decoration(level))
        return float(np.std(grid.heights(rows))) if rows.size else 0.0


@register_metric
class GapCount(ContentMetric):
    """How many gaps the ground has.

    Formula: gap count = number of maximal runs of columns without ground (no standable
    cell in the bottom 4 rows; see mariogen.metrics.grid).
    """

    name = "gap-count-v0"
    description = "number of gaps in the ground"
    source = SHAKER_2010
    range = (0.0, None)

    def of(self, level: Level) -> float:
        return float(len(grid.gaps(level)))


@register_metric
class GapWidth(ContentMetric):
    """How wide the gaps are.

    Formula: gap width = mean width of the gaps, in tiles; 0 without gaps.
    """

    name = "gap-width-v0"
    description = "mean gap width (tiles)"
    source = SHAKER_2010
    range = (0.0, None)

    def of(self, level: Level) -> float:
        found = grid.gaps(level)
        return float(np.mean([g.width for g in found])) if found else 0.0
