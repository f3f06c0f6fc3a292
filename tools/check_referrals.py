"""Score bodymap's referral ranking on the textbook case sets, for ad-hoc use.

    python tools/check_referrals.py                  # every tests/data/referral_cases*.json
    python tools/check_referrals.py FILE.json -v     # one set, listing each miss

The cases and the measures (local, recall@5, top3, side, cautions) are those of
``tests/test_referral_cases.py``, which runs the same sets with thresholds in the test suite;
this script only prints the figures, so a table edit can be judged before the tests run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "test_referral_cases.py"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("referral_cases", TESTS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="case files (default: all sets)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "tests" / "data").glob("referral_cases*.json"))
    scorer = _scorer()
    print(f"{'case set':36} {'cases':>5}  " + "  ".join(f"{k:>8}" for k in scorer.THRESHOLDS))
    for path in files:
        cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
        means, missed = scorer.summary(cases)
        measures = scorer.THRESHOLDS
        row = "  ".join(f"{means[k]:8.3f}" if k in means else f"{'-':>8}" for k in measures)
        print(f"{path.name:36} {len(cases):5}  {row}  misses {len(missed)}")
        if args.verbose:
            for case in cases:
                result = scorer.judge(case)
                if any(v < 1.0 for v in result.values()):
                    print(f"    miss {case['id']}: {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
