#!/usr/bin/env bash
# A local standalone Flink 1.20 session cluster for guiji: one JobManager and N TaskManagers, each its
# own JVM on 127.0.0.1, run from Maven-resolved Flink jars (no flink-dist needed).
#
#   deploy/standalone/flink-cluster.sh start                   JobManager + TaskManagers tm1..tmN
#   deploy/standalone/flink-cluster.sh start-taskmanager NAME  one more TaskManager (e.g. a replacement)
#   deploy/standalone/flink-cluster.sh stop-taskmanager NAME   stops one TaskManager (SIGTERM)
#   deploy/standalone/flink-cluster.sh stop                    stops every process of the cluster
#   deploy/standalone/flink-cluster.sh status                  processes and the REST overview
#
# Environment (defaults in brackets):
#   GUIJI_FLINK_HOME      the cluster's directory: conf/, log/, pid/, tmp/, checkpoints/, savepoints/
#                         [/tmp/guiji-flink]
#   FLINK_REST_PORT       REST API and web UI [8081]      FLINK_RPC_PORT   JobManager RPC [6123]
#   FLINK_PROM_PORTS      Prometheus endpoints, one port per JVM from the range [9249-9259]
#   TASKMANAGERS          TaskManagers started by `start` [2]
#   TASK_SLOTS            slots per TaskManager [2]
#   FLINK_PROPERTIES      extra configuration, "key: value" lines; they replace the template's keys
#   FLINK_CLASSPATH_FILE  the Flink class path [deploy/standalone/target/flink.classpath, made with
#                         Maven from deploy/standalone/pom.xml when missing]
#   JAVA                  the java command (Java 17) [java]
#   FLINK_JVM_OPTS        extra options for every JVM
#   FLINK_CLUSTER_OWNER_PID  stop the cluster when this process ends (for tests: no JVMs left behind)
#
# Credentials are never configuration here: a job's main() runs in the JobManager (jars submitted over
# REST, see guiji-job.sh), so export what the job reads (e.g. GUIJI_PG_PASSWORD) before `start`; every
# process of the cluster inherits this script's environment.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${GUIJI_FLINK_HOME:-/tmp/guiji-flink}"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-6123}"
PROM_PORTS="${FLINK_PROM_PORTS:-9249-9259}"
TASKMANAGERS="${TASKMANAGERS:-2}"
TASK_SLOTS="${TASK_SLOTS:-2}"
JAVA="${JAVA:-java}"
CLASSPATH_FILE="${FLINK_CLASSPATH_FILE:-$HERE/target/flink.classpath}"
CONF_DIR="$HOME_DIR/conf"
LOG_DIR="$HOME_DIR/log"
PID_DIR="$HOME_DIR/pid"
START_TIMEOUT="${FLINK_START_TIMEOUT:-120}"

# What flink-dist's config.yaml passes to every JVM on Java 17 (env.java.opts.all): the repository's
# bin/jvm-flags, a java argument file.
JAVA17_OPENS=("@$HERE/../../bin/jvm-flags")

die() { echo "flink-cluster.sh: $*" >&2; exit 1; }

classpath() {
  if [ ! -s "$CLASSPATH_FILE" ]; then
    [ "$CLASSPATH_FILE" = "$HERE/target/flink.classpath" ] || die "no class path file $CLASSPATH_FILE"
    echo "flink-cluster.sh: resolving the Flink jars with Maven (once)" >&2
    mvn -q -B -f "$HERE/pom.xml" generate-resources >&2 || die "Maven could not resolve the Flink jars"
  fi
  cat "$CLASSPATH_FILE"
}

pid_of() { # name -> pid of a live process, or nothing
  local f="$PID_DIR/$1.pid"
  if [ -f "$f" ]; then
    local pid; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Writes $CONF_DIR/config.yaml: the template with placeholders filled, then $FLINK_PROPERTIES, whose
# keys replace the template's (config.yaml is standard YAML, where a key may appear only once).
write_config() {
  mkdir -p "$CONF_DIR" "$LOG_DIR" "$PID_DIR" "$HOME_DIR/tmp" "$HOME_DIR/web-upload" \
    "$HOME_DIR/checkpoints" "$HOME_DIR/savepoints"
  local extra="${FLINK_PROPERTIES:-}" keys=""
  if [ -n "$extra" ]; then
    keys="$(printf '%s\n' "$extra" | sed -n 's/^[[:space:]]*\([^#:[:space:]][^:]*\):.*/\1/p' | sed 's/[[:space:]]*$//')"
  fi
  sed -e "s|@HOME@|$HOME_DIR|g" -e "s|@REST_PORT@|$REST_PORT|g" -e "s|@RPC_PORT@|$RPC_PORT|g" \
      -e "s|@SLOTS@|$TASK_SLOTS|g" -e "s|@PROM_PORTS@|$PROM_PORTS|g" "$HERE/conf/config.yaml" |
    awk -v keys="$keys" 'BEGIN { n = split(keys, k, "\n"); for (i = 1; i <= n; i++) drop[k[i]] = 1 }
         { key = $0; sub(/:.*/, "", key); if (!(key in drop)) print }' > "$CONF_DIR/config.yaml"
  if [ -n "$extra" ]; then
    printf '\n# FLINK_PROPERTIES\n%s\n' "$extra" >> "$CONF_DIR/config.yaml"
  fi
  cp "$HERE/conf/log4j.properties" "$CONF_DIR/log4j.properties"
}

# BashJavaUtils derives each process's JVM memory flags and the resulting configuration from
# config.yaml, exactly as flink-dist's scripts do; the last two lines of its output are the result.
resource_params() { # GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS file
  local out
  out="$("$JAVA" -Xmx128m -classpath "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
           --configDir "$CONF_DIR" 2>&1)" || die "BashJavaUtils $1 failed: $out"
  printf '%s\n' "$out" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' > "$2"
  [ "$(wc -l < "$2")" -eq 2 ] || die "unexpected BashJavaUtils output for $1: $out"
}

