"""Cluster planning: required ranges, side-by-side comparison, and a carved address plan.

Platforms: "eks/secondary-ip/<type>", "eks/prefix-delegation/<type>", "eks/custom-networking/<type>",
"aks/<mode>", "gke/standard", "gke/autopilot", "kubernetes[/<node mask>]".
"""
from ._cidrplan import plan_carve as carve
from ._cidrplan import plan_compare as compare
from ._cidrplan import plan_size as size

__all__ = ["carve", "compare", "size"]
