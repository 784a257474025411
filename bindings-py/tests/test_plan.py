"""cidrplan.Plan: the plan golden cases (tests/golden/plans) give exactly their
findings and errors from Python too; loading paths, text, dicts and lists; carve,
export, pickling; records that make a DataFrame."""
import json
import os
import pathlib
import pickle

import pytest

import cidrplan as cp

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "plans"
EXAMPLES = ROOT / "examples" / "plans"
CASES = json.loads((GOLDEN / "expected.json").read_text())["cases"]


def _at(f):
    for o in f.objects:
        if o.at is not None if "at" in o else False:
            return f"{o.at.file}:{o.at.line}:{o.at.column}"
    return None


@pytest.mark.parametrize("case", CASES, ids=[c["plan"] for c in CASES])
def test_golden_plan_case(case):
    text = (GOLDEN / case["plan"]).read_text()
    if case["op"] == "document.check":
        report = cp.Plan.from_text(text, case["file"]).check()
        got = [
            {"severity": f.severity, "rule": f.rule, "objects": [o.name for o in f.objects], "at": _at(f)}
            for f in report.findings
        ]
        assert got == case["findings"]
        assert (report.summary.errors == 0) == (case["exit"] == 0)
    else:
        with pytest.raises(cp.CidrplanError) as e:
            cp.Plan.from_text(text, case["file"])
        assert str(e.value) == case["error"]["message"]
        assert e.value.kind == case["error"]["kind"]
        at = case["error"]["at"]
        assert (e.value.file, e.value.line, e.value.column, e.value.width, e.value.path) == (
            case["file"], at["line"], at["column"], at["width"], at["path"]
        )
        assert e.value.suggestions == case["error"]["suggestions"]


def test_load_accepts_paths_text_dicts_and_lists():
    p = EXAMPLES / "multicloud.yaml"
    a = cp.Plan.load(str(p))
    b = cp.Plan.load(p)
    c = cp.Plan.load(p.read_text())
    d = cp.Plan.load(json.loads(a.to_json()))
    assert a == b
    assert a.to_dict() == c.to_dict() == d.to_dict()
    assert a.name == "globex"
    both = cp.Plan.load([EXAMPLES / "startup-eks.yaml", EXAMPLES / "aks-hub-spoke.yaml"])
    # two organisations' plans together: the startup's 10.0.0.0/12 is the other's on-prem
    rules = {f.rule for f in both.findings()}
    assert "overlap.connected" in rules
    assert "Plan(name=\"globex\", spaces=4, networks=3" in repr(a)


def test_bad_sources_say_what_is_wrong(tmp_path):
    # as Python's own: errno, strerror and filename, "[Errno 2] ...: 'nope.yaml'"
    with pytest.raises(FileNotFoundError, match=r"^\[Errno 2\] cannot read the plan: No such file or directory: 'nope.yaml'$") as missing:
        cp.Plan.load("nope.yaml")
    assert (missing.value.errno, missing.value.filename) == (2, "nope.yaml")
    with pytest.raises(IsADirectoryError) as directory:
        cp.Plan.load(tmp_path)
    assert (directory.value.errno, directory.value.filename) == (21, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=r"cannot read the export: No such file") as export:
        cp.Plan.import_aws(tmp_path / "no-export.json")
    assert export.value.filename == str(tmp_path / "no-export.json")
    with pytest.raises(TypeError, match="Plan.load takes a path"):
        cp.Plan.load(42)
    with pytest.raises(cp.InvalidArgumentError, match=r"^<dict>:1:\d+: networks\[0\]\.cidr: 10.0.0.1/8 has host bits set"):
        cp.Plan.load({"version": 1, "networks": [{"name": "a", "cidr": "10.0.0.1/8"}]})
    with pytest.raises(cp.InvalidArgumentError, match="^<text>:3:5: clusters\\[0\\] is missing nodes"):
        cp.Plan.load("version: 1\nclusters:\n  - name: c\n    platform: aks/overlay\n")
    # a file that is not UTF-8 and a dict that holds itself are unusable plans, with kind and path
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("version: 1\nname: Zürich\n".encode("latin-1"))
    with pytest.raises(cp.CidrplanError, match=r"latin1\.yaml: is not UTF-8 text \(byte 18") as e:
        cp.Plan.load(latin)
    assert e.value.kind == "invalid-argument"
    with pytest.raises(cp.CidrplanError, match="Circular reference") as e:
        loop = {"version": 1}
        loop["self"] = loop
        cp.Plan.load(loop)
    assert e.value.kind == "invalid-argument"
    with pytest.raises(cp.CidrplanError, match="<dict>: cannot be read as a plan"):
        cp.Plan.load({"version": 1, "tags": {1, 2}})
    # a number is shown as written
    with pytest.raises(cp.InvalidArgumentError, match="not 010$"):
        cp.Plan.load("version: 1\nnetworks:\n  - {name: a, size: 010}\n")


