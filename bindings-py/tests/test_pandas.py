"""Results as notebooks use them: pandas DataFrames straight from the records."""
from pathlib import Path

import pytest

import cidrplan as cp

pd = pytest.importorskip("pandas")
ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "tests" / "golden" / "plans" / "pools-aks.yaml"


def test_findings_are_a_flat_frame():
    findings = cp.Plan.load(PLAN).findings()
    df = pd.DataFrame(findings)
    assert list(df.columns) == ["severity", "rule", "message", "objects", "fix"]
    assert len(df) == len(findings) and set(df["severity"]) <= {"error", "warning", "info"}
    assert df.loc[0, "rule"] == findings[0].rule
    # the documented way to one row per object: json_normalize over plain dicts
    rows = pd.json_normalize([f.to_dict() for f in findings], "objects", ["severity", "rule"], record_prefix="object.")
    assert {"object.kind", "object.name", "severity", "rule"} <= set(rows.columns)
    assert len(rows) == sum(len(f.objects) for f in findings)
    assert str(rows["object.at.line"].convert_dtypes().dtype) == "Int64"


def test_integers_stay_integers():
    report = cp.Plan.load(PLAN).check()
    df = pd.DataFrame(report.clusters)
    assert str(df["nodes"].dtype) == "int64" and str(df["max_pods"].dtype) == "int64"
    # a column with gaps (None) stays whole with pandas' nullable integers
    typed = df.convert_dtypes()
    assert str(typed["max_peak_nodes"].dtype) == "Int64"
    ranges = pd.json_normalize([c.to_dict() for c in report.clusters], "ranges", ["cluster"]).convert_dtypes()
    assert str(ranges["capacity"].dtype) == "Int64" and str(ranges["needed"].dtype) == "Int64"
