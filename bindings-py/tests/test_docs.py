"""help() shows, for every public function, its arguments, what it returns, what it
raises and an example; the examples run here as doctests."""
import doctest
import inspect
import re

import pytest

import cidrplan as cp

MODULES = [cp, cp.eks, cp.aks, cp.gke, cp.k8s, cp.plan]


def _public(module):
    for name in sorted(getattr(module, "__all__", dir(module))):
        obj = getattr(module, name)
        if name.startswith("_") or inspect.ismodule(obj):
            continue
        yield f"{module.__name__}.{name}", obj


FUNCTIONS = [(n, o) for m in MODULES for n, o in _public(m) if callable(o) and not inspect.isclass(o)]
CLASSES = [(n, o) for m in MODULES for n, o in _public(m) if inspect.isclass(o)]


@pytest.mark.parametrize("name,fn", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_every_function_says_what_it_takes_returns_raises_with_an_example(name, fn):
    doc = fn.__doc__ or ""
    assert doc.strip(), f"{name} has no docstring"
    assert "Returns:" in doc and ">>>" in doc, f"{name}: no Returns: or example"
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind is not p.VAR_KEYWORD]
    if params:
        assert "Args:" in doc, f"{name}: no Args:"
    # help() renders it
    assert doc.splitlines()[0] in _help(fn)


@pytest.mark.parametrize("name,obj", FUNCTIONS + CLASSES, ids=[n for n, _ in FUNCTIONS + CLASSES])
def test_examples_run(name, obj):
    finder = doctest.DocTestParser()
    test = finder.get_doctest(obj.__doc__ or "", {"cp": cp}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test, out=lambda s: None)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples fail"


@pytest.mark.parametrize("name,cls", CLASSES, ids=[n for n, _ in CLASSES])
def test_every_class_is_described(name, cls):
    assert (cls.__doc__ or "").strip(), f"{name} has no docstring"


def test_record_docstrings_list_their_stub_fields():
    stub = (inspect.getfile(cp).rsplit("/", 1)[0] + "/_records.pyi")
    text = open(stub).read()
    for m in re.finditer(r"^class (\w+)\(Record\):\n((?:    .*\n)+)", text, re.M):
        fields = [l.split(":")[0].strip() for l in m.group(2).splitlines() if ":" in l and not l.strip().startswith("def")]
        doc = getattr(cp, m.group(1)).__doc__
        assert f"Fields: {', '.join(fields)}." in doc, m.group(1)


def _help(obj):
    import pydoc

    return pydoc.render_doc(obj, renderer=pydoc.plaintext)