def test_check_carve_export():
    plan = cp.Plan.load(EXAMPLES / "startup-eks.yaml")
    report = plan.check()
    assert report.summary.errors == 0
    assert len(report.carved) == len(plan.placements()) == 13
    prod = report.clusters[0]
    assert prod.cluster == "prod" and prod.runs_out_first == "nodes-a"
    assert prod.zone_loss.holds
    carved = plan.carve()
    assert carved.placements() == []
    assert carved.check().summary.errors == 0
    assert "\"prod-use1/nodes/us-east-1a\" = {" in plan.export("terraform")
    assert plan.export("csv").startswith("kind,name,parent,cidr,")
    assert pickle.loads(pickle.dumps(plan)) == plan
    with pytest.raises(cp.InvalidArgumentError, match="export format \"pdf\""):
        plan.export("pdf")
    with pytest.raises(cp.DoesNotFitError, match="c: no free /24 in space small"):
        cp.Plan.load(GOLDEN / "carve-fails.yaml").carve()


def test_findings_make_a_dataframe():
    pd = pytest.importorskip("pandas")
    findings = cp.Plan.load(GOLDEN / "spaces-and-policies.yaml").findings()
    df = pd.DataFrame(findings)
    assert list(df.columns[:4]) == ["severity", "rule", "message", "objects"]
    assert (df.severity == "error").sum() == 4


def test_quick_tools_become_plans():
    # a carved cluster plan kept as a plan file: checking it finds what the minimal
    # carve does not cover (a lost zone), every platform's plan reads back
    p = cp.Plan.for_cluster("prod", "10.0.0.0/16", "eks/prefix-delegation/m5.large", 30, peak_nodes=90, surge="10%")
    assert [f.rule for f in p.findings()] == ["cluster.zone-loss"]
    assert cp.Plan.load(p.to_yaml()) == p
    for platform in ["aks/overlay", "gke/standard", "kubernetes/24", "eks/custom-networking/m5.large"]:
        q = cp.Plan.for_cluster("c", "10.0.0.0/16", platform, 20)
        assert q.check().summary.errors == 0, platform
    s = cp.Plan.for_subnets(["10.0.0.0/16"], ["10.0.0.0/16"], {"10.0.0.0/17": "app"}, profile="aws")
    assert s.to_dict()["networks"][0]["subnets"] == [{"name": "app", "cidr": "10.0.0.0/17"}]
    with pytest.raises(cp.InvalidArgumentError, match="zones"):
        cp.Plan.for_cluster("c", "10.0.0.0/16", "gke", 10, zones=9)


IMPORTS = ROOT / "tests" / "golden" / "imports"


