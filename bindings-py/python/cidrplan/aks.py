"""Azure AKS: node-subnet and pod-address math per network mode, and validation.

Modes: "kubenet", "azure-cni", "pod-subnet-dynamic", "pod-subnet-static", "overlay".
Surge: an int (nodes) or a str like "10%"; default 1 node.
"""
from ._cidrplan import aks_check as check
from ._cidrplan import aks_max_nodes as max_nodes
from ._cidrplan import aks_min_subnet_prefix as min_subnet_prefix
from ._cidrplan import aks_pod_need as pod_need
from ._cidrplan import aks_pod_range_nodes as pod_range_nodes
from ._cidrplan import aks_required_ips as required_ips
from ._cidrplan import aks_validate as validate

__all__ = ["check", "max_nodes", "min_subnet_prefix", "pod_need", "pod_range_nodes", "required_ips", "validate"]
