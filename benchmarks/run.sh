#!/usr/bin/env bash
# Runs the comparison benchmarks of Go's loggers and CPython's logging in
# interleaved rounds, summarises them with benchstat, and prints the table of
# ratios to log/slog's TextHandler with the issue's targets (cmd/ratios).
#
#   ./run.sh                  COUNT rounds of every workload (default 10)
#   COUNT=6 BENCHTIME=100ms BENCH='Static|Printf3' ./run.sh
#   ./run.sh profile [regexp] CPU and allocation profiles of lib=slogpy on
#                             the workloads matching regexp (default all)
#
# Each round runs every Go benchmark once (-test.count=1), then the CPython
# script once, so that a slow spell of a shared machine falls on all
# libraries alike rather than on whichever ran then; benchstat sees COUNT
# samples of each. Results go to $OUT (default out/): raw.txt, benchstat.txt,
# benchstat.csv, table.md, machine.txt. The targets are judged twice: on
# wall time (ns/op) and on the CPU time of the process per call
# (cpu-ns/op), which other processes on a busy machine do not inflate.
#
# The machine's load average is recorded before and after the rounds
# (machine.txt); when either exceeds LOADMAX per CPU (default 0.5), the
# tables say so: on a busy machine wall time and parallel scaling measure
# the neighbours too.
#
# benchstat comes from the Go module proxy (golang.org/x/perf, which needs
# Go 1.26); it is installed into $OUT/bin, outside any go.mod.
set -euo pipefail
cd "$(dirname "$0")"

COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-300ms}
BENCH=${BENCH:-.}
OUT=${OUT:-out}
PYTHON=${PYTHON:-python3}
LOADMAX=${LOADMAX:-0.5}
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da
# The columns of the tables, the baseline first.
LIBS='slog-text slog-json slogpy slogpy-slog slogpy-lumberjack zap zap-sugar zerolog logrus stdlog cpython'

die() { echo "run.sh: $*" >&2; exit 1; }

[[ $COUNT =~ ^[1-9][0-9]*$ ]] || die "COUNT=$COUNT: want a positive integer"
case $BENCHTIME in
*ms) pytime=$(awk "BEGIN{print ${BENCHTIME%ms}/1000}") ;;
*s) pytime=${BENCHTIME%s} ;;
*) die "BENCHTIME=$BENCHTIME: want a duration in ms or s (300ms, 1s)" ;;
esac
[[ $pytime =~ ^[0-9.]+$ ]] || die "BENCHTIME=$BENCHTIME: want a duration in ms or s (300ms, 1s)"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

machine() {
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "go: $(go version)"
	echo "python: $($PYTHON -c 'import sys; print(sys.implementation.name, sys.version.split()[0])' 2>/dev/null || echo none)"
	echo "cpu: $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || uname -m), $(getconf _NPROCESSORS_ONLN) CPUs"
	echo "os: $(uname -sr)$(grep -q hypervisor /proc/cpuinfo 2>/dev/null && echo ', virtual machine')"
	echo "load before the run: $(loadavg)"
}

# loadavg prints the 1, 5 and 15 minute load averages.
loadavg() {
	if [[ -r /proc/loadavg ]]; then
		cut -d' ' -f1-3 /proc/loadavg
	else
		uptime | sed 's/.*load averages*: *//; s/,//g'
	fi
}

# loadnote prints a warning when the 1-minute load before ($1) or after ($2)
# the rounds exceeded LOADMAX per CPU; nothing otherwise.
loadnote() {
	local ncpu
	ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
	awk -v b="${1%% *}" -v a="${2%% *}" -v n="$ncpu" -v max="$LOADMAX" 'BEGIN {
		if (b + 0 > max * n || a + 0 > max * n)
			printf "**Loaded machine:** load %s before and %s after the run on %d CPUs (over %s per CPU): wall times and parallel scaling measure the other processes too; trust the CPU-time tables, and judge the targets on a quiet run.\n\n", b, a, n, max
	}'
}

if [[ ${1:-} == profile ]]; then
	pattern=${2:-.}
	go test -c -o "$OUT/bench.test" .
	for w in Disabled Static Printf3 Fields5 Fields5Attrs With10 ParallelStatic ParallelPrintf3 ParallelFields5 ParallelWith10 Rotate RotateBuffered; do
		[[ $w =~ $pattern ]] || continue
		echo "== $w/lib=slogpy" >&2
		"$OUT/bench.test" -test.run '^$' -test.bench "^Benchmark$w\$/^lib=slogpy\$" -test.benchmem \
			-test.benchtime 2s -test.cpuprofile "$OUT/$w.cpu" -test.memprofile "$OUT/$w.mem" | grep '^Benchmark'
		go tool pprof -top -cum -nodecount 30 "$OUT/bench.test" "$OUT/$w.cpu" >"$OUT/$w.cpu.txt" 2>/dev/null
		go tool pprof -sample_index=alloc_objects -top -nodecount 15 "$OUT/bench.test" "$OUT/$w.mem" >"$OUT/$w.mem.txt" 2>/dev/null
		echo "   $OUT/$w.cpu.txt, $OUT/$w.mem.txt (go tool pprof -http=: $OUT/bench.test $OUT/$w.cpu)" >&2
	done
	exit 0
fi

echo "== benchstat $BENCHSTAT_VERSION" >&2
GOBIN="$OUT/bin" go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
echo "== building the benchmarks" >&2
go test -c -o "$OUT/bench.test" .
machine >"$OUT/machine.txt"
load_before=$(loadavg)

have_python=1
$PYTHON -c 'import logging' 2>/dev/null || { have_python=0; echo "run.sh: no $PYTHON: the cpython column stays empty" >&2; }

: >"$OUT/raw.txt"
for ((i = 1; i <= COUNT; i++)); do
	echo "== round $i of $COUNT" >&2
	"$OUT/bench.test" -test.run '^$' -test.bench "$BENCH" -test.benchmem -test.benchtime "$BENCHTIME" -test.count 1 >>"$OUT/raw.txt"
	if ((have_python)); then
		$PYTHON python/bench_logging.py -bench "$BENCH" -benchtime "$pytime" -count 1 >>"$OUT/raw.txt"
	fi
done

load_after=$(loadavg)
echo "load after the run: $load_after" >>"$OUT/machine.txt"
note=$(loadnote "$load_before" "$load_after")

col="/lib@($LIBS)"
"$OUT/bin/benchstat" -col "$col" "$OUT/raw.txt" >"$OUT/benchstat.txt"
"$OUT/bin/benchstat" -format csv -col "$col" "$OUT/raw.txt" >"$OUT/benchstat.csv" 2>/dev/null
{
	[[ -z $note ]] || printf '%s\n\n' "$note"
	go run ./cmd/ratios -in "$OUT/benchstat.csv"
} >"$OUT/table.md"
if grep -q cpu-sec/op "$OUT/benchstat.csv"; then
	echo >>"$OUT/table.md"
	go run ./cmd/ratios -unit cpu-ns/op -in "$OUT/benchstat.csv" | sed -n '/^Targets/,$p' >>"$OUT/table.md"
fi

cat "$OUT/benchstat.txt"
echo
sed 's/^/    /' "$OUT/machine.txt"
echo "    command: COUNT=$COUNT BENCHTIME=$BENCHTIME BENCH='$BENCH' benchmarks/run.sh"
echo
cat "$OUT/table.md"
