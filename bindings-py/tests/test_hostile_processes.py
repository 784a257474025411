"""Calls that once killed the interpreter or answered wrongly, each run in a process of
its own under a memory limit: an abort, a segfault or running out of memory is a failed
case, not a dead test run. Every call must end with the exact answer or a CidrplanError
whose kind is given and whose message names the argument."""
import json
import subprocess
import sys
import textwrap

import pytest

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space per case
TIME_LIMIT = 60  # seconds per case; every case takes well under one

# (call, expected): expected is ("error", kind, words the message must contain) or ("value", repr)
CASES = [
    ('cp.split("::/0", 33).to_list(2**33)', ("error", "invalid-argument", "limit")),
    ('cp.split("::/0", 63).to_list(2**63)', ("error", "invalid-argument", "limit")),
    ('cp.split("::/0", 64).to_list(2**64 + 5)', ("error", "invalid-argument", "limit")),
    ('cp.split("::/0", 24).to_list(2**22)', ("error", "limit-exceeded", "16777216 subnets")),
    ('cp.split("::/0", 24).to_list(2**22 + 1)', ("error", "invalid-argument", "4194304")),
    ('cp.split("::/0", 24).to_list(-1)', ("error", "invalid-argument", "limit")),
    ('len(cp.split("::/0", 63))', ("error", "limit-exceeded", "len")),
    ('cp.split("::/0", 128).count', ("value", str(2**128))),
    ('cp.split("::/0", 128)[-1]', ("value", repr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"))),
    ('list(cp.split("::/0", 128)[2**127:2**127 + 2])', ("value", repr(["8000::/128", "8000::1/128"]))),
    ('cp.plan.carve("10.0.0.0/8", "eks/secondary-ip/m5.large", 10, zones=2**31)', ("error", "invalid-argument", "zones")),
    ('cp.plan.carve("10.0.0.0/8", "eks/secondary-ip/m5.large", 10, zones=100000)', ("error", "invalid-argument", "zones")),
    ('cp.plan.size("gke", 10, zones=2**40)', ("error", "invalid-argument", "zones")),
    ('cp.plan.compare(10, zones=-1)', ("error", "invalid-argument", "zones")),
    ('cp.plan.size("gke", 10**30)', ("error", "invalid-argument", "nodes")),
    ('cp.plan.size("eks/secondary-ip/m5.large", 10**9)', ("error", "limit-exceeded", "nodes")),
    ('cp.gke.cluster_max_nodes(20, [(14, 110, 1)], zones=2**31)', ("error", "invalid-argument", "zones")),
    ('cp.split("10.0.0.0/8", 300)', ("error", "invalid-argument", "new_prefix")),
    ('cp.split("10.0.0.0/8", -1)', ("error", "invalid-argument", "new_prefix")),
    ('cp.supernet("10.0.0.0/8", 2**70)', ("error", "invalid-argument", "new_prefix")),
    ('cp.cidrsubnet("10.0.0.0/8", 8, -1)', ("error", "invalid-argument", "netnum")),
    ('cp.cidrsubnet("10.0.0.0/8", 260, 1)', ("error", "invalid-argument", "newbits")),
    ('cp.cidrsubnets("10.0.0.0/8", 4, -4)', ("error", "invalid-argument", "newbits")),
    ('cp.cidrhost("10.0.0.0/8", 2**200)', ("error", "invalid-argument", "hostnum")),
    ('cp.prefix_for_hosts(-3)', ("error", "invalid-argument", "hosts")),
    ('cp.prefix_for_hosts(10, version=5)', ("error", "invalid-argument", "version")),
    ('cp.free_aligned_blocks("10.0.0.0/24", [], 2**9)', ("error", "invalid-argument", "prefix_len")),
    ('cp.allocate_one("10.0.0.0/24", [], -28)', ("error", "invalid-argument", "prefix_len")),
    ('cp.allocate_many("10.0.0.0/24", [], [28, 300])', ("error", "invalid-argument", "prefix_len")),
    ('cp.vlsm("10.0.0.0/24", {"a": -1})', ("error", "invalid-argument", "hosts")),
    ('cp.vlsm("10.0.0.0/24", {"a": 300}, by="prefix_len")', ("error", "invalid-argument", "prefix_len")),
    ('cp.vlsm("10.0.0.0/24", [10], by="x")', ("error", "invalid-argument", "by")),
    ('cp.find_overlaps({"a": "10.0.0.0/8"}, max_pairs=-1)', ("error", "invalid-argument", "max_pairs")),
    ('cp.find_overlaps({"a": "10.0.0.0/8"}, max_pairs=2**62)', ("error", "invalid-argument", "max_pairs")),
    ('cp.named_subnets("10.0.0.0/8", [("a", -8)])', ("error", "invalid-argument", "new_bits")),
    ('cp.eks.max_pods("m5.large", vcpus=-1)', ("error", "invalid-argument", "vcpus")),
    ('cp.eks.max_pods("m5.large", max_enis=-(2**70))', ("error", "invalid-argument", "max_enis")),
    ('cp.eks.max_pods("m5.large", max_enis=-1).address_limit', ("value", "29")),
    ('cp.eks.max_pods("m5.large", ceiling="x")', ("error", "invalid-argument", "ceiling")),
    ('cp.eks.max_pods("m5.large", reserved_enis=2**32)', ("error", "invalid-argument", "reserved_enis")),
    ('cp.eks.node_subnet_ips("m5.large", -1)', ("error", "invalid-argument", "pods")),
    ('cp.eks.node_subnet_ips("m5.large", 10, warm_ip_target=-5)', ("error", "invalid-argument", "warm_ip_target")),
    ('cp.aks.required_ips(-5, max_pods=30)', ("error", "invalid-argument", "nodes")),
    ('cp.aks.required_ips(10**18, max_pods=250)', ("error", "invalid-config", "5000")),
    ('cp.aks.required_ips(10, max_pods=2**40)', ("error", "invalid-argument", "max_pods")),
    ('cp.aks.required_ips(10, max_pods=30, surge=-1)', ("error", "invalid-argument", "surge")),
    ('cp.aks.max_nodes("10.0.0.0/16", max_pods=250, surge=0, mode="overlay").pods', ("value", "200000")),
    ('cp.gke.max_nodes(14, 20, 2**33)', ("error", "invalid-argument", "max_pods")),
    ('cp.gke.cluster_max_nodes(20, [(14, -110, 1)])', ("error", "invalid-argument", "max_pods")),
    ('cp.k8s.host_local_pod_ips(33)', ("error", "invalid-argument", "node_mask")),
    ('cp.k8s.host_local_pod_ips(300)', ("error", "invalid-argument", "node_mask")),
    ('cp.k8s.calico_pool("fd00::/48", block_size=122).blocks', ("value", str(2**74))),
    ('cp.k8s.calico_pool("::/0", block_size=128)', ("error", "limit-exceeded", "2^128")),
    ('cp.k8s.cilium_cluster_pool_nodes("::/1", node_mask=128)', ("value", str(2**127))),
    ('cp.k8s.range_allocator_nodes("10.0.0.0/8", node_mask=-1)', ("error", "invalid-argument", "node_mask")),
    ('cp.PrefixSet(["::/0", "10.0.0.0/8"]).size', ("value", str(2**128 + 2**24))),
    ('cp.PrefixSet(["::/0"]).size', ("value", str(2**128))),
    ('cp.PrefixSet(["::/0", "0.0.0.0/0"]).size', ("value", str(2**128 + 2**32))),
    ('cp.PrefixSet().complement(version=2**70)', ("error", "invalid-argument", "version")),
    # plan documents: nesting, aliases, numbers past their types, quadratic overlaps
    ('cp.Plan.load("version: 1\\nx: " + "[" * 100000 + "]" * 100000)', ("error", "invalid-argument", "recursion limit")),
    ('cp.Plan.load("a: &a [x,x,x,x,x,x,x,x,x,x]\\n" + "".join(f"{chr(98+i)}: &{chr(98+i)} [" + ",".join([f"*{chr(97+i)}"] * 10) + "]\\n" for i in range(9)))', ("error", "invalid-argument", "anchors and aliases copy")),
    # nested anchors around a 400,000-item list: each level's copy counts (it aborted the interpreter)
    ('cp.Plan.load("version: 1\\nx: " + "".join(f"&a{i} [" for i in range(60)) + ",".join(["1"] * 400000) + "]" * 60)', ("error", "invalid-argument", "anchors and aliases copy")),
    ('cp.Plan.load({"version": 1, "clusters": [{"name": "c", "platform": "aks/overlay", "nodes": 10**30}]})', ("error", "invalid-argument", "nodes must be a whole number")),
    ('cp.Plan.load({"version": 1, "clusters": [{"name": "c", "platform": "aks/overlay", "nodes": 3, "zones": 2**40}]})', ("error", "invalid-argument", "zones")),
    ('cp.Plan.load({"version": 1, "clusters": [{"name": "c", "platform": "aks/overlay", "nodes": 10**9}]}).check().findings[0].rule', ("value", repr("cluster.sizing"))),
    ('cp.Plan.load({"version": 1, "networks": [{"name": "n", "size": 300}]})', ("error", "invalid-argument", "size")),
    ('cp.Plan.load({"version": 1, "networks": [{"name": "n", "hosts": 2**70}]})', ("error", "invalid-argument", "hosts")),
    ('cp.Plan.load({"version": 1, "spaces": [{"name": "s", "cidr": "10.0.0.0/8"}], "networks": [{"name": "n", "space": "s", "hosts": 2**40}]}).check().findings[0].rule', ("value", repr("carve.does-not-fit"))),
    ('cp.Plan.load({"version": 1, "spaces": [{"name": "s", "cidr": "::/0"}], "networks": [{"name": "n", "space": "s", "size": 128}]}).carve().to_dict()["networks"][0]["cidr"]', ("value", repr("::/128"))),
    ('sorted({f.rule for f in cp.Plan.load("version: 1\\nnetworks:\\n" + "".join(f"  - {{name: n{i}, cidr: 10.0.0.0/8}}\\n" for i in range(20000))).findings()})', ("value", repr(["plan.limit"]))),
    ('cp.Plan.load("version: 1\\nname: \\x00\\x01\\n")', ("error", "invalid-argument", "<text>")),
    ('cp.Plan.from_text("{" * 5000, "x.json")', ("error", "invalid-argument", "x.json:1:")),
]

RUNNER = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    import cidrplan as cp
    try:
        value = {call}
        print(json.dumps(["value", repr(value) if not isinstance(value, int) else str(value)]))
    except cp.CidrplanError as e:
        print(json.dumps(["error", e.kind, str(e)]))
    except BaseException as e:
        print(json.dumps(["other", type(e).__name__, str(e)]))
    """
)


@pytest.mark.parametrize("call,expected", CASES, ids=[c for c, _ in CASES])
def test_call_in_its_own_process(call, expected):
    code = RUNNER.format(limit=MEMORY_LIMIT, call=call)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIME_LIMIT)
    assert proc.returncode == 0, f"{call}: the process died (exit {proc.returncode}): {proc.stderr[-2000:]}"
    outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    if expected[0] == "value":
        assert outcome == ["value", expected[1]], f"{call}: {outcome}"
    else:
        assert outcome[0] == "error", f"{call}: expected a CidrplanError, got {outcome}"
        assert outcome[1] == expected[1], f"{call}: kind {outcome[1]} ({outcome[2]}), want {expected[1]}"
        assert expected[2] in outcome[2], f"{call}: message {outcome[2]!r} does not name {expected[2]!r}"
