"""The learning-curve picture of a training run: `curves.png` next to its `iterations.jsonl`.

Three panels over the iterations: the valid pass rate of the full system (model + memory + rules)
and of the model alone, with iteration 0's rules baseline as a line; the loss terms (tactic and
critic, each a mean over the last quarter of the iteration's fit); and the samples each iteration
added to the replay buffer (tactic and critic).
"""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a training machine
import matplotlib.pyplot as plt  # noqa: E402

CURVES_FILE = "curves.png"


def _rows(stats_path: Path) -> tuple[dict | None, list[dict]]:
    rows = [json.loads(line) for line in stats_path.read_text().splitlines() if line.strip()]
    baseline = next((r for r in rows if r.get("policy") == "rules"), None)
    return baseline, [r for r in rows if "loss_first" in r]


def _series(rows: list[dict], key: str) -> tuple[list[int], list[float]]:
    points = [(r["iteration"], r[key]) for r in rows if r.get(key) is not None]
    return [p[0] for p in points], [p[1] for p in points]


def _legend(ax, loc: str) -> None:
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc=loc)


def write_curves(stats_path: str | Path, out: str | Path | None = None) -> Path:
    """Draw the curves of `iterations.jsonl` into `out` (default: `curves.png` beside it)."""
    stats_path = Path(stats_path)
    out = Path(out) if out is not None else stats_path.with_name(CURVES_FILE)
    baseline, rows = _rows(stats_path)
    fig, (rate, loss, count) = plt.subplots(1, 3, figsize=(14, 4), constrained_layout=True)
    total = (rows[0] if rows else baseline or {}).get("valid_total") or 1
    for key, label, marker in (
        ("valid_proved", "model + memory + rules", "o"),
        ("model_valid_proved", "model alone", "s"),
    ):
        xs, ys = _series(rows, key)
        rate.plot(xs, [y / total for y in ys], marker=marker, label=label)
    if baseline is not None:
        rate.axhline(baseline["valid_rate"], color="grey", linestyle="--", label="rules (iteration 0)")
    rate.set(title=f"valid pass rate ({total} theorems)", xlabel="iteration", ylim=(0, 1))
    _legend(rate, "lower right")
    for key, label in (
        ("tactic_loss", "tactic"),
        ("critic_loss", "critic"),
        ("loss_last", "total, last step"),
    ):
        xs, ys = _series(rows, key)
        if xs:
            loss.plot(xs, ys, marker="o", label=label)
    loss.set(title="training loss", xlabel="iteration", yscale="log")
    _legend(loss, "upper right")
    for key, label in (("tactic_samples", "tactic"), ("critic_samples", "critic")):
        xs, ys = _series(rows, key)
        if xs:
            count.bar(
                [x + (0.2 if key == "critic_samples" else -0.2) for x in xs], ys, width=0.4, label=label
            )
    count.set(title="samples added per iteration", xlabel="iteration")
    _legend(count, "upper right")
    for ax in (rate, loss, count):
        ax.set_xticks([r["iteration"] for r in rows] or [0])
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out
