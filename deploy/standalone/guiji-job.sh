#!/usr/bin/env bash
# Runs guiji's streaming job on a Flink session cluster through its REST API (the local cluster of
# flink-cluster.sh, or any Flink 1.20 session cluster): upload the shaded jar and run it, stop it with
# a savepoint, resume it from one.
#
#   deploy/standalone/guiji-job.sh submit [--savepoint PATH] [--allow-non-restored-state] -- JOB_ARGS...
#       uploads the job jar, runs it, prints the job id. JOB_ARGS are the job's: --config FILE and
#       -Dkey=value options (README, Configuration); never a password: the job reads those from
#       environment variables or files on the cluster's side.
#   deploy/standalone/guiji-job.sh stop JOB_ID [DIRECTORY]
#       stops the job with a savepoint (in DIRECTORY, else the cluster's savepoint directory), waits
#       until the job has finished, prints the savepoint's path. When a sink fails while the job
#       stops (the job then restarts), it stops the job again, up to 5 times.
#   deploy/standalone/guiji-job.sh resume SAVEPOINT -- JOB_ARGS...
#       the same as submit --savepoint SAVEPOINT: the upgrade path (new jar, same operator ids).
#   deploy/standalone/guiji-job.sh savepoint JOB_ID [DIRECTORY]   a savepoint; the job keeps running
#   deploy/standalone/guiji-job.sh status JOB_ID                  RUNNING, FINISHED, FAILED, ...
#   deploy/standalone/guiji-job.sh cancel JOB_ID
#   deploy/standalone/guiji-job.sh list                           the cluster's jobs and their states
#
# Environment: FLINK_REST (the REST address) [http://127.0.0.1:$FLINK_REST_PORT, port 8081],
# GUIJI_JOB_JAR [jobs/target/guiji-jobs-*-job.jar of this repository, built with `mvn -pl jobs -am
# package -DskipTests`], GUIJI_STOP_TIMEOUT seconds to wait for a savepoint [300].
# Needs curl; JSON is read with sed, so no jq is needed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
REST="${FLINK_REST:-http://127.0.0.1:${FLINK_REST_PORT:-8081}}"
STOP_TIMEOUT="${GUIJI_STOP_TIMEOUT:-300}"

die() { echo "guiji-job.sh: $*" >&2; exit 1; }

job_jar() {
  local jar="${GUIJI_JOB_JAR:-}"
  if [ -z "$jar" ]; then
    jar="$(ls "$REPO"/jobs/target/guiji-jobs-*-job.jar 2>/dev/null | head -1 || true)"
    [ -n "$jar" ] || die "no job jar: build it with 'mvn -B -pl jobs -am package -DskipTests' or set GUIJI_JOB_JAR"
  fi
  [ -f "$jar" ] || die "no job jar at $jar"
  echo "$jar"
}

# JSON without jq: the value of a string field, and the REST error text of a failed call.
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -1; }
json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }

call() { # method path [json-body] -> response body; fails with Flink's error message
  local method="$1" path="$2" body="${3:-}" out code
  if [ -n "$body" ]; then
    out="$(curl -sS -X "$method" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' "$REST$path")" \
      || die "cannot reach Flink's REST API at $REST"
  else
    out="$(curl -sS -X "$method" -w '\n%{http_code}' "$REST$path")" || die "cannot reach Flink's REST API at $REST"
  fi
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  case "$code" in 2*) printf '%s\n' "$out" ;; *) die "$method $path: HTTP $code: $out" ;; esac
}

job_state() { call GET "/jobs/$1/status" | field status; }

# The first line of a failure's stack trace (Flink's REST answers carry the whole trace).
failure() { printf '%s' "$1" | sed -n 's/.*"stack-trace":"\([^\\]*\)\\n.*/\1/p' | head -1; }

