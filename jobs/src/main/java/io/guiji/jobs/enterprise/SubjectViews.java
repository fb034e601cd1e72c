package io.guiji.jobs.enterprise;

import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.kafka.AvroGuard;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.internal.RecordFacts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.util.OutputTag;

/**
 * A subject's view computed from the facts of its records, shared by the bounded {@link
 * SubjectViewFunction} and the streaming {@link SubjectViewChangesOperator}: the profile with its
 * health index ({@link ProfileBuilder}) when the subject is an enterprise, and the leads ({@link
 * LeadFinder}).
 */
final class SubjectViews {
    /** The leads, a side output of both view operators. */
    static final OutputTag<Lead> LEADS = new OutputTag<>("leads", AvroTypes.of(Lead.class));

    private SubjectViews() {}

    /**
     * The view of {@code key}; {@code repaired} when a value Avro cannot encode (a fine plus
     * confiscation beyond decimal(24, 6)) was left out, since it would fail the Kafka sink and the
     * job with it ({@link AvroGuard}).
     */
    record View(EnterpriseProfile profile, List<Lead> leads, boolean repaired) {}

    /**
     * The view on {@code ref}. {@code emptyProfile}: an enterprise with no record gets a profile
     * (streaming: {@code record_count} 0, so that downstream drops what it showed); otherwise none.
     *
     * @throws RuntimeException when a rule fails on the facts: the caller isolates the subject
     */
    static View compute(
            String key,
            Collection<RecordFacts> facts,
            LocalDate ref,
            HealthModel model,
            LeadRules rules,
            boolean emptyProfile) {
        List<String> replaced = new ArrayList<>();
        EnterpriseProfile profile = profile(key, facts, ref, model, emptyProfile);
        if (profile != null) {
            profile = AvroGuard.repaired(profile, replaced);
        }
        List<Lead> leads =
                LeadFinder.find(key, facts, ref, rules).stream()
                        .map(l -> AvroGuard.repaired(l, replaced))
                        .toList();
        return new View(profile, leads, !replaced.isEmpty());
    }

    /** The profile of {@code key} on {@code ref}, null when it is no enterprise. */
    static EnterpriseProfile profile(
            String key,
            Collection<RecordFacts> facts,
            LocalDate ref,
            HealthModel model,
            boolean emptyProfile) {
        if (!key.startsWith(RecordFactsExtractor.ENTERPRISE)
                || (facts.isEmpty() && !emptyProfile)) {
            return null;
        }
        return ProfileBuilder.build(
                key.substring(RecordFactsExtractor.ENTERPRISE.length()), facts, ref, model);
    }
}
