# Stubs of cidrplan.plan (the compiled submodule cidrplan._cidrplan.plan); checked by mypy.stubtest.
"""Cluster planning: required ranges, side-by-side comparison, and a carved address plan."""
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, Union
import ipaddress

from ._cidrplan import _AddressLike, _NamedPrefixes, _PrefixLike, _SurgeLike
from ._records import (
    CalicoPool, ClusterNodes, ClusterPlan, ComparisonRow, InstanceType, Issue, MaxPods, NodeCapacity, NodeIpUsage,
    PodAddressNeed, Sizing, SubnetNodes,
)

def size(platform: str, nodes: int, *, peak_nodes: Optional[int] = None, max_pods: Optional[int] = None, surge: Optional[_SurgeLike] = None, zones: int = 3, services: Optional[int] = None, internal_load_balancer_ips: int = 0, pools: Optional[List[Dict[str, Any]]] = None) -> Sizing: ...
def compare(nodes: int, *, platforms: Optional[List[str]] = None, instance_type: Optional[str] = None, peak_nodes: Optional[int] = None, max_pods: Optional[int] = None, surge: Optional[_SurgeLike] = None, zones: int = 3, services: Optional[int] = None, internal_load_balancer_ips: int = 0, pools: Optional[List[Dict[str, Any]]] = None) -> List[ComparisonRow]: ...
def compare_at_pods(pods: int, *, platforms: Optional[List[str]] = None, instance_type: Optional[str] = None, max_pods: Optional[int] = None, surge: Optional[_SurgeLike] = None, zones: int = 3, services: Optional[int] = None, internal_load_balancer_ips: int = 0) -> List[ComparisonRow]: ...
def carve(vpc: _PrefixLike, platform: str, nodes: int, *, peak_nodes: Optional[int] = None, max_pods: Optional[int] = None, surge: Optional[_SurgeLike] = None, zones: int = 3, services: Optional[int] = None, internal_load_balancer_ips: int = 0, pools: Optional[List[Dict[str, Any]]] = None) -> ClusterPlan: ...