submit() { # savepoint allow-non-restored args...
  local savepoint="$1" allow="$2"; shift 2
  local jar upload jar_id args="" body job
  jar="$(job_jar)"
  upload="$(curl -sS -X POST -F "jarfile=@$jar;type=application/x-java-archive" "$REST/jars/upload")" \
    || die "cannot upload $jar to $REST"
  jar_id="$(printf '%s' "$upload" | field filename)"
  [ -n "$jar_id" ] || die "upload failed: $upload"
  jar_id="${jar_id##*/}"
  for a in "$@"; do args="${args:+$args,}$(json_string "$a")"; done
  body="{\"programArgsList\":[${args}]"
  if [ -n "$savepoint" ]; then
    body="$body,\"savepointPath\":$(json_string "$savepoint"),\"allowNonRestoredState\":$allow"
  fi
  body="$body}"
  job="$(call POST "/jars/$jar_id/run" "$body" | field jobid)" || true
  call DELETE "/jars/$jar_id" > /dev/null || true
  [ -n "$job" ] || die "the job did not start"
  echo "$job"
}

await_savepoint() { # job-id trigger-id -> location; dies with the failure
  local out
  out="$(poll_savepoint "$1" "$2")"
  case "$out" in
    location:*) printf '%s' "${out#location:}" ;;
    *) die "the savepoint failed: ${out#failed:}" ;;
  esac
}

poll_savepoint() { # job-id trigger-id -> "location:PATH" or "failed:FIRST LINE OF THE TRACE"
  local deadline=$((SECONDS + STOP_TIMEOUT)) out
  while [ $SECONDS -lt $deadline ]; do
    out="$(call GET "/jobs/$1/savepoints/$2")"
    case "$out" in
      *'"id":"COMPLETED"'*)
        case "$out" in
          *'"location":"'*) printf 'location:%s' "$(printf '%s' "$out" | field location)"; return 0 ;;
          *) printf 'failed:%s' "$(failure "$out")"; return 0 ;;
        esac ;;
    esac
    sleep 0.5
  done
  die "no savepoint within ${STOP_TIMEOUT}s (GUIJI_STOP_TIMEOUT)"
}

# Stop with a savepoint, and retry when the stop itself was what failed: a savepoint completed but a
# sink failed while the job was stopping (Flink's StopWithSavepointStoppingException: the job then
# restarts from its last checkpoint and keeps running), or the job was restarting when asked. The
# retry's savepoint holds whatever the restarted job has written since, so resuming from it doubles
# nothing; the job is never left running while the command reports a savepoint. When Flink fails the
# job for good instead, the savepoint it made is the result: a resume from it commits what was open.
stop_job() { # job-id [directory] -> location
  local attempt trigger result deadline state location
  for attempt in 1 2 3 4 5; do
    await_running "$1"
    trigger="$(savepoint_request stop "$1" "${2:-}")"
    [ -n "$trigger" ] || die "stop was not accepted"
    result="$(poll_savepoint "$1" "$trigger")"
    case "$result" in
      location:*)
        deadline=$((SECONDS + STOP_TIMEOUT))
        until [ "$(job_state "$1")" = FINISHED ]; do
          [ $SECONDS -lt $deadline ] || die "the job did not finish after its savepoint ${result#location:}"
          sleep 0.5
        done
        printf '%s\n' "${result#location:}"
        return 0 ;;
    esac
    state="$(settled_state "$1")"
    case "$state" in
      RUNNING|RESTARTING|CREATED|INITIALIZING|RECONCILING) ;;
      FAILED)
        # Flink may also fail the job for good after such a stop ("the failure is not
        # recoverable"); its savepoint is consistent, and a job resumed from it commits the
        # transactions the stop left open: that savepoint is the stop's result
        location="$(printf '%s' "${result#failed:}" \
          | sed -n 's/.*StopWithSavepointStoppingException: A savepoint has been created at: \([^,]*\), but .*/\1/p')"
        [ -n "$location" ] || die "the savepoint failed: ${result#failed:}"
        echo "guiji-job.sh: the job failed as it stopped, after its savepoint; resume from it (that commits what the stop left uncommitted)" >&2
        printf '%s\n' "$location"
        return 0 ;;
      *) die "the savepoint failed (the job is $state): ${result#failed:}" ;;
    esac
    echo "guiji-job.sh: stop attempt $attempt failed (${result#failed:}); the job is still up, stopping it again" >&2
  done
  die "the job could not be stopped with a savepoint in 5 attempts: ${result#failed:}"
}

