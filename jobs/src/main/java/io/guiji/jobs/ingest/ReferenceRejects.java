package io.guiji.jobs.ingest;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.schemas.RejectedRecord;
import org.apache.flink.util.OutputTag;

/**
 * The side output of unusable registry and catalogue rows (OUTPUT/reference_rejected,
 * docs/contract.md §9). Here, in the first stage, because every later one that reads reference data
 * emits to it: the Kafka decoders, the validating parsers and the linking operator.
 */
public final class ReferenceRejects {
    public static final OutputTag<RejectedRecord> TAG =
            new OutputTag<>("reference-rejected", AvroTypes.of(RejectedRecord.class));

    private ReferenceRejects() {}
}
