"""Google GKE (VPC-native and route-based): nodes from ranges and ranges from nodes."""
from ._cidrplan import gke_cluster_max_nodes as cluster_max_nodes
from ._cidrplan import gke_default_services_range as default_services_range
from ._cidrplan import gke_max_nodes as max_nodes
from ._cidrplan import gke_max_nodes_for_primary as max_nodes_for_primary
from ._cidrplan import gke_nodes_for_pod_range as nodes_for_pod_range
from ._cidrplan import gke_pod_range_prefix as pod_range_prefix
from ._cidrplan import gke_pod_range_prefix_for as pod_range_prefix_for
from ._cidrplan import gke_primary_prefix_for as primary_prefix_for
from ._cidrplan import gke_route_based_max_nodes as route_based_max_nodes
from ._cidrplan import gke_services_for_range as services_for_range

__all__ = ["cluster_max_nodes", "default_services_range", "max_nodes", "max_nodes_for_primary", "nodes_for_pod_range", "pod_range_prefix",
           "pod_range_prefix_for", "primary_prefix_for", "route_based_max_nodes", "services_for_range"]
