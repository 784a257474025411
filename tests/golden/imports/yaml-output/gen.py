#!/usr/bin/env python3
"""Writes the JSON fixtures beside this folder as each CLI prints them in YAML:
`gcloud ... --format=yaml` (and `gcloud ... describe`, whose default is YAML) puts one
document per item, `---` between them; `aws ... --output yaml`, `az ... -o yaml` and
`kubectl get ... -o yaml` print the JSON's one value as one document.

    python3 gen.py    # needs PyYAML
"""
import json
import pathlib

import yaml

HERE = pathlib.Path(__file__).parent
IMPORTS = HERE.parent


def first(path):
    return json.JSONDecoder().raw_decode(path.read_text().lstrip())[0]


def main():
    dump = lambda v: yaml.safe_dump(v, sort_keys=False, default_flow_style=False)
    subnets = first(IMPORTS / "gcp/subnets-list.json")
    (HERE / "gcloud-compute-networks-subnets-list.yaml").write_text(yaml.safe_dump_all(subnets, sort_keys=False))
    clusters = first(IMPORTS / "gcp/container-clusters-list.json")
    (HERE / "gcloud-container-clusters-describe.yaml").write_text(dump(clusters[0]))
    (HERE / "aws-ec2-describe-vpcs.yaml").write_text(dump(first(IMPORTS / "aws/describe-vpcs.json")))
    (HERE / "az-network-vnet-list.yaml").write_text(dump(first(IMPORTS / "azure/az-network-vnet-list.json")))
    (HERE / "kubectl-get-nodes.yaml").write_text(dump(first(IMPORTS / "clusters/kubectl/prod-aks.json")))


if __name__ == "__main__":
    main()
