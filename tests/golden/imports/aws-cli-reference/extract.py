#!/usr/bin/env python3
"""Copies the example outputs of the AWS CLI reference (aws/aws-cli,
awscli/examples/ec2/*.rst, Apache-2.0) for the commands `cidrplan import aws` reads into
this folder, verbatim: every `Output::` block that is JSON becomes <command>.<n>.json.

    python3 extract.py /path/to/aws-cli   # a clone of github.com/aws/aws-cli
"""
import json
import pathlib
import subprocess
import sys

COMMANDS = [
    "describe-vpcs", "describe-subnets", "describe-network-interfaces", "describe-vpc-peering-connections",
    "describe-transit-gateway-attachments", "describe-route-tables", "describe-vpn-connections",
    "describe-vpn-gateways", "search-transit-gateway-routes", "describe-nat-gateways", "describe-vpc-endpoints",
    "describe-transit-gateway-route-tables",
]


def blocks(rst):
    """The indented blocks after each `Output::` line."""
    lines = rst.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip().endswith("Output::"):
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t", "{", "}", "[", "]"))):
                block.append(lines[i])
                i += 1
            yield "\n".join(block).strip()
        else:
            i += 1


def main():
    repo = pathlib.Path(sys.argv[1])
    here = pathlib.Path(__file__).parent
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    skipped = []
    for cmd in COMMANDS:
        rst = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:awscli/examples/ec2/{cmd}.rst"],
                             capture_output=True, text=True, check=True).stdout
        for n, block in enumerate(blocks(rst), 1):
            try:
                json.loads(block)
            except ValueError as e:
                skipped.append(f"{cmd} output {n}: {e}")
                continue
            (here / f"{cmd}.{n}.json").write_text(block + "\n")
    (here / "SOURCE").write_text(f"aws/aws-cli {commit}\n" + "".join(f"not JSON, left out: {s}\n" for s in skipped))


if __name__ == "__main__":
    main()
