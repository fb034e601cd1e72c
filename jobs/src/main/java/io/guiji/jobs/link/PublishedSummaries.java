package io.guiji.jobs.link;

import io.guiji.connectors.avro.AvroBytes;
import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.normalize.Dates;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.PublishedSummary;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * What the linking operator keeps of a record it published ({@link PublishedSummary}) instead of
 * the record: the record was half of each record's keyed state, read and written again with every
 * copy (BENCHMARKS.md, "The state last published, summarized"). Whether the next state differs is
 * told by a 64-bit fingerprint of the record's encoding: two different states of one record meet by
 * chance about once in 10^19 comparisons. One per operator instance: it reuses its buffer.
 */
public final class PublishedSummaries {
    private final AvroBytes encoding = new AvroBytes(UnifiedRecord.class);

    /**
     * The fingerprint of {@code r}'s content, its version aside.
     *
     * @throws RuntimeException as Avro's writer, when a value does not fit the schema
     */
    public long fingerprint(UnifiedRecord r) {
        long version = r.getVersion();
        r.setVersion(0L);
        try {
            return MurmurHash3.hash128x64(encoding.encode(r))[0];
        } finally {
            r.setVersion(version);
        }
    }

    /**
     * The summary of {@code r}, published with fingerprint {@code fingerprint}. Made for every
     * record a bounded run publishes (its department's counters read it), so by the constructor,
     * not the builder, which validates and copies defaults.
     */
    public static PublishedSummary of(UnifiedRecord r, long fingerprint) {
        List<String> flags = r.getQualityFlags();
        return new PublishedSummary(
                r.getVersion(),
                fingerprint,
                r.getDeptCode(),
                r.getEnterpriseId(),
                r.getLinkMethod(),
                r.getFields() == null ? null : r.getFields().getSubjectName(),
                r.getSources().size(),
                flags.contains(QualityFlags.LINK_ERROR)
                        || flags.contains(QualityFlags.UNENCODABLE_VALUE),
                r.getRecordType() == RecordType.license || r.getRecordType() == RecordType.penalty,
                r.getFields() == null ? null : Dates.epochDay(r.getFields().getDecisionDate()),
                r.getReceivedOn());
    }
}
