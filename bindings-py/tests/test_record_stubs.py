"""Records behave like Python values (pickle, copy, compare, dir, importable from
cidrplan) and their typed stub lists exactly the fields the compiled module returns."""
import ast
import copy
import pickle
from pathlib import Path

import pytest

import cidrplan as cp
from record_samples import SAMPLES

STUB = Path(cp.__file__).with_name("_records.pyi")


def _stub_fields():
    tree = ast.parse(STUB.read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name != "Record":
            out[node.name] = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign)]
    return out


FIELDS = _stub_fields()


def test_every_record_class_has_a_stub_and_a_sample():
    import cidrplan._records as r
    classes = {n for n, c in vars(r).items() if isinstance(c, type) and issubclass(c, r.Record) and c is not r.Record}
    assert classes == set(FIELDS) == set(SAMPLES)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_stub_fields_are_the_runtime_fields(name):
    record = SAMPLES[name]()
    assert type(record).__name__ == name
    assert list(dict.keys(record)) == FIELDS[name], f"{name}: update _records.pyi"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_records_pickle_copy_compare_and_list_their_fields(name):
    record = SAMPLES[name]()
    for clone in (pickle.loads(pickle.dumps(record)), copy.copy(record), copy.deepcopy(record)):
        assert type(clone) is type(record) and clone == record
    assert set(FIELDS[name]) <= set(dir(record))
    assert getattr(cp, name) is type(record)  # importable from cidrplan


def test_dir_shows_only_the_api():
    public = {n for n in dir(cp) if not n.startswith("_")}
    assert public <= set(cp.__all__), public - set(cp.__all__)
    for helper in ("Iterable", "List", "Union", "annotations"):
        assert helper not in dir(cp)
