package io.guiji.jobs;

import io.guiji.connectors.ChainedOperator;
import io.guiji.connectors.avro.AvroTypes;
import io.guiji.connectors.file.RawRow;
import io.guiji.jobs.config.GuijiSettings;
import io.guiji.jobs.coverage.CoverageFunction;
import io.guiji.jobs.coverage.CoverageKey;
import io.guiji.jobs.coverage.CoveragePeriod;
import io.guiji.jobs.coverage.DeptDeltaCombineOperator;
import io.guiji.jobs.coverage.DeptStatsFunction;
import io.guiji.jobs.enterprise.SubjectFactsTap;
import io.guiji.jobs.enterprise.SubjectViewChangesOperator;
import io.guiji.jobs.enterprise.SubjectViewFunction;
import io.guiji.jobs.link.CompactRegistryIndex;
import io.guiji.jobs.link.DecisionEntryFunction;
import io.guiji.jobs.link.DedupLinkOperator;
import io.guiji.jobs.link.EntryPlacesFunction;
import io.guiji.jobs.link.ManualDecisions;
import io.guiji.jobs.link.RegistryReplay;
import io.guiji.jobs.validate.RecordParseFunction;
import io.guiji.jobs.validate.ReferenceParsers;
import io.guiji.schemas.CatalogEntry;
import io.guiji.schemas.CoverageSnapshot;
import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.Lead;
import io.guiji.schemas.LinkChange;
import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DeptCounters;
import io.guiji.schemas.internal.DeptDelta;
import io.guiji.schemas.internal.IndexedEntry;
import io.guiji.schemas.internal.RecordFacts;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The dataflow of guiji, shared by the bounded file run and the streaming job; callers bring the
 * sources and attach the sinks (tests bring bounded sources and collect).
 *
 * <pre>
 * records ─ parse ─┬─ keyBy(record_id) ─ deduplicate and link ─┬─ unified, link changes
 *                  └─ rejected                ↑ (broadcast)    ├─ rejected copies
 * registry ─ parse ─────────────────────────────┘               └─ facts ─ view(subject) ─ profiles, leads
 *   parse deltas + link deltas ─ dept stats(dept_code) ─ coverage(const) ─ coverage snapshots
 * catalogue ─ parse ───────────────────────────────────────┘
 * </pre>
 *
 * A record crosses one keyed exchange: the registry is held in memory by every linking subtask
 * ({@link DedupLinkOperator}). No stage assumes an arrival order; {@link EmitMode} chooses between
 * publishing final states (bounded) and every change (streaming).
 *
 * <p>No record stops the job (docs/contract.md §7): each operator isolates the records it fails on
 * (its Javadoc says how) — before dedup a record is rejected {@code PROCESSING_ERROR}; once it
 * belongs to a unified record, the record is published flagged instead, so that every input record
 * still appears exactly once, as a source or as a rejection. {@link io.guiji.jobs.ProcessingErrors}
 * has the shared rule and metrics.
 */
public final class GuijiPipeline {
    private GuijiPipeline() {}

