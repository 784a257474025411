//! `cidrplan`: check, carve and export address plan files; subnet and cluster
//! calculators for the terminal. Exit status: 0 clean, 1 the plan has errors (or a
//! calculation failed), 2 the input is unusable (a missing file, bad YAML, an
//! unknown field: stderr names the file, line and column).

mod calc;
mod diagnostic;
mod escape;
mod report;
mod write;

use cidrplan::document::{write_placements, ExportFormat, Plan, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cidrplan", version = version_text(), about = "IP address plans and Kubernetes address capacity, as files checked in CI", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = diagnostic::ColorChoice::Auto)]
    color: diagnostic::ColorChoice,
}

/// The version with the data compiled in: what a bug report needs to say.
fn version_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "{} (EC2 network limits {}, IANA special-purpose registries {})",
            env!("CARGO_PKG_VERSION"),
            cidrplan::eks::INSTANCE_DATA_DATE,
            cidrplan::SPECIAL_PURPOSE_REGISTRY_VERSION
        )
    })
}

/// What `diff` and the calculators print: only the formats they can (a markdown request is
/// refused, exit 2, never answered with text).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum PlanFormat {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportAs {
    Terraform,
    Csv,
    Json,
    Markdown,
    Yaml,
    /// NetBox's bulk-import CSV of prefixes (IPAM > Prefixes > Import).
    NetboxCsv,
    /// NetBox's bulk-import CSV of the plan's VRFs.
    NetboxVrfsCsv,
    /// NetBox's bulk-import CSV of the plan's spaces, as aggregates.
    NetboxAggregatesCsv,
    /// The request bodies of NetBox's POST /api/ipam/prefixes/ (for curl).
    NetboxJson,
}

/// What `check` prints.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    Markdown,
    /// GitHub Actions workflow commands: findings inline on a pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
    Sarif,
}

