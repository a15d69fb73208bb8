"""YAML files the tool reads (signatures.yaml, lexicon.yaml): values and line numbers, safely."""

from __future__ import annotations

import yaml


class _Loader(yaml.SafeLoader):
    """YAML's own loader, but a date the calendar does not have ('2024-02-30') is a located
    error instead of a ValueError from deep inside the parser."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a date in the calendar", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def read_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """The YAML text as a tree of nodes (for line numbers) and as values, with dates checked."""
    return yaml.compose(text, Loader=_Loader), yaml.load(text, Loader=_Loader)
