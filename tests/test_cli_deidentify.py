"""``practicemodel deidentify``: the export, its summary, and what it refuses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from practicemodel.cli import main
from practicemodel.serialization import dumps_case, iter_jsonl
from practicemodel.synthetic import generate_cases

AS_OF = "2026-11-22"
KEY_TEXT = "0f" * 32  # as `python -c "import secrets; print(secrets.token_hex(32))"` writes


def run(*argv: str, stdin: str = "") -> tuple[int, str]:
    """Run the CLI in-process and return (exit code, stdout)."""
    out = io.StringIO()
    code = main(list(argv), stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A JSON Lines file of 5 synthetic cases and one bad line, a key file, and an output
    path."""
    lines = [dumps_case(case, indent=None) for case in generate_cases(5, seed=4)]
    lines.insert(2, '{"not": "a case"}')
    source = tmp_path / "cases.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    key = tmp_path / "deid.key"
    key.write_text(KEY_TEXT + "\n", encoding="utf-8")
    return source, key, tmp_path / "deid.jsonl"


def test_deidentify_writes_the_export_and_prints_the_summary(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """Every good case is written as one loadable line; the bad one is reported with its
    line and skipped (exit 1); the summary counts cases and kept ratings."""
    source, key, target = files
    code, out = run("deidentify", str(source), "--key-file", str(key), "--out", str(target),
                    "--as-of", AS_OF, "--policy", "MS")
    assert code == 1
    err = capsys.readouterr().err
    assert f"{source}:3: 1 problem" in err
    assert "(skipped)" in err
    assert out.startswith(f"De-identified {source} into {target}: offsets checked against "
                          "both instruments under MS as of 2026-11-22\n"
                          "  5 cases written, 1 record skipped\n")
    assert "kept every rating" in out
    cases = list(iter_jsonl(target))
    assert len(cases) == 5
    assert all(c.id.startswith("id-") for c in cases)
    assert "syn-4-" not in target.read_text(encoding="utf-8")


def test_deidentify_is_deterministic_and_replaces_out(files: tuple[Path, Path, Path]) -> None:
    """The same input and key give the same file; an existing --out is replaced, keeping
    its permissions."""
    source, key, target = files
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    argv = ("deidentify", str(source), "--key-file", str(key), "--out", str(target),
            "--as-of", AS_OF)
    run(*argv)
    first = target.read_text(encoding="utf-8")
    run(*argv)
    assert target.read_text(encoding="utf-8") == first
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".deid.jsonl.")]


def test_deidentify_strict_writes_nothing(files: tuple[Path, Path, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``--strict`` stops at the bad record and leaves --out unwritten."""
    source, key, target = files
    code, out = run("deidentify", str(source), "--key-file", str(key), "--out", str(target),
                    "--as-of", AS_OF, "--strict")
    assert (code, out) == (1, "")
    assert f"{target} was not written" in capsys.readouterr().err
    assert not target.exists()
    assert {p.name for p in target.parent.iterdir()} == {"cases.jsonl", "deid.key"}


@pytest.mark.parametrize(("content", "words"), [
    (None, "cannot read it"),
    ("", "is empty"),
    ("not-secret\n", "holds a key of 10 bytes"),
])
def test_deidentify_refuses_a_missing_empty_or_short_key(
        files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str],
        content: str | None, words: str) -> None:
    """A key file that is missing, empty or short stops the command before any work (exit
    2), naming the file, never the key."""
    source, key, target = files
    if content is None:
        key.unlink()
    else:
        key.write_text(content, encoding="utf-8")
    code, out = run("deidentify", str(source), "--key-file", str(key), "--out", str(target),
                    "--as-of", AS_OF)
    err = capsys.readouterr().err
    assert (code, out) == (2, "")
    assert f"practicemodel deidentify: key file {key}" in err
    assert words in err
    assert "not-secret" not in err
    assert not target.exists()


def test_deidentify_refuses_to_overwrite_its_input(files: tuple[Path, Path, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """--out naming the input file is a usage error; the input is left as it was."""
    source, key, _ = files
    before = source.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        run("deidentify", str(source), "--key-file", str(key), "--out", str(source),
            "--as-of", AS_OF)
    assert stopped.value.code == 2
    assert "is the input file" in capsys.readouterr().err
    assert source.read_text(encoding="utf-8") == before


def test_deidentify_reads_standard_input(files: tuple[Path, Path, Path]) -> None:
    """``-`` reads the cases from standard input."""
    source, key, target = files
    good = "".join(line + "\n" for line in source.read_text(encoding="utf-8").splitlines()
                   if "not" not in line[:10])
    code, out = run("deidentify", "-", "--key-file", str(key), "--out", str(target),
                    "--as-of", AS_OF, stdin=good)
    assert code == 0
    assert "5 cases written, 0 records skipped" in out
    assert len(list(iter_jsonl(target))) == 5
