"""HTPS, MCTS and best-first end to end on small deterministic environments."""

import math

import numpy as np
import pytest

from search import SEARCHES, Budget, Children, ExpansionTimeout, SearchGoal, TacticCandidate
from search.engine import TreePolicy, search_loop
from search.expansion import Callbacks, SearchRun
from search.toy import ToyEnv, rules_from_table

# A needs both B and C; B is closed directly; C only through D (the tactic c1 leads to a dead end).
TABLE = {
    "A": [("split", ("B", "C"), 2.0), ("bad", "unknown identifier"), ("loop", ("A",))],
    "B": [("b", ())],
    "C": [("c1", ("E",), 3.0), ("c2", ("D",))],
    "D": [("d", ())],
    "E": [("e", "type mismatch")],
}


def run(name, env, budget=None, **kw):
    budget = budget or Budget(max_expansions=100)
    return SEARCHES[name](
        env.goal("A"), policy=env.policy, critic=env.critic, apply=env.apply, budget=budget, seed=0, **kw
    )


def test_htps_proves_with_subgoal_split():
    result = run("htps", ToyEnv(rules_from_table(TABLE)), batch_size=2)
    assert result.proved and result.stop_reason == "proved" and result.error is None
    assert result.script == "split\n· b\n· c2\n  d"
    assert {n.goal for n in result.tree.nodes} == set("ABCDE")
    assert result.proof.size() == 4


@pytest.mark.parametrize("name", ["mcts", "best_first"])
def test_state_searches_prove_with_linear_scripts(name):
    result = run(name, ToyEnv(rules_from_table(TABLE)))
    assert result.proved and result.script == "split\nb\nc2\nd"
    assert "B\n\nC" in {n.goal for n in result.tree.nodes}  # a proof state with two goals


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_unprovable_root_fails_when_everything_is_dead(name):
    table = {**TABLE, "D": [("d", "no")]}
    result = run(name, ToyEnv(rules_from_table(table)))
    assert not result.proved and result.stop_reason == "failed" and result.script is None
    assert result.tree.nodes[0].status == "failed" and result.tree.proof is None


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_cycle_tactic_is_recorded_as_killed(name):
    result = run(name, ToyEnv(rules_from_table(TABLE)))
    loop = [e for e in result.tree.edges if e.tactic == "loop"]
    assert len(loop) == 1 and loop[0].status == "failed" and loop[0].error.startswith("cycle")


class Endless:
    """Goal n has tactics `inc` (-> n+1) and `split` (-> n+1, n+2); nothing is ever proved."""

    def __init__(self):
        self.policy_batches, self.calls = [], 0

    @staticmethod
    def goal(n):
        return SearchGoal(str(n), str(n), n)

    def policy(self, goals):
        self.policy_batches.append(len(goals))
        return [
            [
                TacticCandidate("inc", -0.1, 0.6),
                TacticCandidate("split", -1.0, 0.3),
                TacticCandidate("inc", -2, 0.1),
            ]
        ] * len(goals)

    def critic(self, goals):
        return [0.5] * len(goals)

    def apply(self, goal, tactic):
        self.calls += 1
        n = goal.payload
        return Children((self.goal(n + 1),) if tactic == "inc" else (self.goal(n + 1), self.goal(n + 2)))


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_expansion_budget(name):
    env = Endless()
    result = SEARCHES[name](
        env.goal(0),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_expansions=5),
        seed=1,
    )
    assert result.stop_reason == "budget_expansions" and result.expansions == 5
    assert (
        sum(env.policy_batches) == 5 and result.env_calls == env.calls == 10
    )  # "inc" proposed twice, applied once
    assert sum(n.expanded_at is not None for n in result.tree.nodes) == 5


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_env_call_budget_never_commits_a_partial_expansion(name):
    env = Endless()
    result = SEARCHES[name](
        env.goal(0),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_env_calls=7),
        seed=1,
    )
    assert result.stop_reason == "budget_env_calls" and result.env_calls == 6 and result.expansions == 3
    expanded = [n.id for n in result.tree.nodes if n.expanded_at is not None]
    assert all(sum(e.parent == i for e in result.tree.edges) == 2 for i in expanded)


def test_time_budget():
    env = Endless()
    result = SEARCHES["htps"](
        env.goal(0),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_seconds=0.0),
        seed=1,
    )
    assert result.stop_reason == "budget_time" and result.expansions == 0 and result.env_calls == 0


