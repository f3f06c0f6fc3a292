"""The verbs that change a map: `add_spot`, `move_spot`, `edit_spot`, `remove_spot`,
`set_area`, `check_in`, `check_in_today`, `edit_check_in`, `delete_check_in`,
`answer_press_test`, `record_session` and `rename`; `todays_check_in` says which check-in
the "today" mode updates, `becomes_latest` whether a check-in is the map's latest and
`with_current_pain` the spot edits that go with it.

Each verb checks its input, builds the operation (with its exact inverse) and by default
applies it; ``apply=False`` only builds it, for an undo stack that applies by redoing.
Bad input raises ValueError before anything changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from typing import TypeVar

from bodymap.maps.model import TriggerPointMap
from bodymap.maps.operations import (
    AddSpot,
    Batch,
    CheckInOp,
    EditCheckIn,
    EditSpot,
    MoveSpot,
    Operation,
    RemoveSpot,
    Rename,
    SessionOp,
    SetArea,
    SetPressAnswer,
    answers_of,
    clash,
    readings_of,
    spot_index,
)
from bodymap.maps.values import (
    MIN_SESSION_SECONDS,
    Area,
    CheckIn,
    PressAnswer,
    SessionRecord,
    Spot,
    check_intensity,
    check_side,
    check_utc,
    local_minute,
    new_spot_id,
    side_for,
    utc_now,
)

__all__ = [
    "add_spot",
    "answer_press_test",
    "becomes_latest",
    "check_in",
    "check_in_today",
    "delete_check_in",
    "edit_check_in",
    "edit_spot",
    "move_spot",
    "record_session",
    "remove_spot",
    "rename",
    "set_area",
    "todays_check_in",
    "with_current_pain",
]


_Op = TypeVar("_Op", bound=Operation)


def _run(tpm: TriggerPointMap, op: _Op, apply: bool) -> _Op:
    """``op``, applied to ``tpm`` first when ``apply`` (and it changes anything)."""
    if apply and not op.is_noop:
        op.apply(tpm)
    return op


def add_spot(
    tpm: TriggerPointMap,
    view: str,
    x: float,
    y: float,
    side: str,
    intensity: int = 5,
    kind: str = "ache",
    note: str = "",
    index: int | None = None,
    *,
    apply: bool = True,
) -> AddSpot:
    """Add a new spot (at the end, or at ``index``); ValueError for bad values.

    With ``apply=False`` the operation is only built (e.g. for ``QUndoStack.push``, which
    applies it by calling redo).
    """
    spot_id = new_spot_id()
    while tpm.has_spot(spot_id):
        spot_id = new_spot_id()
    spot = Spot(spot_id, view, x, y, side, intensity, kind, note, utc_now())
    check_side(spot.view, spot.x, spot.side)
    return _run(tpm, AddSpot(spot, len(tpm.spots) if index is None else index), apply)


def move_spot(
    tpm: TriggerPointMap,
    spot_id: str,
    x: float,
    y: float,
    side: str | None = None,
    *,
    apply: bool = True,
) -> MoveSpot:
    """Move a spot to (x, y); ``side`` defaults to the side of ``x`` in the spot's view."""
    spot = tpm.spots[spot_index(tpm, spot_id)]
    new_side = side_for(spot.view, x) if side is None else side
    moved = dataclasses.replace(spot, x=x, y=y, side=new_side)  # validates before any change
    check_side(moved.view, moved.x, moved.side)
    op = MoveSpot(spot_id, (spot.x, spot.y), (float(x), float(y)), spot.side, new_side)
    return _run(tpm, op, apply)


def edit_spot(
    tpm: TriggerPointMap,
    spot_id: str,
    *,
    intensity: int | None = None,
    kind: str | None = None,
    note: str | None = None,
    apply: bool = True,
) -> EditSpot:
    """Change a spot's intensity (whole number 0–10), kind (one of PAIN_KINDS) and/or note
    (at most 2,000 characters); the fields left None stay as they are."""
    spot = tpm.spots[spot_index(tpm, spot_id)]
    after: dict[str, int | str] = {}
    if intensity is not None:
        after["intensity"] = intensity
    if kind is not None:
        after["kind"] = kind
    if note is not None:
        after["note"] = note
    dataclasses.replace(spot, **after)  # type: ignore[arg-type]  # validates
    before: dict[str, int | str] = {key: getattr(spot, key) for key in after}
    return _run(tpm, EditSpot(spot_id, before, after), apply)


def remove_spot(tpm: TriggerPointMap, spot_id: str, *, apply: bool = True) -> RemoveSpot:
    """Delete a spot and its check-in readings (undo puts both back)."""
    index = spot_index(tpm, spot_id)
    op = RemoveSpot(tpm.spots[index], index, readings_of(tpm, spot_id), answers_of(tpm, spot_id))
    return _run(tpm, op, apply)


