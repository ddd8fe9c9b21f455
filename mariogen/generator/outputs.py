"""The files a generator run writes into its output folder.

``level.txt`` and ``level.png`` (the best level), ``PERSONA.replay.json`` (each persona playing
it), ``logbook.csv``, ``population.json`` (final genomes, fitnesses and the hall of fame or
Pareto front), ``config.json`` (every setting, the library's fingerprint, versions),
``fitness.png``, ``report.md`` and ``report.html`` (the same report as one self-contained page
with a player of the personas' plays). Everything here depends only on the run's result, so the
same settings give byte-identical files whatever the number of workers. Each file is written
atomically.
"""

from __future__ import annotations

import csv
import io
import json
import platform
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mariogen.agents import PlayResult, list_agents, play
from mariogen.agents.personas import core_personas
from mariogen.fileio import atomic_write
from mariogen.generator.evolution import LOGBOOK_FIELDS, RunResult
from mariogen.generator.fitness import context
from mariogen.generator.front import metric_terms, objectives, write_front
from mariogen.generator.quality import level_quality
from mariogen.generator.settings import Mode, format_metric_spec
from mariogen.level import Level
from mariogen.level.level import write_text_atomic
from mariogen.version import __version__

#: Statistics of each persona's play shown in the report.
REPORT_STATS = ("status", "completion", "ticks", "coins", "kills", "jumps", "hurts")


@dataclass
class Outputs:
    """What :func:`write_outputs` wrote.

    Attributes:
        folder: the output folder.
        files: the files written, in order.
        plays: each persona's play of the best level.
        notes: things skipped (a persona or replays not available).
    """

    folder: Path
    files: list[Path] = field(default_factory=list)
    plays: dict[str, PlayResult] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def write_outputs(result: RunResult, folder: str | Path, replays: bool = True) -> Outputs:
    """Write every output file of ``result`` into ``folder``.

    Args:
        result: the finished run.
        folder: the output folder (created if needed).
        replays: write a replay of each persona playing the best level.
    """
    out = Outputs(Path(folder))
    library = context(result.settings).library
    level = library.assemble(result.best, name="level.txt")
    _text(out, "level.txt", level.to_text())
    _picture(out, level)
    _persona_plays(out, result, level, replays)
    _text(out, "logbook.csv", logbook_csv(result.logbook))
    _text(out, "population.json", _json(population_data(result)))
    _text(out, "config.json", _json(config_data(result)))
    _fitness_plot(out, result)
    out.files += write_front(result, library, out.folder)
    failed = failed_genomes(result)
    if failed:
        out.notes.append(
            f"{len(failed)} evaluation(s) failed (worker died or hung) and got the worst "
            "fitness; see the report's Failed evaluations"
        )
    _text(out, "report.md", report_markdown(result, level, out))
    _report_page(out, result, level)
    return out


def _text(out: Outputs, name: str, text: str) -> None:
    path = out.folder / name
    write_text_atomic(path, text)
    out.files.append(path)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2) + "\n"


def _picture(out: Outputs, level: Level) -> None:
    from mariogen.render.level_image import render_level_png

    path = out.folder / "level.png"
    render_level_png(level, path)
    out.files.append(path)


def _report_personas(result: RunResult) -> list[str]:
    s = result.settings
    names = [s.persona, *([s.weak] if s.weak else []), *core_personas(), *s.playable_by]
    return list(dict.fromkeys(names))


def _persona_plays(out: Outputs, result: RunResult, level: Level, replays: bool) -> None:
    s = result.settings
    known = {spec.name for spec in list_agents()}
    writer = _replay_writer() if replays else None
    if replays and writer is None:
        out.notes.append("replays skipped: mariogen.replay is not available in this version")
    for persona in _report_personas(result):
        if persona not in known:
            out.notes.append(f"persona {persona!r} is not available; its play was skipped")
            continue
        p = play(persona, level, s.start_mode, s.time_limit_s, record=True, seed=s.seed)
        out.plays[persona] = p
        if writer is not None:
            path = out.folder / f"{persona}.replay.json"
            writer(p, level, path)
            out.files.append(path)


def _replay_writer() -> Any:
    try:
        from mariogen.replay import Replay
    except ImportError:
        return None

    def write(p: PlayResult, level: Level, path: Path) -> None:
        Replay.from_play(p, level).write(path)

    return write


