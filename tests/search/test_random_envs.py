"""Random acyclic rule tables: every search is sound (its proof replays in the environment) and, when
it exhausts the table, complete (it proves exactly the provable roots)."""

import random

import pytest

from search import SEARCHES, Budget, Children, Invalid, ProofTree, Solved
from search.toy import Rule, ToyEnv


def random_table(seed: int, n: int = 9) -> dict[str, list[Rule]]:
    """Goal i has up to 3 tactics; each is invalid or yields 0-2 goals of larger index (no cycles)."""
    rng = random.Random(seed)
    table = {}
    for i in range(n):
        rules = []
        for j in range(rng.randrange(4)):
            later = [f"g{k}" for k in range(i + 1, n)]
            if rng.random() < 0.25 or not later:
                result = "invalid" if rng.random() < 0.5 or not later else ()
            else:
                result = tuple(rng.choice(later) for _ in range(rng.randrange(3)))
            rules.append(Rule(f"t{i}_{j}", result, prior=rng.uniform(0.1, 1.0)))
        table[f"g{i}"] = rules
    return table


def provable(table: dict[str, list[Rule]]) -> dict[str, bool]:
    ok: dict[str, bool] = {}
    for goal in sorted(table, key=lambda g: -int(g[1:])):
        ok[goal] = any(not isinstance(r.result, str) and all(ok[c] for c in r.result) for r in table[goal])
    return ok


def replay_tree(env: ToyEnv, proof: ProofTree) -> None:
    outcome = env.apply(env.goal(proof.goal_text), proof.tactic)
    if not proof.children:
        assert outcome == Solved()
        return
    assert isinstance(outcome, Children)
    assert [g.text for g in outcome.goals] == [c.goal_text for c in proof.children]
    for child in proof.children:
        replay_tree(env, child)


def replay_script(env: ToyEnv, root: str, script: str) -> None:
    """Run a linear script on the first open goal each time, as Lean does; it must close everything."""
    goals = [root]
    for tactic in script.split("\n"):
        outcome = env.apply(env.goal(goals[0]), tactic)
        assert not isinstance(outcome, Invalid), (goals, tactic)
        goals = [g.text for g in outcome.goals] + goals[1:] if isinstance(outcome, Children) else goals[1:]
    assert goals == []


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_random_tables(name):
    outcomes = {True: 0, False: 0}
    for seed in range(25):
        table = random_table(seed)
        env = ToyEnv(table)
        result = SEARCHES[name](
            env.goal("g0"), policy=env.policy, critic=env.critic, apply=env.apply,
            budget=Budget(max_expansions=3000), seed=seed, batch_size=4,
        )  # fmt: skip
        assert result.stop_reason in ("proved", "failed"), (seed, result.stop_reason)
        assert result.proved == provable(table)["g0"], seed
        outcomes[result.proved] += 1
        if result.proved:
            if name == "htps":
                replay_tree(env, result.proof)
            else:
                replay_script(env, "g0", result.script)
            assert result.proof.size() == len(result.script.split("\n"))
    assert outcomes[True] >= 5 and outcomes[False] >= 5  # both kinds of table were exercised