def test_imports_from_every_cloud_and_terraform():
    with pytest.warns(UserWarning, match=r"tgw-attach-03: vpn vpn-0abc on tgw-0123: the ranges behind it are not in the export"):
        aws = cp.Plan.import_aws(*sorted((IMPORTS / "aws").iterdir()))
    report = aws.check()
    assert [(f.rule, [o.name for o in f.objects]) for f in report.findings] == [
        ("overlap.connected", ["prod", "legacy"]),
        ("usage.fragmented", ["eks-nodes-a"]),
    ]
    frag = next(s for s in report.subnets if s.subnet == "eks-nodes-a")
    assert (frag.free, frag.free_aligned_28) == (237, 0)
    assert frag.blockers[0].by == ["eni-0f00"]
    azure = cp.Plan.import_azure(*(IMPORTS / "azure").iterdir())
    assert [f.rule for f in azure.findings()] == ["overlap.connected"]
    gcp = cp.Plan.import_from("gcp", *sorted((IMPORTS / "gcp").iterdir()))
    assert gcp.check().summary.errors == 0 and gcp.check().clusters[0].cluster == "prod-usc1"
    tf = cp.Plan.import_terraform(*sorted((IMPORTS / "terraform").glob("*.json")))
    both = cp.Plan.load([cp.Plan.load(aws.to_yaml()).to_dict(), tf.to_dict()])
    assert any(f.rule == "overlap.connected" and [o.name for o in f.objects] == ["prod", "aws_vpc.main"] for f in both.findings())
    diff = cp.Plan.load({"version": 1, "networks": [{"name": "next", "cidr": "10.9.0.0/16"}]}).diff(aws)
    assert diff[0].change == "missing" and diff[0].name == "next"
    with pytest.raises(cp.InvalidArgumentError, match=r"truncated.json:5:16: the JSON ends too early"):
        cp.Plan.import_aws(IMPORTS / "broken" / "truncated.json")
    with pytest.raises(cp.InvalidArgumentError, match="found an object with Reservations"):
        cp.Plan.import_aws(IMPORTS / "broken" / "describe-instances.json")
    with pytest.raises(cp.CidrplanError, match=r"vpcs-malformed\.json: Vpcs\[0\]: an object was expected, not null"):
        cp.Plan.import_aws(IMPORTS / "broken" / "vpcs-malformed.json")
    with pytest.raises(cp.CidrplanError, match=r"eni-0bad0000000000001: PrivateIpAddress \"10\.0\.1\.999\" is not an IP address"):
        cp.Plan.import_aws(IMPORTS / "broken" / "eni-bad-address.json")
    with pytest.raises(cp.InvalidArgumentError, match='import source "oracle"'):
        cp.Plan.import_from("oracle", IMPORTS / "aws" / "describe-vpcs.json")
    with pytest.raises(FileNotFoundError):
        cp.Plan.import_aws("no-such-export.json")


def test_shortfalls_and_unsized_clusters_read_in_words():
    report = cp.Plan.load(GOLDEN / "shortfall.yaml").check()
    nodes = report.clusters[0].ranges[0]
    assert (nodes.needed, nodes.capacity, nodes.short, nodes.headroom_percent) == (1581, 251, 1330, None)
    assert nodes.summary == "needs 1,581 addresses, has 251 (short 1,330; a /21 holds it)"
    assert "-" not in repr(nodes).split("summary")[0].replace("node-subnet", "")
    hidden = cp.Plan.load(GOLDEN / "hidden-findings.yaml").check()
    aks = hidden.clusters[0]
    assert "400" in aks.error and all(r.needed is None for r in aks.ranges)
    rules = [f.rule for f in hidden.findings]
    assert rules.count("cluster.platform-rule") == 2 and "overlap.cluster-range" in rules


def test_two_cloud_imports_check_secondary_ranges_and_service_subnets():
    d = IMPORTS / "services"
    gcp = cp.Plan.import_from("gcp", d / "gcloud-subnets-list.json")
    azure = cp.Plan.import_from("azure", d / "az-network-vnet-list.json")
    report = cp.Plan.load([gcp.to_yaml(), azure.to_yaml()]).check()
    assert [(f.rule, [o.name for o in f.objects]) for f in report.findings] == [
        ("service.size", ["proxy-only-euw1"]),
        ("service.size", ["spoke-weu/sqlmi"]),
        ("overlap.connected", ["spoke-weu", "gke-prod/pods"]),
    ]


