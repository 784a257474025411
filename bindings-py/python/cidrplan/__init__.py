"""cidrplan: IP address planning and Kubernetes address capacity, in Rust.

Prefixes go in as ``str`` or ``ipaddress`` objects and come back as canonical
CIDR strings (``str``): ``ipaddress.ip_network(p)`` turns one into an ipaddress
object, ``cidrplan.as_ipaddress(list)`` a whole list. Structured results are
records (see ``cidrplan._records``) with attributes, ``to_dict()`` and HTML in Jupyter.
Every error is a ``CidrplanError``, itself a ``ValueError``.
"""
from __future__ import annotations

import collections.abc as _abc
import ipaddress as _ipaddress
import typing as _typing

from ._cidrplan import aks, eks, gke, k8s, plan

# The platform modules are real submodules of the compiled module, named cidrplan.eks
# ... and registered in sys.modules by it, with the core's function names.

from ._cidrplan import (  # noqa: E402
    DEFAULT_MATERIALIZE_LIMIT,
    SPECIAL_PURPOSE_REGISTRY_VERSION,
    CidrplanError,
    ConfigError,
    DoesNotFitError,
    InvalidArgumentError,
    LimitExceededError,
    MixedFamiliesError,
    ParseError,
    Plan,
    PrefixSet,
    Subnets,
    Addresses,
    AddressIterator,
    PrefixTable,
    UnknownInstanceTypeError,
    __version__,
    allocate,
    allocate_many,
    allocate_one,
    check_reserved,
    cidrhost,
    cidrnetmask,
    cidrsubnet,
    cidrsubnets,
    cidrsubnets_report,
    classify,
    exploded,
    next_address,
    next_prefix,
    addresses,
    address_range,
    splits_to,
    longest_match,
    shortest_match,
    parse_scoped_address,
    previous_address,
    previous_prefix,
    reverse_pointer,
    reverse_zones,
    collapse,
    exclude,
    find_overlaps,
    free_aligned_blocks,
    free_space,
    inspect,
    named_subnets,
    network_bits,
    parse,
    parse_address,
    parse_prefix,
    prefix_for_hosts,
    range_to_cidrs,
    sort_key,
    spanning_cidr,
    special_ranges,
    split,
    split_leaves,
    split_tree,
    supernet,
    tree_row,
    usable_hosts,
    vlsm,
)
from ._records import (
    Block,
    Blocker,
    SubnetMap,
    CalicoPool,
    Difference,
    SubnetUsage,
    ClusterCapacity,
    ObservedRange,
    ObservedUse,
    PoolCapacity,
    PoolShare,
    PoolSizing,
    Finding,
    FindingObject,
    Placement,
    PlanReport,
    Position,
    RangeCapacity,
    SpaceUsage,
    Summary,
    ZoneLoss,
    CarvedSubnet,
    CarveReport,
    Classification,
    ClusterNodes,
    ClusterPlan,
    ComparisonRow,
    InstanceType,
    Issue,
    MaxPods,
    NodeCapacity,
    NodeIpUsage,
    Overlap,
    PlannedRange,
    PodAddressNeed,
    PrefixInfo,
    RangeNeed,
    Record,
    ReservedAddress,
    ReservedHit,
    Sizing,
    SpecialRange,
    SubnetNodes,
    TreeRow,
    records_html,
    to_records,
)

_Network = _typing.Union[_ipaddress.IPv4Network, _ipaddress.IPv6Network]

# Subnets implements the sequence protocol; registering makes isinstance(x, Sequence) true.
_abc.Sequence.register(Subnets)
_abc.Sequence.register(Addresses)


def as_ipaddress(prefixes: _typing.Iterable[str]) -> _typing.List[_Network]:
    """Canonical CIDR strings (as cidrplan returns them) to ``ipaddress`` network objects.

    Args:
        prefixes: CIDR strings
    Returns:
        list of ``ipaddress.IPv4Network`` / ``IPv6Network``
    Raises:
        ValueError: a string that is not a network
    Example:
        >>> cp.as_ipaddress(cp.split("10.0.0.0/24", 25))
        [IPv4Network('10.0.0.0/25'), IPv4Network('10.0.0.128/25')]
    """
    return [_ipaddress.ip_network(p) for p in prefixes]


__all__ = [
    "Plan",
    "CalicoPool", "CarveReport", "CarvedSubnet", "CidrplanError", "Classification", "ClusterNodes",
    "ClusterPlan", "ComparisonRow", "ConfigError", "DEFAULT_MATERIALIZE_LIMIT", "DoesNotFitError",
    "InstanceType", "InvalidArgumentError", "Issue", "LimitExceededError", "MaxPods", "MixedFamiliesError",
    "NodeCapacity", "NodeIpUsage", "Overlap", "ParseError", "PlannedRange", "PodAddressNeed", "PrefixInfo",
    "PrefixSet", "RangeNeed", "Record", "ReservedAddress", "ReservedHit", "SPECIAL_PURPOSE_REGISTRY_VERSION",
    "Sizing", "SpecialRange", "Block", "Blocker", "SubnetMap", "Difference", "SubnetUsage", "ClusterCapacity", "ObservedRange", "ObservedUse", "PoolCapacity", "PoolShare", "PoolSizing", "Finding", "FindingObject", "Placement", "PlanReport", "Position",
    "RangeCapacity", "SpaceUsage", "Summary", "ZoneLoss", "SubnetNodes", "Subnets", "TreeRow", "UnknownInstanceTypeError", "__version__", "aks",
    "allocate", "allocate_many", "allocate_one", "as_ipaddress", "check_reserved", "cidrhost", "cidrnetmask",
    "cidrsubnet", "cidrsubnets", "cidrsubnets_report", "classify", "collapse", "eks", "exclude", "exploded", "next_address", "next_prefix", "previous_address", "previous_prefix", "reverse_pointer", "reverse_zones",
    "find_overlaps", "free_aligned_blocks", "free_space", "gke", "inspect", "k8s", "named_subnets", "network_bits", "parse",
    "parse_address", "parse_scoped_address", "parse_prefix", "Addresses", "AddressIterator", "PrefixTable", "addresses",
    "address_range", "longest_match", "shortest_match", "splits_to", "plan", "prefix_for_hosts", "range_to_cidrs", "records_html", "sort_key",
    "spanning_cidr", "special_ranges", "split", "split_leaves", "split_tree", "supernet", "to_records", "tree_row", "usable_hosts", "vlsm",
]

# the module's namespace is its API: the __future__ feature name is not part of it
del annotations
