"""FAKE Lean REPL for tests: speaks leanprover-community/repl's protocol, decides nothing itself.

Run as `python fake_repl.py TRANSCRIPT.json [REQUEST_LOG]`. It reads requests as REPL/Main.lean's
`getLines` does (right-trimmed lines up to a blank line, joined; a lone blank line is not JSON and kills
the process with "uncaught exception", as it kills the real REPL) and prints pretty JSON answers
followed by a blank line. Answers have the shapes of the upstream recordings
(tests/prover/env/fixtures/repl/<tag>/): messages with `pos`/`endPos`, "declaration uses 'sorry'",
`{"message": "Unknown proof state."}`, tactic-mode `sorries` entries with their own proof states.
Every verdict comes from the transcript (a JSON object):

- "headers": the import lines that exist (e.g. "import Mathlib"). As in Lean, a command sent without
  `env` is a fresh file: its leading `import` lines are its imports (Init when none), an unknown one
  is an error; a command sent with `env` continues that env and may not import.
- "theorems": [{"name", "statement", "header", "root"}]: `<statement> := by sorry` in an env whose
  imports and other header lines (`open`, `set_option`) are exactly those of `header` (otherwise: an
  "unknown identifier" error, as missing imports give) answers with one sorry whose proof state is the
  state labelled `root`.
- "states": {label: [goal text, ...]}.
- "tactics": {label: {tactic: response}}, response one of
  {"to": label} (goals of that state; omitted: no goals), optionally "status" overriding the computed
  proofStatus and "sorries" (goal texts the tactic closed with sorry, reported in `sorries`);
  {"elab_error": text} (an error message, `goals: []`, "Incomplete: contains sorry", as the
  REPL answers an elaboration error; "status" overrides it); {"lean_error": text} (top-level "Lean
  error"); {"hang": true}; {"exit": code}; {"garbage": true} (prints non-JSON). An unlisted tactic gets
  "unknown tactic".
- "proofs": {theorem name: {script: {"errors": [...], "axioms": [...]}}}: answers to a whole-proof
  command `theorem <name> ... := by <script>`; an unlisted script gets an "unsolved goals" error;
  {"exit": code} makes the process die on that command.
  `#print axioms <name>` in the env that command returned lists that entry's axioms.

Tactics made only of `rotate_left` and `sorry` steps, `(sorry; rotate_left; ...)`, are simulated (they
permute and drop goals, each dropped goal reported in `sorries`), so a client's goal-isolation scheme is
exercised; the derived state is labelled `<label>@<kept positions>`. proofStatus is computed like
REPL/Main.lean's getProofStatus: open goals remain / contains sorry (when the lineage dropped goals
with sorry) / Completed.
"""

from __future__ import annotations

import json
import re
import sys
import time

OPEN = "Incomplete: open goals remain"


def message(severity: str, data: str, line: int = 1, column: int = 0) -> dict:
    return {
        "severity": severity,
        "pos": {"line": line, "column": column},
        "endPos": {"line": line, "column": column + 1},
        "data": data,
    }


def split_header(text: str) -> tuple[tuple[str, ...], str]:
    lines = text.strip().split("\n")
    imports = tuple(line.strip() for line in lines if line.startswith("import "))
    return imports, "\n".join(line for line in lines if not line.startswith("import ")).strip()