def test_size_sums_node_pools_one_upgrading_at_a_time():
    # Microsoft's Azure CNI formula per pool: (N + 1) x (1 + 30); both pools at peak plus
    # one pool's surge node: 3 x 31 + 50 x 31 + 31 = 1,674 -> a /21 (a /22 holds 1,019)
    s = cp.plan.size(
        "aks/azure-cni", 0, max_pods=30,
        pools=[{"name": "system", "nodes": 3, "mode": "system"}, {"name": "user", "nodes": 50}],
    )
    nodes = next(r for r in s.ranges if r.role == "node-subnet")
    assert (nodes.addresses, nodes.prefix_len) == (1674, 21)
    assert [p.name for p in s.pools] == ["system", "user"]
    assert s.pools[1].ranges[0].addresses == 1581  # the user pool alone, Microsoft's example
    with pytest.raises(cp.CidrplanError, match="system node pool runs Linux"):
        cp.plan.size("aks/azure-cni", 0, pools=[{"name": "sys", "nodes": 3, "mode": "system", "os": "windows"}])
    with pytest.raises(cp.CidrplanError):
        cp.plan.size("aks/overlay", 0, pools=[{"name": "a", "nodes": 3, "colour": "red"}])


def test_check_reports_pools_per_cluster():
    report = cp.Plan.load(GOLDEN / "pools-aks.yaml").check()
    cni = next(c for c in report.clusters if c.cluster == "cni-21")
    assert [p.pool for p in cni.pools] == ["system", "user"]
    assert cni.ranges[0].needed == 1674 and cni.ranges[0].pools[1].needed == 1550


def test_cluster_imports_give_pools_that_check():
    aks = cp.Plan.import_azure(*sorted((IMPORTS / "clusters" / "aks").iterdir()))
    report = aks.check()
    assert [f.rule for f in report.findings] == ["cluster.capacity"]
    assert [p.pool for p in report.clusters[0].pools] == ["system", "user"]
    assert report.clusters[0].ranges[0].needed == 1674
    eks = cp.Plan.import_aws(*sorted((IMPORTS / "clusters" / "eks").iterdir()))
    assert {r.needed for r in eks.check().clusters[0].ranges if r.role == "node-subnet"} == {600}
    tf = cp.Plan.import_terraform(*sorted((IMPORTS / "clusters" / "terraform").iterdir()))
    assert [f.rule for f in tf.findings()] == ["cluster.capacity"]
    nodes = cp.Plan.import_from("kubectl", IMPORTS / "clusters" / "kubectl" / "prod-aks.json")
    assert [p["name"] for p in nodes.to_dict()["clusters"][0]["pools"]] == ["system", "user"]
    both = cp.Plan.load([IMPORTS / "clusters" / "kubectl-plan.yaml", nodes.to_dict()])
    observed = both.check().clusters[0].observed
    assert (observed.nodes, observed.ranges[0].left) == (8, "248")


