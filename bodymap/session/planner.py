"""Turn the advisor's routine into a timed session plan for one preset.

Only plannable steps enter a plan (:func:`step_is_plannable`): a step for a muscle that is
not rolled, or one to check with a clinician first, never does. Steps are chosen by rank
until the preset's time is used, then ordered so the person changes position as little as
possible: by body position, then tool, then side (right, both, left).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bodymap.advisor import Advice, RollingStep, Source
from bodymap.advisor.routine import in_step_order
from bodymap.knowledge import load_knowledge
from bodymap.session.model import Phase, SessionPlan, SessionStep
from bodymap.session.presets import MAX_ON_POINT_S, PRESETS, Preset
from bodymap.words import position_words, tender_point, titled, tool_noun, tool_words

__all__ = ["plan_session", "step_is_plannable", "step_spots", "step_view"]

_MIN_AROUND_S = 15
_MAX_FILL_S = 120
_BEGINNER_PASS_S = 75


def step_spots(step: RollingStep, sources: Sequence[Source]) -> tuple[int, ...]:
    """The spot indices (from 0) a step serves: the advisor's own list, else the spots its
    source explains."""
    if step.spots:
        return step.spots
    for source in sources:
        if (source.muscle, source.side) == (step.muscle, step.side):
            return tuple(sorted({reason.spot for reason in source.reasons}))
    return ()


def step_view(step: RollingStep, sources: Sequence[Source], advice: Advice) -> str:
    """The view that shows the step best: the advisor's (where its roll zone is), else the
    view holding most of its trigger-point sites, else the view of its first spot."""
    if step.view:
        return step.view
    counts: dict[str, int] = {}
    for source in sources:
        if (source.muscle, source.side) == (step.muscle, step.side):
            for view, _x, _y in source.trigger_points:
                counts[view] = counts.get(view, 0) + 1
    if counts:
        return max(sorted(counts), key=lambda v: counts[v])
    spots = step_spots(step, sources)
    return advice.spots[spots[0]].view if spots else "front"


def step_is_plannable(step: RollingStep, spots: Sequence[int]) -> bool:
    """True for a step a session may time: a rolled muscle (it has a tool and a roll zone
    clear of the caution zones) and at least one spot served. (A source a clinician must
    clear first, for a tingling or numb spot, is never a routine step at all.)"""
    if step.tool == "none":
        return False
    zone = step.roll_zone
    if zone is not None and (not getattr(zone, "rollable", True) or zone.geometry.is_empty):
        return False
    return bool(spots)


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: int
    step: RollingStep
    view: str
    spots: tuple[int, ...]
    sites: tuple[tuple[float, float], ...]

    @property
    def sides(self) -> tuple[str, ...]:
        """The passes a step takes: one a side for a step on both sides, but one only for
        a step whose technique works both sides at once (the balls either side of the
        spine), said without a side."""
        if self.step.side == "both":
            return ("midline",) if self.step.both_sides else ("right", "left")
        return (self.step.side,)


def _on_point_s(step: RollingStep, rule: str) -> int:
    low, high = step.on_point_s
    high = max(low, min(high, MAX_ON_POINT_S))
    low = min(low, high)
    if rule == "low":
        return low
    if rule == "mid":
        return (low + high) // 2 // 5 * 5 or low
    return high


def _around_s(step: RollingStep, preset: Preset, on_point: int, beginner: bool, fill: int) -> int:
    if preset.around == "fill":
        return fill
    if preset.around == "pass":
        whole = _BEGINNER_PASS_S if beginner else preset.pass_s
        return max(_MIN_AROUND_S, whole - on_point)
    low, high = step.around_min
    return 60 * (low if beginner or preset.around == "low" else high)


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _where(step: RollingStep, side: str) -> str:
    name = _lower(step.name)
    return name if side == "midline" else f"{side} {name}"


def _setup_text(step: RollingStep, side: str) -> str:
    position = position_words(step.position)
    if step.tool == "hands":
        tool = tool_words(step.tool, step.tool_detail)
        return f"{position}: work your {_where(step, side)} with {tool}."
    tool = tool_noun(step.tool, step.tool_detail)
    return f"{position}, the {tool} under your {_where(step, side)}."


def _pinches(step: RollingStep) -> bool:
    """A step worked only by pinching the muscle between thumb and fingers (the
    sternocleidomastoid beside the neck's great vessels): it is held and squeezed, never
    rested on or rolled."""
    return step.tool == "hands" and step.tool_detail.startswith("pinch")


def _gentle_text(where: str) -> str:
    place = f" {where}" if where else ""
    return f"Work slowly and gently{place}. No holding on a point."


def _on_point_text(seconds: int, where: str = "") -> str:
    point = tender_point(where, which="most")
    return (
        f"Find the {point}{',' if where else ''} and rest on it for {seconds} s; "
        "breathe out slowly and let it soften."
    )


def _switch_text(cand: _Candidate, after: _Candidate) -> str:
    if after.step.position == cand.step.position:
        sides = {cand.step.side, after.step.side}
        if sides == {"right", "left"}:  # the same position on the other side
            turn = (
                "turn onto your other side"
                if after.step.position == "side_lying"
                else f"move to your {after.step.side} side"
            )
            return f"Ease off and {turn}. Next: {_title(after)}."
        return f"Ease off. Next: {_title(after)}."
    position = position_words(after.step.position).lower()
    return f"Ease off and change position ({position}). Next: {_title(after)}."


def _phases(
    cand: _Candidate, preset: Preset, beginner: bool, fill: int, after: _Candidate | None
) -> tuple[Phase, ...]:
    step = cand.step
    rule = "low" if beginner else preset.on_point
    on_point = _on_point_s(step, rule)
    around = _around_s(step, preset, on_point, beginner, fill)
    setup_s = preset.setup_s + (5 if beginner else 0)
    phases = [Phase("setup", setup_s, _setup_text(step, cand.sides[0]))]
    for number, side in enumerate(cand.sides):
        if number:
            phases.append(
                Phase("switch", preset.switch_s, f"Other side: {_where(step, side)} next.")
            )
        if _pinches(step):  # the tables' words: a pinch never presses in
            pinch = load_knowledge()
            phases.append(Phase("on_point", on_point, pinch.pinch_hold.format(s=on_point)))
            phases.append(Phase("around", around, pinch.pinch_around))
        elif not step.holds:  # no point is held: only gentle work where the record says
            phases.append(Phase("around", around, _gentle_text(step.hold_where)))
        else:
            phases.append(Phase("on_point", on_point, _on_point_text(on_point, step.hold_where)))
            phases.append(Phase("around", around, preset.around_text))
    if after is not None:
        phases.append(Phase("switch", preset.switch_s, _switch_text(cand, after)))
    return tuple(phases)


def _title(cand: _Candidate) -> str:
    return titled(cand.step.name, cand.step.side)


def _order(chosen: Sequence[_Candidate]) -> list[_Candidate]:
    return in_step_order(sorted(chosen, key=lambda c: c.rank), lambda c: c.step)


def _build(
    chosen: Sequence[_Candidate], preset: Preset, beginner: bool, fill: int
) -> tuple[SessionStep, ...]:
    ordered = _order(chosen)
    steps = []
    for index, cand in enumerate(ordered):
        after = ordered[index + 1] if index + 1 < len(ordered) else None
        step = cand.step
        steps.append(
            SessionStep(
                muscle=step.muscle,
                side=step.side,
                name=step.name,
                view=cand.view,
                tool=step.tool,
                position=step.position,
                spots=cand.spots,
                phases=_phases(cand, preset, beginner, fill, after),
                on_point_range=step.on_point_s,
                sites=cand.sites,
                cautions=step.cautions,
                hold_where=step.hold_where,
            )
        )
    return tuple(steps)


def _fill(chosen: Sequence[_Candidate], preset: Preset, beginner: bool) -> int:
    """Seconds per pass that bring a "fill" preset to its target."""
    if preset.around != "fill" or not chosen:
        return _MIN_AROUND_S
    passes = sum(len(c.sides) for c in chosen)
    built = _build(chosen, preset, beginner, _MIN_AROUND_S)
    fixed = sum(s.seconds for s in built) - passes * _MIN_AROUND_S
    target = preset.target_s - (30 if beginner else 0)
    share = -(-(target - fixed) // (passes * 5)) * 5  # whole five seconds, rounded up
    return max(_MIN_AROUND_S, min(_MAX_FILL_S, share))


def _candidates(advice: Advice, preset: Preset) -> list[_Candidate]:
    ranks = {(s.muscle, s.side): rank for rank, s in enumerate(advice.sources)}
    # a warm-up takes the routine's warm-up first, the steps the printed guide lists
    warm = [(w.muscle, w.side) for w in advice.routine.warmup] if preset.warmup_first else []
    first = {key: i for i, key in enumerate(warm)}
    not_rolled = {(n.muscle, n.side) for n in advice.routine.not_rolled}
    out = []
    for step in advice.routine.steps:
        spots = step_spots(step, advice.sources)
        if not step_is_plannable(step, spots) or step.tool not in preset.tools:
            continue
        if (step.muscle, step.side) in not_rolled:
            continue
        view = step_view(step, advice.sources, advice)
        sites: tuple[tuple[float, float], ...] = ()
        for source in advice.sources:
            if (source.muscle, source.side) == (step.muscle, step.side):
                sites = tuple((x, y) for v, x, y in source.trigger_points if v == view)
        # a step for both sides at once ranks as its better side, as the routine ranks it
        pair = [ranks[(step.muscle, s)] for s in ("right", "left") if (step.muscle, s) in ranks]
        rank = ranks.get((step.muscle, step.side), min(pair, default=len(ranks)))
        out.append(_Candidate(rank, step, view, spots, sites))
    return sorted(out, key=lambda c: (first.get((c.step.muscle, c.step.side), len(first)), c.rank))


def plan_session(
    advice: Advice,
    preset: str,
    *,
    beginner: bool = False,
    presets: Mapping[str, Preset] = PRESETS,
) -> SessionPlan:
    """The timed session for ``preset`` (``warmup``, ``cooldown``, ``bedtime``, ``full``).

    Steps are taken in rank order while the session stays within the preset's longest
    time (and its number of passes); the ones that do not fit are named in ``left_out``.
    Raises ``KeyError`` for an unknown preset.
    """
    rules = presets[preset]
    _low, ceiling = rules.bounds(beginner)
    chosen: list[_Candidate] = []
    left_out: list[str] = []
    for cand in _candidates(advice, rules):
        trial = [*chosen, cand]
        passes = sum(len(c.sides) for c in trial)
        too_many = rules.max_passes is not None and passes > rules.max_passes
        total = sum(s.seconds for s in _build(trial, rules, beginner, _MIN_AROUND_S))
        if too_many or (ceiling is not None and total > ceiling):
            left_out.append(_title(cand))
            continue
        chosen.append(cand)
    fill = _fill(chosen, rules, beginner)
    steps = _build(chosen, rules, beginner, fill)
    return SessionPlan(
        preset=rules.name,
        beginner=beginner,
        steps=steps,
        left_out=tuple(left_out),
        not_rolled=tuple(titled(n.name, n.side) for n in advice.routine.not_rolled),
        empty_reason="" if steps else _empty_reason(advice, rules),
    )


def _empty_reason(advice: Advice, rules: Preset) -> str:
    """Why a session for ``advice`` has no step: it must never read as if nothing were
    marked when the spots' muscles wait for a clinician or are not rolled at all."""
    routine = advice.routine
    if not advice.spots:
        return "Nothing to roll yet: mark a sore spot on the body map first."
    if routine.held_places and not routine.steps:
        # and the warning signs the spots raise: numbness can be urgent (a stroke, the
        # cauda equina), and this screen is otherwise a dead end
        lines = [place.text for place in routine.held_places]
        warnings = [flag.text for flag in advice.red_flags]
        return "\n\n".join([" ".join([*lines, routine.held_why]), *warnings])
    if not routine.steps:
        return (
            "Nothing to roll for these spots: the advice panel says what to do instead, "
            "and when to see a clinician."
        )
    tools = " or ".join(tool_words(tool) for tool in rules.tools)
    return (
        f"A {rules.label.lower()} session uses only a {tools}, and none of this routine's "
        "steps uses one. Choose another session type."
    )
