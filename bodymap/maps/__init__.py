"""The personal trigger-point map: model, undoable operations, the ``.bodymap`` file,
safe saving, autosave recovery and export. Pure Python; never imports Qt."""

from __future__ import annotations

from bodymap.maps.errors import MapFileError, NewerMapError
from bodymap.maps.export import spots_to_csv, spots_to_geojson
from bodymap.maps.fileformat import (
    MAX_FILE_BYTES,
    dumps_map,
    load_map,
    load_map_stamped,
    loads_map,
    previous_version,
    save_map,
)
from bodymap.maps.migrations import CURRENT_VERSION
from bodymap.maps.model import TriggerPointMap
from bodymap.maps.operations import (
    AddSpot,
    Batch,
    CheckInOp,
    EditSpot,
    MoveSpot,
    Operation,
    RemoveSpot,
    Rename,
)
from bodymap.maps.recovery import OpenedMap, RecoveryEntry, RecoveryStore, open_map_file
from bodymap.maps.safe_io import FileStamp, atomic_write, backup_path, file_stamp
from bodymap.maps.values import (
    PAIN_KINDS,
    SIDES,
    VIEWS,
    Change,
    CheckIn,
    Spot,
    session_counts,
    side_for,
)
from bodymap.maps.verbs import add_spot, check_in, edit_spot, move_spot, remove_spot, rename

__all__ = [
    "CURRENT_VERSION",
    "MAX_FILE_BYTES",
    "PAIN_KINDS",
    "SIDES",
    "VIEWS",
    "AddSpot",
    "Batch",
    "Change",
    "CheckIn",
    "CheckInOp",
    "EditSpot",
    "FileStamp",
    "MapFileError",
    "MoveSpot",
    "NewerMapError",
    "OpenedMap",
    "Operation",
    "RecoveryEntry",
    "RecoveryStore",
    "RemoveSpot",
    "Rename",
    "Spot",
    "TriggerPointMap",
    "add_spot",
    "atomic_write",
    "backup_path",
    "check_in",
    "dumps_map",
    "edit_spot",
    "file_stamp",
    "load_map",
    "load_map_stamped",
    "loads_map",
    "move_spot",
    "open_map_file",
    "previous_version",
    "remove_spot",
    "rename",
    "save_map",
    "session_counts",
    "side_for",
    "spots_to_csv",
    "spots_to_geojson",
]
