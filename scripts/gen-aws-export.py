#!/usr/bin/env python3
"""Write large synthetic AWS CLI exports for the import benchmark: describe-vpcs,
describe-subnets and describe-network-interfaces JSON in the documented shapes, with
SUBNETS subnets (/22s, 10 per VPC) and ENIS network interfaces (3 private IPs each;
every tenth with a delegated /28). Deterministic; no randomness; no real account data.

    scripts/gen-aws-export.py OUT_DIR [--subnets 5000] [--enis 50000]
"""
import argparse
import ipaddress
import json
import pathlib


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--subnets", type=int, default=5000)
    ap.add_argument("--enis", type=int, default=50000)
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    per_vpc = 10
    vpcs = (a.subnets + per_vpc - 1) // per_vpc
    if vpcs > 1024:
        raise SystemExit("at most 10,240 subnets (/22s in 10.0.0.0/8 VPCs of /16)")
    base = int(ipaddress.ip_address("10.0.0.0"))
    vpc_list, subnet_list = [], []
    for v in range(vpcs):
        start = base + v * 65536
        vpc_id = f"vpc-{v:017x}"
        vpc_list.append({"VpcId": vpc_id, "CidrBlock": f"{ipaddress.ip_address(start)}/16", "State": "available", "OwnerId": "111122223333",
                         "CidrBlockAssociationSet": [{"AssociationId": f"vpc-cidr-assoc-{v:x}", "CidrBlock": f"{ipaddress.ip_address(start)}/16", "CidrBlockState": {"State": "associated"}}],
                         "IsDefault": False, "Tags": [{"Key": "Name", "Value": f"vpc-{v}"}]})
        for s in range(per_vpc):
            if len(subnet_list) == a.subnets:
                break
            subnet_list.append({"SubnetId": f"subnet-{len(subnet_list):017x}", "VpcId": vpc_id, "CidrBlock": f"{ipaddress.ip_address(start + s * 1024)}/22",
                                "AvailabilityZone": f"us-east-1{'abc'[s % 3]}", "AvailableIpAddressCount": 1000, "State": "available", "Tags": []})
    enis = []
    per_subnet = max(1, a.enis // len(subnet_list))
    for i in range(a.enis):
        s = subnet_list[i % len(subnet_list)]
        net = ipaddress.ip_network(s["CidrBlock"])
        k = i // len(subnet_list)  # the k-th interface in its subnet
        first = int(net.network_address) + 16 + k * 3 * (1 if per_subnet * 3 < 900 else 1)
        ips = [str(ipaddress.ip_address(first + j)) for j in range(3)]
        e = {"NetworkInterfaceId": f"eni-{i:017x}", "SubnetId": s["SubnetId"], "VpcId": s["VpcId"], "InterfaceType": "interface", "Status": "in-use",
             "PrivateIpAddress": ips[0], "PrivateIpAddresses": [{"Primary": j == 0, "PrivateIpAddress": ip} for j, ip in enumerate(ips)]}
        if i % 10 == 0:
            e["Ipv4Prefixes"] = [{"Ipv4Prefix": f"{ipaddress.ip_address(int(net.network_address) + 512 + (k // 10) * 16)}/28"}]
        enis.append(e)
    (out / "describe-vpcs.json").write_text(json.dumps({"Vpcs": vpc_list}, indent=1))
    (out / "describe-subnets.json").write_text(json.dumps({"Subnets": subnet_list}, indent=1))
    (out / "describe-network-interfaces.json").write_text(json.dumps({"NetworkInterfaces": enis}, indent=1))


if __name__ == "__main__":
    main()
