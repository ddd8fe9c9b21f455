"""The persona matrix's report: tables (Markdown, LaTeX), heatmaps, box plots, verdicts.

Everything here is redrawn from ``table.csv`` alone, so ``mariogen experiment report DIR``
rebuilds it for a finished (or resumed) run without playing anything.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mariogen.experiment import matrix_stats
from mariogen.experiment.behaviour import BEHAVIOURS, own_behaviour
from mariogen.experiment.persona_matrix import METRIC_STATISTIC
from mariogen.experiment.tables import latex, markdown, mean_std, number
from mariogen.fileio import atomic_write

REPORT = "report"


def _save_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _save_figure(fig: plt.Figure, path: Path) -> None:
    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=110, format="png"), suffix=".png")
    plt.close(fig)


def matrices_text(table: pd.DataFrame) -> tuple[str, str]:
    """Markdown and LaTeX of every tester x player matrix (mean ± std)."""
    md, tex = ["# Tester x player matrices (mean ± std over levels)\n"], []
    for metric in dict.fromkeys(table["metric"]):
        md.append(f"\n## Levels generated for `{metric}`\n")
        for statistic in (METRIC_STATISTIC, *BEHAVIOURS):
            mean, std = matrix_stats.matrix(table, metric, statistic)
            label = metric if statistic == METRIC_STATISTIC else statistic
            md.append(f"\n**{label}** (rows: tester, columns: player)\n\n")
            cells = mean_std(mean, std)
            md.append(markdown(cells, "tester"))
            tex.append(latex(cells, "tester", caption=f"{label} on levels for {metric}"))
    return "".join(md), "\n".join(tex)


def tests_text(tests: pd.DataFrame) -> tuple[str, str]:
    """Markdown and LaTeX of the tests table."""
    shown = tests.copy()
    shown["A12 [95% CI]"] = [
        f"{number(a)} [{number(lo)}, {number(hi)}]"
        for a, lo, hi in zip(shown["a12"], shown["a12_low"], shown["a12_high"], strict=True)
    ]
    keep = [
        "metric",
        "persona",
        "test",
        "statistic",
        "mean_own",
        "mean_other",
        "u",
        "p",
        "p_holm",
        "A12 [95% CI]",
        "significant",
    ]
    shown = shown[keep].set_index("metric")
    head = (
        f"# Tests: one-sided Mann-Whitney U, Holm-corrected over all {len(tests)} tests; "
        f"significant: p_holm < {matrix_stats.ALPHA}\n\n"
    )
    return head + markdown(shown, "metric"), latex(shown, "metric", caption="Persona matrix tests")


def verdict_text(table: pd.DataFrame, tests: pd.DataFrame) -> str:
    """The claim's verdict: significant cells, effect sizes and dominance indices."""
    lines = [
        "# Verdict\n",
        "Claim (Zhang, Bai & Liu 2022): with the same metric, a persona as "
        "tester generates levels for that persona.\n",
    ]
    for metric in dict.fromkeys(table["metric"]):
        dom = matrix_stats.dominance(table, metric)
        lines.append(
            f"\n## `{metric}`\n\ndiagonal dominance: own behaviour {dom['own behaviour']:.2f}, "
            f"metric {dom['metric']:.2f}\n"
        )
        for _, t in tests[tests["metric"] == metric].iterrows():
            mark = "significant" if t["significant"] else "not significant"
            lines.append(
                f"- {t['persona']}, {t['test']} ({t['statistic']}): {number(t['mean_own'])} on "
                f"its levels vs {number(t['mean_other'])}; p_holm {number(t['p_holm'])}, A12 "
                f"{number(t['a12'])} [{number(t['a12_low'])}, {number(t['a12_high'])}]: {mark}"
            )
    return "\n".join(lines) + "\n"


def heatmap_figure(table: pd.DataFrame, metric: str) -> plt.Figure:
    """Tester x player heatmaps of the metric and of each player's own behaviour."""
    panels = [(metric, METRIC_STATISTIC)]
    panels += [
        (s, s) for s in dict.fromkeys(own_behaviour(p) for p in dict.fromkeys(table["player"]))
    ]
    fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels), 3.4), squeeze=False)
    for ax, (title, statistic) in zip(axes[0], panels, strict=True):
        mean, _ = matrix_stats.matrix(table, metric, statistic)
        ax.imshow(mean.to_numpy(float), cmap="viridis")
        ax.set_xticks(range(len(mean.columns)), list(mean.columns), rotation=30)
        ax.set_yticks(range(len(mean.index)), list(mean.index))
        for (i, j), v in np.ndenumerate(mean.to_numpy(float)):
            ax.text(j, i, number(v, 2), ha="center", va="center", color="white", fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("player")
    axes[0][0].set_ylabel("tester")
    fig.suptitle(f"levels generated for {metric}", fontsize=10)
    fig.tight_layout()
    return fig


def boxes_figure(table: pd.DataFrame, metric: str) -> plt.Figure:
    """Box plots of each persona's own behaviour, by the tester that generated the level."""
    players = list(dict.fromkeys(table["player"]))
    testers = list(dict.fromkeys(table["tester"]))
    fig, axes = plt.subplots(1, len(players), figsize=(3.6 * len(players), 3.2), squeeze=False)
    for ax, player in zip(axes[0], players, strict=True):
        statistic = own_behaviour(player)
        rows = table[
            (table["metric"] == metric)
            & (table["player"] == player)
            & (table["statistic"] == statistic)
        ]
        data = [rows[rows["tester"] == t]["value"].dropna().to_numpy(float) for t in testers]
        ax.boxplot(data)
        ax.set_xticks(range(1, len(testers) + 1), testers, rotation=30)
        ax.set_title(f"{player}: {statistic}", fontsize=9)
        ax.set_xlabel("tester")
    fig.suptitle(f"levels generated for {metric}", fontsize=10)
    fig.tight_layout()
    return fig


def write_report(folder: Path, table: pd.DataFrame, seed: int = 0) -> list[Path]:
    """Write every table and plot of the report into ``folder/report``; returns the files."""
    out = Path(folder) / REPORT
    tests = matrix_stats.tests(table, seed=seed)
    written = []
    md, tex = matrices_text(table)
    tmd, ttex = tests_text(tests)
    texts = {
        "matrices.md": md,
        "matrices.tex": tex,
        "tests.md": tmd,
        "tests.tex": ttex,
        "verdict.md": verdict_text(table, tests),
        "tests.csv": tests.to_csv(index=False, lineterminator="\n"),
    }
    for name, text in texts.items():
        _save_text(out / name, text)
        written.append(out / name)
    for metric in dict.fromkeys(table["metric"]):
        for kind, figure in (("heatmap", heatmap_figure), ("boxes", boxes_figure)):
            path = out / f"{kind}-{metric}.png"
            _save_figure(figure(table, metric), path)
            written.append(path)
    return written
