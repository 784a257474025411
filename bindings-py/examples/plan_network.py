"""A notebook-style walk through: plan a three-AZ EKS VPC and an AKS VNet.

Run: python bindings-py/examples/plan_network.py   (the test suite runs it too)
"""
import cidrplan as cp

# --- 1. EKS: what does a 120-node cluster of m6i.xlarge need? ------------------------------
print("EKS max pods on m6i.xlarge:")
for pd in (False, True):
    m = cp.eks.max_pods("m6i.xlarge", prefix_delegation=pd)
    print(f"  prefix delegation={pd}: address limit {m.address_limit}, recommended {m.recommended} ({m.limited_by})")

print("\nSide by side for 120 nodes (peak 150), 3 zones:")
for row in cp.plan.compare(120, peak_nodes=150, instance_type="m6i.xlarge"):
    if row.sizing is None:
        print(f"  {row.platform:42} cannot: {row.error}")
        continue
    s = row.sizing
    ranges = ", ".join(f"{r.count}x /{r.prefix_len} {r.name}{'' if r.in_vpc else ' (virtual)'}" for r in s.ranges)
    print(f"  {s.platform:42} {s.max_pods:>3} pods/node  VPC addresses {s.vpc_addresses:>7}  {ranges}")

# --- 2. Carve the EKS VPC: 10.20.0.0/16, prefix delegation, with public subnets beside it ---
vpc = "10.20.0.0/16"
eks_plan = cp.plan.carve(vpc, "eks/prefix-delegation/m6i.xlarge", 120, peak_nodes=150)
print(f"\nEKS plan in {vpc}:")
for r in eks_plan.ranges:
    print(f"  {r.name:10} {r.role:14} {r.prefix}")
in_vpc = [r.prefix for r in eks_plan.ranges if r.in_vpc]
publics = cp.allocate_many(vpc, in_vpc, {"public-a": 24, "public-b": 24, "public-c": 24}, strategy="best_fit")
print("  public subnets:", ", ".join(f"{s.name}={s.prefix}" for s in publics.subnets))
print(f"  headroom: {eks_plan.headroom_addresses} addresses in {len(eks_plan.headroom)} blocks")
aligned = cp.free_aligned_blocks(in_vpc[0], [], 28)
print(f"  free aligned /28s in {in_vpc[0]}: {aligned}")

# --- 3. The VPC against the rest of the network ---------------------------------------------
network = {"eks-vpc": vpc, "shared-services": "10.0.0.0/16", "onprem-dc1": "10.16.0.0/12",
           "peer-analytics": "172.20.0.0/16", "eks-services": "10.100.0.0/16"}
print("\nOverlaps across the network:")
for o in cp.find_overlaps(network):
    print(f"  {o.a} ({o.a_prefix}) {o.relation} {o.b} ({o.b_prefix})")
for hit in cp.check_reserved(network, sets=["iana-special-purpose"]):
    print(f"  {hit.name} {hit.prefix}: inside {hit.entry}" if hit.inside else f"  {hit.name}: overlaps {hit.entry}")

# --- 4. AKS: a VNet with Azure CNI Overlay, validated ---------------------------------------
vnet = "10.224.0.0/12"
aks_nodes = cp.aks.min_subnet_prefix(300, max_pods=110, surge="10%", mode="overlay")
pod_need = cp.aks.pod_need(300, max_pods=110, surge="10%", mode="overlay")
print(f"\nAKS overlay, 300 nodes: node subnet /{aks_nodes}, pod CIDR /{pod_need.min_prefix} ({pod_need.rule})")
node_subnet = cp.allocate_one(vnet, [], aks_nodes, strategy="first_fit")
cluster = {
    "mode": "overlay", "vnet": [vnet], "node_subnet": node_subnet,
    "pod_range": cp.cidrsubnet("100.64.0.0/10", pod_need.min_prefix - 10, 0),  # CG-NAT space, off the VNet
    "service_cidr": "172.16.0.0/16", "dns_service_ip": "172.16.0.10",
    "pools": [{"name": "system", "nodes": 3, "surge": {"nodes": 1}}, {"name": "apps", "nodes": 297, "max_pods": 110, "surge": {"percent": 10}}],
    "network_policy": "cilium",
}
aks_issues = cp.aks.validate(cluster)
print(f"  node subnet {node_subnet}, pod CIDR {cluster['pod_range']}: {'valid' if not aks_issues else aks_issues}")
bad = dict(cluster, pod_range="172.16.0.0/12", network_policy="azure-npm")
for issue in cp.aks.validate(bad):
    print(f"  if misconfigured: [{issue.rule}] {issue.message}")
