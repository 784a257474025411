"""The shared golden corpus (tests/golden/*.json), run through the Python package."""
import json

import pytest

import cidrplan as cp
from conftest import GOLDEN


def _surge(a):
    s = a.get("surge", {"nodes": 1})
    return s["nodes"] if "nodes" in s else f"{s['percent']}%"


def _aks(a):
    return dict(max_pods=a.get("max_pods"), surge=_surge(a), mode=a["mode"])


def _lenient(a):
    return cp.parse(a["prefix"], strict=False)


OPS = {
    "parse_prefix": lambda a: cp.parse_prefix(a["text"]),
    "parse_prefix_lenient": lambda a: cp.parse_prefix(a["text"], strict=False),
    "split": lambda a: cp.split(a["prefix"], a["new_prefix"]).to_list(),
    "supernet": lambda a: cp.supernet(a["prefix"], a["new_prefix"]),
    "collapse": lambda a: cp.collapse(a["prefixes"]),
    "exclude": lambda a: cp.exclude(a["prefix"], a["remove"]),
    "range_to_cidrs": lambda a: cp.range_to_cidrs(a["first"], a["last"]),
    "spanning_cidr": lambda a: cp.spanning_cidr(a["prefixes"]),
    "PrefixSet": lambda a: _set(a),
    "cidrsubnets": lambda a: cp.cidrsubnets(a["prefix"], *a["newbits"]),
    "cidrsubnet": lambda a: cp.cidrsubnet(a["prefix"], a["newbits"], a["netnum"]),
    "cidrhost": lambda a: cp.cidrhost(a["prefix"], a["hostnum"]),
    "cidrnetmask": lambda a: cp.cidrnetmask(a["prefix"]),
    "splits_to": lambda a: cp.splits_to(a["prefix"], a["new_prefix"]),
    "named_subnets": lambda a: {s.name: s.prefix for s in cp.named_subnets(a["prefix"], [(s["name"], s["new_bits"]) for s in a["slots"]]).subnets},
    "vlsm": lambda a: [s.prefix for s in cp.vlsm(a["prefix"], a["hosts"], profile=a["profile"]).subnets],
    "free_space": lambda a: cp.free_space(a["parent"], a["used"]),
    "free_aligned_blocks": lambda a: cp.free_aligned_blocks(a["parent"], a["used"], a["prefix_len"]),
    "allocate": lambda a: [s.prefix for s in cp.allocate(a["parent"], a["used"], a["prefix_lens"], strategy=a["strategy"]).subnets],
    "find_overlaps": lambda a: [[o.a, o.b, o.relation] for o in cp.find_overlaps(a["prefixes"])],
    "check_reserved": lambda a: [h.entry_prefix for h in cp.check_reserved(a["prefixes"], sets=a["sets"])],
    "usable_hosts": lambda a: cp.usable_hosts(a["prefix"], profile=a["profile"]),
    "inspect": lambda a: cp.inspect(a["prefix"], profile=a["profile"]),
    "network_bits": lambda a: cp.network_bits(a["prefix"]),
    "reverse_pointer": lambda a: cp.reverse_pointer(a["address"]),
    "reverse_zones": lambda a: cp.reverse_zones(a["prefix"]),
    "exploded": lambda a: cp.exploded(a["address"]),
    "next_address": lambda a: cp.next_address(a["address"]),
    "previous_address": lambda a: cp.previous_address(a["address"]),
    "next_prefix": lambda a: cp.next_prefix(a["prefix"], a.get("new_prefix")),
    "previous_prefix": lambda a: cp.previous_prefix(a["prefix"], a.get("new_prefix")),
    "classify": lambda a: cp.classify(a["prefix"]),
    "longest_match": lambda a: cp.longest_match(a["address"], a["prefixes"]),
    "shortest_match": lambda a: cp.shortest_match(a["address"], a["prefixes"]),
    "addresses": lambda a: _addresses(cp.addresses(a["prefix"], hosts=a.get("hosts", False))),
    "address_range": lambda a: _addresses(cp.address_range(a["first"], a["last"])),
    "parse_scoped_address": lambda a: list(cp.parse_scoped_address(a["text"])),
    "eks.max_pods": lambda a: cp.eks.max_pods(a["instance_type"], **{k: v for k, v in a.items() if k != "instance_type"}),
    "eks.node_subnet_ips": lambda a: cp.eks.node_subnet_ips(a["instance_type"], a["pods"], prefix_delegation=a.get("prefix_delegation", False), **a.get("warm", {})).subnet_ips,
    "eks.nodes_in_subnet": lambda a: cp.eks.nodes_in_subnet(a["subnet"], a["instance_type"], a["pods"]),
    "aks.required_node_subnet_ips": lambda a: cp.aks.required_ips(a["nodes"], **_aks(a)),
    "aks.min_node_subnet_prefix": lambda a: cp.aks.min_subnet_prefix(a["nodes"], **_aks(a)),
    "aks.max_nodes": lambda a: cp.aks.max_nodes(a["subnet"], **_aks(a)),
    "aks.pod_address_need": lambda a: cp.aks.pod_need(a["nodes"], **_aks(a)),
    "aks.max_nodes_for_pod_range": lambda a: cp.aks.pod_range_nodes(a["range"], max_pods=a["max_pods"], mode=a["mode"]),
    "aks.validate": lambda a: [i.rule for i in cp.aks.validate(a)],
    "gke.max_nodes_for_primary": lambda a: cp.gke.max_nodes_for_primary(a["prefix_len"]),
    "gke.primary_prefix_for": lambda a: cp.gke.primary_prefix_for(a["nodes"]),
    "gke.pod_range_prefix": lambda a: cp.gke.pod_range_prefix(a["max_pods"], a.get("overprovisioning", True)),
    "gke.nodes_for_pod_range": lambda a: cp.gke.nodes_for_pod_range(a["pod_prefix"], a["max_pods"]),
    "gke.max_nodes": lambda a: cp.gke.max_nodes(node_prefix=a["node_prefix"], pod_prefix=a["pod_prefix"], max_pods=a["max_pods"]),
    "gke.services_for_range": lambda a: cp.gke.services_for_range(a["prefix_len"]),
    "gke.route_based_max_nodes": lambda a: cp.gke.route_based_max_nodes(a["prefix_len"]),
    "gke.cluster_max_nodes": lambda a: cp.gke.cluster_max_nodes(a["node_prefix"], [(r["prefix_len"], r["max_pods"], r["node_pools"]) for r in a["pod_ranges"]], zones=a["zones"], regional=a["regional"]),
    "k8s.range_allocator_nodes": lambda a: cp.k8s.range_allocator_nodes(a["cluster_cidr"], a.get("node_mask"), rule=a.get("rule", "controller")),
    "k8s.calico_pool": lambda a: cp.k8s.calico_pool(a["pool"], a.get("block_size"), a["pods_per_node"]),
    "k8s.cilium_cluster_pool_nodes": lambda a: cp.k8s.cilium_cluster_pool_nodes(a["pool"], a.get("node_mask")),
    "eks.default_service_cidr": lambda a: cp.eks.default_service_cidr(a["vpc_cidrs"])[0],
    "gke.default_services_range": lambda a: cp.gke.default_services_range(a["kind"], tuple(a["version"])),
    "k8s.flannel_nodes": lambda a: cp.k8s.flannel_nodes(a["network"], a["subnet_len"]),
}

