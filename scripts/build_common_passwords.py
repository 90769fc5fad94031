"""Build jobfair/data/common-passwords.txt.gz, the list sign-up checks passwords against.

Source: the 20,000 most common passwords compiled by Royce Williams, as shipped in
Django (BSD-3-Clause) at django/contrib/auth/common-passwords.txt.gz. Only entries of
8 characters or more are kept: shorter passwords are refused anyway.

Usage: python scripts/build_common_passwords.py [DJANGO_WHEEL]
Without an argument, the Django wheel is downloaded from PyPI with pip.
"""

import glob
import gzip
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DJANGO = "django==5.2.8"
MEMBER = "django/contrib/auth/common-passwords.txt.gz"
TARGET = Path(__file__).resolve().parent.parent / "jobfair" / "data" / "common-passwords.txt.gz"
MIN_LENGTH = 8


def read_list(wheel: str) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        words = gzip.decompress(archive.read(MEMBER)).decode("utf-8").split()
    return sorted({w.strip().lower() for w in words if len(w.strip()) >= MIN_LENGTH})


def main() -> None:
    if len(sys.argv) > 1:
        words = read_list(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", folder, DJANGO],
                check=True,
            )
            words = read_list(glob.glob(f"{folder}/*.whl")[0])
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical between builds.
    with open(TARGET, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(words) + "\n").encode("utf-8"))
    print(f"{len(words)} passwords written to {TARGET}")


if __name__ == "__main__":
    main()