    /** The sources, already as rows (files) or entries (reference topics). */
    public record Inputs(
            DataStream<RawRow> records,
            DataStream<RegistryEntry> registry,
            DataStream<CatalogEntry> catalog,
            DataStream<RejectedRecord> referenceRejected,
            RegistryReplay registryReplay,
            ManualDecisions manualDecisions,
            DataStream<ReviewDecision> reviewDecisions) {

        /**
         * Inputs with the reviewers' decisions of a bounded run ({@code manualDecisions}) and no
         * stream of them.
         */
        public Inputs(
                DataStream<RawRow> records,
                DataStream<RegistryEntry> registry,
                DataStream<CatalogEntry> catalog,
                DataStream<RejectedRecord> referenceRejected,
                RegistryReplay registryReplay,
                ManualDecisions manualDecisions) {
            this(
                    records,
                    registry,
                    catalog,
                    referenceRejected,
                    registryReplay,
                    manualDecisions,
                    null);
        }

        /** Inputs without reviewers' decisions. */
        public Inputs(
                DataStream<RawRow> records,
                DataStream<RegistryEntry> registry,
                DataStream<CatalogEntry> catalog,
                DataStream<RejectedRecord> referenceRejected,
                RegistryReplay registryReplay) {
            this(
                    records,
                    registry,
                    catalog,
                    referenceRejected,
                    registryReplay,
                    ManualDecisions.NONE);
        }

        /**
         * Inputs whose registry cannot be read again (a bounded run, a test): a restored streaming
         * job then cannot rebuild its index.
         */
        public Inputs(
                DataStream<RawRow> records,
                DataStream<RegistryEntry> registry,
                DataStream<CatalogEntry> catalog,
                DataStream<RejectedRecord> referenceRejected) {
            this(records, registry, catalog, referenceRejected, null);
        }

        /**
         * These inputs with a way to read the registry again after a restore ({@link
         * DedupLinkOperator}).
         */
        public Inputs withRegistryReplay(RegistryReplay replay) {
            return new Inputs(
                    records,
                    registry,
                    catalog,
                    referenceRejected,
                    replay,
                    manualDecisions,
                    reviewDecisions);
        }

        /** These inputs with the reviewers' decisions (the MANUAL tier, docs/contract.md §6). */
        public Inputs withManualDecisions(ManualDecisions decisions) {
            return new Inputs(
                    records,
                    registry,
                    catalog,
                    referenceRejected,
                    registryReplay,
                    decisions,
                    reviewDecisions);
        }

        /**
         * These inputs with a stream of reviewers' decisions (streaming: the decisions topic),
         * applied as they come, in the order of the stream; null for none.
         */
        public Inputs withReviewDecisions(DataStream<ReviewDecision> decisions) {
            return new Inputs(
                    records,
                    registry,
                    catalog,
                    referenceRejected,
                    registryReplay,
                    manualDecisions,
                    decisions);
        }

        /** These inputs with other departmental rows. */
        public Inputs withRecords(DataStream<RawRow> rows) {
            return new Inputs(
                    rows,
                    registry,
                    catalog,
                    referenceRejected,
                    registryReplay,
                    manualDecisions,
                    reviewDecisions);
        }

        /** Inputs whose reference data still needs parsing from rows. */
        public static Inputs fromRows(
                DataStream<RawRow> records,
                DataStream<RawRow> registryRows,
                DataStream<RawRow> catalogRows) {
            SingleOutputStreamOperator<RegistryEntry> registry =
                    registryRows
                            .process(new ReferenceParsers.RegistryParseFunction())
                            .returns(AvroTypes.of(RegistryEntry.class))
                            .uid(Uids.PARSE_REGISTRY)
                            .name("parse registry");
            SingleOutputStreamOperator<CatalogEntry> catalog =
                    catalogRows
                            .process(new ReferenceParsers.CatalogParseFunction())
                            .returns(AvroTypes.of(CatalogEntry.class))
                            .uid(Uids.PARSE_CATALOG)
                            .name("parse catalogue");
            DataStream<RejectedRecord> rejected =
                    registry.getSideOutput(ReferenceParsers.REFERENCE_REJECTED)
                            .union(catalog.getSideOutput(ReferenceParsers.REFERENCE_REJECTED));
            return new Inputs(records, registry, catalog, rejected);
        }
    }

    /** What the pipeline publishes. */
    public record Outputs(
            DataStream<UnifiedRecord> unified,
            DataStream<RejectedRecord> rejected,
            DataStream<CoverageSnapshot> coverage,
            DataStream<LinkChange> linkChanges,
            DataStream<RejectedRecord> referenceRejected,
            DataStream<EnterpriseProfile> enterprises,
            DataStream<Lead> leads) {
        /**
         * Enterprise profiles with their health index (docs/contract.md §9): bounded, one per
         * enterprise with records in force; streaming, after every change (a second's changes
         * together), {@code record_count} 0 once the enterprise's last record has left.
         */
        @Override
        public DataStream<EnterpriseProfile> enterprises() {
            return enterprises;
        }

        /**
         * Unlicensed-operation leads: bounded, the open ones; streaming, each new or changed lead
         * {@code OPEN} and each that no longer holds {@code WITHDRAWN}.
         */
        @Override
        public DataStream<Lead> leads() {
            return leads;
        }
    }

