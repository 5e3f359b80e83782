"""The five seed plans as example workbooks, built from their transcriptions in workbook/examples/."""
from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from .. import resources
from ..plan.model import Plan
from .build import TEMPLATE_DATE, build_workbook

if TYPE_CHECKING:
    from importlib.abc import Traversable


def example_files() -> list["Traversable"]:
    """The transcriptions the package carries (workbook/examples/*.yaml), in name order."""
    found = [p for p in resources.folder("examples").iterdir() if p.name.endswith(".yaml")]
    return sorted(found, key=lambda p: p.name)


def load_example(path: "Traversable | Path") -> Plan:
    """A transcription as a plan; transcription notes (keys starting with "_") are dropped."""
    plan = Plan.from_dict(_yaml_load(path.read_text(encoding="utf-8")))
    plan.file = PurePath(path.name).with_suffix(".xlsx").name
    return plan


def _yaml_load(text: str) -> dict:
    """YAML without the 1.1 booleans yes/no/on/off: a column key `no` must stay the string "no"."""
    import re

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass


def build_examples(out_dir: Path, lang: str = "lv") -> list[Path]:
    """Write one workbook per transcription into out_dir; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in example_files():
        plan = load_example(path)
        target = out_dir / plan.file
        written.append(build_workbook(target, lang=lang, municipality=plan.municipality, plan=plan,
                                      plan_period=str(plan.cover.get("plan_period") or ""), created=TEMPLATE_DATE))
    return written
