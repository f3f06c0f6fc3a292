"""bodymap's Qt user interface (the only package that imports Qt).

The Qt-free libraries and core the window needs are imported here, before any module of
this package imports PySide6: once PySide6 is loaded it reads the source of every module
imported after it (to learn whether the module uses PySide's ``__feature__`` switches), and
doing that for numpy, shapely, the core and the standard library cost about 35 ms of CPU at
start-up. Importing them first costs nothing more: the window needs them all anyway.
"""

import numpy  # noqa: F401
import shapely  # noqa: F401

import bodymap.advisor
import bodymap.atlas
import bodymap.knowledge
import bodymap.maps
import bodymap.words  # noqa: F401  (binds the name "bodymap", as the four above do)
