"""Notebook manners: records, reprs, HTML, DataFrame-ready output, ipaddress in and out."""
import ipaddress

import cidrplan as cp


def test_record_attributes_repr_and_dict():
    m = cp.eks.max_pods("m5.large", prefix_delegation=True, vcpus=2)
    assert (m.address_limit, m.recommended, m.limited_by) == (434, 110, "ceiling110")
    assert repr(m).startswith("MaxPods(instance_type='m5.large'")
    d = m.to_dict()
    assert d["address_limit"] == 434 and isinstance(d, dict)
    assert "<table>" in m._repr_html_()
    assert isinstance(m, cp.Record) and m["recommended"] == 110


def test_nested_records_and_records_for_dataframes():
    plan = cp.plan.carve("10.0.0.0/16", "eks/secondary-ip/m5.large", 60)
    assert plan.ranges[0].name == "nodes-a"
    assert plan.sizing.ranges[0].role == "node-subnet"
    rows = cp.to_records(plan.ranges)
    assert all(isinstance(r, dict) for r in rows) and set(rows[0]) >= {"name", "prefix", "role"}
    assert "<table>" in cp.records_html(plan.ranges)
    assert "<table>" in plan._repr_html_()


def test_ipaddress_objects_in_and_out():
    net = ipaddress.ip_network("10.0.0.0/24")
    assert cp.collapse([ipaddress.ip_network("10.0.0.0/25"), "10.0.0.128/25"]) == ["10.0.0.0/24"]
    assert cp.usable_hosts(net, profile="aws") == 251
    assert cp.as_ipaddress(cp.split(net, 26)) == list(net.subnets(new_prefix=26))
    assert cp.range_to_cidrs(ipaddress.ip_address("10.0.0.1"), "10.0.0.2") == ["10.0.0.1/32", "10.0.0.2/32"]


def test_prefix_set_manners():
    s = cp.PrefixSet(["10.0.0.0/25", "10.0.0.128/25"])
    assert list(s) == ["10.0.0.0/24"] and len(s) == 1 and "10.0.0.7" in s and s.size == 256
    assert repr(s) == "PrefixSet(['10.0.0.0/24'])"
    assert s == cp.PrefixSet(["10.0.0.0/24"])
    assert (s - ["10.0.0.0/25"]).prefixes() == ["10.0.0.128/25"]


def test_spec_names_behave_as_shown():
    assert len(cp.split("10.0.0.0/16", 19)) == 8
    assert cp.cidrsubnets("10.1.0.0/16", 4, 4, 8, 4) == ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]
    assert cp.cidrsubnet("10.1.2.0/24", 4, 15) == "10.1.2.240/28"
    assert cp.cidrhost("10.0.0.0/8", -2) == "10.255.255.254"
    assert cp.collapse(["10.0.0.0/25", "10.0.0.128/25"]) == ["10.0.0.0/24"]
    assert cp.exclude("10.0.0.0/24", ["10.0.0.64/26"]) == ["10.0.0.0/26", "10.0.0.128/25"]
    assert cp.free_space("10.0.0.0/24", ["10.0.0.0/26"]) == ["10.0.0.64/26", "10.0.0.128/25"]
    assert cp.allocate_one("10.0.0.0/24", ["10.0.0.0/26"], 28, strategy="best_fit") == "10.0.0.64/28"
    o = cp.find_overlaps({"vpc": "10.0.0.0/16", "onprem": "10.0.0.0/8"})
    assert (o[0].a, o[0].b) == ("onprem", "vpc")
    assert cp.usable_hosts("10.0.0.0/24", profile="aws") == 251
    assert cp.eks.max_pods("m5.large").address_limit == 29
    assert cp.aks.required_ips(50, max_pods=30, surge=1, mode="azure-cni") == 1581
    assert cp.aks.min_subnet_prefix(50, max_pods=30, surge=1, mode="azure-cni") == 21
    assert cp.aks.max_nodes("10.0.0.0/24", max_pods=30, surge=0, mode="azure-cni").nodes == 8
    assert cp.gke.max_nodes_for_primary(20) == 4092 and cp.gke.primary_prefix_for(1000) == 22
    assert cp.gke.pod_range_prefix(110) == 24
    assert cp.gke.max_nodes(node_prefix=20, pod_prefix=14, max_pods=110) == 1024


def test_example_script_runs():
    import runpy
    from conftest import ROOT
    ns = runpy.run_path(str(ROOT / "bindings-py" / "examples" / "plan_network.py"), run_name="__main__")
    assert ns["eks_plan"].overlaps == [] and ns["aks_issues"] == []


def test_bulk_overlap_reports_leave_the_gc_as_they_found_it():
    import gc
    assert gc.isenabled()
    assert len(cp.find_overlaps(["10.0.0.0/8"] * 50)) == 50 * 49 // 2
    assert gc.isenabled()
    gc.disable()
    try:
        cp.find_overlaps(["10.0.0.0/8", "10.0.0.0/9"])
        assert not gc.isenabled()
    finally:
        gc.enable()
