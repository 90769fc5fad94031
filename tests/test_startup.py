"""What a web worker loads when it starts: heavy libraries only some jobs use stay unloaded."""

import subprocess
import sys

# Imported by the jobs that draw them, never by a worker serving pages.
LATE = ("matplotlib",)


def test_a_new_app_does_not_import_the_report_charts_library():
    code = (
        "import sys\n"
        "from jobfair import create_app\n"
        "create_app({'TESTING': True, 'SQLALCHEMY_DATABASE_URI': 'sqlite://', 'SECRET_KEY': 'x'})\n"
        f"print(sorted(name for name in {LATE!r} if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
