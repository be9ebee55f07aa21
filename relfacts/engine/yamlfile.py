"""YAML loading that remembers line numbers, so rule errors can say `file:line:`.

YAML over TOML for rule files: regex patterns read best as YAML single-quoted
or block scalars (no double escaping of backslashes), examples nest naturally,
and comments sit beside the rules they explain."""
from __future__ import annotations

from pathlib import Path

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(dict):
    """A mapping from a YAML file that knows where it and each of its keys stand."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(_Base):
    pass


def _construct_mapping(loader, node):
    seen = set()
    for key_node, _ in node.value:  # a key written twice would silently lose its first value
        if key_node.tag != "tag:yaml.org,2002:merge" and isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key_node.value!r} is written twice in one mapping", key_node.start_mark)
            seen.add(key_node.value)
    loader.flatten_mapping(node)
    out = Located()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class YamlError(ValueError):
    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


def load(path: Path) -> object:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise YamlError(path, 1, f"not UTF-8 text ({e.reason})") from None
    except OSError as e:
        raise YamlError(path, 0, e.strerror or str(e)) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded = _expanded_size(node, {})
        if expanded > MAX_NODES:
            raise YamlError(path, node.start_mark.line + 1, f"YAML aliases expand this file to {expanded:,} values "
                                                            f"(at most {MAX_NODES:,}): write the values out")
        return loader.construct_document(node)
    except RecursionError:
        raise YamlError(path, 1, "YAML nested too deeply") from None
    except yaml.MarkedYAMLError as e:
        # an unclosed quote is found at the end of the file; its start says more
        at_end = "end of stream" in str(e.problem or "")
        mark = (e.context_mark if at_end and e.context_mark else None) or e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(path, line, f"YAML syntax: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise YamlError(path, 1, f"YAML: {e}") from None
    finally:
        loader.dispose()


# Aliases (*name) repeat a value without writing it again; nested, they grow
# exponentially ("billion laughs").  A rule file may use them while everything
# they expand to stays under this many values.
MAX_NODES = 200_000


def _expanded_size(node, sizes: dict) -> int:
    """The number of values `node` stands for once every alias is written out."""
    known = sizes.get(id(node))
    if known is not None:
        if known < 0:
            raise yaml.constructor.ConstructorError(None, None, "an alias refers to itself", node.start_mark)
        return known
    sizes[id(node)] = -1
    if isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(k, sizes) + _expanded_size(v, sizes) for k, v in node.value)
    else:
        total = 1
    sizes[id(node)] = total = min(total, MAX_NODES + 1)  # capped: the sum of a bomb stays a small number
    return total
