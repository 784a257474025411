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
    """Records (or dicts) to a list of plain, mutable dicts (deep copies).

    Args:
        items: records or mappings
    Returns:
        list of dicts
    Example:
        >>> cp.to_records(cp.find_overlaps({"a": "10.0.0.0/16", "b": "10.0.1.0/24"}))
        [{'a': 'a', 'a_prefix': '10.0.0.0/16', 'b': 'b', 'b_prefix': '10.0.1.0/24', 'relation': 'contains'}]
    """
    return [i.to_dict() if isinstance(i, Record) else dict(i) for i in items]


def records_html(items: Iterable[Any]) -> str:
    """An HTML table of several records, as a notebook shows them.

    Args:
        items: records or mappings
    Returns:
        str: an HTML ``<table>``, every value escaped
    Example:
        >>> cp.records_html([{"name": "<b>"}]).count("&lt;b&gt;")
        1
    """
    return _table(to_records(items))


# One class per core result type, so that reprs, isinstance checks and type stubs
# name what a value is. `_nested` says which fields hold other records.

class PrefixInfo(Record):
    """What ``inspect(prefix, profile)`` returns: the prefix's addresses, masks, usable range and reserved addresses.

    Fields: prefix, profile, family, prefix_len, network, last_address, broadcast, netmask, hostmask, total_addresses, usable, first_usable, last_usable, reserved, size_allowed, smallest_prefix_len, largest_prefix_len, prefix_len_step.
    """
    _nested = {"reserved": "ReservedAddress"}

class ReservedAddress(Record):
    """One address a profile reserves in a prefix, with its role (``PrefixInfo.reserved``).

    Fields: address, role.
    """
class CarvedSubnet(Record):
    """One subnet of a ``CarveReport``: its name, prefix, the hosts asked for and its usable addresses.

    Fields: name, prefix, requested_hosts, usable.
    """

class CarveReport(Record):
    """What ``vlsm``, ``allocate``, ``named_subnets`` and ``cidrsubnets_report`` return: subnets, alignment holes, what remains, addresses wasted.

    Fields: parent, subnets, holes, remaining, wasted_addresses.
    """
    _nested = {"subnets": "CarvedSubnet"}

class TreeRow(Record):
    """One row of the split/join tree (``split_tree``, ``tree_row``): depth, parent, halves, share and the prefix's facts.

    Fields: prefix, depth, parent, first_half, nibble, nibble_splits, share, info.
    """
    _nested = {"info": "PrefixInfo"}

class Overlap(Record):
    """One overlapping pair of named prefixes (``find_overlaps``) and how they relate.

    Fields: a, a_prefix, b, b_prefix, relation.
    """
class ReservedHit(Record):
    """Where a named prefix hits a reserved set's entry (``check_reserved``).

    Fields: name, prefix, set, entry, entry_prefix, inside.
    """
class SpecialRange(Record):
    """One entry of the IANA special-purpose registries (``special_ranges``, ``classify``).

    Fields: prefix, name, rfc, registry, category, globally_reachable.
    """

class Classification(Record):
    """What ``classify(prefix)`` returns: the registry entries the prefix lies within or overlaps, its category and reachability.

    Fields: prefix, within, partly, category, is_private_use, is_shared_address_space, is_globally_reachable, registry_version.
    """
    _nested = {"within": "SpecialRange", "partly": "SpecialRange"}

class MaxPods(Record):
    """What ``eks.max_pods`` returns: the address limit, the recommended max pods and what limits it.

    Fields: instance_type, address_limit, recommended, limited_by, prefix_delegation, pod_enis, ipv4_per_eni, vcpus, branch_eni_pods, kubelet_memory_reserve_mib, notes.
    """
class InstanceType(Record):
    """One EC2 instance type's network limits (``eks.instance_type``), from AWS's published table.

    Fields: name, max_enis, ipv4_per_eni, hypervisor, bare_metal, network_cards, trunking_compatible, branch_enis, vcpus.
    """
class NodeIpUsage(Record):
    """Subnet addresses one EKS node draws (``eks.node_subnet_ips``): ENIs, prefixes, addresses.

    Fields: enis, prefixes, subnet_ips.
    """

class SubnetNodes(Record):
    """What ``eks.nodes_in_subnet`` returns: nodes a subnet holds, per-node use and the limit.

    Fields: nodes, per_node, usable_ips, aligned_28_blocks, limited_by.
    """
    _nested = {"per_node": "NodeIpUsage"}

class NodeCapacity(Record):
    """What ``aks.max_nodes`` returns: nodes and pods a node subnet holds, and the limit.

    Fields: nodes, address_nodes, pods, limited_by, pods_limited_by.
    """
class PodAddressNeed(Record):
    """What ``aks.pod_address_need`` returns: pod addresses outside the node subnet, where, and the rule.

    Fields: mode, source, addresses, min_prefix, rule.
    """
class Issue(Record):
    """One rule an AKS configuration breaks (``aks.validate``).

    Fields: rule, message.
    """
class ClusterNodes(Record):
    """What ``gke.cluster_max_nodes`` returns: max nodes, the limit and every limit's value.

    Fields: max_nodes, limited_by, limits.
    """
class CalicoPool(Record):
    """What ``k8s.calico_pool`` returns: blocks, blocks per node and nodes of one Calico pool.

    Fields: block_size, blocks, block_addresses, blocks_per_node, nodes.
    """
class RangeNeed(Record):
    """One range a cluster needs (``plan.size``): role, count, length, addresses and the rule that sized it.

    Fields: name, role, count, prefix_len, addresses, in_vpc, rule.
    """

