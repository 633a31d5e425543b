"""Immutable goals and Lean 4's `ppGoal` layout (grouped hypotheses, `✝` names, `case tag`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from prover.env.embedded.pretty import Printer
from prover.env.embedded.terms import Term, fvars

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class Hyp:
    """A local: `fid` is its free-variable id; `inaccessible` names print with `✝`."""

    fid: int
    name: str
    ty: Term
    inaccessible: bool = False


@dataclass(frozen=True)
class GoalState:
    """One goal: the local context in order, the target, and Lean's case tag ("" when untagged)."""

    hyps: tuple[Hyp, ...]
    target: Term
    tag: str = ""
    # False when the tag may differ from Lean's (goals of `apply` with premise names the lemma table
    # lacks): `case` refuses to select by it. Not part of the goal's identity.
    tag_exact: bool = field(default=True, compare=False)

    @cached_property
    def display(self) -> dict[int, str]:
        """Display names, as Lean's `ppGoal` sanitizes them: an inaccessible local (no user-facing
        name, e.g. the `a✝` that `induction` introduces) or one shadowed by a later *accessible* local
        of the same name gets `✝`; an inaccessible local shadows nothing. When several share a base
        name, older ones get superscripts (`n✝¹ n✝ : Nat`)."""
        seen: set[str] = set()
        hidden_count: dict[str, int] = {}
        names: dict[int, str] = {}
        for h in reversed(self.hyps):
            if h.inaccessible or h.name in seen:
                k = hidden_count.get(h.name, 0)
                hidden_count[h.name] = k + 1
                names[h.fid] = h.name + "✝" + (str(k).translate(_SUPERSCRIPT) if k else "")
            else:
                names[h.fid] = h.name
                seen.add(h.name)
        return names

    def lookup(self, name: str) -> Hyp | None:
        """The accessible local called `name` (the latest one), as Lean resolves identifiers."""
        for h in reversed(self.hyps):
            if self.display[h.fid] == name:
                return h
        return None

    def _render(self, printer: Printer) -> list[str]:
        lines: list[str] = []
        group: list[str] = []
        group_ty = ""
        for h in self.hyps:
            ty = printer.show(h.ty)
            if group and ty != group_ty:
                lines.append(f"{' '.join(group)} : {group_ty}")
                group = []
            group.append(self.display[h.fid])
            group_ty = ty
        if group:
            lines.append(f"{' '.join(group)} : {group_ty}")
        lines.append(f"⊢ {printer.show(self.target)}")
        return lines

    @cached_property
    def text(self) -> str:
        lines = self._render(Printer(self.display))
        return "\n".join([f"case {self.tag}", *lines] if self.tag else lines)

    @cached_property
    def key(self) -> str:
        return "\n".join(self._render(Printer(self.display, canonical=True)))

    def with_target(self, target: Term, tag: str | None = None, *, exact: bool = True) -> GoalState:
        if tag is None:
            return GoalState(self.hyps, target, self.tag, self.tag_exact)
        return GoalState(self.hyps, target, tag, exact and self.tag_exact)

    def add(self, hyp: Hyp) -> GoalState:
        return GoalState((*self.hyps, hyp), self.target, self.tag, self.tag_exact)

    def depends(self, fid: int) -> list[Hyp]:
        """Hypotheses whose type mentions the local `fid`."""
        return [h for h in self.hyps if fid in fvars(h.ty)]


def child_tag(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name
