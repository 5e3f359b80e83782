"""The examples in the package's docstrings are run: each `>>>` line must give what the docstring shows."""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reimpact_xl"
WITH_EXAMPLES = sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
                       for p in PACKAGE.rglob("*.py") if ">>>" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0 and result.failed == 0, f"{name}: {result.failed} of {result.attempted} failed"


def test_the_small_pure_functions_carry_examples() -> None:
    """They are found where the brief of issue 17 put them; a refactor that drops them all shows here."""
    counted = sum(len([t for t in doctest.DocTestFinder().find(importlib.import_module(n)) if t.examples])
                  for n in WITH_EXAMPLES)
    assert counted >= 20, counted
