"""What a run's objectives mean, and the Pareto front of an ``nsga2`` run as files.

Every fitness is maximised by the search: a metric whose ``direction`` is ``minimise`` enters
with its sign flipped, and the weight of each metric multiplies it. :func:`objectives`
names each fitness value and says which way is better, so a reader of ``population.json`` or
``report.md`` can tell whether ``fitness 1`` is good. An ``nsga2`` run also writes every
member of its Pareto front (``front/NN/level.txt`` and ``level.png``) and ``pareto.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mariogen.evaluation import direction_sign
from mariogen.fileio import atomic_write
from mariogen.generator.settings import GeneratorSettings, Mode
from mariogen.level.level import write_text_atomic
from mariogen.metrics import make_metric

if TYPE_CHECKING:
    from mariogen.generator.evolution import RunResult
    from mariogen.level.library import SegmentLibrary

#: Folder of the Pareto front's levels in an ``nsga2`` run's output.
FRONT_DIR = "front"


def metric_terms(settings: GeneratorSettings) -> list[dict[str, Any]]:
    """Each fitness metric: its name, weight, own direction, and the sign it enters with."""
    out = []
    for name, weight in settings.metrics:
        metric = make_metric(name)
        sign = weight * direction_sign(metric)
        out.append(
            {
                "metric": name,
                "weight": weight,
                "direction": str(metric.direction),
                "better": "higher" if sign > 0 else "lower" if sign < 0 else "ignored",
            }
        )
    return out


def objectives(settings: GeneratorSettings) -> list[dict[str, str]]:
    """Each fitness value of a run: what it measures and whether the search raises or
    lowers it (``sign``: ``maximise`` or ``minimise``)."""
    score = "the weighted metric sum" + (
        " plus the novelty term" if settings.novelty_weight else ""
    )
    if settings.mode == Mode.NSGA2.value:
        first = {"name": f"{settings.persona}: {score}", "sign": "maximise"}
        rest = [
            {"name": f"{p}: the weighted metric sum", "sign": "minimise"}
            for p in settings.others
            if p != settings.persona
        ]
        return [first, *rest]
    if settings.mode == Mode.CONTRAST.value:
        name = (
            f"{settings.persona}'s lead over the best other persona + "
            f"{settings.self_weight:g} x its own weighted metric sum"
            + (" + the novelty term" if settings.novelty_weight else "")
        )
        return [{"name": name, "sign": "maximise"}]
    return [{"name": f"{settings.persona}: {score}", "sign": "maximise"}]


def write_front(result: RunResult, library: SegmentLibrary, folder: Path) -> list[Path]:
    """Write ``front/NN/level.txt`` and ``level.png`` for each Pareto-front member and
    ``pareto.png``; returns the files written (nothing outside ``nsga2`` mode)."""
    if result.settings.mode != Mode.NSGA2.value:
        return []
    from mariogen.render.level_image import render_level_png

    files = []
    for i, genome in enumerate(result.hall_of_fame):
        member = folder / FRONT_DIR / f"{i:02d}"
        level = library.assemble(genome, name=f"front/{i:02d}/level.txt")
        write_text_atomic(member / "level.txt", level.to_text())
        render_level_png(level, member / "level.png")
        files += [member / "level.txt", member / "level.png"]
    files.append(_pareto_plot(result, folder / "pareto.png"))
    return files


def _pareto_plot(result: RunResult, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [o["name"] for o in objectives(result.settings)]
    points = [result.cache[g] for g in result.population if result.cache[g].feasible]
    front = [result.cache[g] for g in result.hall_of_fame if result.cache[g].feasible]
    fig, ax = plt.subplots(figsize=(6.4, 4.4), dpi=100)
    for group, style in ((points, {"color": "lightgrey"}), (front, {"color": "tab:red"})):
        if group:
            x = [e.fitness[0] for e in group]
            y = [max(e.fitness[1:]) if len(e.fitness) > 1 else 0.0 for e in group]
            ax.scatter(x, y, s=24, **style)
    for i, e in enumerate(front):
        y = max(e.fitness[1:]) if len(e.fitness) > 1 else 0.0
        ax.annotate(
            f"{i:02d}", (e.fitness[0], y), fontsize=7, xytext=(3, 3), textcoords="offset points"
        )
    ax.set_xlabel(f"{names[0]} (higher is better)")
    ax.set_ylabel("the best other persona's weighted metric sum (lower is better)")
    ax.set_title(f"Pareto front for {result.settings.persona} (red; numbers: front/NN)")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", metadata={"Software": None}))
    plt.close(fig)
    return path
