"""Elaboration of surface syntax into typed core terms (Nat terms, propositions, types).

Binder types left out (`∀ n, ...`) are inferred as Nat only when Lean would infer them: the variable
is an argument of a Nat function/predicate, or sits in an arithmetic/relation tree that also holds a
numeral or a Nat-typed leaf (Lean's `binop%` elaborator with the Nat default instance). Otherwise the
term is rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.lexer import is_ident
from prover.env.embedded.syntax import ParseError, Syn, parse_term
from prover.env.embedded.terms import (
    FALSE,
    NAT,
    PROP,
    TRUE,
    App,
    Bin,
    Binder,
    BVar,
    FVar,
    Lit,
    Not,
    Op,
    Rel,
    Succ,
    Term,
    fresh_id,
)

ARITH = {"+", "-", "*", "/", "%", "^"}
RELS = {"=", "≠", "<", "≤", ">", "≥"}
CONNECTIVES = {"∧", "∨", "↔", "→"}


class ElabError(Exception):
    """The term is ill-typed or outside the fragment; the message is Lean-like. `certain`: Lean's
    elaborator certainly rejects it too (see `tactics.TacticFail`)."""

    def __init__(self, message: str, *, certain: bool = False) -> None:
        super().__init__(message)
        self.certain = certain


@dataclass
class _Local:
    name: str
    ty: Term
    typed: bool
    used_ok: bool = False


@dataclass
class Scope:
    """Locals visible while elaborating: the goal context plus enclosing binders (innermost last)."""

    goal: GoalState | None
    bound: list[_Local] = field(default_factory=list)


def _unparen(s: Syn) -> Syn:
    while s[0] == "paren":
        s = s[1]
    return s


def lookup(scope: Scope, name: str) -> tuple[Term, Term, _Local | None] | None:
    for depth, local in enumerate(reversed(scope.bound)):
        if local.name == name:
            return BVar(depth), local.ty, local
    if scope.goal is not None:
        hyp = scope.goal.lookup(name)
        if hyp is not None:
            return FVar(hyp.fid), hyp.ty, None
    return None


def elab_type(s: Syn, scope: Scope) -> Term:
    s = _unparen(s)
    if s == ("id", "Nat"):
        return NAT
    if s == ("id", "Prop"):
        return PROP
    if s[0] == "bin" and s[1] == "→":
        dom = elab_type(s[2], scope)
        cod = elab_type(s[3], scope)
        if dom != NAT:
            raise ElabError("embedded: function types must take Nat arguments")
        return Bin("→", dom, cod)
    raise ElabError("embedded: only the types Nat, Prop and Nat → ... are supported")


def elab_prop(s: Syn, scope: Scope) -> Term:
    term, ty = elab(s, scope)
    if ty != PROP:
        raise ElabError("type mismatch: expected a proposition")
    return term


def elab_nat(s: Syn, scope: Scope) -> Term:
    term, ty = elab(s, scope)
    if ty != NAT:
        raise ElabError("type mismatch: expected a term of type Nat")
    return term


def elab(s: Syn, scope: Scope) -> tuple[Term, Term]:
    """Elaborate `s` to (term, type)."""
    s = _unparen(s)
    tag = s[0]
    if tag == "num":
        return Lit(s[1]), NAT
    if tag == "id":
        return _ident(s[1], scope)
    if tag == "app":
        return _app(s, scope)
    if tag == "proj" and s[2] == "succ":
        return Succ(elab_nat(s[1], scope)), NAT
    if tag == "not":
        return Not(elab_prop(s[1], scope)), PROP
    if tag == "bin":
        return _binop(s, scope)
    if tag == "binder":
        return _binder(s, scope), PROP
    if tag == "typed":
        ty = elab_type(s[2], scope)
        term, got = elab(s[1], scope)
        if got != ty:
            raise ElabError("type mismatch in type ascription")
        return term, ty
    raise ElabError(f"embedded: this term form ({tag}) is not supported in propositions")


def _ident(name: str, scope: Scope) -> tuple[Term, Term]:
    found = lookup(scope, name)
    if found is not None:
        term, ty, local = found
        if local is not None and not local.typed:
            raise ElabError(f"failed to infer binder type of '{name}'")
        return term, ty
    if name == "True":
        return TRUE, PROP
    if name == "False":
        return FALSE, PROP
    if "." in name:
        head, _, fld = name.rpartition(".")
        if fld == "succ" and lookup(scope, head) is not None:
            return Succ(elab_nat(("id", head), scope)), NAT
    raise ElabError(f"unknown identifier '{name}'")


def _app(s: Syn, scope: Scope) -> tuple[Term, Term]:
    head = _unparen(s[1])
    if head == ("id", "Nat.succ") and len(s[2]) == 1:
        return Succ(elab_nat(s[2][0], scope)), NAT
    if head[0] != "id":
        raise ElabError("embedded: only variables can be applied in propositions")
    found = lookup(scope, head[1])
    if found is None:
        raise ElabError(f"unknown identifier '{head[1]}'")
    fn, ty, _ = found
    args = []
    for arg in s[2]:
        if not (isinstance(ty, Bin) and ty.op == "→"):
            raise ElabError(f"function expected: '{head[1]}' is not a function")
        a = _unparen(arg)
        local = lookup(scope, a[1])[2] if a[0] == "id" and lookup(scope, a[1]) else None
        if local is not None and not local.typed:
            local.typed = True
        args.append(elab_nat(arg, scope))
        ty = ty.b
    return App(fn, tuple(args)), ty


def _tree_leaves(s: Syn, out: list[Syn]) -> None:
    s = _unparen(s)
    if s[0] == "bin" and (s[1] in ARITH or s[1] in RELS):
        _tree_leaves(s[2], out)
        _tree_leaves(s[3], out)
    else:
        out.append(s)


def _infer_tree(s: Syn, scope: Scope) -> None:
    """Lean's binop% elaborator: untyped binder variables in a tree become Nat when it is anchored."""
    leaves: list[Syn] = []
    _tree_leaves(s, leaves)
    pending: list[_Local] = []
    anchored = False
    for leaf in leaves:
        found = lookup(scope, leaf[1]) if leaf[0] == "id" else None
        if found is not None and found[2] is not None and not found[2].typed:
            pending.append(found[2])
        elif leaf[0] in ("num", "app", "proj") or found is not None:
            anchored = True
    if pending and not anchored:
        raise ElabError("failed to infer binder type (typeclass instance problem is stuck)")
    for local in pending:
        local.typed = True