settled_state() { # job-id: its state once it is no longer failing or cancelling
  local deadline=$((SECONDS + STOP_TIMEOUT)) state
  state="$(job_state "$1")"
  while { [ "$state" = FAILING ] || [ "$state" = CANCELLING ]; } && [ $SECONDS -lt $deadline ]; do
    sleep 0.5
    state="$(job_state "$1")"
  done
  printf '%s' "$state"
}

await_running() { # job-id: until every task of the job runs, so that a savepoint can be taken
  local deadline=$((SECONDS + STOP_TIMEOUT)) out
  while [ $SECONDS -lt $deadline ]; do
    out="$(call GET "/jobs/$1")"
    case "$out" in
      *'"state":"RUNNING"'*)
        # the job's own state comes first; every vertex must be running (or done, as a bounded one)
        if ! printf '%s' "$out" | sed 's/"vertices":\[/\n/' | tail -1 \
            | grep -o '"status":"[A-Z]*"' | grep -qvE '"status":"(RUNNING|FINISHED)"'; then
          return 0
        fi ;;
      *'"state":"FINISHED"'*|*'"state":"CANCELED"'*|*'"state":"FAILED"'*)
        die "the job is $(printf '%s' "$out" | field state), not running" ;;
    esac
    sleep 0.5
  done
  die "the job did not run within ${STOP_TIMEOUT}s (GUIJI_STOP_TIMEOUT)"
}

savepoint_request() { # stop|savepoints job-id [directory]
  local body="{\"formatType\":\"CANONICAL\""
  [ "$1" = savepoints ] && body="$body,\"cancel-job\":false" || body="$body,\"drain\":false"
  [ -n "${3:-}" ] && body="$body,\"targetDirectory\":$(json_string "$3")"
  call POST "/jobs/$2/$1" "$body}" | field request-id
}

command="${1:-}"
[ $# -gt 0 ] && shift
case "$command" in
  submit|resume)
    savepoint="" allow=false
    if [ "$command" = resume ]; then
      [ -n "${1:-}" ] && [ "$1" != -- ] || die "usage: guiji-job.sh resume SAVEPOINT -- JOB_ARGS..."
      savepoint="$1"; shift
    fi
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
      case "$1" in
        --savepoint) savepoint="${2:?--savepoint needs a path}"; shift 2 ;;
        --allow-non-restored-state) allow=true; shift ;;
        *) die "unknown option $1 (job arguments go after --)" ;;
      esac
    done
    [ "${1:-}" = -- ] && shift
    submit "$savepoint" "$allow" "$@"
    ;;
  stop)
    [ -n "${1:-}" ] || die "usage: guiji-job.sh stop JOB_ID [DIRECTORY]"
    stop_job "$1" "${2:-}"
    ;;
  savepoint)
    [ -n "${1:-}" ] || die "usage: guiji-job.sh savepoint JOB_ID [DIRECTORY]"
    trigger="$(savepoint_request savepoints "$1" "${2:-}")"
    [ -n "$trigger" ] || die "the savepoint was not accepted"
    await_savepoint "$1" "$trigger"
    echo
    ;;
  status)
    [ -n "${1:-}" ] || die "usage: guiji-job.sh status JOB_ID"
    job_state "$1"
    ;;
  cancel)
    [ -n "${1:-}" ] || die "usage: guiji-job.sh cancel JOB_ID"
    call PATCH "/jobs/$1?mode=cancel" > /dev/null
    echo "cancelling $1"
    ;;
  list)
    call GET /jobs/overview | sed 's/},{/}\n{/g' | sed -n 's/.*"jid":"\([^"]*\)","name":"\([^"]*\)".*"state":"\([A-Z_]*\)".*/\1 \3 \2/p'
    ;;
  *)
    sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
