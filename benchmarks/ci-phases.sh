#!/usr/bin/env bash
# Where the time of .ci/run goes:
#   phases    each "[ci] phase" line of its log: the setup steps (they run side by side, so they overlap; "setup" is
#             their wall time together), and "tests" (./build.sh Test)
#   projects  each test project's wall time (its TRX file's start to finish), when its first test was done (the test
#             host's start and the fixtures: the template tests' pack and first publish), test count and summed test time; the
#             projects run side by side, so their wall times overlap too
#   classes   the slowest test classes by summed test time (a class's tests may overlap other classes')
#   benchmarks/ci-phases.sh                 runs .ci/run (a fresh machine: it installs Docker, pwsh and the npm tools),
#                                           keeps its log in artifacts/ci-run.log, then prints the figures
#   benchmarks/ci-phases.sh LOG [TRX...]    the figures of an earlier run: its log, and TRX files or directories
#                                           (default artifacts/test-results/)
# Times on a loaded machine are inflated: compare shares, or runs on the same machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if (($# == 0)); then
    mkdir -p "$root/artifacts"
    log="$root/artifacts/ci-run.log"
    "$root/.ci/run" 2>&1 | tee "$log"
    set -- "$log"
fi
log=$1
shift
(($# > 0)) || set -- "$root/artifacts/test-results"

echo
echo "== .ci/run phases ($log)"
grep -E '^\[ci\] (phase|done in)' "$log" | sed 's/^\[ci\] /  /' || echo "  (no '[ci] phase' lines: a log of .ci/run from before they were added?)"

python3 - "$@" <<'EOF'
import collections, glob, os, sys, xml.etree.ElementTree as ET
from datetime import datetime

NS = '{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}'

def seconds(duration):
    hours, minutes, secs = duration.split(':')
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)

def moment(text):
    # 2026-12-07T23:49:35.8673154+00:00: seven fractional digits are more than fromisoformat takes.
    head, _, rest = text.partition('.')
    fraction = ''.join(c for c in rest.split('+')[0].split('-')[0] if c.isdigit())[:6]
    return datetime.fromisoformat(f"{head}.{fraction or '0'}+00:00")

files = []
for arg in sys.argv[1:]:
    files += sorted(glob.glob(os.path.join(arg, '*.trx'))) if os.path.isdir(arg) else [arg]
if not files:
    print("\n(no TRX files: run ./build.sh Test, or name them)")
    sys.exit(0)

print("\n== test projects (wall time, tests, summed test time)")
classes = collections.Counter()
counts = collections.Counter()
for path in files:
    run = ET.parse(path).getroot()
    times = run.find(NS + 'Times')
    wall = (moment(times.get('finish')) - moment(times.get('start'))).total_seconds()
    class_of, project = {}, '?'
    for test in run.iter(NS + 'UnitTest'):
        class_of[test.get('id')] = test.find(NS + 'TestMethod').get('className')
        project = os.path.basename(test.get('storage') or '?').removesuffix('.dll')
    results = list(run.iter(NS + 'UnitTestResult'))
    summed = sum(seconds(r.get('duration', '0:0:0')) for r in results)
    outcomes = collections.Counter(r.get('outcome') for r in results)
    # Until the first test ends: the test host's start and the fixtures (the template tests' pack and first publish).
    first = min((moment(r.get('endTime')) for r in results if r.get('endTime')), default=None)
    setup = (first - moment(times.get('start'))).total_seconds() if first else 0
    print(f"  {project:34} {wall:6.0f} s  first test done at +{setup:4.0f} s  {len(results):5} tests  {summed:6.0f} s summed  "
          + ", ".join(f"{n} {o.lower()}" for o, n in sorted(outcomes.items())))
    for r in results:
        name = class_of.get(r.get('testId'), '?')
        classes[name] += seconds(r.get('duration', '0:0:0'))
        counts[name] += 1

print("\n== slowest test classes (summed test time)")
for name, total in classes.most_common(15):
    print(f"  {total:6.0f} s  {counts[name]:3} tests  {name}")
EOF
