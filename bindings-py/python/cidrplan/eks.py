"""AWS EKS with the Amazon VPC CNI: max pods, subnet IPs per node, nodes per subnet."""
from ._cidrplan import INSTANCE_DATA_SOURCE
from ._cidrplan import eks_default_service_cidr as default_service_cidr
from ._cidrplan import eks_instance_type as instance_type
from ._cidrplan import eks_instance_types as instance_types
from ._cidrplan import eks_max_pods as max_pods
from ._cidrplan import eks_max_pods_for as max_pods_for
from ._cidrplan import eks_node_subnet_ips as node_subnet_ips
from ._cidrplan import eks_nodes_in_subnet as nodes_in_subnet

__all__ = ["INSTANCE_DATA_SOURCE", "default_service_cidr", "instance_type", "instance_types", "max_pods", "max_pods_for", "node_subnet_ips", "nodes_in_subnet"]
