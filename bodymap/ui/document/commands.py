"""The undo stack's only kind of command: apply a `bodymap.maps` operation or its inverse.

Every edit the user makes (add, move, edit, delete, check in, rename) is built by a verb in
`bodymap.maps.operations` with ``apply=False`` and pushed as an `OperationCommand`; the
stack then applies it (``redo``) and can take it back (``undo``). Nothing else changes a map,
with one exception that is part of saving rather than an edit: an "Untitled map" takes the
name of the file it is first saved as (`MapDocument.save_as`), outside the stack, so Undo
never renames a saved map. Any later new name is an edit like any other: File → Rename
Map… pushes `Rename` ("Rename map"), and Save As names only the file.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from bodymap.maps.model import TriggerPointMap
from bodymap.maps.operations import (
    AddSpot,
    Batch,
    EditSpot,
    MoveSpot,
    Operation,
    RemoveSpot,
)
from bodymap.maps.values import Spot
from bodymap.words import spot_noun

__all__ = ["NUDGE_ID", "OperationCommand", "describe"]

NUDGE_ID = 1
"""`QUndoCommand.id` of keyboard nudges: consecutive nudges of one spot merge."""


def describe(tpm: TriggerPointMap, op: Operation) -> str:
    """The Undo menu's name for ``op`` on ``tpm`` before it is applied ("Move spot 2")."""
    if isinstance(op, AddSpot):
        return f"Add {_noun(op.spot)} {op.index + 1}"
    if isinstance(op, RemoveSpot):
        return f"Delete {_noun(op.spot)} {op.index + 1}"
    if isinstance(op, MoveSpot | EditSpot) and tpm.has_spot(op.spot_id):
        index = tpm.index_of(op.spot_id)
        which = f"{_noun(tpm.spots[index])} {index + 1}"
        if isinstance(op, MoveSpot):
            return f"Move {which}"
        return _edit_words(which, op)
    if isinstance(op, Batch):
        return op.label
    return op.text


_FIELD_WORDS = {"intensity": "intensity", "kind": "kind of pain", "note": "note"}


def _edit_words(which: str, op: EditSpot) -> str:
    """An edit named by what it changes: "Set spot 2's intensity to 6", "Set area 1's
    kind of pain", "Edit spot 3's note"; "Edit spot 2" when it changes several."""
    changed = [name for name in op.after if op.after[name] != op.before[name]]
    if len(changed) != 1:
        return f"Edit {which}"
    name = changed[0]
    if name == "intensity":
        return f"Set {which}'s intensity to {op.after[name]}"
    verb = "Edit" if name == "note" else "Set"
    return f"{verb} {which}'s {_FIELD_WORDS[name]}"


def _noun(spot: Spot) -> str:
    """How the spot list names it: "Area 3" for a painted area, "Spot 3" for a point."""
    return spot_noun(spot.area is not None)


class OperationCommand(QUndoCommand):
    """One undo step: ``redo`` applies ``op`` to ``tpm``, ``undo`` applies its inverse.

    If the map is no longer in the state the operation expects (which only a bug elsewhere
    could cause), the command marks itself obsolete so the stack drops it, and keeps the
    error in ``error`` instead of leaving a half-applied change.
    """

    def __init__(
        self,
        tpm: TriggerPointMap,
        op: Operation,
        text: str | None = None,
        parent: QUndoCommand | None = None,
        *,
        merge_id: int = -1,
    ) -> None:
        """``merge_id`` other than -1 lets the stack merge this command into the one before
        it with the same id when their operations combine (`MoveSpot.merged`)."""
        super().__init__(text or describe(tpm, op), parent)
        self.map = tpm
        self.operation = op
        self.error: ValueError | None = None
        self._merge_id = merge_id

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OperationCommand) or other.error is not None:
            return False
        merged = getattr(self.operation, "merged", None)
        combined = merged(other.operation) if merged is not None else None
        if combined is None:
            return False
        self.operation = combined
        if combined.is_noop:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._run(self.operation)

    def undo(self) -> None:
        self._run(self.operation.inverse())

    def _run(self, op: Operation) -> None:
        try:
            op.apply(self.map)
        except ValueError as exc:
            self.error = exc
            self.setObsolete(True)
