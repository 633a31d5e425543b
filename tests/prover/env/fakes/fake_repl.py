"""FAKE Lean REPL for tests: speaks leanprover-community/repl's protocol, decides nothing itself.

Run as `python fake_repl.py TRANSCRIPT.json [REQUEST_LOG]`. It reads requests the way REPL/Main.lean
does (lines up to a blank line, joined) and prints pretty JSON answers followed by a blank line. Every
answer comes from the transcript (a JSON object):

- "headers": commands accepted without `env` (imports); each run creates a new env.
- "theorems": [{"name", "statement", "header", "root"}]: `<statement> := by sorry` in the env of
  `header` (in another env: an "unknown identifier" error, as missing imports give) answers with one
  sorry whose proof state is the state labelled `root`.
- "states": {label: [goal text, ...]}.
- "tactics": {label: {tactic: response}}, response one of
  {"to": label} (goals of that state; omitted: no goals), optionally "status" overriding the computed
  proofStatus; {"elab_error": text} (an error message, `goals: []`, "Incomplete: contains sorry", as the
  REPL answers an elaboration error; "status" overrides it); {"lean_error": text} (top-level "Lean error"); {"hang": true};
  {"exit": code}; {"garbage": true} (prints non-JSON). An unlisted tactic gets "unknown tactic".
- "proofs": {theorem name: {script: {"errors": [...], "axioms": [...]}}}: answers to a whole-proof
  command `theorem <name> ... := by <script>`; an unlisted script gets an "unsolved goals" error;
  {"exit": code} makes the process die on that command.
  `#print axioms <name>` in the env that command returned lists that entry's axioms.

Tactics made only of `rotate_left` and `sorry` steps, `(sorry; rotate_left; ...)`, are simulated (they permute and drop goals), so
a client's goal-isolation scheme is exercised; the derived state is labelled `<label>@<kept positions>`.
proofStatus is computed like REPL/Main.lean's getProofStatus: open goals remain / contains sorry (when
the lineage dropped goals with sorry) / Completed.
"""

from __future__ import annotations

import json
import re
import sys
import time

OPEN = "Incomplete: open goals remain"