/// The least severe finding that makes `check` exit 1.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Subcommand)]
enum Command {
    /// Check plan files, each on its own (`--merge`: as one plan): overlaps,
    /// reserved ranges, cloud size rules, cluster capacity at peak with surge, zone
    /// loss, policies. Exit 0 when no finding is as severe as --fail-on (default: no
    /// errors), 1 when one is, 2 when the input is unusable.
    Check {
        /// Plan files (YAML or JSON; `-` reads standard input) or directories (every
        /// *.yaml, *.yml and *.json file under them). Each file is its own plan unless
        /// --merge is given.
        #[arg(required = true)]
        plans: Vec<String>,
        /// The files are one plan (a plan split over files, or an import checked with
        /// the plan it should match): their lists joined, then checked together.
        #[arg(long)]
        merge: bool,
        /// text for a terminal, json for scripts (stable), markdown for a pull-request
        /// comment, github for GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Exit 1 when a finding is at least this severe.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Place every range given by size and print the complete plan. Ranges that
    /// have a CIDR never move; the same plan always carves the same way.
    Carve {
        /// The plan file (`-` reads standard input).
        plan: String,
        /// Write the CIDRs into the file itself, keeping its comments and layout.
        #[arg(long)]
        write: bool,
        /// yaml (default) or json.
        #[arg(long, value_enum, default_value_t = PlanFormat::Yaml)]
        format: PlanFormat,
    },
    /// Export the (carved) plan: a Terraform variables file, CSV, JSON, Markdown, YAML, or
    /// what NetBox imports (its bulk-import CSV, or the bodies of POST /api/ipam/prefixes/).
    Export {
        /// Plan files; several files are one plan.
        #[arg(required = true)]
        plans: Vec<String>,
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportAs,
    },
    /// Turn what exists into a plan: the JSON of the AWS CLI (describe-vpcs, -subnets,
    /// -network-interfaces, -vpc-peering-connections, -transit-gateway-attachments), the
    /// Azure CLI (az network vnet list), gcloud (subnets list, container clusters list) or
    /// terraform show -json, kubectl get nodes -o json, or NetBox (its REST API's JSON of
    /// /api/ipam/prefixes/, aggregates/, vrfs/, ip-ranges/, ip-addresses/, or its CSV).
    /// Files in any order; pages of one call may be concatenated.
    Import {
        /// aws, azure, gcp, terraform, kubectl or netbox.
        source: String,
        /// Export files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<String>,
        /// yaml (default) or json.
        #[arg(long, value_enum, default_value_t = PlanFormat::Yaml)]
        format: PlanFormat,
    },
    /// Planned against actual: planned but missing, present but unplanned, changed.
    /// Exit 0 when they agree, 1 when they differ.
    Diff {
        /// The planned plan.
        planned: String,
        /// What exists (an imported plan).
        actual: String,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Print the JSON Schema of the plan document (for editors).
    Schema,
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `cidrplan man | man -l -`).
    Man,
    /// Describe a prefix: first and last address, usable hosts under a cloud profile.
    Inspect {
        /// A prefix such as 10.0.0.0/24.
        cidr: String,
        /// Address profile: standard, aws, azure, azure-older-faq, gcp, oci.
        #[arg(long, default_value = "standard")]
        profile: String,
        /// An address with host bits (10.0.0.1/24) means the network that holds it.
        #[arg(long)]
        lenient: bool,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Split a prefix into subnets of a longer prefix length.
    Split {
        /// A prefix such as 10.0.0.0/16.
        cidr: String,
        /// The new prefix length: 24 or /24.
        new_prefix: String,
        /// Print at most this many subnets (the count is always exact).
        #[arg(long, default_value_t = 256)]
        limit: u64,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Which prefixes of a table hold each address: the longest match (a router's choice),
    /// or with --shortest the covering aggregate, or with --all every one. Exit 0 when every
    /// address matched, 1 when one matched nothing, 2 when the input is unusable.
    Lookup {
        /// Addresses such as 10.1.2.3 or 2001:db8::1.
        #[arg(required = true)]
        addresses: Vec<String>,
        /// The table: one prefix a line, optionally named (`name prefix`, `name,prefix`); # comments; - for standard input.
        #[arg(long)]
        table: String,
        /// The least specific match instead of the most specific.
        #[arg(long, conflicts_with = "all")]
        shortest: bool,
        /// Every match, the shortest first.
        #[arg(long)]
        all: bool,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// The reverse-DNS zones of a prefix (RFC 2317 classless zones past /24; nibble zones
    /// for IPv6), or the PTR name of an address.
    Reverse {
        /// A prefix (its zones) or an address (its PTR name).
        cidr: String,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// EKS max pods for an instance type (VPC CNI rules).
    MaxPods {
        /// EC2 instance type, e.g. m5.large.
        instance_type: String,
        /// Prefix delegation (ENABLE_PREFIX_DELEGATION=true).
        #[arg(long)]
        prefix_delegation: bool,
        /// Custom networking (the primary ENI carries no pods).
        #[arg(long)]
        custom_networking: bool,
        /// Any other option as the JSON object every face reads, e.g. '{"max_enis": 2, "ceiling": "auto_mode"}'.
        #[arg(long)]
        options: Option<String>,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// The ranges one platform needs for a cluster.
    Size {
        /// Platform: eks/<mode>/<instance type>, eks/fargate, aks/<mode>, gke/<kind>, kubernetes[/<mask>].
        platform: String,
        #[command(flatten)]
        requirement: calc::RequirementArgs,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// The same cluster on every platform and mode, side by side.
    Compare {
        /// EKS instance type.
        #[arg(long, default_value = cidrplan::plan::DEFAULT_INSTANCE_TYPE)]
        instance_type: String,
        #[command(flatten)]
        requirement: calc::RequirementArgs,
        /// Compare at equal pods: the pods at peak (DaemonSets included); each platform's
        /// nodes are solved from its pods per node (--max-pods, else its default).
        #[arg(long, conflicts_with_all = ["nodes", "peak_nodes", "pools"])]
        pods: Option<u64>,
        /// text or json.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

/// What went wrong: an unusable input (exit 2) or a failed answer (exit 1).
pub(crate) enum Failure {
    Unusable(String),
    /// A plan file that cannot be read as one, at a place in it (exit 2); its text, to
    /// draw the line.
    InFile(cidrplan::Error, String),
    Failed(String),
    /// The reader went away (`| head`): stop quietly, as the tools it pipes into expect.
    Quiet,
}

impl Failure {
    /// A failed write: quiet when the reader closed the pipe, else unusable output.
    pub(crate) fn from_write(e: std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::Quiet
        } else {
            Failure::Unusable(format!("cannot write the output: {e}"))
        }
    }
}

impl From<cidrplan::Error> for Failure {
    fn from(e: cidrplan::Error) -> Self {
        match e.error_kind() {
            cidrplan::ErrorKind::DoesNotFit | cidrplan::ErrorKind::InvalidConfig => Failure::Failed(e.to_string()),
            _ => Failure::Unusable(e.to_string()),
        }
    }
}

/// The files named, each directory replaced by the plan files under it (*.yaml, *.yml,
/// *.json; hidden entries skipped; in name order), as linters take a directory.
fn plan_files(paths: &[String]) -> Result<Vec<String>, Failure> {
    fn walk(dir: &std::path::Path, depth: usize, out: &mut Vec<String>) -> Result<(), Failure> {
        let unreadable = |e: std::io::Error| {
            Failure::Unusable(format!("{}: cannot read the directory: {}", dir.display(), io_reason(&e)))
        };
        if depth > 32 {
            return Err(Failure::Unusable(format!("{}: directories nested deeper than 32 levels", dir.display())));
        }
        let mut entries: Vec<std::fs::DirEntry> =
            std::fs::read_dir(dir).map_err(unreadable)?.collect::<Result<_, _>>().map_err(unreadable)?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            // a link is followed only to a file: a link to a directory could loop
            let kind = e.file_type().map_err(unreadable)?;
            let path = e.path();
            if kind.is_dir() {
                walk(&path, depth + 1, out)?;
            } else if [".yaml", ".yml", ".json"].iter().any(|x| name.ends_with(x)) && path.is_file() {
                out.push(path.to_string_lossy().into_owned());
            }
        }
        Ok(())
    }
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let path = std::path::Path::new(p);
        if p != "-" && path.is_dir() {
            let before = files.len();
            walk(path, 0, &mut files)?;
            if files.len() == before {
                return Err(Failure::Unusable(format!("{p}: no plan files (*.yaml, *.yml, *.json) in this directory")));
            }
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// A plan's error, with its text when it is at a place in it.
fn in_file(e: cidrplan::Error, text: String) -> Failure {
    if e.location().is_some() {
        Failure::InFile(e, text)
    } else {
        Failure::from(e)
    }
}

/// A plan or an export (`what` names it in the messages) from a file or standard input.
fn read_source(path: &str, what: &str) -> Result<String, Failure> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(cidrplan::document::MAX_PLAN_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Unusable(format!("-: cannot read standard input: {e}")))?;
        return cidrplan::document::decode_text(&bytes, "-").map_err(|e| Failure::Unusable(e.to_string()));
    }
    let meta = std::fs::metadata(path)
        .map_err(|e| Failure::Unusable(format!("{path}: cannot read the {what}: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(Failure::Unusable(format!("{path}: is a directory; give the {what} files in it")));
    }
    if meta.len() > cidrplan::document::MAX_PLAN_BYTES as u64 {
        return Err(Failure::Unusable(format!(
            "{path}: {} bytes is more than a {what} may hold ({})",
            meta.len(),
            cidrplan::document::MAX_PLAN_BYTES
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Unusable(format!("{path}: cannot read the {what}: {}", io_reason(&e))))?;
    cidrplan::document::decode_text(&bytes, path).map_err(|e| Failure::Unusable(e.to_string()))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn load(paths: &[String]) -> Result<Plan, Failure> {
    load_keeping(paths, None)
}

/// `load`, keeping each file's text in `texts` when asked (to draw findings' lines).
fn load_keeping(paths: &[String], mut texts: Option<&mut Vec<(String, String)>>) -> Result<Plan, Failure> {
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        return Err(Failure::Unusable("standard input (-) can be given once".into()));
    }
    let mut plans = Vec::with_capacity(paths.len());
    let mut total = 0usize;
    for p in paths {
        let text = read_source(p, "plan")?;
        // several files are held at once: together they keep the one limit
        total = total.saturating_add(text.len());
        if total > cidrplan::document::MAX_PLAN_BYTES {
            return Err(Failure::Unusable(format!(
                "{p}: the files given hold {} bytes together, more than one run reads ({} MiB); check them in smaller groups",
                total,
                cidrplan::document::MAX_PLAN_BYTES >> 20
            )));
        }
        let plan = Plan::from_text(&text, p).map_err(|e| in_file(e, text.clone()))?;
        if let Some(t) = texts.as_deref_mut() {
            t.push((p.clone(), text));
        }
        plans.push(plan);
    }
    Ok(Plan::merge(plans))
}

/// `carve --write`: locked before it reads, the new text re-read and checked as the
/// carved plan, then written as git writes (see write.rs); nothing written when nothing
/// was placed.
fn carve_in_place(path: &str) -> Result<ExitCode, Failure> {
    if path == "-" {
        return Err(Failure::Unusable("--write needs a file, not standard input".into()));
    }
    let real = write::real_path(path).map_err(Failure::Unusable)?;
    let meta = write::refuse(&real, path).map_err(Failure::Unusable)?;
    let _lock = write::lock(&real, path).map_err(Failure::Unusable)?;
    let text = read_source(&real.to_string_lossy(), "plan")?;
    let plan = Plan::from_text(&text, path).map_err(|e| in_file(e, text.clone()))?;
    let carved = plan.carve().map_err(|e| Failure::Failed(format!("{path}: cannot carve: {e}")))?;
    if carved.placements.is_empty() {
        eprintln!("{}: nothing to place; the file is unchanged", escape::esc(path));
        return Ok(ExitCode::SUCCESS);
    }
    let new = write_placements(&text, path, &carved.placements)?;
    // what is written must read back as the carved plan, or nothing is written
    let again = Plan::from_text(&new, path)
        .map_err(|e| Failure::Failed(format!("{path}: not written: the edited text would not read back ({e})")))?;
    if serde_json::to_value(&again).ok() != serde_json::to_value(&carved.plan).ok() {
        return Err(Failure::Failed(format!(
            "{path}: not written: the edited text would read back as another plan; run carve without --write and edit by hand"
        )));
    }
    write::replace(&real, path, &meta, &new).map_err(Failure::Unusable)?;
    for p in &carved.placements {
        eprintln!(
            "{}: {} {} = {}",
            escape::esc(&p.at.as_ref().map(|a| a.to_string()).unwrap_or_else(|| path.to_string())),
            p.kind,
            escape::esc(&p.name),
            p.cidr
        );
    }
    eprintln!("{}: {} range(s) placed", escape::esc(path), carved.placements.len());
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let emit = |out: &mut dyn Write, s: &str| -> Result<(), Failure> {
        out.write_all(s.as_bytes()).map_err(Failure::from_write)
    };
    let color = cli.color;
    match cli.command {
        Command::Check { plans, merge, format, fail_on } => {
            let files = plan_files(&plans)?;
            // a terminal reader sees each finding's line under it, as rustc and ruff show theirs
            let draw = format == CheckFormat::Text
                && (std::io::stdout().is_terminal() || color == diagnostic::ColorChoice::Always);
            let mut texts = Vec::new();
            let keep = if draw { Some(&mut texts) } else { None };
            let r = if merge {
                load_keeping(&files, keep)?.check()
            } else {
                let mut reports = Vec::with_capacity(files.len());
                let mut keep = keep;
                for f in &files {
                    reports.push(load_keeping(std::slice::from_ref(f), keep.as_deref_mut())?.check());
                }
                cidrplan::document::Report::combine(reports)
            };
            let text = match format {
                CheckFormat::Text if draw => {
                    let colour = color.colours(false);
                    report::text_drawn(&r, &|at, warning| {
                        let (_, text) = texts.iter().find(|(f, _)| **f == *at.file)?;
                        diagnostic::snippet(
                            text,
                            at.line,
                            at.column,
                            diagnostic::token_width(text, at.line, at.column),
                            "",
                            warning,
                            colour,
                        )
                    })
                }
                CheckFormat::Text => report::text(&r),
                CheckFormat::Json => report::json(&r),
                CheckFormat::Markdown => report::markdown(&r),
                CheckFormat::Github => report::github(&r),
                CheckFormat::Sarif => report::sarif(&r),
            };
            emit(out, &text)?;
            let worst = match fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            };
            Ok(if r.findings.iter().any(|f| f.severity <= worst) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Carve { plan: path, write, format } => {
            if write {
                return carve_in_place(&path);
            }
            let text = read_source(&path, "plan")?;
            let plan = Plan::from_text(&text, &path).map_err(|e| Failure::Unusable(e.to_string()))?;
            let carved = plan.carve().map_err(|e| Failure::Failed(format!("{path}: cannot carve: {e}")))?;
            emit(
                out,
                &match format {
                    PlanFormat::Yaml => carved.plan.to_yaml(),
                    PlanFormat::Json => carved.plan.to_json(),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { plans, format } => {
            let plan = load(&plans)?;
            let f = match format {
                ExportAs::Terraform => ExportFormat::Terraform,
                ExportAs::Csv => ExportFormat::Csv,
                ExportAs::Json => ExportFormat::Json,
                ExportAs::Markdown => ExportFormat::Markdown,
                ExportAs::Yaml => ExportFormat::Yaml,
                ExportAs::NetboxCsv => ExportFormat::NetboxCsv,
                ExportAs::NetboxVrfsCsv => ExportFormat::NetboxVrfsCsv,
                ExportAs::NetboxAggregatesCsv => ExportFormat::NetboxAggregatesCsv,
                ExportAs::NetboxJson => ExportFormat::NetboxJson,
            };
            let text = plan.export(f).map_err(|e| Failure::Failed(format!("cannot export: {e}")))?;
            emit(out, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { source, files, format } => {
            let source: cidrplan::document::import::Source = source.parse()?;
            if files.iter().filter(|p| *p == "-").count() > 1 {
                return Err(Failure::Unusable("standard input (-) can be given once".into()));
            }
            let texts = files.iter().map(|f| read_source(f, "export")).collect::<Result<Vec<_>, _>>()?;
            let pairs: Vec<(&str, &str)> =
                texts.iter().map(String::as_str).zip(files.iter().map(String::as_str)).collect();
            let got = Plan::import_noting(source, &pairs).map_err(|e| Failure::Unusable(e.to_string()))?;
            // what the exports held that the plan leaves out, and why: on stderr, never silent
            for note in &got.notes {
                let _ = writeln!(std::io::stderr(), "cidrplan: note: {note}");
            }
            let plan = got.plan;
            // the whole plan is built before anything is printed: nothing is half written
            emit(
                out,
                &match format {
                    PlanFormat::Yaml => plan.to_yaml(),
                    PlanFormat::Json => plan.to_json(),
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { planned, actual, format } => {
            let (p, a) = (load(std::slice::from_ref(&planned))?, load(std::slice::from_ref(&actual))?);
            let d = p.diff(&a);
            let text = match format {
                ReportFormat::Json => {
                    serde_json::to_string_pretty(&serde_json::json!({"format": "cidrplan-diff/1", "differences": d}))
                        .unwrap_or_default()
                        + "\n"
                }
                ReportFormat::Text => report::diff_text(&d),
            };
            emit(out, &text)?;
            Ok(if d.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Schema => {
            emit(out, &schema_text())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "cidrplan", &mut buf);
            emit(out, &String::from_utf8_lossy(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut buf)
                .map_err(|e| Failure::Unusable(format!("cannot render the manual: {e}")))?;
            emit(out, &String::from_utf8_lossy(&buf))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Inspect { cidr, profile, lenient, format } => {
            calc::inspect(&cidr, &profile, lenient, format == ReportFormat::Json, out)
        }
        Command::Split { cidr, new_prefix, limit, format } => {
            calc::split(&cidr, &new_prefix, limit, format == ReportFormat::Json, out)
        }
        Command::Lookup { addresses, table, shortest, all, format } => {
            let which = if all {
                calc::Match::All
            } else if shortest {
                calc::Match::Shortest
            } else {
                calc::Match::Longest
            };
            calc::lookup(&addresses, &table, which, format == ReportFormat::Json, out)
        }
        Command::Reverse { cidr, format } => calc::reverse(&cidr, format == ReportFormat::Json, out),
        Command::MaxPods { instance_type, prefix_delegation, custom_networking, options, format } => calc::max_pods(
            &instance_type,
            prefix_delegation,
            custom_networking,
            options.as_deref(),
            format == ReportFormat::Json,
            out,
        ),
        Command::Size { platform, requirement, format } => {
            calc::size(&platform, &requirement, format == ReportFormat::Json, out)
        }
        Command::Compare { instance_type, requirement, pods, format } => {
            calc::compare(&instance_type, &requirement, pods, format == ReportFormat::Json, out)
        }
    }
}

/// The JSON Schema of the plan document (`docs/plan.schema.json` is this text).
fn schema_text() -> String {
    let schema = schemars::schema_for!(Plan);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // a script that asked for JSON gets a JSON object even when the input is unusable
    let json_tag = match &cli.command {
        Command::Check { format: CheckFormat::Json, .. } => Some("cidrplan-check/1"),
        Command::Diff { format: ReportFormat::Json, .. } => Some("cidrplan-diff/1"),
        Command::Inspect { format: ReportFormat::Json, .. } => Some("cidrplan-inspect/1"),
        Command::Split { format: ReportFormat::Json, .. } => Some("cidrplan-split/1"),
        Command::MaxPods { format: ReportFormat::Json, .. } => Some("cidrplan-max-pods/1"),
        Command::Lookup { format: ReportFormat::Json, .. } => Some("cidrplan-lookup/1"),
        Command::Reverse { format: ReportFormat::Json, .. } => Some("cidrplan-reverse/1"),
        Command::Size { format: ReportFormat::Json, .. } => Some("cidrplan-size/1"),
        Command::Compare { format: ReportFormat::Json, .. } => Some("cidrplan-compare/1"),
        _ => None,
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let sarif = matches!(&cli.command, Command::Check { format: CheckFormat::Sarif, .. });
    let github = matches!(&cli.command, Command::Check { format: CheckFormat::Github, .. });
    let colour = cli.color.colours(true);
    let json_error = |out: &mut std::io::StdoutLock<'_>, kind: &str, m: &str, e: Option<&cidrplan::Error>| {
        if sarif {
            let _ = write!(out, "{}", report::sarif_error(m, e.and_then(cidrplan::Error::location)));
        }
        if github {
            let _ = write!(out, "{}", report::github_error(m, e.and_then(cidrplan::Error::location)));
        }
        if let Some(tag) = json_tag {
            let mut error = serde_json::json!({"kind": kind, "message": m});
            if let Some(e) = e {
                error["error_kind"] = e.kind().into();
                error["text"] = e.message().into();
                if let Some(at) = e.location() {
                    error["file"] = at.file.as_str().into();
                    error["line"] = at.line.into();
                    error["column"] = at.column.into();
                    error["width"] = at.width.into();
                    error["path"] = at.path.as_deref().into();
                }
                error["suggestions"] = e.suggestions().into();
            }
            let v = serde_json::json!({"format": tag, "error": error});
            let _ = writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        let _ = out.flush();
        eprintln!("cidrplan: {}", escape::esc(m));
    };
    match run(cli, &mut lock) {
        Ok(code) => code,
        Err(Failure::Unusable(m)) => {
            json_error(&mut lock, "unusable", &m, None);
            ExitCode::from(2)
        }
        Err(Failure::InFile(e, text)) => {
            json_error(&mut lock, "unusable", &e.to_string(), Some(&e));
            if let Some(at) = e.location() {
                let label = e.suggestions().first().map(|s| format!("did you mean `{s}`?")).unwrap_or_default();
                if let Some(drawn) = diagnostic::snippet(&text, at.line, at.column, at.width, &label, false, colour) {
                    eprintln!("{drawn}");
                }
            }
            ExitCode::from(2)
        }
        Err(Failure::Failed(m)) => {
            json_error(&mut lock, "failed", &m, None);
            ExitCode::from(1)
        }
        Err(Failure::Quiet) => ExitCode::SUCCESS,
    }
}