def _requirement(r):
    r = dict(r)
    if "surge" in r:
        r["surge"] = _surge(r)
    return r


def _sizing(s):
    out = s.to_dict()
    for i, r in enumerate(s.ranges):
        out[f"ranges_{i}_prefix_len"] = r.prefix_len
        out[f"ranges_{i}_addresses"] = r.addresses
    return out


def _carve(a):
    p = cp.plan.carve(a["vpc"], a["platform"], **_requirement(a["requirement"]))
    services = next((r.prefix for r in p.ranges if r.role == "service-range"), None)
    return {"services": services, "in_vpc": sum(1 for r in p.ranges if r.in_vpc), "overlaps": len(p.overlaps)}


def _compare(a):
    rows = cp.plan.compare(**_requirement(a["requirement"]), instance_type=a["instance_type"])
    return {"rows": len(rows), "rows_with_sizing": sum(1 for r in rows if r.sizing is not None)}


OPS.update({
    "plan.size": lambda a: _sizing(cp.plan.size(a["platform"], **_requirement(a["requirement"]))),
    "plan.compare": _compare,
    "plan.compare_at_pods": lambda a: (lambda rows: {"nodes_for_pods": [r.nodes_for_pods for r in rows], "errors": [r.error for r in rows]})(
        cp.plan.compare_at_pods(a["pods"], platforms=a["platforms"], **{k: v for k, v in _requirement(a["requirement"]).items() if k not in ("nodes", "peak_nodes", "pools")})
    ),
    "plan.carve": _carve,
})

SETS = {"union": "union", "intersection": "intersection", "difference": "difference", "symmetric_difference": "symmetric_difference"}


def _set(a):
    x, y = cp.PrefixSet(a["a"]), cp.PrefixSet(a["b"])
    op = a["operation"]
    if op.startswith("complement_v"):
        return x.complement(int(op[-1])).prefixes()
    return getattr(x, SETS[op])(y).prefixes()


def _addresses(r):
    return {"count": r.count, "head": list(r[:3]), "last": r[-1]}


KINDS = {
    "parse": cp.ParseError, "mixed-families": cp.MixedFamiliesError, "invalid-argument": cp.InvalidArgumentError,
    "does-not-fit": cp.DoesNotFitError, "limit-exceeded": cp.LimitExceededError, "invalid-config": cp.ConfigError,
    "unknown-instance-type": cp.UnknownInstanceTypeError,
}


def _matches(got, want):
    if isinstance(want, dict) and isinstance(got, (dict, cp.Record)):
        for k, v in want.items():
            if k.endswith("_between"):
                x = got[k[: -len("_between")]]
                assert v[0] <= x <= v[1], f"{k}: {x} not in {v}"
            elif isinstance(v, str) and v.isdigit() and isinstance(got[k], int):
                # a count past 2^53 - 1, written as a decimal string in the corpus
                assert str(got[k]) == v, f"{k}: got {got[k]!r}, want {v!r}"
            else:
                assert got[k] == v, f"{k}: got {got[k]!r}, want {v!r}"
    else:
        assert got == want


def _cases(name):
    return [pytest.param(c, id=f"{name}:{c['name']}") for c in json.loads((GOLDEN / name).read_text())]


@pytest.mark.parametrize("case", _cases("cidr.json") + _cases("capacity.json") + _cases("ipaddress.json") + _cases("peers.json"))
def test_golden(case):
    run = OPS[case["op"]]
    if "error" in case:
        with pytest.raises(KINDS[case["error"]]) as exc:
            run(case["args"])
        assert exc.value.kind == case["error"]
        if "message" in case:
            assert str(exc.value) == case["message"]
        if "field" in case:
            assert exc.value.field == case["field"]
    else:
        _matches(run(case["args"]), case["expect"])


def test_eni_max_pods_every_type():
    checked = 0
    for line in (GOLDEN / "eni-max-pods.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, want = line.split()
        assert cp.eks.max_pods(name).address_limit == int(want), name
        checked += 1
    assert checked == len(cp.eks.instance_types()) == 1391
