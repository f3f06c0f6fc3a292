"""Printing: the rolling guide renderer (PDF, printer, preview) and image/CSV/GeoJSON exports."""
