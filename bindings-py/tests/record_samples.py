import cidrplan as cp
import pathlib
SAMPLES = {
    "PrefixInfo": lambda: cp.inspect("10.0.0.0/24", profile="aws"),
    "ReservedAddress": lambda: cp.inspect("10.0.0.0/24", profile="aws").reserved[0],
    "CarveReport": lambda: cp.vlsm("10.0.0.0/24", {"a": 10}),
    "CarvedSubnet": lambda: cp.vlsm("10.0.0.0/24", {"a": 10}).subnets[0],
    "TreeRow": lambda: cp.split_tree("2001:db8::/48", ["2001:db8::/48"], profile="aws")[0],
    "Overlap": lambda: cp.find_overlaps({"a": "10.0.0.0/8", "b": "10.0.0.0/16"})[0],
    "ReservedHit": lambda: cp.check_reserved({"p": "172.16.0.0/12"}, sets=["aks-forbidden"])[0],
    "SpecialRange": lambda: cp.special_ranges()[0],
    "Classification": lambda: cp.classify("10.0.0.0/8"),
    "MaxPods": lambda: cp.eks.max_pods("m5.large"),
    "InstanceType": lambda: cp.eks.instance_type("m5.large"),
    "NodeIpUsage": lambda: cp.eks.node_subnet_ips("m5.large", 10),
    "SubnetNodes": lambda: cp.eks.nodes_in_subnet("10.0.0.0/24", "m5.large", 10),
    "NodeCapacity": lambda: cp.aks.max_nodes("10.0.0.0/24"),
    "PodAddressNeed": lambda: cp.aks.pod_need(10, mode="overlay"),
    "Issue": lambda: cp.aks.validate({"mode": "overlay", "vnet": ["10.0.0.0/8"], "node_subnet": "10.1.0.0/16", "service_cidr": "10.0.0.0/16", "dns_service_ip": "10.0.0.1", "pools": [{"name": "a", "nodes": 3}]})[0],
    "ClusterNodes": lambda: cp.gke.cluster_max_nodes(20, [(14, 110, 1)]),
    "CalicoPool": lambda: cp.k8s.calico_pool(),
    "RangeNeed": lambda: cp.plan.size("gke", 10).ranges[0],
    "Sizing": lambda: cp.plan.size("gke", 10),
    "PoolSizing": lambda: cp.plan.size("gke", 0, pools=[{"name": "a", "nodes": 3}, {"name": "b", "nodes": 6}]).pools[0],
    "PoolCapacity": lambda: _pools().clusters[0].pools[0],
    "ObservedUse": lambda: _observed().clusters[0].observed,
    "ObservedRange": lambda: _observed().clusters[0].observed.ranges[0],
    "PoolShare": lambda: _pools().clusters[0].ranges[0].pools[0],
    "ComparisonRow": lambda: cp.plan.compare(10)[0],
    "PlannedRange": lambda: cp.plan.carve("10.0.0.0/16", "gke", 10).ranges[0],
    "ClusterPlan": lambda: cp.plan.carve("10.0.0.0/16", "gke", 10),
    "PlanReport": lambda: _plan().check(),
    "Summary": lambda: _plan().check().summary,
    "Finding": lambda: _plan().check().findings[0],
    "FindingObject": lambda: cp.Plan.load(_aws().to_yaml()).check().findings[0].objects[0],
    "Position": lambda: _plan().check().findings[0].objects[0].at,
    "Placement": lambda: _plan().placements()[0],
    "ClusterCapacity": lambda: _plan().check().clusters[0],
    "RangeCapacity": lambda: _plan().check().clusters[0].ranges[0],
    "ZoneLoss": lambda: _plan().check().clusters[0].zone_loss,
    "SpaceUsage": lambda: _plan().check().spaces[0],
    "SubnetUsage": lambda: _aws().check().subnets[0],
    "SubnetMap": lambda: _aws().subnet_map("eks-nodes-a"),
    "Block": lambda: _aws().subnet_map("eks-nodes-a").blocks[1],
    "Blocker": lambda: [s for s in _aws().check().subnets if s.blockers][0].blockers[0],
    "Difference": lambda: cp.Plan.load({"version": 1, "networks": [{"name": "prod", "cidr": "10.0.0.0/16"}]}).diff(_aws())[0],
}


def _aws() -> "cp.Plan":
    import pathlib
    import warnings
    d = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "imports" / "aws"
    with warnings.catch_warnings():
        # the export holds a VPN attachment without its connection: said, and not what these samples test
        warnings.simplefilter("ignore", UserWarning)
        return cp.Plan.import_aws(*sorted(d.iterdir()))


def _plan() -> "cp.Plan":
    # every field present: a finding with a fix and a position, a zonal cluster, a space
    return cp.Plan.load(
        "version: 1\n"
        "spaces: [{name: s, cidr: 10.0.0.0/12}]\n"
        "networks:\n"
        "  - name: vpc\n    profile: aws\n    space: s\n    size: 16\n    subnets:\n"
        "      - {name: a, size: 20}\n      - {name: b, size: 20}\n      - {name: c, size: 20}\n"
        "  - {name: x, cidr: 192.168.0.0/16}\n  - {name: y, cidr: 192.168.1.0/24}\n"
        "clusters:\n"
        "  - {name: k, platform: eks/secondary-ip/m5.large, network: vpc, nodes: 30, node_subnets: [a, b, c], service_range: 172.20.0.0/16}\n"
    )


def _pools():
    return cp.Plan.load({"version": 1, "networks": [{"name": "vnet", "profile": "azure", "cidr": "10.1.0.0/16", "subnets": [{"name": "n", "cidr": "10.1.0.0/21"}]}],
                         "clusters": [{"name": "c", "platform": "aks/azure-cni", "max_pods": 30, "node_subnets": ["n"], "service_range": "10.100.0.0/16",
                                       "pools": [{"name": "system", "nodes": 3}, {"name": "user", "nodes": 50}]}]}).check()


def _observed():
    d = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "imports" / "clusters"
    nodes = cp.Plan.import_from("kubectl", d / "kubectl" / "prod-aks.json")
    return cp.Plan.load([d / "kubectl-plan.yaml", nodes.to_dict()]).check()
