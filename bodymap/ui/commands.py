"""The undo stack's only kind of command: apply a `bodymap.maps` operation or its inverse.

Every edit the user makes (add, move, edit, delete, check in, rename) is built by a verb in
`bodymap.maps.operations` with ``apply=False`` and pushed as an `OperationCommand`; the
stack then applies it (``redo``) and can take it back (``undo``). Nothing else changes a map.
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

__all__ = ["OperationCommand", "describe"]


def describe(tpm: TriggerPointMap, op: Operation) -> str:
    """The Undo menu's name for ``op`` on ``tpm`` before it is applied ("Move spot 2")."""
    if isinstance(op, AddSpot):
        return f"Add spot {op.index + 1}"
    if isinstance(op, RemoveSpot):
        return f"Delete spot {op.index + 1}"
    if isinstance(op, MoveSpot | EditSpot) and tpm.has_spot(op.spot_id):
        verb = "Move" if isinstance(op, MoveSpot) else "Edit"
        return f"{verb} spot {tpm.index_of(op.spot_id) + 1}"
    if isinstance(op, Batch):
        return op.label
    return op.text


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
    ) -> None:
        super().__init__(text or describe(tpm, op), parent)
        self.map = tpm
        self.operation = op
        self.error: ValueError | None = None

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