    /**
     * What every linking subtask receives: the registry with each entry's places and, when given,
     * the reviewers' decisions. Decisions are wrapped by one subtask, so that every linking subtask
     * receives them in the order of their stream (a subject's later decision overrides its earlier
     * one).
     */
    private static DataStream<IndexedEntry> referenceUpdates(Inputs in) {
        DataStream<IndexedEntry> registry =
                in.registry()
                        .map(new EntryPlacesFunction())
                        .returns(AvroTypes.of(IndexedEntry.class))
                        .uid(Uids.REGISTRY_PLACES)
                        .name("registry places");
        if (in.reviewDecisions() == null) {
            return registry;
        }
        return registry.union(
                in.reviewDecisions()
                        .map(new DecisionEntryFunction())
                        .returns(AvroTypes.of(IndexedEntry.class))
                        .setParallelism(1)
                        .uid(Uids.REVIEW_DECISION_ENTRIES)
                        .name("review decisions"));
    }

    public static Outputs defineWorkflow(
            Inputs in, EmitMode mode, GuijiSettings settings, String period) {
        return defineWorkflow(in, mode, settings, period, null);
    }

    /**
     * The dataflow with the given record parser ({@code null}: the configured one). Tests bring a
     * parser that fails on chosen rows, to see the whole job isolate them.
     */
    public static Outputs defineWorkflow(
            Inputs in,
            EmitMode mode,
            GuijiSettings settings,
            String period,
            RecordParseFunction parser) {
        SingleOutputStreamOperator<SupervisionRecord> accepted =
                in.records()
                        .process(
                                parser != null
                                        ? parser
                                        : new RecordParseFunction(
                                                settings.fixedProcessingDate(), settings.zone()))
                        .returns(AvroTypes.of(SupervisionRecord.class))
                        .uid(Uids.PARSE_RECORDS)
                        .name("parse and validate records");

        // One keyed exchange per record: copies meet by record_id in the operator that unites and
        // links them; the registry is broadcast to every subtask (BATCH reads it first).
        SingleOutputStreamOperator<UnifiedRecord> unified =
                accepted.keyBy(SupervisionRecord::getRecordId, TypeInformation.of(String.class))
                        .connect(referenceUpdates(in).broadcast())
                        .transform(
                                "deduplicate and link",
                                AvroTypes.of(UnifiedRecord.class),
                                new DedupLinkOperator(
                                                mode,
                                                settings.zone(),
                                                settings.fuzzyPolicy(),
                                                settings.lookupMaxMatches(),
                                                CompactRegistryIndex::new,
                                                in.registryReplay(),
                                                in.manualDecisions())
                                        .withTap(SubjectFactsTap.FACTS, new SubjectFactsTap()))
                        .uid(Uids.DEDUP_LINK);

        // Deltas summed where they are made (chained), so a record's counts cross no exchange;
        // there the coverage period is applied and timeliness evaluated (docs/contract.md §8).
        // A configured period filters by decision date; otherwise the name only labels what is
        // counted (all input, or a streaming job's year of collection).
        CoveragePeriod coveragePeriod =
                settings.coveragePeriod() != null
                        ? settings.coveragePeriod()
                        : CoveragePeriod.collected(period);
        TypeInformation<DeptDelta> deltaType = AvroTypes.of(DeptDelta.class);
        DataStream<DeptDelta> deltas =
                accepted.getSideOutput(RecordParseFunction.DEPT_DELTAS)
                        .transform(
                                "sum parse deltas",
                                deltaType,
                                ChainedOperator.of(
                                        new DeptDeltaCombineOperator(
                                                settings.coverageIntervalMillis(),
                                                coveragePeriod,
                                                settings.timeliness())))
                        .uid(Uids.SUM_PARSE_DELTAS)
                        .union(
                                unified.getSideOutput(DedupLinkOperator.DEPT_DELTAS)
                                        .transform(
                                                "sum link deltas",
                                                deltaType,
                                                ChainedOperator.of(
                                                        new DeptDeltaCombineOperator(
                                                                settings.coverageIntervalMillis(),
                                                                coveragePeriod,
                                                                settings.timeliness())))
                                        .uid(Uids.SUM_LINK_DELTAS));
        DataStream<DeptCounters> counters =
                deltas.keyBy(DeptDelta::getDeptCode, TypeInformation.of(String.class))
                        .process(new DeptStatsFunction(mode, settings.coverageIntervalMillis()))
                        .returns(AvroTypes.of(DeptCounters.class))
                        .uid(Uids.DEPT_STATS)
                        .name("count per department");
        DataStream<CoverageSnapshot> coverage =
                in.catalog()
                        .connect(counters)
                        .keyBy(
                                new CoverageKey<>(),
                                new CoverageKey<>(),
                                TypeInformation.of(Integer.class))
                        .process(
                                new CoverageFunction(
                                        mode,
                                        settings.coverageTarget(),
                                        coveragePeriod,
                                        settings.timeliness(),
                                        settings.coverageIntervalMillis(),
                                        settings.zone()))
                        .uid(Uids.COVERAGE)
                        .returns(AvroTypes.of(CoverageSnapshot.class))
                        .name("coverage")
                        .setParallelism(1)
                        .setMaxParallelism(1);

        // Dead letters of every stage: the parser's, and copies dedup could not merge; registry
        // entries the index could not take join the reference rejections.
        DataStream<RejectedRecord> rejected =
                accepted.getSideOutput(RecordParseFunction.REJECTED)
                        .union(unified.getSideOutput(DedupLinkOperator.REJECTED));
        DataStream<RejectedRecord> referenceRejected =
                in.referenceRejected()
                        .union(unified.getSideOutput(DedupLinkOperator.REFERENCE_REJECTED));
        SingleOutputStreamOperator<EnterpriseProfile> enterprises =
                enterpriseView(unified, mode, settings);
        return new Outputs(
                unified,
                rejected,
                coverage,
                unified.getSideOutput(DedupLinkOperator.LINK_CHANGES),
                referenceRejected,
                enterprises,
                enterprises.getSideOutput(SubjectViewFunction.LEADS));
    }