def test_previous_placements_keep_sized_ranges_where_they_were():
    def plan(b):
        return f"version: 1\nnetworks:\n  - name: vpc\n    cidr: 10.0.0.0/16\n    subnets:\n      - {{name: a, size: 24}}\n      - {{name: b, size: {b}}}\n      - {{name: c, size: 22}}\n"
    shown = cp.Plan.load(plan(24)).check().carved
    grown = cp.Plan.load(plan(20))
    fresh = {x.name: x.cidr for x in grown.check().carved}
    kept = {x.name: x.cidr for x in grown.check(previous=shown).carved}
    assert fresh["a"] != shown[0].cidr, "afresh, largest first moves a"
    assert kept == {"a": "10.0.4.0/24", "b": "10.0.16.0/20", "c": "10.0.0.0/22"}
    # the same placements through carve, placements, export and carve_text; dicts work too
    as_dicts = [x.to_dict() for x in shown]
    assert {x.name: x.cidr for x in grown.placements(previous=as_dicts)} == kept
    assert "subnet,a,vpc,10.0.4.0/24," in grown.export("csv", previous=shown)
    assert "{name: a, cidr: 10.0.4.0/24, size: 24}" in cp.Plan.carve_text(plan(20), "p.yaml", previous=shown)
    assert grown.carve(previous=shown).check().carved == []
    assert {x.name: x.cidr for x in grown.check(previous=None).carved} == fresh
    with pytest.raises(cp.InvalidArgumentError, match="previous: must be a list"):
        grown.check(previous=5)
    with pytest.raises(cp.InvalidArgumentError, match=r"previous: \[0\]\.name is missing"):
        grown.check(previous=[{"kind": "subnet"}])


def test_netbox_import_check_and_export_round_trip(tmp_path):
    # NetBox's API JSON with planted duplicates: inside one VRF an error, across VRFs nothing
    d = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "imports" / "netbox" / "planted"
    plan = cp.Plan.import_from("netbox", *sorted(d.iterdir()))
    found = [(f.rule, [o.name for o in f.objects]) for f in plan.findings()]
    assert found == [
        ("overlap.subnets", ["ams web", "ams web copy"]),
        ("overlap.subnets", ["prod app", "prod app again"]),
        ("network.deprecated", ["old dmz"]),
        ("overlap.duplicate-allowed", ["lab one", "lab two"]),
    ]
    files = []
    for fmt, name in [("netbox-csv", "prefixes.csv"), ("netbox-vrfs-csv", "vrfs.csv"), ("netbox-aggregates-csv", "aggregates.csv")]:
        (tmp_path / name).write_text(plan.export(fmt))
        files.append(tmp_path / name)
    again = cp.Plan.import_from("netbox", *files)
    assert [(f.rule, [o.name for o in f.objects]) for f in again.findings()] == found
    bodies = json.loads(plan.export("netbox-json"))
    prod = next(b for b in bodies if b["description"] == "prod app")
    assert (prod["prefix"], prod["vrf"], prod["status"]) == ("10.0.5.0/24", {"name": "prod"}, "active")
    # an export saved by Windows PowerShell 5.1 (UTF-16 LE with its byte-order mark)
    utf16 = tmp_path / "vrfs-utf16.json"
    utf16.write_bytes((d / "vrfs.json").read_text().encode("utf-16"))
    assert [v["name"] for v in cp.Plan.import_from("netbox", utf16).to_dict()["vrfs"]] == ["prod", "lab"]


def test_what_an_import_leaves_out_is_a_warning(tmp_path):
    enis = tmp_path / "enis.json"
    enis.write_text('{"NetworkInterfaces": [{"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-404", "PrivateIpAddresses": [{"PrivateIpAddress": "10.9.0.5"}]}]}')
    with pytest.warns(UserWarning, match=r"eni-2 is in subnet-404, which the export does not hold: its address is left out"):
        plan = cp.Plan.import_from("aws", enis)
    assert plan.to_dict()["version"] == 1


def test_vpns_and_route_tables_decide_what_is_connected():
    files = [p for d in ("aws", "aws-routes", "aws-vpn") for p in sorted((IMPORTS / d).glob("*.json"))]
    with pytest.warns(UserWarning) as said:
        plan = cp.Plan.import_aws(*files)
    notes = [str(w.message) for w in said]
    assert any("10.0.0.0/8 is a summary over vpc-0a1111111111111aa's 10.0.0.0/16" in n for n in notes), notes
    external = {e["name"]: (e["cidr"], e["kind"]) for e in plan.to_dict()["external"]}
    assert external == {
        "office-london": (["172.20.0.0/16", "10.1.200.0/24", "172.21.0.0/16"], "on-prem"),
        "vpn-0abc": ("172.16.0.0/16", "on-prem"),
        "dc-frankfurt": (["10.1.128.0/20", "192.168.0.0/16"], "on-prem"),
    }
    findings = [(f.rule, [o.name for o in f.objects]) for f in plan.check().findings]
    assert ("connectivity.overlap", ["eks", "dc-frankfurt"]) in findings
    assert ("overlap.isolated", ["prod", "legacy"]) in findings
    assert ("overlap.isolated", ["eks", "office-london"]) in findings  # eks routes nothing to its VPN