class PoolSizing(Record):
    """One node pool's sizing within a ``Sizing`` (``plan.size(pools=...)``).

    Fields: name, platform, max_pods, nodes, peak_nodes, surge_nodes, ranges.
    """
    _nested = {"ranges": "RangeNeed"}

class Sizing(Record):
    """What ``plan.size`` returns: every range the platform needs, and each pool's share.

    Fields: platform, max_pods, nodes, pods, ranges, vpc_addresses, limited_by, pools.
    """
    _nested = {"ranges": "RangeNeed", "pools": "PoolSizing"}

class ComparisonRow(Record):
    """One platform of ``plan.compare`` or ``plan.compare_at_pods`` (which also gives ``nodes_for_pods``): its sizing, or the error it gives.

    Fields: platform, sizing, error, nodes_for_pods.
    """
    _nested = {"sizing": "Sizing"}

class PlannedRange(Record):
    """One range ``plan.carve`` placed in the VPC.

    Fields: name, role, prefix, in_vpc.
    """

class ClusterPlan(Record):
    """What ``plan.carve`` returns: the ranges placed, overlaps and headroom.

    Fields: vpc, sizing, ranges, overlaps, headroom, headroom_addresses.
    """
    _nested = {"sizing": "Sizing", "ranges": "PlannedRange", "overlaps": "Overlap"}

# The plan document (cidrplan.Plan)

class Position(Record):
    """Where an entry is written in a plan file: file, line, column.

    Fields: file, line, column.
    """

class FindingObject(Record):
    """An object a finding is about: kind, name, range, resource id and place.

    Fields: kind, name, cidr, id, at.
    """
    _nested = {"at": "Position"}

class Finding(Record):
    """One thing ``Plan.check`` found: severity, rule, message, objects and the fix.

    Fields: severity, rule, message, objects, fix.
    """
    _nested = {"objects": "FindingObject"}

class Placement(Record):
    """One range carving placed (``PlanReport.carved``).

    Fields: kind, name, path, cidr, within, at.
    """
    _nested = {"at": "Position"}

class PoolShare(Record):
    """One pool's share of a cluster range (``RangeCapacity.pools``).

    Fields: pool, needed, surge, max_peak_nodes.
    """

class RangeCapacity(Record):
    """A cluster range's capacity at peak with surge (``ClusterCapacity.ranges``).

    Fields: name, role, cidr, capacity, needed, needed_prefix_len, headroom_percent, short, max_peak_nodes, summary, runs_out_with, pools.
    """
    _nested = {"pools": "PoolShare"}

class ZoneLoss(Record):
    """A cluster's capacity with one zone lost (``ClusterCapacity.zone_loss``).

    Fields: zones_left, holds, short.
    """
class PoolCapacity(Record):
    """One node pool's capacity in a plan's cluster (``ClusterCapacity.pools``).

    Fields: pool, platform, peak_nodes, surge_nodes, max_pods, ranges, runs_out_first, max_peak_nodes, error.
    """

class ObservedRange(Record):
    """A Pod range's observed use (``ObservedUse.ranges``), from kubectl.

    Fields: name, cidr, handed_out, left.
    """

class ObservedUse(Record):
    """What kubectl showed of a cluster: nodes, Pod CIDRs and each range's use.

    Fields: nodes, pod_cidrs, ranges.
    """
    _nested = {"ranges": "ObservedRange"}

class ClusterCapacity(Record):
    """One cluster of ``Plan.check``: its ranges, pools, zone loss and observed use.

    Fields: cluster, platform, nodes, max_pods, runs_out_first, max_peak_nodes, ranges, zone_loss, error, pools, observed.
    """
    _nested = {"ranges": "RangeCapacity", "zone_loss": "ZoneLoss", "pools": "PoolCapacity", "observed": "ObservedUse"}

class SpaceUsage(Record):
    """One address space's use in a plan (``PlanReport.spaces``).

    Fields: space, cidr, addresses, used, free_percent, largest_free.
    """
class Blocker(Record):
    """A /28 that a few addresses keep from being free, and what holds them.

    Fields: block, used, by.
    """

class SubnetUsage(Record):
    """One imported subnet's use: used and free addresses, free aligned /28 blocks.

    Fields: subnet, cidr, usable, used, free, free_aligned_28, largest_free, blockers.
    """
    _nested = {"blockers": "Blocker"}

class Block(Record):
    """One aligned /28 of a subnet map (``Plan.subnet_map``): free, partly used or used.

    Fields: block, state, used, by.
    """

class SubnetMap(Record):
    """What ``Plan.subnet_map(name)`` returns: the subnet's /28 blocks.

    Fields: subnet, cidr, blocks.
    """
    _nested = {"blocks": "Block"}

class Difference(Record):
    """One difference between a planned and an actual plan (``Plan.diff``).

    Fields: change, kind, name, id, planned, actual, at.
    """
    _nested = {"at": "Position"}

class Summary(Record):
    """Counts of findings by severity (``PlanReport.summary``).

    Fields: errors, warnings, info.
    """

class PlanReport(Record):
    """What ``Plan.check`` returns: summary, findings, carved ranges, clusters, spaces, subnets.

    Fields: summary, findings, carved, clusters, spaces, subnets.
    """
    _nested = {"summary": "Summary", "findings": "Finding", "carved": "Placement", "clusters": "ClusterCapacity", "spaces": "SpaceUsage",
               "subnets": "SubnetUsage"}