def set_area(
    tpm: TriggerPointMap,
    spot_id: str,
    area: Area | None,
    point: tuple[float, float] | None = None,
    *,
    apply: bool = True,
) -> SetArea:
    """Give a spot a pain area, change it, or take it away (``None``). The spot's point moves
    to ``point`` if given, else stays if it lies inside the new area, else moves to a point
    inside it; its side follows the point."""
    spot = tpm.spots[spot_index(tpm, spot_id)]
    if point is None:
        inside = area is None or area.contains(spot.x, spot.y)
        point = (spot.x, spot.y) if inside else area.inner_point()  # type: ignore[union-attr]
    x, y = float(point[0]), float(point[1])
    side = spot.side if (x, y) == (spot.x, spot.y) else side_for(spot.view, x)
    dataclasses.replace(spot, x=x, y=y, side=side, area=area)  # validates before any change
    op = SetArea(spot_id, spot.area, area, (spot.x, spot.y), (x, y), spot.side, side)
    return _run(tpm, op, apply)


def _readings(tpm: TriggerPointMap, intensities: Mapping[str, int]) -> dict[str, int]:
    for spot_id, value in intensities.items():
        spot_index(tpm, spot_id)
        check_intensity(value, f"intensity for spot {tpm.index_of(spot_id) + 1}")
    return dict(intensities)


def check_in(
    tpm: TriggerPointMap,
    intensities: Mapping[str, int] | None = None,
    at: datetime | None = None,
    *,
    note: str = "",
    apply: bool = True,
) -> CheckInOp:
    """Log how the spots feel now (or ``at``, to back-date): by default every spot's current
    intensity; ``note`` says anything about the moment ("after a long drive")."""
    if intensities is None:
        if not tpm.spots:
            raise ValueError("there are no spots to check in")
        intensities = {spot.id: spot.intensity for spot in tpm.spots}
    if not intensities:  # a check-in with nothing in it would draw nothing and say nothing
        raise ValueError("a check-in needs the reading of at least one spot")
    intensities = _readings(tpm, intensities)
    if at is None:
        at = utc_now()
        if tpm.history and at <= tpm.history[-1].at:
            at = tpm.history[-1].at + timedelta(microseconds=1)
    at = check_utc(at, "check-in time")
    if any(c.at == at for c in tpm.history):
        raise clash(at)
    return _run(tpm, CheckInOp(CheckIn(at, intensities, note)), apply)


def _find_check_in(tpm: TriggerPointMap, at: datetime) -> CheckIn:
    at = check_utc(at, "check-in time")
    for checkin in tpm.history:
        if checkin.at == at:
            return checkin
    raise ValueError(f"there is no check-in at {local_minute(at)}")


def edit_check_in(
    tpm: TriggerPointMap,
    at: datetime,
    *,
    intensities: Mapping[str, int] | None = None,
    note: str | None = None,
    new_at: datetime | None = None,
    apply: bool = True,
) -> EditCheckIn:
    """Change the check-in logged at ``at``: its readings (replaced as a whole), its note
    and/or its time; the fields left None stay as they are."""
    before = _find_check_in(tpm, at)
    after = CheckIn(
        before.at if new_at is None else new_at,
        before.intensities if intensities is None else _readings(tpm, intensities),
        before.note if note is None else note,
    )
    if after.at != before.at and any(c.at == after.at for c in tpm.history):
        raise clash(after.at)
    return _run(tpm, EditCheckIn(before, after), apply)


def delete_check_in(tpm: TriggerPointMap, at: datetime, *, apply: bool = True) -> CheckInOp:
    """Delete the check-in logged at ``at`` (undo puts it back)."""
    return _run(tpm, CheckInOp(_find_check_in(tpm, at), remove=True), apply)


def todays_check_in(
    tpm: TriggerPointMap, *, now: datetime | None = None, tz: tzinfo | None = None
) -> CheckIn | None:
    """The check-in `check_in_today` would update: the latest one on today's date (in
    ``tz``, default the computer's local time zone) up to ``now``; None when there is none,
    or on a day with a rolling session, when every check-in is kept (a session's before and
    after readings must not be overwritten by a later reading)."""
    now = check_utc(now or utc_now(), "check-in time")
    today = now.astimezone(tz).date()
    if any(s.start.astimezone(tz).date() == today for s in tpm.sessions):
        return None
    return next(
        (c for c in reversed(tpm.history) if c.at <= now and c.at.astimezone(tz).date() == today),
        None,
    )


