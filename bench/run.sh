#!/usr/bin/env bash
# guiji benchmarks: generates data into bench/data/ (git-ignored), runs each runner with its baseline
# in the same run, and prints the figures (lines starting with RESULT) into bench/results/<date>.txt.
#
#   bench/run.sh [all|generate|baseline|file|cli|startup|jmh|state|stream|restore|fuzz|index|watch|relink|names|names-sample|provinces]...
#
# Environment: RECORDS (1000000), ENTERPRISES (1000000), REPEAT (3), STARTUP_REPEAT (5), STREAM_RECORDS (200000),
# STREAM_ENTERPRISES (200000), STREAM_SEND (messages sent in the sustained run, 20000: at about 130/s more take many minutes), STREAM_WARMUP (other records sent first, their results awaited, so the JIT has compiled the path: 20000; 0 for none), STREAM_SETTLE (seconds of further records at 1,000/s after the warm-up, so that the JIT has settled: 0; 240 needs STREAM_RECORDS=400000), RESTORE_SEND (messages flowing while the restore bench kills the TaskManager, 30000), RESTORE_COPIES (the restore bench sends the registry this many times, each copy other enterprises: 10 with a 1M registry makes 10M; 1), LATENCY_SECONDS (60), BENCH_JAVA_OPTS (-Xmx3g, as bin/guiji),
# NAMES_PER_KIND (records per class of the real-name linking bench, 300), NAMES_BACKGROUND (synthetic registry entries around the real names, 50000; neither step is part of "all"),
# PROVINCES (division codes of the provinces whose divisions write the synthetic linking corpus, "210000 110000 310000 440000 510000 650000"; not part of "all"),
# FUZZ_READ_FILES and FUZZ_FILES (damaged files of the whole-file fuzzing, read alone: 20000, through guiji run: 2000; not part of "all"), FUZZ_SEED (random), JMH_ARGS (extra JMH options, e.g. "-f 1 -wi 2 -i 3"), GUIJI_PG_URL/USER/PASSWORD for PostgreSQL.
# Benchmarks never run in `mvn verify`: only through this script.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
RECORDS="${RECORDS:-1000000}"
ENTERPRISES="${ENTERPRISES:-1000000}"
REPEAT="${REPEAT:-3}"
STREAM_RECORDS="${STREAM_RECORDS:-200000}"
STREAM_ENTERPRISES="${STREAM_ENTERPRISES:-200000}"
STREAM_SEND="${STREAM_SEND:-20000}"
LATENCY_SECONDS="${LATENCY_SECONDS:-60}"
JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx3g}"
DATA="bench/data/r${RECORDS}-e${ENTERPRISES}"
SDATA="bench/data/r${STREAM_RECORDS}-e${STREAM_ENTERPRISES}"
mkdir -p bench/results
OUT="bench/results/$(date +%Y%m%d-%H%M%S).txt"
CP_FILE=bench/target/bench.classpath
JAR=bench/target/guiji-bench-0.1.0-SNAPSHOT.jar

# Flink on Java 17: the options flink-dist passes, kept in bin/jvm-flags (a java argument file).
OPENS=("@$HERE/bin/jvm-flags")
# The file step takes bin/guiji run's JIT options (bin/bounded-jvm-flags), and only it: BOUNDED is reset
# before each step. BOUNDED_FLAGS=0 leaves them out.
BOUNDED=()

build() {
  if [[ ! -f "$JAR" || ! -f "$CP_FILE" || -n "$(find schemas/src connectors/src jobs/src/main generator/src/main testing/servers/src/main bench/src -newer "$JAR" -type f -print -quit)" ]]; then
    echo "bench: building..." >&2
    mvn -B -q -DskipTests -Dspotless.check.skip=true install -pl testing/kafka-broker,bench -am >/dev/null
  fi
}

run() { # main class, args...
  local cls=$1; shift
  # shellcheck disable=SC2086
  java $JAVA_OPTS "${OPENS[@]}" "${BOUNDED[@]}" -Dlog4j2.configurationFile="$HERE/bin/log4j2-cli.properties" \
    -Dguiji.kafka.broker.classpath="$HERE/testing/kafka-broker/target/broker.classpath" \
    -cp "$JAR:$(cat "$CP_FILE")" "$cls" "$@" 2>&1 | tee -a "$OUT"
}

generate() {
  [[ -d "$DATA/records" ]] || run io.guiji.bench.GenerateData --out "$DATA" --records "$RECORDS" --enterprises "$ENTERPRISES"
}

note() { echo "== $* ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT"; }