def _binop(s: Syn, scope: Scope) -> tuple[Term, Term]:
    op = s[1]
    if op in CONNECTIVES:
        return Bin(op, elab_prop(s[2], scope), elab_prop(s[3], scope)), PROP
    _infer_tree(s, scope)
    a, b = elab_nat(s[2], scope), elab_nat(s[3], scope)
    if op in RELS:
        return Rel(op, a, b), PROP
    return Op(op, a, b), NAT


def _binder(s: Syn, scope: Scope) -> Term:
    _, q, groups, body = s
    locals_: list[tuple[_Local, bool]] = []
    for names, ty_syn, implicit in groups:
        ty = elab_type(ty_syn, scope) if ty_syn is not None else NAT
        for name in names:
            local = _Local(name, ty, ty_syn is not None)
            scope.bound.append(local)
            locals_.append((local, implicit))
    try:
        result = elab_prop(body, scope)
    finally:
        del scope.bound[len(scope.bound) - len(locals_) :]
    for local, implicit in reversed(locals_):
        if not local.typed:
            raise ElabError(f"failed to infer binder type of '{local.name}'")
        result = Binder(q, local.name, local.ty, result, implicit)
    return result


def parse_prop(text: str, goal: GoalState | None) -> Term:
    try:
        return elab_prop(parse_term(text), Scope(goal))
    except ParseError as exc:
        raise ElabError(f"embedded: cannot parse '{text[:60]}': {exc}") from exc


def _matching(text: str) -> int:
    """Index of the bracket closing `text[0]`, or -1."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "({[⟨":
            depth += 1
        elif ch in ")}]⟩":
            depth -= 1
            if depth == 0:
                return i
    return -1


def parse_statement(statement: str) -> tuple[str, GoalState]:
    """Parse `theorem name binders : prop` into (name, root goal). Raises ElabError."""
    # A declaration copied with its body (`:= by sorry`) is accepted; only the head is parsed.
    text = " ".join(statement.split(":=", 1)[0].split())
    # `lemma` is Mathlib's command; core Lean has only `theorem` and `example`.
    for kw in ("theorem ", "example "):
        if text.startswith(kw):
            text = text[len(kw) :]
            break
    else:
        raise ElabError("embedded: statement must start with 'theorem'")
    name = ""
    if not text.startswith(("(", "{", ":")):
        name, _, text = text.partition(" ")
        if not is_ident(name):
            raise ElabError(f"invalid declaration name '{name}' (not an identifier)")
    goal = GoalState((), Lit(0))
    text = text.strip()
    while text and text[0] in "({[":
        end = _matching(text)
        if text[0] == "[" or end < 0:
            raise ElabError(f"embedded: binder '{text[:30]}' is not supported")
        names_part, colon, ty_part = text[1:end].partition(":")
        if not colon or not names_part.split():
            raise ElabError(f"embedded: binder '{text[: end + 1]}' needs a type")
        scope = Scope(goal)
        try:
            tsyn = parse_term(ty_part)
        except ParseError as exc:
            raise ElabError(f"embedded: cannot parse binder type '{ty_part.strip()}': {exc}") from exc
        try:
            ty = elab_type(tsyn, scope)
        except ElabError:
            ty = elab_prop(tsyn, scope)
        for nm in names_part.split():
            if not is_ident(nm):
                raise ElabError(f"invalid binder name '{nm}' (not an identifier)")
            goal = goal.add(Hyp(fresh_id(), nm, ty))
        text = text[end + 1 :].strip()
    if not text.startswith(":"):
        raise ElabError(f"embedded: expected ':' before the proposition, found '{text[:30]}'")
    target = parse_prop(text[1:], goal)
    return name, GoalState(goal.hyps, target)