def check_in_today(
    tpm: TriggerPointMap,
    intensities: Mapping[str, int] | None = None,
    *,
    note: str | None = None,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    at: datetime | None = None,
    apply: bool = True,
) -> CheckInOp | EditCheckIn:
    """The "today" mode of checking in: if `todays_check_in` finds one, update it — the
    given readings replace its readings for those spots, others are kept, ``note`` replaces
    its note when given (``""`` clears it; None keeps it), and its time stays, or moves to
    ``at`` — instead of adding a second; otherwise add one like `check_in` (now, or at
    ``at``). ``at`` must fall on today's date (in ``tz``): a check-in on another day is
    never today's, and ValueError says so."""
    now = check_utc(now or utc_now(), "check-in time")
    if at is not None:
        at = check_utc(at, "check-in time")
        if at.astimezone(tz).date() != now.astimezone(tz).date():
            raise ValueError(
                f"{at.astimezone(tz):%Y-%m-%d} is not today: only today's check-in can be updated"
            )
    latest = todays_check_in(tpm, now=now, tz=tz)
    if latest is None:
        return check_in(tpm, intensities, at or now, note=note or "", apply=apply)
    if intensities is None:
        intensities = {spot.id: spot.intensity for spot in tpm.spots}
    readings = {**latest.intensities, **_readings(tpm, intensities)}
    return edit_check_in(tpm, latest.at, intensities=readings, note=note, new_at=at, apply=apply)


def becomes_latest(tpm: TriggerPointMap, step: CheckInOp | EditCheckIn) -> bool:
    """Whether the check-in ``step`` adds (or updates, or moves) is the map's latest once
    it is done: only then do its readings become the spots' current intensities."""
    if isinstance(step, EditCheckIn):
        at, replaced = step.after.at, step.before.at
    else:
        at, replaced = step.checkin.at, None
    return all(c.at <= at for c in tpm.history if c.at != replaced)


def with_current_pain(
    tpm: TriggerPointMap, step: CheckInOp | EditCheckIn, readings: Mapping[str, int]
) -> Batch:
    """The check-in ``step`` (not applied) with the spot edits that go with it, as one
    change: when it is the map's latest once done (`becomes_latest`), each of its
    ``readings`` becomes its spot's current intensity, except that a check-in added
    back-dated to before a spot was marked is that spot's past, not its pain now (a spot
    marked 7/10 today went to 5/10 by check-ins dated last week). Today's check-in
    updated (an `EditCheckIn`) is the pain now, whatever its time of day."""
    added = step.checkin.at if isinstance(step, CheckInOp) else None
    edits: list[Operation] = []
    if becomes_latest(tpm, step):
        for spot in tpm.spots:
            value = readings.get(spot.id)
            if value is None or value == spot.intensity:
                continue
            if added is None or spot.created <= added:
                edits.append(edit_spot(tpm, spot.id, intensity=value, apply=False))
    return Batch((*edits, step), "Check in")


def answer_press_test(
    tpm: TriggerPointMap,
    spot_id: str,
    muscle: str,
    side: str,
    answer: str | None,
    at: datetime | None = None,
    *,
    apply: bool = True,
) -> SetPressAnswer:
    """Record the answer (``yes``, ``partly`` or ``no``) to "does pressing ``muscle`` on
    ``side`` reproduce the pain at this spot?", replacing an earlier answer; ``None``
    clears it."""
    spot_index(tpm, spot_id)
    old = tpm.answer(spot_id, muscle, side)
    new = None if answer is None else PressAnswer(spot_id, muscle, side, answer, at or utc_now())
    if old is None and new is None:
        raise ValueError(f"spot {spot_id} has no press-test answer for {muscle} ({side})")
    return _run(tpm, SetPressAnswer(old, new), apply)


def record_session(
    tpm: TriggerPointMap,
    preset: str,
    start: datetime,
    duration_s: int,
    steps_done: int,
    *,
    apply: bool = True,
) -> SessionOp:
    """Store a rolling session the person did (undo takes it out again); ValueError for
    one that does not count (`session_counts`: no step done and under a minute)."""
    record = SessionRecord(preset, start, duration_s, steps_done)
    if not record.counts:
        raise ValueError(
            f"a session with no step done and under {MIN_SESSION_SECONDS} s is not kept "
            f"({duration_s} s)"
        )
    return _run(tpm, SessionOp(record), apply)


def rename(tpm: TriggerPointMap, new_name: str, *, apply: bool = True) -> Rename:
    """Give the map a new (profile) name: 1–200 characters, not blank."""
    TriggerPointMap(new_name)  # validates
    return _run(tpm, Rename(tpm.name, new_name), apply)
