//! Plan a three-AZ EKS VPC with the Rust API and print it.
//! Run: `cargo run -p cidrplan --example plan_vpc`

use cidrplan::plan::{carve, compare, EksMode, Platform, Requirement};
use cidrplan::{eks, parse_prefix, Result};

fn main() -> Result<()> {
    let vpc = parse_prefix("10.0.0.0/16")?;
    let req = Requirement { peak_nodes: Some(90), ..Requirement::new(60) };
    let platform = Platform::Eks { instance_type: "m5.xlarge".into(), mode: EksMode::PrefixDelegation };

    let pods = eks::max_pods("m5.xlarge", &eks::MaxPodsOptions { prefix_delegation: true, ..Default::default() })?;
    println!(
        "m5.xlarge with prefix delegation: {} pods by addresses, {} recommended ({:?})",
        pods.address_limit.unwrap_or_default(),
        pods.recommended.unwrap_or_default(),
        pods.limited_by
    );

    let plan = carve(&vpc, &platform, &req)?;
    println!(
        "\nPlan for {} in {vpc} ({} nodes with surge, {} pods per node):",
        plan.sizing.platform, plan.sizing.nodes, plan.sizing.max_pods
    );
    for r in &plan.ranges {
        println!(
            "  {:<10} {:<14} {:<18} {}",
            r.name,
            format!("{:?}", r.role),
            r.prefix.to_string(),
            if r.in_vpc { "in VPC" } else { "virtual" }
        );
    }
    println!(
        "  overlaps: {}",
        if plan.overlaps.is_empty() { "none".to_string() } else { format!("{:?}", plan.overlaps) }
    );
    println!(
        "  headroom: {} addresses in {:?}",
        plan.headroom_addresses,
        plan.headroom.iter().map(|p| p.to_string()).collect::<Vec<_>>()
    );

    println!("\nThe same 60-90 nodes on every platform:");
    for row in compare(&req, &Platform::all("m5.xlarge")) {
        match (row.sizing, row.error) {
            (Some(s), _) => {
                let ranges: Vec<String> =
                    s.ranges.iter().map(|r| format!("{}x/{} {}", r.count, r.prefix_len, r.name)).collect();
                println!(
                    "  {:<36} {:>3} pods/node  {:>6} VPC addresses  {}",
                    s.platform,
                    s.max_pods,
                    s.vpc_addresses,
                    ranges.join(", ")
                );
            }
            (None, Some(e)) => println!("  {:<36} cannot: {e}", row.platform),
            (None, None) => {}
        }
    }
    Ok(())
}
