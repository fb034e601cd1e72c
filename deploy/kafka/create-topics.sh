#!/usr/bin/env bash
# Creates the topics of guiji's streaming mode (README, "Streaming mode"). Idempotent.
#
#   BOOTSTRAP=broker:9092 deploy/kafka/create-topics.sh [records.SCJG01.penalty ...]
#
# Arguments are departmental input topics to create as well. Needs kafka-topics.sh (Kafka's bin/) on
# PATH or in KAFKA_HOME/bin; pass client security settings with COMMAND_CONFIG=client.properties.
# PARTITIONS (default 6) and REPLICATION (default 3; 1 for a single test broker) apply to every topic.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP:?set BOOTSTRAP=host:port of a broker}"
PARTITIONS="${PARTITIONS:-6}"
REPLICATION="${REPLICATION:-3}"
TOPICS_SH="$(command -v kafka-topics.sh || echo "${KAFKA_HOME:-/opt/kafka}/bin/kafka-topics.sh")"
EXTRA=()
if [ -n "${COMMAND_CONFIG:-}" ]; then EXTRA=(--command-config "$COMMAND_CONFIG"); fi

create() { # name partitions [--config k=v ...]
  local name="$1" partitions="$2"; shift 2
  "$TOPICS_SH" --bootstrap-server "$BOOTSTRAP" "${EXTRA[@]}" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$REPLICATION" "$@"
}

# Outputs (names are the defaults of guiji.kafka.topic.*).
# Unified records: keyed by record_id, compacted, so the topic always holds every record's latest state.
create guiji.unified "$PARTITIONS" --config cleanup.policy=compact --config min.compaction.lag.ms=3600000
create guiji.rejected "$PARTITIONS" --config retention.ms=-1
create guiji.reference-rejected 1 --config retention.ms=-1
create guiji.coverage 1 --config retention.ms=31536000000
create guiji.link-changes "$PARTITIONS"
# Enterprise profiles (key enterprise_id; a tombstone when an enterprise has no record left) and
# unlicensed-operation leads (key lead_id; status WITHDRAWN retracts a lead): compacted, each key's
# latest state kept. Never add partitions later: a key would move, and the PostgreSQL feed orders a
# key's states by partition offset.
create guiji.enterprises "$PARTITIONS" --config cleanup.policy=compact --config min.compaction.lag.ms=3600000
create guiji.leads "$PARTITIONS" --config cleanup.policy=compact --config min.compaction.lag.ms=3600000

# Reviewers' decisions (guiji review --config FILE; default of guiji.kafka.topic.review-decisions): the
# audit trail of the MANUAL tier, read from the beginning on every start. Never compacted, never expired;
# one partition, so the job applies decisions in the order they were made.
create guiji.review-decisions 1 --config retention.ms=-1 --config cleanup.policy=delete

# Reference inputs: changelogs read from the beginning on a first start; keep them whole.
create guiji.registry "$PARTITIONS" --config retention.ms=-1
create guiji.catalog 1 --config retention.ms=-1

for topic in "$@"; do
  create "$topic" "$PARTITIONS"
done