build
steps=("$@"); [[ ${#steps[@]} -eq 0 || " ${steps[*]} " == *" all "* ]] && steps=(file cli startup jmh state stream)
for step in "${steps[@]}"; do
  BOUNDED=()
  case "$step" in
    generate) generate ;;
    baseline) generate; note "read+parse baseline"; run io.guiji.bench.ReadParseBaseline --input "$DATA" --threads 2 --repeat "$REPEAT" ;;
    file) generate; note "file mode in one JVM, with its read+parse baseline"
      # shellcheck disable=SC2207,SC2086
      [[ "${BOUNDED_FLAGS:-1}" == 1 ]] && BOUNDED=("@$HERE/bin/bounded-jvm-flags" $("$HERE/bin/bounded-gc" $JAVA_OPTS))
      run io.guiji.bench.FileModeBench --input "$DATA" --output bench/data/out --repeat "$REPEAT" --baseline-threads 2 ;;
    cli) generate; note "bin/guiji run (wall time and max RSS by /usr/bin/time -v)"
      for _ in $(seq "$REPEAT"); do
        GUIJI_JAVA_OPTS="$JAVA_OPTS" /usr/bin/time -v bin/guiji run --input "$DATA" --output bench/data/out-cli \
          -Dguiji.processing-date=2026-11-25 2>&1 | grep -E 'records in|Elapsed|Maximum resident' | tee -a "$OUT"
      done ;;
    startup) note "start-up: bin/guiji run on two records against an empty Flink job on the same embedded cluster, whole processes"
      GUIJI_JAVA_OPTS="$JAVA_OPTS" GUIJI_BOUNDED=1 run io.guiji.bench.StartupBench --guiji bin/guiji --jvm bin/jvm \
        --classpath "$HERE/$JAR:$(cat "$CP_FILE")" --work bench/data/startup --repeat "${STARTUP_REPEAT:-5}" ;;
    jmh) note "JMH hot paths"; run org.openjdk.jmh.Main 'io.guiji.bench.jmh' ${JMH_ARGS:-} ;;
    state) generate; note "registry state per entry"
      run io.guiji.bench.RegistryStateBench --input "$DATA" --backend rocksdb
      run io.guiji.bench.RegistryStateBench --input "$DATA" --backend hashmap ;;
    stream) note "streaming Kafka -> job -> Kafka + PostgreSQL, with its pass-through baseline"
      [[ -d "$SDATA/records" ]] || run io.guiji.bench.GenerateData --out "$SDATA" --records "$STREAM_RECORDS" --enterprises "$STREAM_ENTERPRISES"
      run io.guiji.bench.StreamBench --input "$SDATA" --records "$STREAM_SEND" --warmup "${STREAM_WARMUP:-20000}" --settle-seconds "${STREAM_SETTLE:-0}" --latency-seconds "$LATENCY_SECONDS" ;;
    restore) note "streaming: registry load into the running job, then its TaskManager killed and restored"
      [[ -d "$SDATA/records" ]] || run io.guiji.bench.GenerateData --out "$SDATA" --records "$STREAM_RECORDS" --enterprises "$STREAM_ENTERPRISES"
      run io.guiji.bench.StreamRestoreBench --input "$SDATA" --records "${RESTORE_SEND:-30000}" --registry-copies "${RESTORE_COPIES:-1}" ;;
    fuzz) note "whole-file fuzzing: damaged input files through guiji run, every record accounted for"
      run io.guiji.bench.FuzzRun --reading-files "${FUZZ_READ_FILES:-20000}" --files "${FUZZ_FILES:-2000}" ${FUZZ_SEED:+--seed "$FUZZ_SEED"} --keep bench/fuzz-failures ;;
    index) # the registry index in memory; GenerateData makes at most about 4M entries, so larger ones are copies of 1M
      base=$(( ENTERPRISES < 1000000 ? ENTERPRISES : 1000000 )); copies=$(( (ENTERPRISES + base - 1) / base ))
      IDATA="bench/data/r1000-e${base}"
      [[ -d "$IDATA/registry" ]] || run io.guiji.bench.GenerateData --out "$IDATA" --records 1000 --enterprises "$base"
      note "registry index in memory: $((base * copies)) entries ($copies x $base; 10M needs BENCH_JAVA_OPTS=-Xmx12g)"
      run io.guiji.bench.RegistryIndexBench --input "$IDATA" --copies "$copies" ;;
    watch) # the streaming linking operator's reverse index as the records it holds grow (WATCH_RECORDS, 1000000)
      IDATA="bench/data/r1000-e200000"
      [[ -d "$IDATA/registry" ]] || run io.guiji.bench.GenerateData --out "$IDATA" --records 1000 --enterprises 200000
      note "reverse index of the linking operator: ${WATCH_RECORDS:-1000000} records"
      run io.guiji.bench.WatchIndexBench --input "$IDATA" --records "${WATCH_RECORDS:-1000000}" ;;
    relink) # records linked again after each registration (RELINK_RECORDS, 300000), over the first 200k entries of a 1M registry
      IDATA="bench/data/r1000-e1000000"
      [[ -d "$IDATA/registry" ]] || run io.guiji.bench.GenerateData --out "$IDATA" --records 1000 --enterprises 1000000
      note "records linked again after registrations: every key a put reports, then only the keys whose answer may change"
      run io.guiji.bench.RelinkBench --input "$IDATA" --registry 200000 --registrations "${RELINK_REGISTRATIONS:-20000}" --records "${RELINK_RECORDS:-300000}" ;;
    names) note "linking on real enterprise names (bench/names/, issue 12): precision and recall per variant class"
      run io.guiji.bench.linking.RealNamesBench --names bench/names/enterprises.tsv --renames bench/names/renames.tsv \
        --per-kind "${NAMES_PER_KIND:-300}" --background "${NAMES_BACKGROUND:-50000}" ;;
    provinces) # the synthetic linking corpus written with each province's divisions (issue 12)
      for code in ${PROVINCES:-210000 110000 310000 440000 510000 650000}; do
        note "linking accuracy, registry of 100,000 entries written with the divisions of province $code"
        run io.guiji.bench.linking.LinkAccuracyBench --registry 100000 --per-kind 1000 --province "$code"
      done ;;
    names-sample) # the small corpus RealNamesLinkingTest reads (deterministic: re-made only when the corpus code or data change)
      run io.guiji.bench.linking.RealNamesBench --names bench/names/enterprises.tsv --renames bench/names/renames.tsv \
        --write-sample jobs/src/test/resources/io/guiji/jobs/link/real-names --sample-per-kind 25 ;;
    *) echo "unknown step $step (all|generate|baseline|file|cli|startup|jmh|state|stream|restore|fuzz|index|watch|relink|names|names-sample|provinces)" >&2; exit 2 ;;
  esac
done
echo "figures: $OUT"
