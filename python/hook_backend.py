"""A PEP 517 build backend for the pre-commit hook package (pyproject.toml at the root).

It builds one wheel with no code, `goal-lint-pre-commit`, whose only requirement is
`goal-lint==VERSION`: the wheel of the binary, at the version in Cargo.toml. pre-commit installs
it into the hook's virtualenv (`pip install .`), pip then installs `goal-lint` from the index
(or from `PIP_FIND_LINKS`), and the hook runs the `goal-lint` that wheel puts on PATH.

Standard library only, so that pip can build it with no build requirements to download.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import zipfile

NAME = "goal-lint-pre-commit"
DIST = "goal_lint_pre_commit"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def version() -> str:
    """The workspace version in Cargo.toml (`[workspace.package] version = "..."`)."""
    with open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8") as f:
        text = f.read()
    section = re.search(r"^\[workspace\.package\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    found = section and re.search(r'^version\s*=\s*"([^"]+)"', section.group(1), re.M)
    if not found:
        raise RuntimeError("no version in [workspace.package] of Cargo.toml")
    return found.group(1)


def metadata() -> str:
    v = version()
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {v}\n"
        "Summary: Installs the goal-lint binary wheel for goal-lint's pre-commit hooks\n"
        "License: MIT OR Apache-2.0\n"
        f"Requires-Dist: goal-lint=={v}\n"
    )


WHEEL = "Wheel-Version: 1.0\nGenerator: goal-lint hook_backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _dist_info() -> str:
    return f"{DIST}-{version()}.dist-info"


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    info = os.path.join(metadata_directory, _dist_info())
    os.makedirs(info, exist_ok=True)
    for name, text in (("METADATA", metadata()), ("WHEEL", WHEEL)):
        with open(os.path.join(info, name), "w", encoding="utf-8") as f:
            f.write(text)
    return _dist_info()


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    info = _dist_info()
    filename = f"{DIST}-{version()}-py3-none-any.whl"
    files = {f"{info}/METADATA": metadata().encode(), f"{info}/WHEEL": WHEEL.encode()}
    record = "".join(_record_line(p, d) for p, d in files.items()) + f"{info}/RECORD,,\n"
    files[f"{info}/RECORD"] = record.encode()
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files.items():
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            z.writestr(entry, data)
    return filename


def build_sdist(sdist_directory, config_settings=None):
    raise RuntimeError(
        "the pre-commit hook package is built from the repository only; "
        "the goal-lint package is python/goal-lint/pyproject.toml"
    )