def logbook_csv(logbook: Iterable[dict[str, Any]]) -> str:
    """The logbook as CSV (exact float text; an empty cell where no level was playable)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(LOGBOOK_FIELDS)
    for record in logbook:  # a logbook from before a column existed leaves it empty
        writer.writerow(["" if record.get(k) is None else repr(record[k]) for k in LOGBOOK_FIELDS])
    return buf.getvalue()


def population_data(result: RunResult) -> dict[str, Any]:
    """The final population and the hall of fame (the Pareto front in nsga2 mode), each
    genome with its fitness, scores and behaviour (each persona's play statistics)."""

    def entry(genome: tuple[str, ...]) -> dict[str, Any]:
        e = result.cache[genome]
        return {
            "genome": list(genome),
            "fitness": list(e.fitness),
            "playable": e.playable,
            "in_band": e.in_band,
            "challenge": e.challenge,
            "novelty": e.novelty,
            "completion": e.completion,
            "scores": e.scores,
            "behaviour": e.behaviour,
            **({"failed": e.failed} if e.failed else {}),
        }

    front = "pareto_front" if result.settings.mode == Mode.NSGA2.value else "hall_of_fame"
    return {
        "objectives": objectives(result.settings),
        "metrics": metric_terms(result.settings),
        "population": [entry(g) for g in result.population],
        front: [entry(g) for g in result.hall_of_fame],
    }


def config_data(result: RunResult) -> dict[str, Any]:
    """Every setting of the run, the library's fingerprint and the software versions."""
    import deap
    import numba
    import numpy

    library = context(result.settings).library
    return {
        "settings": result.settings.to_dict(),
        "library": {
            "path": str(library.path) if library.path else "",
            "segments": len(library),
            "width": library.width,
            "digest": result.library_digest,
        },
        "versions": {
            "mariogen": __version__,
            "python": platform.python_version(),
            "numpy": numpy.__version__,
            "numba": numba.__version__,
            "deap": deap.__version__,
        },
    }


def _fitness_plot(out: Outputs, result: RunResult) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    gens = [r["gen"] for r in result.logbook]
    nan = float("nan")
    best = [nan if r["best"] is None else r["best"] for r in result.logbook]
    mean = [nan if r["mean"] is None else r["mean"] for r in result.logbook]
    feasible = [r["feasible"] for r in result.logbook]
    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
    ax.plot(gens, best, marker="o", label="best")
    ax.plot(gens, mean, marker=".", label="mean (feasible levels)")
    ax.set_xlabel("generation")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("fitness")
    ax.grid(alpha=0.3)
    share = ax.twinx()
    share.plot(gens, feasible, color="grey", linestyle=":", label="feasible share")
    share.set_ylim(0, 1.05)
    share.set_ylabel("feasible share")
    lines = ax.get_lines() + share.get_lines()
    ax.legend(lines, [line.get_label() for line in lines], loc="lower right", fontsize=8)
    ax.set_title(f"{result.settings.mode} fitness for {result.settings.persona}")
    fig.tight_layout()
    path = out.folder / "fitness.png"
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", metadata={"Software": None}))
    plt.close(fig)
    out.files.append(path)


def _play_row(p: PlayResult) -> list[str]:
    r = p.result
    values = {
        "status": r.status.name,
        "completion": f"{r.completion:.2f}",
        "ticks": str(r.ticks),
        "coins": f"{r.coins} / {p.coins_available}",
        "kills": f"{r.kills_total} / {p.enemies_available}",
        "jumps": str(r.jumps),
        "hurts": str(r.hurts),
    }
    return [values[k] for k in REPORT_STATS]


def _quality_lines(result: RunResult, level: Level, out: Outputs) -> list[str]:
    s, best = result.settings, result.best_evaluation
    q = level_quality(level, result.best)
    low, high = s.band
    band = "no target" if s.difficulty == "any" else f"band {low:g} to {high:g}"
    lines = [
        "## Quality",
        "",
        "| figure | value |",
        "|---|---|",
        f"| segments | {q.segments}, the most used {q.most_repeats} time(s) "
        f"(at most {s.max_repeats}) |",
        f"| distinct ground-surface heights | {q.distinct_heights} |",
        f"| gaps | {q.gaps} |",
        f"| difficulty | {s.difficulty}: challenge {best.challenge:.2f} ({band}; "
        f"{'inside' if best.in_band else 'OUTSIDE'}) |",
        f"| novelty (EDRL fun of the segments, 0 is best) | {best.novelty:.3f} "
        f"(weight {s.novelty_weight:g}) |",
    ]
    if s.weak and s.weak in out.plays:
        weak, tester = out.plays[s.weak], out.plays.get(s.persona)
        lines.append(
            f"| {s.weak} (the tester's weak variant) | {weak.result.status.name} at "
            f"{weak.result.completion:.0%}"
            + (f" vs {tester.result.completion:.0%}" if tester else "")
            + f", hurt {weak.stats['hurts']} time(s) |"
        )
    return [*lines, ""]


def _fitness_lines(result: RunResult) -> list[str]:
    lines = ["## Fitness", "", "The search maximises each fitness value:", ""]
    for o in objectives(result.settings):
        lines.append(f"- {o['name']}: {o['sign']}")
    lines.append("")
    for term in metric_terms(result.settings):
        lines.append(
            f"- `{term['metric']}` x {term['weight']:g} (the metric's own direction: "
            f"{term['direction']}): a {term['better']} value makes a better level"
        )
    return [*lines, "", "![fitness per generation](fitness.png)", ""]


def _summary(result: RunResult, quote: str = "`") -> str:
    """The run in one paragraph; ``quote`` marks code (Markdown backticks, or nothing)."""
    s, q = result.settings, quote
    best = result.best_evaluation
    last = result.logbook[-1]
    state = "feasible" if best.feasible else "playable" if best.playable else "NOT playable"
    return (
        f"Mode {q}{s.mode}{q}, metric {q}{format_metric_spec(s.metrics)}{q}, difficulty "
        f"{q}{s.difficulty}{q}, seed {s.seed}: {s.population} levels of {s.segments} segments, "
        f"{s.generations} generations, {len(result.cache)} levels played. Best fitness "
        f"{best.objective:.4g} ({state}); {last['feasible']:.0%} of the final population is "
        "feasible (the tester finishes, inside the difficulty band)."
    )


def _report_page(out: Outputs, result: RunResult, level: Level) -> None:
    """``report.html``: the report's personas table, a player of their plays and the plots."""
    from mariogen.render.html import Figure, StatsTable, write_report_page
    from mariogen.replay import Replay

    if not out.plays:
        return
    table = StatsTable(
        ("persona", *REPORT_STATS),
        tuple((persona, *_play_row(p)) for persona, p in out.plays.items()),
    )
    plots = {"fitness.png": "fitness per generation", "pareto.png": "the Pareto front"}
    figures = [
        Figure(caption, path.read_bytes())
        for name, caption in plots.items()
        if (path := out.folder / name) in out.files
    ]
    path = write_report_page(
        out.folder / "report.html",
        [Replay.from_play(p, level) for p in out.plays.values()],
        title=f"A level for the {result.settings.persona}",
        summary=[_summary(result, quote=""), f"Segments: {', '.join(result.best)}."],
        table=table,
        figures=figures,
    )
    out.files.append(path)


def report_markdown(result: RunResult, level: Level, out: Outputs) -> str:
    """The run's report: the level, each persona's play of it, its quality, the fitness."""
    s = result.settings
    best = result.best_evaluation
    lines = [
        f"# A level for the {s.persona}",
        "",
        _summary(result),
        "",
        "![the level](level.png)",
        "",
        f"Segments: {', '.join(f'`{g}`' for g in result.best)}.",
        "",
        "## The personas on this level",
        "",
        "| persona | " + " | ".join(REPORT_STATS) + " | replay |",
        "|---" * (len(REPORT_STATS) + 2) + "|",
    ]
    for persona, p in out.plays.items():
        replay = f"[{persona}.replay.json]({persona}.replay.json)"
        if not (out.folder / f"{persona}.replay.json").exists():
            replay = "-"
        lines.append(f"| {persona} | " + " | ".join(_play_row(p)) + f" | {replay} |")
    lines += ["", *_quality_lines(result, level, out), *_fitness_lines(result)]
    if best.scores:
        lines.append("Scores of the best level (weighted metric sums): ")
        lines.append(", ".join(f"{k} {v:.4g}" for k, v in best.scores.items()) + ".")
        lines.append("")
    lines += _front_lines(result)
    lines += _failure_lines(result)
    if out.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in out.notes] + [""]
    lines += [
        "Files: `level.txt`, `level.png`, `logbook.csv`, `population.json`, `config.json`,"
        " `fitness.png`, `checkpoint.json`, `report.html` (this report with a player of the"
        " plays) and a replay per persona"
        + ("; `front/NN/` and `pareto.png` for the Pareto front." if s.mode == "nsga2" else "."),
        "",
    ]
    return "\n".join(lines)