launch() { # name main-class params-file [args...]
  local name="$1" main="$2" params="$3"; shift 3
  local jvm dynamic
  jvm="$(sed -n 1p "$params")"
  dynamic="$(sed -n 2p "$params")"
  [ -z "$(pid_of "$name")" ] || die "$name is already running (pid $(pid_of "$name"))"
  # shellcheck disable=SC2086  # jvm and dynamic are lists of flags
  setsid "$JAVA" $jvm "${JAVA17_OPENS[@]}" ${FLINK_JVM_OPTS:-} \
    -Dlog.file="$LOG_DIR/$name.log" -Dlog4j.configurationFile="file:$CONF_DIR/log4j.properties" \
    -classpath "$CP" "$main" --configDir "$CONF_DIR" $dynamic "$@" \
    > "$LOG_DIR/$name.out" 2>&1 < /dev/null &
  echo $! > "$PID_DIR/$name.pid"
  echo "flink-cluster.sh: started $name (pid $!), log $LOG_DIR/$name.log"
}

start_taskmanager() { # name
  [ -s "$CONF_DIR/tm.params" ] || die "the cluster is not started (no $CONF_DIR/tm.params)"
  launch "$1" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$CONF_DIR/tm.params" \
    -D "taskmanager.resource-id=$1"
}

rest_get() { curl -fsS --max-time 5 "http://127.0.0.1:$REST_PORT$1"; }

await_taskmanagers() { # count
  local deadline=$((SECONDS + START_TIMEOUT)) overview=""
  while [ $SECONDS -lt $deadline ]; do
    [ -n "$(pid_of jobmanager)" ] || die "the JobManager exited; see $LOG_DIR/jobmanager.log and .out"
    overview="$(rest_get /overview 2>/dev/null || true)"
    if [ "$(printf '%s' "$overview" | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p')" = "$1" ]; then
      echo "flink-cluster.sh: ready at http://127.0.0.1:$REST_PORT ($1 TaskManagers)"
      return 0
    fi
    sleep 0.5
  done
  die "the cluster did not show $1 TaskManagers within ${START_TIMEOUT}s (last overview: $overview); see $LOG_DIR"
}

stop_process() { # name
  local pid; pid="$(pid_of "$1")"
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "flink-cluster.sh: $1 (pid $pid) did not stop in 30 s, killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "flink-cluster.sh: stopped $1 (pid $pid)"
  fi
  rm -f "$PID_DIR/$1.pid"
}

case "${1:-}" in
  start)
    [ -z "$(pid_of jobmanager)" ] || die "a cluster is already running in $HOME_DIR"
    ! port_in_use "$REST_PORT" || die "port $REST_PORT is in use: set FLINK_REST_PORT"
    ! port_in_use "$RPC_PORT" || die "port $RPC_PORT is in use: set FLINK_RPC_PORT"
    CP="$(classpath)"
    write_config
    resource_params GET_JM_RESOURCE_PARAMS "$CONF_DIR/jm.params" &
    jm=$!
    resource_params GET_TM_RESOURCE_PARAMS "$CONF_DIR/tm.params"
    wait $jm
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$CONF_DIR/jm.params"
    for i in $(seq 1 "$TASKMANAGERS"); do
      start_taskmanager "tm$i"
    done
    if [ -n "${FLINK_CLUSTER_OWNER_PID:-}" ]; then
      setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; exec "$2" stop' watchdog \
        "$FLINK_CLUSTER_OWNER_PID" "$HERE/flink-cluster.sh" > "$LOG_DIR/watchdog.out" 2>&1 < /dev/null &
      echo $! > "$PID_DIR/watchdog.wpid"
    fi
    await_taskmanagers "$TASKMANAGERS"
    ;;
  start-taskmanager)
    [ -n "${2:-}" ] || die "usage: flink-cluster.sh start-taskmanager NAME"
    CP="$(classpath)"
    start_taskmanager "$2"
    ;;
  stop-taskmanager)
    [ -n "${2:-}" ] || die "usage: flink-cluster.sh stop-taskmanager NAME"
    stop_process "$2"
    ;;
  stop)
    if [ -f "$PID_DIR/watchdog.wpid" ]; then
      watchdog="$(cat "$PID_DIR/watchdog.wpid")"
      [ "$watchdog" = "$$" ] || kill "$watchdog" 2>/dev/null || true
      rm -f "$PID_DIR/watchdog.wpid"
    fi
    if [ -d "$PID_DIR" ]; then
      for f in "$PID_DIR"/*.pid; do
        [ -e "$f" ] || continue
        name="$(basename "$f" .pid)"
        [ "$name" = jobmanager ] || stop_process "$name"
      done
      stop_process jobmanager
    fi
    ;;
  status)
    for f in "$PID_DIR"/*.pid; do
      [ -e "$f" ] || continue
      name="$(basename "$f" .pid)"
      if [ -n "$(pid_of "$name")" ]; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: not running"; fi
    done
    rest_get /overview 2>/dev/null && echo || echo "REST API on port $REST_PORT not reachable"
    ;;
  *)
    sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
