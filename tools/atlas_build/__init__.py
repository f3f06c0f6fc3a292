"""Helpers for tools/build_atlas.py: the body atlas is built from landmarks and widths.

Everything is designed on the person's right half in *half coordinates* ``(d, y)``:
``d`` is the distance from the midline (>= 0) and ``y`` grows downward from the vertex
(0) to the soles (1000). :mod:`.geojson` places the half in each view and mirrors it to
make the left side, so left and right agree by construction.
"""
