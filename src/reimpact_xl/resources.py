"""The folders the package carries, read through importlib.resources whether installed or editable.

They are built from the project's top-level folders (pyproject.toml maps each into the package):
`templates/` (the reports' Jinja2 templates), `xlmacros/` (the master's VBA modules) and
`workbook/examples/` (the transcriptions of the example plans).
"""
from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from .plan.errors import ReimpactError
from .schema import Text

if TYPE_CHECKING:
    from importlib.abc import Traversable

FOLDERS = {"templates": "templates", "xlmacros": "xlmacros", "examples": "workbook/examples"}
MISSING = Text("resources.missing")


class ResourceError(ReimpactError, FileNotFoundError):
    """A folder the package should carry is not there (a broken or partial installation)."""


def folder(name: str, lang: str = "lv") -> Traversable:
    """The packaged folder `name` (a key of FOLDERS); ResourceError when the installation lacks it."""
    package = f"reimpact_xl.assets.{name}"
    try:
        found = files(package)
    except ModuleNotFoundError:
        found = None
    if found is None or not any(found.iterdir()):
        raise ResourceError(MISSING(lang).format(folder=FOLDERS[name], package=package))
    return found
