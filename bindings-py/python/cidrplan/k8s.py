"""Plain Kubernetes: range allocator, Calico, Cilium cluster-pool, Flannel."""
from ._cidrplan import k8s_calico_pool as calico_pool
from ._cidrplan import k8s_cilium_cluster_pool_nodes as cilium_cluster_pool_nodes
from ._cidrplan import k8s_flannel_nodes as flannel_nodes
from ._cidrplan import k8s_host_local_pod_ips as host_local_pod_ips
from ._cidrplan import k8s_range_allocator_nodes as range_allocator_nodes

__all__ = ["calico_pool", "cilium_cluster_pool_nodes", "flannel_nodes", "host_local_pod_ips", "range_allocator_nodes"]
