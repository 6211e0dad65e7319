"""Hatchling build hook: generate the shipped JSON Schema from the model at build time.

``practicemodel.schema`` reads the JSON Schema of a case record from a data file,
``src/practicemodel/data/case-record.schema.json``, kept in the repository and checked
against the model by ``tests/test_schema.py``. So that a wheel or a source distribution can
never ship a stale copy, this hook generates the file afresh from the sources being built
(``python -m practicemodel.schema --write``, in a separate interpreter that imports the
package from ``src``) and puts the generated file into the artifact in place of the copy in
the repository; the working tree is left as it is (a warning says when its copy differs).
Editable installs read the file in ``src`` directly and are left alone.

Generating imports the model, so the build needs the core dependencies (``attrs``,
``cattrs``, ``pint``): they are listed in ``[build-system] requires``. Registered in
``pyproject.toml`` under ``[tool.hatch.build.targets.wheel.hooks.custom]`` and
``[tool.hatch.build.targets.sdist.hooks.custom]``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SCHEMA = Path("src", "practicemodel", "data", "case-record.schema.json")
"""The shipped schema file, relative to the project root."""
# ``python -m practicemodel.schema --write PATH`` with the package imported from ``src``.
_GENERATE = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
             "from practicemodel.schema import _main; sys.exit(_main(sys.argv[1:]))")


class SchemaBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Generate ``case-record.schema.json`` from the model into each artifact."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Generate the schema and force it into the artifact (not for editable wheels)."""
        if self.target_name == "wheel" and version == "editable":
            return
        root = Path(self.root)
        self._scratch = Path(tempfile.mkdtemp(prefix="practicemodel-schema-"))
        generated = self._scratch / SCHEMA.name
        # The package being built (src first on the path), not one installed anywhere else.
        result = subprocess.run(
            [sys.executable, "-c", _GENERATE, str(root / "src"), "--write", str(generated)],
            cwd=root, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError("generating the JSON Schema of the case record failed:\n"
                               + result.stderr)
        tracked = root / SCHEMA
        if not tracked.is_file() or tracked.read_bytes() != generated.read_bytes():
            self.app.display_warning(
                f"{SCHEMA} differs from the model; the artifact gets the generated schema "
                "(update the repository's copy with: python -m practicemodel.schema --write)")
        # The wheel holds the package at its top; the sdist holds the project as it is.
        inside = SCHEMA.relative_to("src") if self.target_name == "wheel" else SCHEMA
        build_data["force_include"][str(generated)] = inside.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the generated file's scratch directory."""
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