def test_botocores_examples_and_create_outputs_import():
    d = IMPORTS / "botocore-examples"
    vpc = cp.Plan.import_aws(d / "CreateVpc.1.json").to_dict()
    assert [(n["name"], n["cidr"]) for n in vpc["networks"]] == [("vpc-a01106c2", "10.0.0.0/16")]
    with pytest.warns(UserWarning) as said:
        plan = cp.Plan.import_aws(*sorted(d.glob("*.json")))
    assert any("subnet-9d4a7b6c appears again with other values" in str(w.message) for w in said)
    assert [n["name"] for n in plan.to_dict()["networks"]] == ["MyVPC"]
    assert "usage.outside-subnet" in [f.rule for f in plan.check().findings]


def test_yaml_exports_and_terraform_state_files_import(tmp_path):
    y = IMPORTS / "yaml-output"
    gke = cp.Plan.import_gcp(y / "gcloud-container-clusters-describe.yaml").to_dict()
    assert [c["platform"] for c in gke["clusters"]] == ["gke/standard"]
    subnets = cp.Plan.import_gcp(y / "gcloud-compute-networks-subnets-list.yaml").to_dict()
    assert len([s for n in subnets["networks"] for s in n["subnets"]]) >= 3
    state = cp.Plan.import_terraform(IMPORTS / "terraform" / "terraform.tfstate").to_dict()
    shown = cp.Plan.import_terraform(IMPORTS / "terraform" / "show-state.json").to_dict()
    strip = lambda d: json.loads(json.dumps(d).replace("terraform.tfstate", "F").replace("show-state.json", "F"))
    assert strip(state) == strip(shown)
    broken = tmp_path / "vpcs.yaml"
    broken.write_text("Vpcs:\n- VpcId: vpc-1\n  CidrBlock: [10.0.0.0/16\n")
    with pytest.raises(cp.InvalidArgumentError, match=r"vpcs.yaml:4:1: not valid YAML") as e:
        cp.Plan.import_aws(broken)
    assert e.value.line == 4


def test_aks_node_pools_listed_on_their_own_join_their_cluster():
    c = IMPORTS / "clusters"
    plan = cp.Plan.import_azure(c / "aks" / "az-aks-show.json", c / "aks-nodepools" / "az-aks-nodepool-list.json")
    pools = plan.to_dict()["clusters"][0]["pools"]
    assert [(p["name"], p["nodes"], p.get("peak_nodes")) for p in pools] == [("system", 3, None), ("user", 20, 60), ("batch", 4, 10)]
    with pytest.warns(UserWarning) as said:
        alone = cp.Plan.import_azure(c / "aks-nodepools" / "az-aks-nodepool-list.json")
    assert [str(w.message).split("agentPools/")[1].split(":")[0] for w in said] == ["system", "user", "batch"]
    assert all("its cluster is not in the import" in str(w.message) for w in said)
    assert alone.to_dict().get("clusters", []) == []


def test_gke_node_pools_listed_on_their_own_join_their_cluster():
    plan = cp.Plan.import_gcp(IMPORTS / "gcp" / "container-clusters-list.json", IMPORTS / "gcp-node-pools" / "node-pools-list.json")
    pools = next(c for c in plan.to_dict()["clusters"] if c["name"] == "prod-usc1")["pools"]
    assert [(p["name"], p["nodes"], p["peak_nodes"]) for p in pools] == [("default-pool", 9, 36), ("batch", 6, 15)]
