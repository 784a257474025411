#!/usr/bin/env python3
"""Write a large synthetic plan for the benchmark: VPCS VPCs of 9 subnets each
(10 networks per VPC), CLUSTERS EKS clusters, and optionally the last subnet of every
VPC given by size (for carve). Deterministic; no randomness.

    scripts/gen-plan.py --vpcs 10000 --clusters 1000 [--sized] > plan.yaml
"""
import argparse
import ipaddress
import sys


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vpcs", type=int, default=10000)
    ap.add_argument("--clusters", type=int, default=1000)
    ap.add_argument("--sized", action="store_true", help="the last subnet of every VPC is given by size")
    a = ap.parse_args()
    if a.vpcs > 16384 or a.clusters > min(a.vpcs, 4096):
        sys.exit("at most 16384 VPCs (/22s of 10.0.0.0/8) and 4096 clusters (/24s of 172.16.0.0/12)")
    out = sys.stdout
    out.write("version: 1\nname: synthetic\nspaces:\n  - {name: aws, cidr: 10.0.0.0/8}\nnetworks:\n")
    base = int(ipaddress.ip_address("10.0.0.0"))
    # 6 x /25 + 3 x /26 fill 960 of a /22's 1024 addresses
    layout = [(25, 0), (25, 128), (25, 256), (25, 384), (25, 512), (25, 640), (26, 768), (26, 832), (26, 896)]
    for v in range(a.vpcs):
        start = base + v * 1024
        out.write(f"  - name: vpc{v}\n    profile: aws\n    region: us-east-1\n    space: aws\n    cidr: {ipaddress.ip_address(start)}/22\n    subnets:\n")
        for s, (length, off) in enumerate(layout):
            zone = "abc"[s % 3]
            if a.sized and s == len(layout) - 1:
                out.write(f"      - {{name: vpc{v}-s{s}, zone: us-east-1{zone}, size: {length}}}\n")
            else:
                out.write(f"      - {{name: vpc{v}-s{s}, zone: us-east-1{zone}, cidr: {ipaddress.ip_address(start + off)}/{length}}}\n")
    out.write("clusters:\n")
    svc = int(ipaddress.ip_address("172.16.0.0"))
    for c in range(a.clusters):
        out.write(
            f"  - {{name: eks{c}, platform: eks/secondary-ip/m5.large, network: vpc{c}, nodes: 6, peak_nodes: 9,"
            f" node_subnets: [vpc{c}-s0, vpc{c}-s1, vpc{c}-s2], service_range: {ipaddress.ip_address(svc + c * 256)}/24}}\n"
        )


if __name__ == "__main__":
    main()
