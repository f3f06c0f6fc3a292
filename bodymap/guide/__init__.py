"""What the printed rolling guide says, built from the advice without Qt.

The renderer in ``bodymap.ui.printing`` only draws it.
"""
