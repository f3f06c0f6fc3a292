"""The personal trigger-point map: ordered spots and check-ins, and the observers it notifies.

A `TriggerPointMap` is changed only through `bodymap.maps.operations`, which keeps one
path for every change and an inverse for each. The values it holds (spots, check-ins,
their limits) live in `bodymap.maps.values`; `Change`, what observers receive, is
re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from bodymap.maps.values import (
    DATE_RANGE,
    MAX_SPOTS,
    Change,
    CheckIn,
    PressAnswer,
    SessionRecord,
    Spot,
    TrendLabel,
    check_limits,
    check_map_name,
    check_utc,
    utc_now,
)
from bodymap.trend import TREND_WINDOW_S, Trend, recent_trend

__all__ = ["Change", "TriggerPointMap"]


class TriggerPointMap:
    """A user's personal map: named, ordered spots (number = index + 1), their check-ins,
    press-test answers (sorted by spot, muscle, side) and rolling sessions (by start).

    Read it through the properties; change it only through `bodymap.maps.operations`.
    Observers ``subscribe`` and receive a `Change` once per applied operation.
    """

    def __init__(
        self,
        name: str = "My map",
        spots: Iterable[Spot] = (),
        history: Iterable[CheckIn] = (),
        created: datetime | None = None,
        modified: datetime | None = None,
        answers: Iterable[PressAnswer] = (),
        sessions: Iterable[SessionRecord] = (),
    ) -> None:
        now = utc_now()
        self._name = check_map_name(name)
        self._created = check_utc(created or now, "created")
        self._modified = check_utc(modified or self._created, "modified")
        self._spots = tuple(spots)
        self._history = tuple(history)
        self._answers = tuple(sorted(answers, key=_answer_key))
        self._sessions = tuple(sorted(sessions, key=_session_key))
        self._subscribers: list[Callable[[Change], None]] = []
        self._revision = 0
        self._held = 0  # > 0 while changes are grouped (see changes_together)
        self._held_revision = 0
        self._validate()

    def _validate(self) -> None:
        if len(self._spots) > MAX_SPOTS:
            raise ValueError(f"a map holds at most {MAX_SPOTS:,} spots, got {len(self._spots):,}")
        ids: set[str] = set()
        for spot in self._spots:
            if not isinstance(spot, Spot):
                raise ValueError(f"spots must be Spot values, got {type(spot).__name__}")
            if spot.id in ids:
                raise ValueError(f"two spots share the id {spot.id}")
            ids.add(spot.id)
        for checkin in self._history:
            if not isinstance(checkin, CheckIn):
                raise ValueError(f"history must hold CheckIn values, got {type(checkin).__name__}")
            if not ids.issuperset(checkin.intensities):
                unknown = sorted(set(checkin.intensities) - ids)
                raise ValueError(f"a check-in names an unknown spot {unknown[0]}")
        if any(a.at >= b.at for a, b in zip(self._history, self._history[1:], strict=False)):
            raise ValueError("history must be in time order, one check-in per moment")
        keys: set[tuple[str, str, str]] = set()
        for answer in self._answers:
            if not isinstance(answer, PressAnswer):
                raise ValueError(f"answers must be PressAnswer values, got {type(answer).__name__}")
            if answer.spot_id not in ids:
                raise ValueError(f"a press-test answer names an unknown spot {answer.spot_id}")
            if answer.key in keys:
                raise ValueError(
                    f"two press-test answers for spot {answer.spot_id}, {answer.muscle} "
                    f"({answer.side})"
                )
            keys.add(answer.key)
        for session in self._sessions:
            if not isinstance(session, SessionRecord):
                raise ValueError(
                    f"sessions must be SessionRecord values, got {type(session).__name__}"
                )
        check_limits(self._name, self._spots, self._history, self._answers, self._sessions)

    # -- reading -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The profile name shown in the title bar and on the printed guide."""
        return self._name

    @property
    def created(self) -> datetime:
        return self._created

    @property
    def modified(self) -> datetime:
        return self._modified

    @property
    def spots(self) -> tuple[Spot, ...]:
        return self._spots

    @property
    def history(self) -> tuple[CheckIn, ...]:
        """Check-ins in time order (several a day are fine)."""
        return self._history

    @property
    def answers(self) -> tuple[PressAnswer, ...]:
        """Press-test answers, one per (spot, muscle, side), sorted by that key."""
        return self._answers

    @property
    def sessions(self) -> tuple[SessionRecord, ...]:
        """Rolling sessions done, oldest start first."""
        return self._sessions

    def answers_for(self, spot_id: str) -> tuple[PressAnswer, ...]:
        """The press-test answers about one spot."""
        return tuple(a for a in self._answers if a.spot_id == spot_id)

    def answer(self, spot_id: str, muscle: str, side: str) -> PressAnswer | None:
        """The answer for one spot and source (muscle on a side), or None."""
        for candidate in self._answers:
            if candidate.key == (spot_id, muscle, side):
                return candidate
        return None

    @property
    def revision(self) -> int:
        """Counts applied changes since this object was made (for autosave bookkeeping)."""
        return self._revision

    def __len__(self) -> int:
        return len(self._spots)

    def __repr__(self) -> str:
        return (
            f"TriggerPointMap(name={self._name!r}, spots={len(self._spots)}, "
            f"history={len(self._history)}, answers={len(self._answers)}, "
            f"sessions={len(self._sessions)})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TriggerPointMap):
            return NotImplemented
        return self.state() == other.state()

    __hash__ = None  # type: ignore[assignment]

    def state(self) -> tuple[object, ...]:
        """Everything saved in a file, as one comparable value."""
        return (self._created, self._modified, *self.content())

    def content(
        self,
    ) -> tuple[
        str,
        tuple[Spot, ...],
        tuple[CheckIn, ...],
        tuple[PressAnswer, ...],
        tuple[SessionRecord, ...],
    ]:
        """What the user made (name, spots, history, answers, sessions), ignoring the map's
        own timestamps."""
        return (self._name, self._spots, self._history, self._answers, self._sessions)

    def spot_by_id(self, spot_id: str) -> Spot:
        """The spot with this id; KeyError if there is none."""
        return self._spots[self.index_of(spot_id)]

    def index_of(self, spot_id: str) -> int:
        """The position of the spot with this id (its number is this + 1); KeyError if none."""
        for index, spot in enumerate(self._spots):
            if spot.id == spot_id:
                return index
        raise KeyError(f"no spot with id {spot_id!r}")

    def has_spot(self, spot_id: str) -> bool:
        return any(spot.id == spot_id for spot in self._spots)

    def trend(self, spot_id: str) -> list[tuple[datetime, int]]:
        """The spot's check-in readings, oldest first."""
        return [(c.at, c.intensities[spot_id]) for c in self._history if spot_id in c.intensities]

    def recent_trend(self, spot_id: str) -> Trend:
        """The spot's recent trend (`bodymap.trend`): the change over its latest
        run of readings, and "better", "worse", "steady", "new" or "resumed"."""
        tail: list[tuple[float, int]] = []
        for checkin in reversed(self._history):
            if spot_id not in checkin.intensities:
                continue
            at = checkin.at.timestamp()
            tail.append((at, checkin.intensities[spot_id]))
            if tail[0][0] - at > TREND_WINDOW_S:
                break  # the trend never looks further back; this one only shows it is not new
        tail.reverse()
        return recent_trend([at for at, _ in tail], [value for _, value in tail])

    def latest_reading(self, spot_id: str) -> int | None:
        """The spot's reading at its latest check-in; None if no check-in rated it."""
        for checkin in reversed(self._history):
            if spot_id in checkin.intensities:
                return checkin.intensities[spot_id]
        return None

    def trend_label(self, spot_id: str) -> TrendLabel:
        """The label of the spot's recent trend (`recent_trend`)."""
        return self.recent_trend(spot_id).label

    # -- observing -----------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    @contextmanager
    def changes_together(self) -> Iterator[None]:
        """Group several changes: subscribers hear nothing until the end, then one
        ``Change("reset")`` if anything changed (e.g. a check-in that also edits spots)."""
        if not self._held:
            self._held_revision = self._revision
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._revision != self._held_revision:
                self._notify(Change("reset"))

    def _notify(self, change: Change) -> None:
        if self._held:
            return  # changes_together sends one notice at its end
        errors: list[BaseException] = []
        for callback in list(self._subscribers):
            try:
                callback(change)
            except Exception as exc:  # one broken view must not starve the others
                errors.append(exc)
        if errors:
            raise errors[0]

    # -- changing (operations only) ------------------------------------------------------
    def _commit(
        self,
        change: Change,
        *,
        spots: tuple[Spot, ...] | None = None,
        history: tuple[CheckIn, ...] | None = None,
        name: str | None = None,
        answers: tuple[PressAnswer, ...] | None = None,
        sessions: tuple[SessionRecord, ...] | None = None,
    ) -> None:
        """Install a new state, bump ``modified`` and notify once. Used by operations.
        ValueError, with nothing changed, if the new state is larger than a map may be."""
        check_limits(
            self._name if name is None else check_map_name(name),
            self._spots if spots is None else spots,
            self._history if history is None else history,
            self._answers if answers is None else answers,
            self._sessions if sessions is None else sessions,
        )
        if spots is not None:
            self._spots = spots
        if history is not None:
            self._history = history
        if answers is not None:
            self._answers = answers
        if sessions is not None:
            self._sessions = sessions
        if name is not None:
            self._name = check_map_name(name)
        self._modified = max(utc_now(), self._modified)
        self._revision += 1
        self._notify(change)

    def replace_with(self, other: TriggerPointMap) -> None:
        """Take over another map's whole content (e.g. reverting to the saved file), keeping
        subscribers; sends ``Change("reset")``. Not undoable: clear the undo stack too."""
        self._name, self._created, self._modified = other.name, other.created, other.modified
        self._spots, self._history = other.spots, other.history
        self._answers, self._sessions = other.answers, other.sessions
        self._revision += 1
        self._notify(Change("reset"))


def _answer_key(answer: PressAnswer) -> tuple[str, str, str]:
    return answer.key if isinstance(answer, PressAnswer) else ("", "", "")


def _session_key(session: SessionRecord) -> datetime:
    return session.start if isinstance(session, SessionRecord) else DATE_RANGE[0]
