"""REPLAY Lean REPL for tests: answers requests with the answers the real REPL recorded upstream.

Run as `python replay_repl.py FOLDER SCENARIO [SCENARIO ...]` where FOLDER holds leanprover-community/repl's
`test/<scenario>.in` / `<scenario>.expected.out` pairs (tests/prover/env/fixtures/repl/<tag>/). It speaks
the protocol of REPL/Main.lean exactly: `getLines` joins the right-trimmed lines of a request up to a
blank line (so a lone blank line is a request "\\n", which is not JSON: the REPL dies with "uncaught
exception"), queries starting with `#` or `--` are skipped, every answer is followed by a blank line.

Recorded ids are renumbered: this process hands out env and proof-state ids in its own order (as the
real REPL does, one counter each) and maps them to the recorded ones, so a client may interleave
scenarios or send requests of its own first.

What is answered, and from where:
- a request equal to a recorded one (same `cmd` and options, or same `tactic` on the live state that
  maps to the recorded state): the recorded answer. A command sent in an env made only of a header
  (imports/opens) matches the recorded command sent with no env, since both elaborate in a fresh
  file's environment (REPL/Main.lean `runCommand`, `IO.processInput`).
- a command made only of `import`/`open`/`set_option` lines and comments: `{"env": n}`, the recorded
  shape of `import Lean` (import_lean.expected.out).
- `(sorry; rotate_left; ...)`: simulated by the rules of REPL/Main.lean (`getProofStatus`) and the
  recorded shape of a tactic-mode `sorry` (tactic_mode_sorry.expected.out: a `sorries` entry per
  goal dropped, each with its own proof state).
- a tactic on such a derived state: the recorded answer for a recorded state with the same goals, or
  for a recorded state whose goals start with these goals when the recorded tactic left the trailing
  goals untouched (a tactic acts on the main goal); proofStatus then follows `getProofStatus` for a
  proof that contains the dropped goals' `sorry`.
- anything else: the process prints `replay: no recording for <request>` on stderr and exits with 70,
  so a test fails loudly instead of being answered by a guess.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

OPEN = "Incomplete: open goals remain"
SORRY = "Incomplete: contains sorry"
_HEADER_LINE = re.compile(r"^\s*(?:import|open|set_option|universe)\b|^\s*(?:--.*)?$")
_ISOLATION = re.compile(r"\((?:sorry|rotate_left)(?:; (?:sorry|rotate_left))*\)")
_COMMAND_OPTIONS = ("allTactics", "rootGoals", "infotree")


def read_requests(text: str) -> list[str]:
    """The queries of an `.in` file as REPL/Main.lean's `getLines` and `loop` read them."""
    queries, current = [], ""
    for line in text.split("\n"):
        if line.strip():
            current += line.rstrip()
            continue
        if current and not current.startswith(("#", "--")):
            queries.append(current)
        current = ""
    if current and not current.startswith(("#", "--")):
        queries.append(current)
    return queries


def read_answers(text: str) -> list[dict]:
    decoder, answers, at = json.JSONDecoder(), [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return answers
        value, at = decoder.raw_decode(text, at)
        answers.append(value)


@dataclass
class Recording:
    """One scenario: its (request, answer) pairs and the goals of every recorded proof state."""

    name: str
    pairs: list[tuple[dict, dict]]
    goals: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, name: str) -> Recording:
        requests = [json.loads(q) for q in read_requests((folder / f"{name}.in").read_text("utf-8"))]
        answers = read_answers((folder / f"{name}.expected.out").read_text("utf-8"))
        if len(requests) != len(answers):
            raise SystemExit(f"replay: {name}: {len(requests)} requests but {len(answers)} answers")
        rec = cls(name, list(zip(requests, answers, strict=True)))
        for _, answer in rec.pairs:
            for s in answer.get("sorries") or []:
                if "proofState" in s:
                    rec.goals[s["proofState"]] = [s["goal"]]
            if "proofState" in answer:
                rec.goals[answer["proofState"]] = list(answer.get("goals", []))
        return rec


@dataclass
class LiveState:
    recording: Recording | None
    recorded: int | None
    goals: list[str]
    sorried: bool


