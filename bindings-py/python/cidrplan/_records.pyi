# Typed fields of every result record. tests/test_record_stubs.py checks that these
# fields are exactly the ones the compiled module returns, so the two cannot drift.
from typing import Any, Dict, Iterable, List, Literal, Optional, Tuple

_Profile = Literal["standard", "aws", "azure", "azure-older-faq", "gcp", "oci"]
_Family = Literal["v4", "v6"]
_Role = Literal["node-subnet", "pod-subnet", "pod-range", "service-range"]
_AksMode = Literal["kubenet", "azure-cni", "pod-subnet-dynamic", "pod-subnet-static", "overlay"]
_MaxPodsLimit = Literal["addresses", "ceiling110", "ceiling250", "auto_mode110", "unknown_vcpus"]
_LimitedBy = Literal["addresses", "aligned_blocks28", "prefixes80", "kubenet_route_table", "cluster_node_limit",
                     "primary_range", "pod_ranges", "nodes_per_pool_per_zone"]

class Record(Dict[str, Any]):
    def __getattr__(self, key: str) -> Any: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...
    def __copy__(self) -> Record: ...
    def __deepcopy__(self, memo: Dict[int, Any]) -> Record: ...

def to_records(items: Iterable[Any]) -> List[Dict[str, Any]]: ...
def records_html(items: Iterable[Any]) -> str: ...

class ReservedAddress(Record):
    address: str
    role: str

class PrefixInfo(Record):
    prefix: str
    profile: _Profile
    family: _Family
    prefix_len: int
    network: str
    last_address: str
    broadcast: Optional[str]
    netmask: str
    hostmask: str
    total_addresses: int
    usable: int
    first_usable: Optional[str]
    last_usable: Optional[str]
    reserved: List[ReservedAddress]
    size_allowed: bool
    smallest_prefix_len: Optional[int]
    largest_prefix_len: Optional[int]
    prefix_len_step: int

class CarvedSubnet(Record):
    name: Optional[str]
    prefix: str
    requested_hosts: Optional[int]
    usable: int

class CarveReport(Record):
    parent: str
    subnets: List[CarvedSubnet]
    holes: List[str]
    remaining: List[str]
    wasted_addresses: int

class TreeRow(Record):
    prefix: str
    depth: int
    parent: Optional[str]
    first_half: Optional[str]
    nibble: Optional[int]
    nibble_splits: List[str]
    share: float
    info: PrefixInfo

class Overlap(Record):
    a: str
    a_prefix: str
    b: str
    b_prefix: str
    relation: Literal["equal", "contains"]

class ReservedHit(Record):
    name: str
    prefix: str
    set: str
    entry: str
    entry_prefix: str
    inside: bool

class SpecialRange(Record):
    prefix: str
    name: str
    rfc: str
    registry: Literal["ipv4-special", "ipv6-special", "ipv4-multicast", "ipv6-multicast"]
    category: str
    globally_reachable: bool

class Classification(Record):
    prefix: str
    within: List[SpecialRange]
    partly: List[SpecialRange]
    category: str
    is_private_use: bool
    is_shared_address_space: bool
    is_globally_reachable: bool
    registry_version: str

class MaxPods(Record):
    instance_type: str
    address_limit: Optional[int]
    recommended: Optional[int]
    limited_by: _MaxPodsLimit
    prefix_delegation: bool
    pod_enis: int
    ipv4_per_eni: int
    vcpus: Optional[int]
    branch_eni_pods: Optional[int]
    kubelet_memory_reserve_mib: Optional[int]
    notes: List[str]

class InstanceType(Record):
    name: str
    max_enis: int
    ipv4_per_eni: int
    hypervisor: Literal["nitro", "xen", "unknown"]
    bare_metal: bool
    network_cards: int
    trunking_compatible: Optional[bool]
    branch_enis: Optional[int]
    vcpus: Optional[int]

class NodeIpUsage(Record):
    enis: int
    prefixes: int
    subnet_ips: int

class SubnetNodes(Record):
    nodes: int
    per_node: NodeIpUsage
    usable_ips: int
    aligned_28_blocks: Optional[int]
    limited_by: _LimitedBy

class NodeCapacity(Record):
    nodes: int
    address_nodes: int
    pods: int
    limited_by: _LimitedBy
    pods_limited_by: str

class PodAddressNeed(Record):
    mode: _AksMode
    source: Literal["node-subnet", "pod-cidr", "pod-subnet"]
    addresses: int
    min_prefix: Optional[int]
    rule: str