def test_htps_batches_policy_calls():
    env = Endless()
    result = SEARCHES["htps"](
        env.goal(0),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_expansions=40),
        seed=1,
        batch_size=8,
    )
    assert result.expansions == 40 and max(env.policy_batches) > 1 and len(env.policy_batches) < 40


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_expansion_error_stops_cleanly(name):
    env = ToyEnv(rules_from_table(TABLE))

    def flaky(goal, tactic):
        if goal.text == "C":
            raise ExpansionTimeout("lean took too long")
        return env.apply(goal, tactic)

    result = SEARCHES[name](
        env.goal("A"),
        policy=env.policy,
        critic=env.critic,
        apply=flaky,
        budget=Budget(max_expansions=50),
        seed=0,
    )
    assert result.stop_reason == "error" and not result.proved
    assert result.error == "ExpansionTimeout: lean took too long"
    assert all(n.expanded_at is None for n in result.tree.nodes if n.goal.startswith("C"))


def test_other_exceptions_propagate():
    env = ToyEnv(rules_from_table(TABLE))

    def broken(goal, tactic):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        SEARCHES["htps"](
            env.goal("A"),
            policy=env.policy,
            critic=env.critic,
            apply=broken,
            budget=Budget(max_expansions=5),
            seed=0,
        )


@pytest.mark.parametrize("values", [{"A": 1.0}, {"C": float("nan")}, {"B": 0.0}, {"C": float("inf")}])
def test_critic_values_outside_open_interval_are_rejected(values):
    env = ToyEnv(rules_from_table(TABLE), values=values)
    with pytest.raises(ValueError, match="critic value"):
        run("htps", env)


def test_best_first_expands_in_order_of_cumulative_logprob():
    """
    A --p (logprob log .6)--> (B) --q (log .2)--> (C): C at log .12
    A --r (logprob log .4)--> (D): D at log .4, expanded before C
    """
    env = ToyEnv(
        rules_from_table(
            {"A": [("p", ("B",), 0.6), ("r", ("D",), 0.4)], "B": [("q", ("C",), 0.2), ("q2", ("F",), 0.8)]}
        )
    )
    result = run("best_first", env)
    order = [
        n.goal for n in sorted(result.tree.nodes, key=lambda n: n.expanded_at or math.inf) if n.expanded_at
    ]
    assert order == ["A", "B", "F", "D", "C"]


def test_invariants_hold_after_every_batch():
    env = Endless()
    checked = []
    holder = {}

    def policy(goals):
        holder["run"].tree.check_invariants(in_flight=True)
        checked.append(len(goals))
        return env.policy(goals)

    run_ = SearchRun(
        env.goal(0),
        callbacks=Callbacks(policy, env.critic, env.apply),
        budget=Budget(max_expansions=60),
        num_tactics=3,
    )
    holder["run"] = run_
    search_loop(run_, TreePolicy(batch_size=4), np.random.default_rng(3))
    run_.tree.check_invariants()
    assert sum(checked) == 60


def test_a_callback_error_mid_batch_leaves_the_staged_expansions_in_the_tree():
    """Leaves whose goals are all new are staged and committed together at the end of the batch; when
    the apply function raises in the middle, the leaves expanded before it are still in the tree."""

    def policy(goals):
        return [[TacticCandidate("a", -0.1, 0.6), TacticCandidate("b", -1.0, 0.4)]] * len(goals)

    def apply(goal, tactic):
        if goal.key == "r.b":
            raise RuntimeError("backend bug")
        key = f"{goal.key}.{tactic}"
        return Children((SearchGoal(key, key, key),))

    run_ = SearchRun(
        SearchGoal("r", "r", "r"),
        callbacks=Callbacks(policy, None, apply),
        budget=Budget(max_expansions=10),
        num_tactics=2,
    )
    assert list(run_.expand([0])) == [1, 2]
    with pytest.raises(RuntimeError, match="backend bug"):
        run_.expand([1, 2])
    run_.tree.check_invariants()
    assert (
        run_.expansions == 2 and run_.tree.node(1).expanded_at == 2 and run_.tree.node(2).expanded_at is None
    )
    assert [run_.tree.node(n).key for n in range(run_.tree.num_nodes)] == [
        "r",
        "r.a",
        "r.b",
        "r.a.a",
        "r.a.b",
    ]