class Replay:
    def __init__(self, recordings: list[Recording]) -> None:
        self.recordings = recordings
        self.envs: list[tuple[Recording, int] | None] = []  # None: a header-only env
        self.states: list[LiveState] = []
        self.used: set[tuple[str, int]] = set()

    # renumbering ---------------------------------------------------------------------------------

    def _new_state(self, state: LiveState) -> int:
        self.states.append(state)
        return len(self.states) - 1

    def _relabel(self, rec: Recording, answer: dict, *, sorried: bool) -> dict:
        out = json.loads(json.dumps(answer))
        for s in out.get("sorries") or []:
            if "proofState" in s:
                s["proofState"] = self._new_state(LiveState(rec, s["proofState"], [s["goal"]], False))
        if "proofState" in out:
            out["proofState"] = self._new_state(
                LiveState(rec, out["proofState"], list(out.get("goals", [])), sorried)
            )
        if "env" in out:
            self.envs.append((rec, out["env"]))
            out["env"] = len(self.envs) - 1
        return out

    # commands ------------------------------------------------------------------------------------

    def command(self, req: dict) -> dict:
        env = req.get("env")
        if env is not None and not (isinstance(env, int) and 0 <= env < len(self.envs)):
            return {"message": "Unknown environment."}
        where = self.envs[env] if env is not None else None
        options = {k: req.get(k) for k in _COMMAND_OPTIONS}
        found = self._find_command(req["cmd"], where, options)
        if found is not None:
            rec, index = found
            self.used.add((rec.name, index))
            return self._relabel(rec, rec.pairs[index][1], sorried=False)
        if all(_HEADER_LINE.match(line) for line in req["cmd"].split("\n")):
            self.envs.append(None)
            return {"env": len(self.envs) - 1}
        return unrecorded(req)

    def _find_command(
        self, cmd: str, where: tuple[Recording, int] | None, options: dict
    ) -> tuple[Recording, int] | None:
        candidates = []
        for rec in self.recordings:
            for index, (request, _) in enumerate(rec.pairs):
                if request.get("cmd") != cmd or {k: request.get(k) for k in _COMMAND_OPTIONS} != options:
                    continue
                recorded_env = request.get("env")
                if where is None and recorded_env is None:
                    candidates.append((rec, index))
                elif where is not None and where[0] is rec and where[1] == recorded_env:
                    candidates.append((rec, index))
        fresh = [c for c in candidates if (c[0].name, c[1]) not in self.used]
        return (fresh or candidates or [None])[0]

    # tactics -------------------------------------------------------------------------------------

    def tactic(self, req: dict) -> dict:
        number = req["proofState"]
        if not (isinstance(number, int) and 0 <= number < len(self.states)):
            return {"message": "Unknown proof state."}
        state = self.states[number]
        if _ISOLATION.fullmatch(req["tactic"]):
            return self.isolate(state, req["tactic"][1:-1].split("; "))
        if state.recording is not None and state.recorded is not None and not state.sorried:
            for request, answer in state.recording.pairs:
                if request.get("tactic") == req["tactic"] and request.get("proofState") == state.recorded:
                    return self._relabel(state.recording, answer, sorried=False)
        derived = self._derived(state, req["tactic"])
        return derived if derived is not None else unrecorded(req)

    def isolate(self, state: LiveState, steps: list[str]) -> dict:
        goals, dropped = list(state.goals), []
        for step in steps:
            if not goals:
                # `sorry`/`rotate_left` on no goals: Lean's "no goals to be proved", raised as an exception.
                return {"message": "Lean error:\nno goals to be proved"}
            first = goals.pop(0)
            if step == "rotate_left":
                goals.append(first)
            else:
                dropped.append(first)
        sorries = [
            {"proofState": self._new_state(LiveState(None, None, [g], False)), "goal": g} for g in dropped
        ]
        new = self._new_state(LiveState(state.recording, None, goals, state.sorried or bool(dropped)))
        answer: dict = {"sorries": sorries} if sorries else {}
        answer.update(
            proofStatus=OPEN if goals else SORRY if self.states[new].sorried else "Completed",
            proofState=new,
            goals=goals,
        )
        return answer

    def _derived(self, state: LiveState, tactic: str) -> dict | None:
        recordings = [state.recording] if state.recording else []
        recordings += [r for r in self.recordings if r is not state.recording]
        for rec in recordings:
            for request, answer in rec.pairs:
                if request.get("tactic") != tactic or request.get("proofState") not in rec.goals:
                    continue
                before = rec.goals[request["proofState"]]
                if before[: len(state.goals)] != state.goals:
                    continue
                siblings = before[len(state.goals) :]
                after = answer.get("goals")
                if after is None:
                    return dict(answer)  # an exception answer: {"message": ...}
                if siblings and after[-len(siblings) :] != siblings:
                    continue
                new_goals = after[: len(after) - len(siblings)]
                relabelled = self._relabel(rec, answer, sorried=True)
                relabelled["goals"] = new_goals
                self.states[relabelled["proofState"]].goals = new_goals
                if siblings:
                    self.states[relabelled["proofState"]].recorded = None
                status = relabelled.get("proofStatus", "")
                if new_goals:
                    relabelled["proofStatus"] = OPEN
                elif status == "Completed" or status == OPEN:
                    relabelled["proofStatus"] = SORRY
                return relabelled
        return None


def unrecorded(req: dict) -> dict:
    sys.stderr.write(f"replay: no recording for {json.dumps(req, ensure_ascii=False)}\n")
    sys.stderr.flush()
    raise SystemExit(70)


def main() -> None:
    from repl_loop import serve  # (this folder is sys.path[0] when run as a script)

    folder = Path(sys.argv[1])
    replay = Replay([Recording.load(folder, name) for name in sys.argv[2:]])
    serve(tactic=replay.tactic, command=replay.command)


if __name__ == "__main__":
    main()