class Issue(Record):
    rule: str
    message: str

class ClusterNodes(Record):
    max_nodes: int
    limited_by: _LimitedBy
    limits: List[Tuple[_LimitedBy, int]]

class CalicoPool(Record):
    block_size: int
    blocks: int
    block_addresses: int
    blocks_per_node: int
    nodes: int

class RangeNeed(Record):
    name: str
    role: _Role
    count: int
    prefix_len: int
    addresses: int
    in_vpc: bool
    rule: str

class PoolSizing(Record):
    name: str
    platform: str
    max_pods: int
    nodes: int
    peak_nodes: int
    surge_nodes: int
    ranges: List[RangeNeed]

class Sizing(Record):
    platform: str
    max_pods: int
    nodes: int
    pods: int
    ranges: List[RangeNeed]
    vpc_addresses: int
    limited_by: List[str]
    pools: List[PoolSizing]

class ComparisonRow(Record):
    platform: str
    sizing: Optional[Sizing]
    error: Optional[str]
    nodes_for_pods: Optional[int]

class PlannedRange(Record):
    name: str
    role: _Role
    prefix: str
    in_vpc: bool

class ClusterPlan(Record):
    vpc: str
    sizing: Sizing
    ranges: List[PlannedRange]
    overlaps: List[Overlap]
    headroom: List[str]
    headroom_addresses: int

# The plan document (cidrplan.Plan)
_Severity = Literal["error", "warning", "info"]

class Position(Record):
    file: str
    line: int
    column: int

class FindingObject(Record):
    kind: str
    name: str
    cidr: Optional[str]
    id: Optional[str]
    at: Optional[Position]

class Finding(Record):
    severity: _Severity
    rule: str
    message: str
    objects: List[FindingObject]
    fix: Optional[str]

class Placement(Record):
    kind: str
    name: str
    path: str
    cidr: str
    within: str
    at: Optional[Position]

class RangeCapacity(Record):
    name: str
    role: _Role
    cidr: str
    capacity: int
    needed: Optional[int]
    needed_prefix_len: Optional[int]
    headroom_percent: Optional[int]
    short: Optional[int]
    max_peak_nodes: Optional[int]
    summary: str
    runs_out_with: Optional[str]
    pools: List[PoolShare]

class PoolShare(Record):
    pool: str
    needed: int
    surge: int
    max_peak_nodes: Optional[int]

class PoolCapacity(Record):
    pool: str
    platform: str
    peak_nodes: int
    surge_nodes: int
    max_pods: int
    ranges: List[str]
    runs_out_first: Optional[str]
    max_peak_nodes: Optional[int]
    error: Optional[str]

class ZoneLoss(Record):
    zones_left: int
    holds: bool
    short: List[str]

class ClusterCapacity(Record):
    cluster: str
    platform: str
    nodes: int
    max_pods: int
    runs_out_first: Optional[str]
    max_peak_nodes: Optional[int]
    ranges: List[RangeCapacity]
    zone_loss: Optional[ZoneLoss]
    error: Optional[str]
    pools: List[PoolCapacity]
    observed: Optional[ObservedUse]

class ObservedUse(Record):
    nodes: int
    pod_cidrs: int
    ranges: List[ObservedRange]

class ObservedRange(Record):
    name: str
    cidr: str
    handed_out: int
    left: str

class SpaceUsage(Record):
    space: str
    cidr: str
    addresses: str
    used: str
    free_percent: int
    largest_free: Optional[str]

class Blocker(Record):
    block: str
    used: int
    by: List[str]

class SubnetUsage(Record):
    subnet: str
    cidr: str
    usable: int
    used: int
    free: int
    free_aligned_28: int
    largest_free: Optional[str]
    blockers: List[Blocker]

class Block(Record):
    block: str
    state: Literal["free", "partial", "delegated", "reserved", "full"]
    used: int
    by: List[str]

class SubnetMap(Record):
    subnet: str
    cidr: str
    blocks: List[Block]

class Difference(Record):
    change: Literal["missing", "unplanned", "changed"]
    kind: str
    name: str
    id: Optional[str]
    planned: List[str]
    actual: List[str]
    at: Optional[Position]

class Summary(Record):
    errors: int
    warnings: int
    info: int

class PlanReport(Record):
    summary: Summary
    findings: List[Finding]
    carved: List[Placement]
    clusters: List[ClusterCapacity]
    spaces: List[SpaceUsage]
    subnets: List[SubnetUsage]
