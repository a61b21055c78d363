"""The build's bytecode step (sitebuild/bytecode.py), run here under CPython: the build runs it inside Pyodide."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import zipfile

from sitebuild.bytecode import add_to_wheel, compile_archive


def make_zip(path, files: dict[str, str]):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def run(code: str, *path) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=path[0])
    return done.stdout.strip()


def test_compile_archive_replaces_only_the_named_modules(tmp_path):
    source = make_zip(tmp_path / "lib.zip", {"fast.py": "X = 1\n", "pkg/__init__.py": "Y = 2\n", "slow.py": "Z = 3\n"})
    compiled = compile_archive(source, tmp_path / "out.zip", {"fast.py", "pkg/__init__.py"})
    assert compiled == 2
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert archive.namelist() == ["fast.pyc", "pkg/__init__.pyc", "slow.py"]
    # zipimport loads the bytecode, without the source, and the source-only module as before
    code = "import sys; sys.path.insert(0, 'out.zip'); import fast, pkg, slow; "
    code += "print(fast.X, pkg.Y, slow.Z, fast.__file__)"
    assert run(code, tmp_path).split() == ["1", "2", "3", "out.zip/fast.pyc"]


def test_compile_archive_is_reproducible(tmp_path):
    source = make_zip(tmp_path / "lib.zip", {"a.py": "def f():\n    return 'same'\n"})
    compile_archive(source, tmp_path / "one.zip", {"a.py"})
    compile_archive(source, tmp_path / "two.zip", {"a.py"})
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_add_to_wheel_lists_the_bytecode_and_it_is_used(tmp_path):
    wheel = make_zip(
        tmp_path / "pkg-1.0-py3-none-any.whl",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "ANSWER = 'from bytecode'\n",
            "pkg-1.0.dist-info/RECORD": "pkg/mod.py,,\n",
        },
    )
    assert add_to_wheel(wheel, "pkg") == 2
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert names[-1] == "pkg-1.0.dist-info/RECORD"
        assert {f"pkg/__pycache__/__init__.{tag}.pyc", f"pkg/__pycache__/mod.{tag}.pyc"} <= set(names)
        record = dict(line.split(",", 1) for line in archive.read(names[-1]).decode().splitlines())
        pyc = archive.read(f"pkg/__pycache__/mod.{tag}.pyc")
        digest = base64.urlsafe_b64encode(hashlib.sha256(pyc).digest()).rstrip(b"=").decode()
        assert record[f"pkg/__pycache__/mod.{tag}.pyc"] == f"sha256={digest},{len(pyc)}"
        archive.extractall(tmp_path / "installed")
    # Unchecked hash-based bytecode is used as it is: a changed source is not even read.
    (tmp_path / "installed" / "pkg" / "mod.py").write_text("ANSWER = 'from source'\n")
    assert run("import pkg.mod; print(pkg.mod.ANSWER)", tmp_path / "installed") == "from bytecode"
