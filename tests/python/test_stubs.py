"""The type stubs (python/deorbit/*.pyi) match the module: mypy's stubtest (Debian's mypy) over the package."""
import os
import subprocess
import sys

import pytest

pytest.importorskip("mypy")


def test_stubs_match_the_module():
    allowlist = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubtest-allowlist.txt")
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "deorbit", "--allowlist", allowlist],
                       capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert r.returncode == 0, r.stdout + r.stderr


def runtime_parameters(doc):
    """Parameter names (and '*' for keyword-only) from the signature line pybind11 writes first in a docstring."""
    line = doc.splitlines()[0]
    inside = line[line.index("(") + 1:line.rindex(") ->")]
    names, depth, current = [], 0, ""
    for ch in inside + ",":
        if ch == "," and depth == 0:
            if current.strip():
                names.append(current.split(":")[0].split("=")[0].strip())
            current = ""
            continue
        depth += ch in "[(" and 1 or (ch in "])" and -1 or 0)
        current += ch
    return [n for n in names if n != "self"]


def stub_parameters(node):
    a = node.args
    names = [x.arg for x in a.posonlyargs + a.args if x.arg != "self"]
    if a.kwonlyargs:
        names += ["*"] + [x.arg for x in a.kwonlyargs]
    return names


def test_stub_signatures_name_the_modules_parameters():
    """stubtest cannot see inside pybind11's functions: their parameter names come from the docstrings here."""
    import ast

    import deorbit._deorbit as runtime

    stub = os.path.join(os.path.dirname(runtime.__file__), "_deorbit.pyi")
    checked = 0
    for node in ast.parse(open(stub).read()).body:
        scopes = [(node, runtime)] if isinstance(node, ast.FunctionDef) else []
        if isinstance(node, ast.ClassDef):
            scopes = [(f, getattr(runtime, node.name)) for f in node.body if isinstance(f, ast.FunctionDef)]
        for f, owner in scopes:
            if (any(isinstance(d, ast.Name) and d.id == "property" for d in f.decorator_list) or f.args.vararg
                    or f.name.startswith("__")):  # operators take pybind11's arg0
                continue
            obj = getattr(owner, f.name)
            doc = getattr(obj, "__doc__", None) or ""
            assert doc.startswith(f.name + "("), f"{f.name}: no signature in its docstring"
            assert stub_parameters(f) == runtime_parameters(doc), f"{f.name}: {doc.splitlines()[0]}"
            checked += 1
    assert checked == 28  # every function and method of the stubs but properties and operators
