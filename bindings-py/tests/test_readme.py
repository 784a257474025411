"""Every ```python block of the README runs, in order, in one namespace."""
import re

from conftest import ROOT


def test_readme_python_blocks_run(monkeypatch):
    # the README's paths are the repository's, as a reader runs them from its root
    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README has python examples"
    ns: dict = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"README.md python block {i + 1}", "exec"), ns)