def answer(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n\n")
    sys.stdout.flush()


def message(severity: str, data: str, line: int = 1) -> dict:
    pos = {"line": line, "column": 0}
    return {"severity": severity, "pos": pos, "endPos": pos, "data": data}


class FakeRepl:
    def __init__(self, transcript: dict) -> None:
        self.t = transcript
        self.envs: list[dict] = []  # per env: {"header": str | None, "axioms": {name: [...]}}
        self.states: list[tuple[str, list[str], bool]] = []  # (label, goals, sorried)

    def new_state(self, label: str, goals: list[str], sorried: bool) -> int:
        self.states.append((label, goals, sorried))
        return len(self.states) - 1

    def new_env(self, header: str | None, axioms: dict | None = None) -> int:
        self.envs.append({"header": header, "axioms": axioms or {}})
        return len(self.envs) - 1

    def command(self, req: dict) -> dict:
        cmd, env = req["cmd"], req.get("env")
        if env is not None and not 0 <= env < len(self.envs):
            return {"message": "Unknown environment."}
        header = self.envs[env]["header"] if env is not None else None
        if env is None and cmd in self.t.get("headers", []):
            return {"env": self.new_env(cmd)}
        axioms_query = re.fullmatch(r"#print axioms (\S+)", cmd)
        if axioms_query:
            name = axioms_query.group(1)
            if env is None or name not in self.envs[env]["axioms"]:
                return {
                    "env": self.new_env(header),
                    "messages": [message("error", f"unknown constant '{name}'")],
                }
            used = self.envs[env]["axioms"][name]
            text = (
                f"'{name}' depends on axioms: [{', '.join(used)}]"
                if used
                else f"'{name}' does not depend on any axioms"
            )
            return {"env": self.new_env(header), "messages": [message("info", text)]}
        for theorem in self.t.get("theorems", []):
            if cmd == theorem["statement"] + " := by sorry":
                return self.start(theorem, header)
        return self.whole_proof(cmd, header)

    def start(self, theorem: dict, header: str | None) -> dict:
        if (theorem.get("header") or None) != header:
            return {"env": self.new_env(header), "messages": [message("error", "unknown identifier 'Real'")]}
        goals = self.t["states"][theorem["root"]]
        state = self.new_state(theorem["root"], goals, False)
        pos = {"line": 1, "column": 10}
        return {
            "sorries": [{"proofState": state, "pos": pos, "goal": goals[0], "endPos": pos}],
            "messages": [message("warning", "declaration uses `sorry`")],
            "env": self.new_env(header),
        }

    def whole_proof(self, cmd: str, header: str | None) -> dict:
        head = re.match(r"theorem (\S+)[^\n]*:= by\n", cmd)
        if head is None:
            return {"env": self.new_env(header), "messages": [message("error", "unexpected token")]}
        name = head.group(1)
        script = "\n".join(line[2:] for line in cmd[head.end() :].split("\n"))
        verdict = self.t.get("proofs", {}).get(name, {}).get(script)
        if verdict is None:
            return {"env": self.new_env(header), "messages": [message("error", "unsolved goals")]}
        if "exit" in verdict:
            sys.stderr.write("INTERNAL PANIC: out of memory\n")
            sys.exit(verdict["exit"])
        messages = [message("error", e) for e in verdict.get("errors", [])]
        messages += [message("warning", w) for w in verdict.get("warnings", [])]
        axioms = {} if messages else {name: verdict.get("axioms", [])}
        return {"env": self.new_env(header, axioms), **({"messages": messages} if messages else {})}

    def tactic(self, req: dict) -> dict:
        state = req["proofState"]
        if not 0 <= state < len(self.states):
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
            return {}
        if "lean_error" in response:
            return {"message": "Lean error:\n<input>:1:1: " + response["lean_error"]}
        if "elab_error" in response:
            new = self.new_state(label + "!", [], True)
            return {
                "proofStatus": response.get("status", "Incomplete: contains sorry"),
                "proofState": new,
                "messages": [message("error", response["elab_error"], 0)],
                "goals": [],
            }
        to = response.get("to")
        new_goals = self.t["states"][to] if to else []
        status = response.get("status") or (
            OPEN if new_goals else "Incomplete: contains sorry" if sorried else "Completed"
        )
        return {
            "proofStatus": status,
            "proofState": self.new_state(to or "done", new_goals, sorried),
            "goals": new_goals,
        }

    def isolate(self, label: str, goals: list[str], sorried: bool, steps: list[str]) -> dict:
        order = list(range(len(goals)))
        for step in steps:
            if not order:
                return {
                    "proofStatus": "Error",
                    "proofState": self.new_state(label, [], sorried),
                    "messages": [message("error", "no goals to be proved", 0)],
                    "goals": [],
                }
            first = order.pop(0)
            if step == "rotate_left":
                order.append(first)
            else:
                sorried = True
        kept = sorted(order)
        new_label = f"{label}@{','.join(map(str, kept))}"
        new_goals = [goals[i] for i in order]
        status = OPEN if new_goals else "Incomplete: contains sorry"
        return {
            "proofStatus": status,
            "proofState": self.new_state(new_label, new_goals, sorried),
            "goals": new_goals,
        }


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        repl = FakeRepl(json.load(f))
    log = open(sys.argv[2], "a", encoding="utf-8") if len(sys.argv) > 2 else None
    while True:
        lines = []
        while True:
            line = sys.stdin.readline()
            if not line.strip():
                break
            lines.append(line.rstrip())
        if not lines:
            if not line:
                return
            continue
        query = "".join(lines)
        if log is not None:
            log.write(query + "\n")
            log.flush()
        req = json.loads(query)
        result = repl.tactic(req) if "tactic" in req else repl.command(req)
        if result:
            answer(result)


if __name__ == "__main__":
    main()
