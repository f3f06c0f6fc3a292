"""The advice panel beside the diagram: spot list and editor, sources, routine, cautions."""
