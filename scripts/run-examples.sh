#!/usr/bin/env bash
# Runs every example in examples/ under tsx (Node) and under Deno, so that they cannot rot.
#
#   bash scripts/run-examples.sh                 # all examples (what `npm run examples` runs)
#   bash scripts/run-examples.sh full-loop       # only the named ones
#   KEEP_OUTPUT=1 bash scripts/run-examples.sh   # keep the logs and reports the examples wrote
#
# Examples import the BUILT package ('feedback-miner' -> dist/): it is built first when dist/ is missing (run
# `npm run build` yourself after changing src/). Nothing is fetched from the network: tsx resolves the package
# through package.json's self-reference, Deno through deno.json's import map and node_modules/.
# Each example's two runs go side by side (one per core); each gets at most EXAMPLE_TIMEOUT seconds (default 120).
# Prints one line per example and runtime, then "N passed, N failed"; exits 1 if any run failed.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
bin="$root/node_modules/.bin"
timeout_s="${EXAMPLE_TIMEOUT:-120}"

for tool in tsx deno; do
  if [ ! -x "$bin/$tool" ]; then
    echo "run-examples: $bin/$tool not found; run npm install first" >&2
    exit 2
  fi
done

if [ ! -f dist/index.js ] || [ ! -f dist/node/index.js ]; then
  echo "run-examples: dist/ is missing, building the package first"
  npm run build >/dev/null || { echo "run-examples: npm run build failed" >&2; exit 1; }
fi

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for file in examples/*.ts; do
    case "$file" in *.d.ts) continue ;; esac
    names+=("$(basename "$file" .ts)")
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/feedback-miner-examples.XXXXXX") || exit 2
if [ "${KEEP_OUTPUT:-0}" = "1" ]; then
  echo "run-examples: logs and reports kept in $work"
else
  trap 'rm -rf "$work"' EXIT
fi
# Examples write only to the system temporary folder (os.tmpdir(), which reads TMPDIR): here, a folder of ours.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
export DENO_NO_UPDATE_CHECK=1
export NO_COLOR=1

# run RUNTIME NAME: runs one example, output in $work/NAME.RUNTIME.log, status and seconds in .status.
run() {
  local runtime=$1 name=$2 log="$work/$2.$1.log" start end status
  start=$(date +%s%N)
  if [ "$runtime" = "tsx" ]; then
    timeout "$timeout_s" "$bin/tsx" "examples/$name.ts" >"$log" 2>"$log.err" </dev/null
  else
    timeout "$timeout_s" "$bin/deno" run --quiet --no-prompt --no-remote --cached-only \
      --allow-read --allow-env --allow-write="$TMPDIR" "examples/$name.ts" >"$log" 2>"$log.err" </dev/null
  fi
  status=$?
  end=$(date +%s%N)
  echo "$status $(( (end - start) / 1000000 ))" >"$log.status"
}

passed=0
failed=0
started=$(date +%s)
for name in "${names[@]}"; do
  if [ ! -f "examples/$name.ts" ]; then
    echo "FAIL  -     $name: examples/$name.ts does not exist"
    failed=$((failed + 1))
    continue
  fi
  run tsx "$name" &
  run deno "$name" &
  wait
  for runtime in tsx deno; do
    log="$work/$name.$runtime.log"
    read -r status ms <"$log.status"
    lines=$(wc -l <"$log" | tr -d ' ')
    seconds=$(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }')
    if [ "$status" -eq 0 ] && [ "$lines" -gt 0 ]; then
      printf 'ok    %-5s %-26s %6s s  %4s lines\n' "$runtime" "$name" "$seconds" "$lines"
      passed=$((passed + 1))
    else
      reason="exit code $status"
      [ "$status" -eq 124 ] && reason="timed out after ${timeout_s} s"
      [ "$status" -eq 0 ] && reason="printed nothing"
      printf 'FAIL  %-5s %-26s %6s s  %s\n' "$runtime" "$name" "$seconds" "$reason"
      tail -n 15 "$log.err" | sed 's/^/      | /'
      failed=$((failed + 1))
    fi
  done
  # Pure, seeded functions: both runtimes should print the same thing, temporary paths aside, and the position
  # suffix newer V8 versions add to JSON.parse errors (" (line 1 column 42)", quoted in a rejected row's reason).
  normalise() { sed -E "s#$work#<tmp>#g; s#(feedback-miner-[a-z]+-)[A-Za-z0-9]{6}#\1XXXXXX#g; s# \(line [0-9]+ column [0-9]+\)##g" "$1"; }
  if ! cmp -s <(normalise "$work/$name.tsx.log") <(normalise "$work/$name.deno.log"); then
    echo "note  the output of $name differs between tsx and deno:"
    diff <(normalise "$work/$name.tsx.log") <(normalise "$work/$name.deno.log") | head -n 6 | sed 's/^/      | /'
  fi
done

echo "$passed passed, $failed failed ($(($(date +%s) - started)) s)"
[ "$failed" -eq 0 ]
