"""Pack the ``calc`` package into the zip the page's worker unpacks into Pyodide.

The zip holds the very source files the wheel holds (the YAML loader in ``calc/rulefiles`` too:
the page never imports it, and the build's compile step checks what the page does import), so
no list says what is left out. Entries are sorted and carry a fixed timestamp, so the same
sources always give the same bytes (and the same cache key).

    python -m scripts.package_calc -o calc.zip
"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_EPOCH = (1980, 1, 1, 0, 0, 0)


def calc_files(root: Path = ROOT) -> list[Path]:
    return sorted((root / "calc").rglob("*.py"))


def zip_bytes(root: Path = ROOT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in calc_files(root):
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="calc.zip")
    args = parser.parse_args()
    Path(args.output).write_bytes(zip_bytes())
    print(f"{args.output}: {len(calc_files())} files")


if __name__ == "__main__":
    main()
