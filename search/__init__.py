"""Proof search engines (HTPS, MCTS, best-first): pure Python + numpy, independent of the prover.

Every engine is a function `run_*(root, *, policy, critic, apply, budget, theorem, seed, ...)` returning
a `SearchResult`; `SEARCHES` maps the config names to them.
"""

from search.best_first import run_best_first
from search.graph import load_tree, save_tree, to_networkx, tree_from_json, tree_to_json
from search.htps import run_htps
from search.mcts import run_mcts
from search.samples import CriticSample, TacticSample, critic_samples, tactic_samples
from search.types import (
    ApplyFn,
    Budget,
    Children,
    CriticFn,
    ExpansionCrash,
    ExpansionError,
    ExpansionTimeout,
    Invalid,
    Outcome,
    PolicyFn,
    ProofTree,
    SearchGoal,
    SearchResult,
    SearchTree,
    Solved,
    Status,
    StopReason,
    TacticCandidate,
)

SEARCHES = {"htps": run_htps, "mcts": run_mcts, "best_first": run_best_first}

__all__ = [
    "SEARCHES",
    "ApplyFn",
    "Budget",
    "Children",
    "CriticFn",
    "CriticSample",
    "ExpansionCrash",
    "ExpansionError",
    "ExpansionTimeout",
    "Invalid",
    "Outcome",
    "PolicyFn",
    "ProofTree",
    "SearchGoal",
    "SearchResult",
    "SearchTree",
    "Solved",
    "Status",
    "StopReason",
    "TacticCandidate",
    "TacticSample",
    "critic_samples",
    "load_tree",
    "run_best_first",
    "run_htps",
    "run_mcts",
    "save_tree",
    "tactic_samples",
    "to_networkx",
    "tree_from_json",
    "tree_to_json",
]
