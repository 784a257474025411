"""Result records: attribute access, a readable repr, to_dict() and Jupyter tables.

Every structured result of cidrplan is a Record around the core's fields. This
module only presents values; it computes nothing.
"""
from __future__ import annotations

import html
from typing import Any, Dict, Iterable, Iterator, List


class Record(Dict[str, Any]):
    """A read-only result: attribute access (``r.nodes``), mapping access (``r["nodes"]``).

    A ``dict`` subclass, so a list of records is what ``pandas.DataFrame`` takes and
    building millions of them (overlap reports) stays cheap.
    """

    __slots__ = ()
    _nested: Dict[str, str] = {}

    def _wrap(self, key: str, value: Any) -> Any:
        kind = self._nested.get(key)
        if kind is None:
            return value
        cls = globals()[kind]
        if isinstance(value, list):
            return [cls(v) if isinstance(v, dict) and not isinstance(v, Record) else v for v in value]
        if isinstance(value, dict) and not isinstance(value, Record):
            return cls(value)
        return value

    def __getattr__(self, key: str) -> Any:
        try:
            return self._wrap(key, dict.__getitem__(self, key))
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {key!r}; fields: {', '.join(self)}") from None

    def __getitem__(self, key: str) -> Any:
        return self._wrap(key, dict.__getitem__(self, key))

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(f"{type(self).__name__} is read-only; use to_dict() for a mutable copy")

    __setattr__ = __setitem__ = __delitem__ = _read_only  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        # pickle and copy rebuild the record from its fields (the item setters are read-only)
        return (type(self), (dict(self),))

    def __copy__(self) -> "Record":
        return type(self)(dict(self))

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Record":
        import copy

        return type(self)(copy.deepcopy(dict(self), memo))

    def __dir__(self) -> List[str]:
        return sorted(set(dict.keys(self)) | set(dir(type(self))))

    def to_dict(self) -> Dict[str, Any]:
        """A plain, deep copy of the fields (JSON-ready)."""
        import copy

        return copy.deepcopy(dict(self))

    def __repr__(self) -> str:
        parts = []
        for k, v in dict.items(self):
            text = repr(v)
            if len(text) > 80:
                text = text[:77] + "..."
            parts.append(f"{k}={text}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td style='text-align:left'>{_cell(v)}</td></tr>"
            for k, v in dict.items(self)
        )
        return f"<table><caption>{html.escape(type(self).__name__)}</caption>{rows}</table>"


def _cell(v: Any) -> str:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return _table(v)
    if isinstance(v, dict):
        return Record(v)._repr_html_()
    return html.escape(str(v))


def _table(rows: List[Dict[str, Any]]) -> str:
    cols: List[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c, ''))}</td>" for c in cols) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def to_records(items: Iterable[Any]) -> List[Dict[str, Any]]:
    """Records (or dicts) to a list of plain dicts: what ``pandas.DataFrame`` accepts."""
    return [i.to_dict() if isinstance(i, Record) else dict(i) for i in items]


def records_html(items: Iterable[Any]) -> str:
    """An HTML table of several records (for notebooks)."""
    return _table(to_records(items))


# One class per core result type, so that reprs, isinstance checks and type stubs
# name what a value is. `_nested` says which fields hold other records.

class PrefixInfo(Record):
    _nested = {"reserved": "ReservedAddress"}

class ReservedAddress(Record): pass
class CarvedSubnet(Record): pass

class CarveReport(Record):
    _nested = {"subnets": "CarvedSubnet"}

class TreeRow(Record):
    _nested = {"info": "PrefixInfo"}

class Overlap(Record): pass
class ReservedHit(Record): pass
class SpecialRange(Record): pass

class Classification(Record):
    _nested = {"within": "SpecialRange", "partly": "SpecialRange"}

class MaxPods(Record): pass
class InstanceType(Record): pass
class NodeIpUsage(Record): pass

class SubnetNodes(Record):
    _nested = {"per_node": "NodeIpUsage"}

class NodeCapacity(Record): pass
class PodAddressNeed(Record): pass
class Issue(Record): pass
class ClusterNodes(Record): pass
class CalicoPool(Record): pass
class RangeNeed(Record): pass

class PoolSizing(Record):
    _nested = {"ranges": "RangeNeed"}

class Sizing(Record):
    _nested = {"ranges": "RangeNeed", "pools": "PoolSizing"}

class ComparisonRow(Record):
    _nested = {"sizing": "Sizing"}

class PlannedRange(Record): pass

class ClusterPlan(Record):
    _nested = {"sizing": "Sizing", "ranges": "PlannedRange", "overlaps": "Overlap"}

# The plan document (cidrplan.Plan)

class Position(Record): pass

class FindingObject(Record):
    _nested = {"at": "Position"}

class Finding(Record):
    _nested = {"objects": "FindingObject"}

class Placement(Record):
    _nested = {"at": "Position"}

class PoolShare(Record): pass

class RangeCapacity(Record):
    _nested = {"pools": "PoolShare"}

class ZoneLoss(Record): pass
class PoolCapacity(Record): pass

class ObservedRange(Record): pass

class ObservedUse(Record):
    _nested = {"ranges": "ObservedRange"}

class ClusterCapacity(Record):
    _nested = {"ranges": "RangeCapacity", "zone_loss": "ZoneLoss", "pools": "PoolCapacity", "observed": "ObservedUse"}

class SpaceUsage(Record): pass
class Blocker(Record): pass

class SubnetUsage(Record):
    _nested = {"blockers": "Blocker"}

class Block(Record): pass

class SubnetMap(Record):
    _nested = {"blocks": "Block"}

class Difference(Record):
    _nested = {"at": "Position"}

class Summary(Record): pass

class PlanReport(Record):
    _nested = {"summary": "Summary", "findings": "Finding", "carved": "Placement", "clusters": "ClusterCapacity", "spaces": "SpaceUsage",
               "subnets": "SubnetUsage"}
