"""Drawing shared by the canvas, the printed guide and exports: colours, markers, paths."""
