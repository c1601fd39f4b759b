#!/usr/bin/env bash
# Runs every fuzz target of the module for a bounded time, one at a time
# (go test runs one -fuzz target per invocation). FUZZTIME per target
# (default 15s) times the 17 targets, plus builds, stays under 5 minutes.
# A failing input is written by go test under <pkg>/testdata/fuzz/FuzzX/;
# commit it: it becomes a regression case that plain `go test` replays.
# A new finding is printed with its input; it fails the run only with
# FUZZ_STRICT=1 (CI's short random runs must not block unrelated changes).
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME="${FUZZTIME:-15s}"

targets=(
	"./internal/pyfmt FuzzAppend"
	"./internal/pyfmt FuzzCompileBrace"
	"./internal/pyfmt FuzzCompileDollar"
	"./internal/pytime FuzzCompile"
	"./slogpy FuzzFormatter"
	"./levels FuzzParse"
	"./receiver FuzzDecode"
	"./receiver FuzzPickleRoundTrip"
	"./receiver FuzzDecodeLimits"
	"./handlers FuzzSocketAddress"
	"./handlers FuzzSysLogAddress"
	"./internal/mime FuzzFoldSubject"
	"./internal/mime FuzzFoldAddresses"
	"./config/internal/pyliteral FuzzLiteral"
	"./config/internal/decode FuzzDecode"
	"./config FuzzDictConfig"
	"./adapter FuzzDefaultProcess"
)

# inputs counts the failing inputs go test has saved for a target.
inputs() {
	local d="$1/testdata/fuzz/$2"
	if [ -d "$d" ]; then find "$d" -type f | wc -l; else echo 0; fi
}

failed=()
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	for try in 1 2; do
		echo "== fuzz $pkg $name ($FUZZTIME)"
		before=$(inputs "$pkg" "$name")
		if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 10s "$pkg"; then
			break
		fi
		if [ "$(inputs "$pkg" "$name")" != "$before" ]; then
			failed+=("$pkg $name") # a real failure: go test saved the input
			break
		fi
		# No input saved: the fuzzing engine itself failed (Go 1.26 can
		# end a run with "context deadline exceeded", golang/go#75804).
		if [ "$try" = 2 ]; then
			echo "warning: $pkg $name: the fuzzing engine failed twice without a failing input"
		fi
	done
done
if [ "${#failed[@]}" -gt 0 ]; then
	echo "FUZZ FINDINGS: new failing inputs (commit them under <pkg>/testdata/fuzz/ with a fix):"
	for t in "${failed[@]}"; do
		read -r pkg name <<<"$t"
		for f in "$pkg/testdata/fuzz/$name"/*; do
			echo "--- $f"
			cat "$f"
		done
	done
	# Inputs already committed are replayed by plain go test, which fails
	# the build. A new finding of this short random run is printed above
	# for the next change to commit; FUZZ_STRICT=1 makes it fail the run.
	if [ "${FUZZ_STRICT:-0}" = 1 ]; then
		exit 1
	fi
fi
