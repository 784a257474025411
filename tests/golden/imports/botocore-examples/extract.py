#!/usr/bin/env python3
"""Copies botocore's own EC2 examples (boto/botocore,
botocore/data/ec2/2016-11-15/examples-1.json, Apache-2.0) for the calls `cidrplan import
aws` reads into this folder: each example's `output` becomes <Operation>.<n>.json, as the
AWS CLI prints that call's response.

    python3 extract.py /path/to/botocore   # a clone of github.com/boto/botocore
"""
import json
import pathlib
import subprocess
import sys

OPERATIONS = [
    "DescribeVpcs", "DescribeSubnets", "DescribeNetworkInterfaces", "DescribeVpcPeeringConnections",
    "DescribeTransitGatewayAttachments", "DescribeRouteTables", "DescribeVpnConnections",
    "DescribeVpnGateways", "SearchTransitGatewayRoutes", "DescribeNatGateways", "DescribeVpcEndpoints",
    "DescribeTransitGatewayRouteTables", "CreateVpc", "CreateSubnet", "CreateNetworkInterface",
    "CreateRouteTable",
]
EXAMPLES = "botocore/data/ec2/2016-11-15/examples-1.json"


def main():
    repo = pathlib.Path(sys.argv[1])
    here = pathlib.Path(__file__).parent
    examples = json.loads((repo / EXAMPLES).read_text())["examples"]
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    written = []
    for op in OPERATIONS:
        outputs = [e["output"] for e in examples.get(op, []) if e.get("output")]
        for n, output in enumerate(outputs, 1):
            name = f"{op}.{n}.json"
            (here / name).write_text(json.dumps(output, indent=2) + "\n")
            written.append(name)
    (here / "SOURCE").write_text(f"boto/botocore {commit} {EXAMPLES}\n" + "".join(f"{w}\n" for w in written))


if __name__ == "__main__":
    main()