    /**
     * Enterprise profiles with their health index, and unlicensed-operation leads (docs/contract.md
     * §9): each published state of a record sends its facts, from the linking operator ({@link
     * SubjectFactsTap}), to its subject — its enterprise, or its name when unlinked — whose view
     * keeps them by record_id. Bounded: each subject's view once, at the end; streaming: its
     * changes, batched by checkpoint.
     */
    private static SingleOutputStreamOperator<EnterpriseProfile> enterpriseView(
            SingleOutputStreamOperator<UnifiedRecord> unified,
            EmitMode mode,
            GuijiSettings settings) {
        KeyedStream<RecordFacts, String> facts =
                unified.getSideOutput(SubjectFactsTap.FACTS)
                        .keyBy(RecordFacts::getSubjectKey, TypeInformation.of(String.class));
        TypeInformation<EnterpriseProfile> profileType = AvroTypes.of(EnterpriseProfile.class);
        SingleOutputStreamOperator<EnterpriseProfile> view =
                mode == EmitMode.FINAL
                        ? facts.process(
                                        new SubjectViewFunction(
                                                settings.enterpriseReferenceDate() != null
                                                        ? settings.enterpriseReferenceDate()
                                                        : settings.processingDate(),
                                                settings.healthModel(),
                                                settings.leadRules()))
                                .returns(profileType)
                        : facts.transform(
                                "enterprise profiles and leads",
                                profileType,
                                new SubjectViewChangesOperator(
                                        settings.enterpriseReferenceDate(),
                                        settings.zone(),
                                        settings.healthModel(),
                                        settings.leadRules()));
        return view.uid(Uids.ENTERPRISE_VIEW).name("enterprise profiles and leads");
    }
}