class FakeRepl:
    def __init__(self, transcript: dict) -> None:
        self.t = transcript
        # per env: {"imports": tuple, "preamble": str, "axioms": {name: [...]}}
        self.envs: list[dict] = []
        self.states: list[tuple[str, list[str], bool]] = []  # (label, goals, sorried)

    def new_state(self, label: str, goals: list[str], sorried: bool) -> int:
        self.states.append((label, goals, sorried))
        return len(self.states) - 1

    def new_env(self, base: dict, axioms: dict | None = None, preamble: str | None = None) -> int:
        env = {**base, "axioms": {**base.get("axioms", {}), **(axioms or {})}}
        if preamble is not None:
            env["preamble"] = preamble
        self.envs.append(env)
        return len(self.envs) - 1

    def command(self, req: dict) -> dict:
        cmd, env = req["cmd"], req.get("env")
        if env is not None and not (isinstance(env, int) and 0 <= env < len(self.envs)):
            return {"message": "Unknown environment."}
        if env is None:
            imports, cmd = split_header(cmd)
            unknown = [i for i in imports if i not in self.t.get("headers", [])]
            if unknown:
                return {
                    "messages": [message("error", f"unknown module prefix '{unknown[0][7:]}'")],
                    "env": self.new_env({"imports": (), "preamble": ""}),
                }
            base = {"imports": imports, "preamble": ""}
        else:
            base = self.envs[env]
            if re.search(r"^import ", cmd, re.MULTILINE):
                error = "invalid 'import' command, it must be used in the beginning of the file"
                return {"messages": [message("error", error)], "env": self.new_env(base)}
        if all(re.match(r"(?:open|set_option)\b", line) or not line.strip() for line in cmd.split("\n")):
            preamble = "\n".join(filter(None, (base["preamble"], cmd.strip())))
            return {"env": self.new_env(base, preamble=preamble)}
        axioms_query = re.fullmatch(r"#print axioms (\S+)", cmd)
        if axioms_query:
            return self.print_axioms(axioms_query.group(1), base)
        for theorem in self.t.get("theorems", []):
            if cmd == theorem["statement"] + " := by sorry":
                return self.start(theorem, base)
        return self.whole_proof(cmd, base)

    def print_axioms(self, name: str, base: dict) -> dict:
        if name not in base["axioms"]:
            return {
                "messages": [message("error", f"unknown constant '{name}'", 1, 15)],
                "env": self.new_env(base),
            }
        used = base["axioms"][name]
        text = (
            f"'{name}' depends on axioms: [{', '.join(used)}]"
            if used
            else f"'{name}' does not depend on any axioms"
        )
        return {"messages": [message("info", text)], "env": self.new_env(base)}

    def start(self, theorem: dict, base: dict) -> dict:
        if split_header(theorem.get("header") or "") != (base["imports"], base["preamble"]):
            return {
                "messages": [message("error", "unknown identifier 'Real'", 1, 20)],
                "env": self.new_env(base),
            }
        goals = self.t["states"][theorem["root"]]
        state = self.new_state(theorem["root"], goals, False)
        column = len(theorem["statement"]) + 7
        return {
            "sorries": [
                {
                    "proofState": state,
                    "pos": {"line": 1, "column": column},
                    "goal": goals[0],
                    "endPos": {"line": 1, "column": column + 5},
                }
            ],
            "messages": [message("warning", "declaration uses 'sorry'", 1, 8)],
            "env": self.new_env(base),
        }

    def whole_proof(self, cmd: str, base: dict) -> dict:
        head = re.match(r"theorem (\S+)[^\n]*:= by\n", cmd)
        if head is None:
            return {"messages": [message("error", "unexpected token")], "env": self.new_env(base)}
        name = head.group(1)
        script = "\n".join(line[2:] for line in cmd[head.end() :].split("\n"))
        verdict = self.t.get("proofs", {}).get(name, {}).get(script)
        if verdict is None:
            return {"messages": [message("error", "unsolved goals", 1, 8)], "env": self.new_env(base)}
        if "exit" in verdict:
            sys.stderr.write("INTERNAL PANIC: out of memory\n")
            sys.exit(verdict["exit"])
        messages = [message("error", e, 1, 8) for e in verdict.get("errors", [])]
        messages += [message("warning", w, 1, 8) for w in verdict.get("warnings", [])]
        axioms = {} if messages else {name: verdict.get("axioms", [])}
        return {**({"messages": messages} if messages else {}), "env": self.new_env(base, axioms)}

    def tactic(self, req: dict) -> dict | None:
        state = req["proofState"]
        if not (isinstance(state, int) and 0 <= state < len(self.states)):
            return {"message": "Unknown proof state."}
        label, goals, sorried = self.states[state]
        steps = req["tactic"].removeprefix("(").removesuffix(")").split("; ")
        if set(steps) <= {"rotate_left", "sorry"}:
            return self.isolate(label, goals, sorried, steps)
        response = self.t.get("tactics", {}).get(label, {}).get(req["tactic"])
        if response is None:
            return {"message": "Lean error:\n<input>:1:1: unknown tactic"}
        if response.get("hang"):
            time.sleep(3600)
        if "exit" in response:
            sys.stderr.write("INTERNAL PANIC: out of memory\n")
            sys.exit(response["exit"])
        if response.get("garbage"):
            sys.stdout.write("uncaught exception: not json\n\n")
            sys.stdout.flush()
            return None  # (nothing more to print)
        if "lean_error" in response:
            return {"message": "Lean error:\n<input>:1:1: " + response["lean_error"]}
        if "elab_error" in response:
            new = self.new_state(label + "!", [], True)
            # Recorded shape (invalid_tactic.expected.out): tactic-mode positions are 0:0.
            error = {**message("error", response["elab_error"], 0), "endPos": {"line": 0, "column": 0}}
            return {
                "proofStatus": response.get("status", "Incomplete: contains sorry"),
                "proofState": new,
                "messages": [error],
                "goals": [],
            }
        sorries = [
            {"proofState": self.new_state("sorry", [g], False), "goal": g}
            for g in response.get("sorries", [])
        ]
        to = response.get("to")
        new_goals = self.t["states"][to] if to else []
        sorried = sorried or bool(sorries)
        status = response.get("status") or (
            OPEN if new_goals else "Incomplete: contains sorry" if sorried else "Completed"
        )
        return {
            **({"sorries": sorries} if sorries else {}),
            "proofStatus": status,
            "proofState": self.new_state(to or "done", new_goals, sorried),
            "goals": new_goals,
        }

    def isolate(self, label: str, goals: list[str], sorried: bool, steps: list[str]) -> dict:
        order, dropped = list(range(len(goals))), []
        for step in steps:
            if not order:
                return {"message": "Lean error:\nno goals to be proved"}
            first = order.pop(0)
            if step == "rotate_left":
                order.append(first)
            else:
                sorried = True
                dropped.append(goals[first])
        # Recorded shape of a tactic-mode `sorry` (tactic_mode_sorry.expected.out).
        sorries = [{"proofState": self.new_state("sorry", [g], False), "goal": g} for g in dropped]
        kept = sorted(order)
        new_label = f"{label}@{','.join(map(str, kept))}"
        new_goals = [goals[i] for i in order]
        status = OPEN if new_goals else "Incomplete: contains sorry"
        return {
            **({"sorries": sorries} if sorries else {}),
            "proofStatus": status,
            "proofState": self.new_state(new_label, new_goals, sorried),
            "goals": new_goals,
        }


def main() -> None:
    from repl_loop import serve  # (this folder is sys.path[0] when run as a script)

    with open(sys.argv[1], encoding="utf-8") as f:
        repl = FakeRepl(json.load(f))
    log = open(sys.argv[2], "a", encoding="utf-8") if len(sys.argv) > 2 else None
    serve(tactic=repl.tactic, command=repl.command, log=log)


if __name__ == "__main__":
    main()
