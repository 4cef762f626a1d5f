"""Regular expressions over digits (libphonenumber's patterns) to minimal DFAs.

Supports what the metadata uses: digits, \\d, [classes], (?:groups), (capture groups, read as
plain groups), alternation, {n}, {n,m}, ?, * and + over bounded inputs, and a trailing $.
"""
import re._parser as sre_parse
from re._constants import LITERAL, IN, RANGE, CATEGORY, CATEGORY_DIGIT, BRANCH, SUBPATTERN, MAX_REPEAT, MIN_REPEAT, AT, AT_END, MAXREPEAT

DIGITS = [str(d) for d in range(10)]


class NFA:
    def __init__(self):
        self.edges = []  # state -> list of (symbol or None, target)

    def state(self):
        self.edges.append([])
        return len(self.edges) - 1

    def edge(self, a, symbol, b):
        self.edges[a].append((symbol, b))


def digits_of(op, av):
    if op == LITERAL:
        c = chr(av)
        return {c} if c in DIGITS else set()
    if op == IN:
        out = set()
        negate = False
        for sub_op, sub_av in av:
            if sub_op == LITERAL:
                c = chr(sub_av)
                if c in DIGITS:
                    out.add(c)
            elif sub_op == RANGE:
                lo, hi = sub_av
                out |= {chr(x) for x in range(lo, hi + 1) if chr(x) in DIGITS}
            elif sub_op == CATEGORY and sub_av == CATEGORY_DIGIT:
                out |= set(DIGITS)
            elif str(sub_op) == "NEGATE":
                negate = True
            else:
                raise ValueError(f"unsupported class item {sub_op}")
        return set(DIGITS) - out if negate else out
    if op == CATEGORY and av == CATEGORY_DIGIT:
        return set(DIGITS)
    raise ValueError(f"not a character op {op}")


def build(nfa, items, start):
    """Adds the sequence `items` from `start`; returns the end state."""
    current = start
    for op, av in items:
        current = build_one(nfa, op, av, current)
    return current


def build_one(nfa, op, av, start):
    if op in (LITERAL, IN, CATEGORY):
        end = nfa.state()
        for d in sorted(digits_of(op, av)):
            nfa.edge(start, d, end)
        return end
    if op == SUBPATTERN:
        return build(nfa, av[-1], start)
    if op == BRANCH:
        end = nfa.state()
        for alternative in av[1]:
            a = nfa.state()
            nfa.edge(start, None, a)
            b = build(nfa, alternative, a)
            nfa.edge(b, None, end)
        return end
    if op in (MAX_REPEAT, MIN_REPEAT):
        lo, hi, items = av
        current = start
        for _ in range(lo):
            current = build(nfa, items, current)
        if hi == MAXREPEAT:
            loop = nfa.state()
            nfa.edge(current, None, loop)
            after = build(nfa, items, loop)
            nfa.edge(after, None, loop)
            return loop
        end = nfa.state()
        nfa.edge(current, None, end)
        for _ in range(hi - lo):
            current = build(nfa, items, current)
            nfa.edge(current, None, end)
        return end
    if op == AT and av == AT_END:
        return start  # a trailing $: full-match semantics where it is used
    raise ValueError(f"unsupported op {op} {av}")


def closure(nfa, states):
    stack = list(states)
    seen = set(states)
    while stack:
        s = stack.pop()
        for symbol, t in nfa.edges[s]:
            if symbol is None and t not in seen:
                seen.add(t)
                stack.append(t)
    return frozenset(seen)


def compile_pattern(pattern):
    """The minimal DFA of `pattern`: (transitions, accepting), state 0 the start; -1 is dead."""
    parsed = sre_parse.parse(pattern)
    nfa = NFA()
    start = nfa.state()
    end = build(nfa, list(parsed), start)
    start_set = closure(nfa, [start])
    index = {start_set: 0}
    order = [start_set]
    transitions = []
    accepting = []
    i = 0
    while i < len(order):
        current = order[i]
        row = []
        for d in DIGITS:
            moved = {t for s in current for symbol, t in nfa.edges[s] if symbol == d}
            if not moved:
                row.append(-1)
                continue
            target = closure(nfa, moved)
            if target not in index:
                index[target] = len(order)
                order.append(target)
            row.append(index[target])
        transitions.append(row)
        accepting.append(end in current)
        i += 1
    return minimize(transitions, accepting)


def minimize(transitions, accepting):
    """Moore's partition refinement; keeps state 0 the start."""
    n = len(transitions)
    block = [1 if a else 0 for a in accepting]
    while True:
        signature = {}
        new_block = []
        for s in range(n):
            key = (block[s], tuple(block[t] if t >= 0 else -1 for t in transitions[s]))
            if key not in signature:
                signature[key] = len(signature)
            new_block.append(signature[key])
        if len(signature) == len(set(block)):
            block = new_block
            break
        block = new_block
    # Renumber so that the start's block is 0, in order of first reach.
    order = {}
    queue = [0]
    while queue:
        s = queue.pop(0)
        b = block[s]
        if b in order:
            continue
        order[b] = len(order)
        for t in transitions[s]:
            if t >= 0 and block[t] not in order:
                queue.append(t)
    states = [None] * len(order)
    finals = [False] * len(order)
    for s in range(n):
        b = block[s]
        if b not in order:
            continue
        states[order[b]] = [order[block[t]] if t >= 0 else -1 for t in transitions[s]]
        finals[order[b]] = accepting[s]
    return states, finals


def matches(dfa, digits):
    transitions, accepting = dfa
    s = 0
    for c in digits:
        s = transitions[s][ord(c) - 48]
        if s < 0:
            return False
    return accepting[s]


def prefix_lengths(dfa, digits):
    transitions, accepting = dfa
    s = 0
    out = [0] if accepting[0] else []
    for i, c in enumerate(digits):
        s = transitions[s][ord(c) - 48]
        if s < 0:
            break
        if accepting[s]:
            out.append(i + 1)
    return out