def failed_genomes(result: RunResult) -> dict[tuple[str, ...], str]:
    """Genome -> why its evaluation failed (its worker died or hung on every attempt)."""
    return {genome: e.failed for genome, e in result.cache.items() if e.failed}


def _failure_lines(result: RunResult) -> list[str]:
    retried = sum(int(r.get("retried") or 0) for r in result.logbook)
    failed = failed_genomes(result)
    if not retried and not failed:
        return []
    lines = [
        "## Failed evaluations",
        "",
        f"{retried} evaluation(s) were run again because their worker process died or hung; "
        f"{len(failed)} failed again and got the worst fitness (see `logbook.csv`, columns "
        "`retried` and `failed`):",
        "",
    ]
    lines += [f"- {', '.join(f'`{g}`' for g in genome)}: {why}" for genome, why in failed.items()]
    return [*lines, ""]


def _front_lines(result: RunResult) -> list[str]:
    if result.settings.mode != Mode.NSGA2.value:
        return []
    names = [o["name"] for o in objectives(result.settings)]
    lines = ["## Pareto front", "", "![the Pareto front](pareto.png)", ""]
    lines.append("| member | " + " | ".join(names) + " |")
    lines.append("|---" * (len(names) + 1) + "|")
    for i, genome in enumerate(result.hall_of_fame):
        values = " | ".join(f"{v:.4g}" for v in result.cache[genome].fitness)
        lines.append(f"| [front/{i:02d}](front/{i:02d}/level.txt) | {values} |")
    return [*lines, ""]
