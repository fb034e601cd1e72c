package io.guiji.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.DedupState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated cases for docs/contract.md §5: the unified record is a function of the set of copies'
 * contents. Copies of one decision are drawn with {@code updated_at} deliberately tied or missing
 * and with differing names, codes and details; merging them in every arrival order, and merging the
 * same copies under Kafka-style source references, gives one and the same unified record (sources
 * aside for the second).
 */
class CopyMergerOrderPropertiesTest {
    private static final String RECORD_ID = "penalty:SCJG01:朝市监罚〔2024〕12号";
    private static final String USCC_A = "91110000600037341L";
    private static final String USCC_B = "91310115MA1K3BTP2B";
    private static final String REG_NO = "110108000000016";
    private static final String ORG_CODE = "600037341";

    @Provide
    Arbitrary<SupervisionRecord> copies() {
        return Builders.withBuilder(CopyBuilder::new)
                // Mostly one and the same time, so that ties are the rule rather than the
                // exception.
                .use(
                        Arbitraries.of(
                                        "2024-03-01T10:00:00",
                                        "2024-03-01T10:00:00",
                                        "2024-03-01T10:00:00",
                                        "2024-02-01T00:00:00")
                                .injectNull(0.3))
                .in((b, v) -> b.set(() -> b.updatedAt = v))
                .use(Arbitraries.of("朝阳市鑫源建材有限公司", "朝阳市鑫源建材有限责任公司", "鑫源建材有限公司", "朝陽市鑫源建材有限公司"))
                .in((b, v) -> b.set(() -> b.name = v))
                .use(Arbitraries.of(USCC_A, USCC_B, "91110000600037341K").injectNull(0.4))
                .in((b, v) -> b.set(() -> b.uscc = v))
                .use(Arbitraries.of(REG_NO, "110108000000017").injectNull(0.5))
                .in((b, v) -> b.set(() -> b.regNo = v))
                .use(Arbitraries.of(ORG_CODE, "60003734X").injectNull(0.6))
                .in((b, v) -> b.set(() -> b.orgCode = v))
                .use(Arbitraries.of("张三", "李四").injectNull(0.3))
                .in((b, v) -> b.set(() -> b.legalRep = v))
                .use(Arbitraries.of("虚假宣传", "无照经营").injectNull(0.3))
                .in((b, v) -> b.set(() -> b.violation = v))
                .use(Arbitraries.of("1.500000", "15000.000000").injectNull(0.3))
                .in((b, v) -> b.set(() -> b.fine = v))
                .use(Arbitraries.of(RecordStatus.ACTIVE, RecordStatus.REVOKED))
                .in((b, v) -> b.set(() -> b.status = v))
                .use(
                        Arbitraries.of(
                                        QualityFlags.UNKNOWN_STATUS,
                                        QualityFlags.CODE_IN_WRONG_COLUMN)
                                .injectNull(0.7))
                .in((b, v) -> b.set(() -> b.flag = v))
                .use(
                        Arbitraries.of(
                                "records/SCJG01/penalty/2024-03.csv",
                                "records/SCJG01/penalty/credit-platform.csv",
                                "a.jsonl"))
                .in((b, v) -> b.set(() -> b.file = v))
                .build(CopyBuilder::build);
    }

    /**
     * 2–5 copies at distinct source references; some are the content of an earlier copy re-sent
     * from elsewhere, some an exact repeat of an earlier copy (same source).
     */
    @Provide
    Arbitrary<List<SupervisionRecord>> decisions() {
        return copies().list()
                .ofMinSize(2)
                .ofMaxSize(5)
                .flatMap(
                        drawn ->
                                Arbitraries.integers()
                                        .between(0, 9)
                                        .list()
                                        .ofSize(drawn.size())
                                        .map(
                                                how -> {
                                                    List<SupervisionRecord> out = new ArrayList<>();
                                                    for (int i = 0; i < drawn.size(); i++) {
                                                        SupervisionRecord c =
                                                                SupervisionRecord.newBuilder(
                                                                                drawn.get(i))
                                                                        .setSource(
                                                                                new SourceRef(
                                                                                        drawn.get(i)
                                                                                                .getSource()
                                                                                                .getFile(),
                                                                                        i + 1L))
                                                                        .build();
                                                        if (i > 0 && how.get(i) == 0) {
                                                            c =
                                                                    SupervisionRecord.newBuilder(
                                                                                    out.get(
                                                                                            how.get(
                                                                                                            i
                                                                                                                    - 1)
                                                                                                    % i))
                                                                            .build(); // exact
                                                            // repeat
                                                        } else if (i > 0 && how.get(i) <= 2) {
                                                            c =
                                                                    SupervisionRecord.newBuilder(
                                                                                    out.get(
                                                                                            how.get(
                                                                                                            i
                                                                                                                    - 1)
                                                                                                    % i))
                                                                            .setSource(
                                                                                    c.getSource())
                                                                            .build();
                                                        }
                                                        out.add(c);
                                                    }
                                                    return out;
                                                }));
    }

    // Each case merges the copies in up to 24 orders: fewer cases than the module's default.
    @Property(tries = 300)
    void everyArrivalOrderGivesOneUnifiedRecord(
            @ForAll("decisions") List<SupervisionRecord> copies, @ForAll Random random) {
        UnifiedRecord expected = merged(copies);
        for (List<SupervisionRecord> order : orders(copies, random)) {
            assertThat(merged(order)).as("arrival order %s", sourcesOf(order)).isEqualTo(expected);
        }
        assertThat(expected.getSources())
                .as("sources in file, row order")
                .isSortedAccordingTo(
                        (a, b) ->
                                a.getFile().equals(b.getFile())
                                        ? Long.compare(a.getRow(), b.getRow())
                                        : a.getFile().compareTo(b.getFile()));
    }

    @Property(tries = 300)
    void whereTheCopiesCameFromDoesNotChooseTheValues(
            @ForAll("decisions") List<SupervisionRecord> copies, @ForAll Random random) {
        UnifiedRecord fromFiles = merged(copies);
        List<SupervisionRecord> fromKafka = kafkaStyle(copies, random);
        for (List<SupervisionRecord> order : orders(fromKafka, random)) {
            UnifiedRecord streamed = merged(order);
            assertThat(streamed.getSources()).hasSameSizeAs(fromFiles.getSources());
            assertThat(withoutSources(streamed)).isEqualTo(withoutSources(fromFiles));
        }
    }

    @Example
    void theCodesUsedHereAreValidAndTheOthersInvalid() {
        assertThat(Identifiers.classify(USCC_A)).isEqualTo(Identifiers.Kind.USCC);
        assertThat(Identifiers.classify(USCC_B)).isEqualTo(Identifiers.Kind.USCC);
        assertThat(Identifiers.classify(REG_NO)).isEqualTo(Identifiers.Kind.REG_NO);
        assertThat(Identifiers.classify(ORG_CODE)).isEqualTo(Identifiers.Kind.ORG_CODE);
        assertThat(Identifiers.classify("91110000600037341K")).isEqualTo(Identifiers.Kind.INVALID);
        assertThat(Identifiers.classify("110108000000017")).isEqualTo(Identifiers.Kind.INVALID);
        assertThat(Identifiers.classify("60003734X")).isEqualTo(Identifiers.Kind.INVALID);
    }

    /** A tie on {@code updated_at} that the old rule settled by the greater source reference. */
    @Example
    void aTieIsSettledByValidIdentifiersNotBySource() {
        SupervisionRecord withUscc =
                new CopyBuilder()
                        .with(
                                b -> {
                                    b.uscc = USCC_A;
                                    b.file = "a.csv";
                                })
                        .build();
        SupervisionRecord fuller =
                new CopyBuilder()
                        .with(
                                b -> {
                                    b.name = "朝阳市鑫源建材有限责任公司";
                                    b.legalRep = "张三";
                                    b.violation = "虚假宣传";
                                    b.file = "z.csv";
                                })
                        .build();
        assertThat(CopyRanking.completeness(fuller.getFields()))
                .isGreaterThan(CopyRanking.completeness(withUscc.getFields()));

        UnifiedRecord unified = merged(List.of(fuller, withUscc));

        assertThat(unified.getFields().getSubjectName())
                .isEqualTo(withUscc.getFields().getSubjectName());
        assertThat(unified.getFields().getUscc()).isEqualTo(USCC_A);
    }

    /**
     * Two different contents with the same rank (a forced hash collision) are still ordered by
     * content.
     */
    @Example
    void equalRanksOfDifferentContentsAreSettledByContent() {
        SupervisionRecord a = new CopyBuilder().with(b -> b.name = "朝阳市鑫源建材有限公司").build();
        SupervisionRecord b =
                new CopyBuilder()
                        .with(
                                c -> {
                                    c.name = "朝陽市鑫源建材有限公司";
                                    c.file = "z.csv";
                                })
                        .build();
        String rank = CopyRanking.rank(a, 42L);
        assertThat(CopyRanking.rank(b, 42L)).isEqualTo(rank);

        int ab = CopyRanking.compare(a, rank, b, rank);
        assertThat(ab).isNotZero();
        assertThat(Integer.signum(CopyRanking.compare(b, rank, a, rank)))
                .isEqualTo(-Integer.signum(ab));
        assertThat(
                        CopyRanking.compare(
                                a,
                                rank,
                                SupervisionRecord.newBuilder(a).setSource(b.getSource()).build(),
                                rank))
                .as("the same content from elsewhere")
                .isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    static UnifiedRecord merged(List<SupervisionRecord> copies) {
        DedupState state = null;
        for (SupervisionRecord c : copies) {
            // A copy of the copy: the merger keeps the winner by reference, as the heap backend
            // does.
            state = CopyMerger.add(state, SupervisionRecord.newBuilder(c).build());
        }
        return CopyMerger.unified(state);
    }

    /** All orders of up to four copies; twenty shuffles of more. */
    private static List<List<SupervisionRecord>> orders(
            List<SupervisionRecord> copies, Random random) {
        if (copies.size() <= 4) {
            return Copies.permutations(copies);
        }
        List<List<SupervisionRecord>> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<SupervisionRecord> order = new ArrayList<>(copies);
            Collections.shuffle(order, random);
            out.add(order);
        }
        return out;
    }

    /**
     * The same copies read from Kafka: each file reference becomes a partition and offset, in a
     * random assignment.
     */
    private static List<SupervisionRecord> kafkaStyle(
            List<SupervisionRecord> copies, Random random) {
        List<SourceRef> distinct = new ArrayList<>();
        for (SupervisionRecord c : copies) {
            if (!distinct.contains(c.getSource())) {
                distinct.add(c.getSource());
            }
        }
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            offsets.add(1000L + i * 7L);
        }
        Collections.shuffle(offsets, random);
        Map<SourceRef, SourceRef> kafka = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            kafka.put(
                    distinct.get(i),
                    new SourceRef("kafka:guiji.records/" + random.nextInt(2), offsets.get(i)));
        }
        List<SupervisionRecord> out = new ArrayList<>();
        for (SupervisionRecord c : copies) {
            out.add(SupervisionRecord.newBuilder(c).setSource(kafka.get(c.getSource())).build());
        }
        return out;
    }

    private static UnifiedRecord withoutSources(UnifiedRecord r) {
        return UnifiedRecord.newBuilder(r).setSources(new ArrayList<>()).build();
    }

    private static List<String> sourcesOf(List<SupervisionRecord> copies) {
        List<String> out = new ArrayList<>();
        for (SupervisionRecord c : copies) {
            out.add(c.getSource().getFile() + ":" + c.getSource().getRow());
        }
        return out;
    }

    /** One copy of the decision; every field may differ between copies except the identity. */
    static final class CopyBuilder {
        String updatedAt = "2024-03-01T10:00:00";
        String name = "朝阳市鑫源建材有限公司";
        String uscc;
        String regNo;
        String orgCode;
        String legalRep;
        String violation;
        String fine;
        RecordStatus status = RecordStatus.ACTIVE;
        String flag;
        String file = "records/SCJG01/penalty/2024-03.csv";

        CopyBuilder set(Runnable change) {
            change.run();
            return this;
        }

        CopyBuilder with(java.util.function.Consumer<CopyBuilder> change) {
            change.accept(this);
            return this;
        }

        SupervisionRecord build() {
            List<String> flags = new ArrayList<>();
            // As the normalizer leaves them: an invalid code is kept and flagged.
            if (uscc != null && Identifiers.classify(uscc) != Identifiers.Kind.USCC) {
                flags.add(QualityFlags.INVALID_USCC);
            }
            if (regNo != null && Identifiers.classify(regNo) != Identifiers.Kind.REG_NO) {
                flags.add(QualityFlags.INVALID_REG_NO);
            }
            if (orgCode != null && Identifiers.classify(orgCode) != Identifiers.Kind.ORG_CODE) {
                flags.add(QualityFlags.INVALID_ORG_CODE);
            }
            if (flag != null) {
                flags.add(flag);
            }
            DecisionFields fields =
                    DecisionFields.newBuilder()
                            .setDocNo("朝市监罚〔2024〕12号")
                            .setSubjectName(name)
                            .setUscc(uscc)
                            .setRegNo(regNo)
                            .setOrgCode(orgCode)
                            .setLegalRep(legalRep)
                            .setDecisionDate("2024-02-20")
                            .setStatus(status)
                            .setUpdatedAt(updatedAt)
                            .setDetails(
                                    violation == null && fine == null
                                            ? null
                                            : PenaltyDetails.newBuilder()
                                                    .setViolationType(violation)
                                                    .setFineAmount(
                                                            fine == null
                                                                    ? null
                                                                    : new BigDecimal(fine))
                                                    .build())
                            .build();
            return SupervisionRecord.newBuilder()
                    .setRecordId(RECORD_ID)
                    .setRecordType(RecordType.penalty)
                    .setDeptCode("SCJG01")
                    .setFields(fields)
                    .setQualityFlags(flags)
                    .setSource(new SourceRef(file, 1L))
                    .build();
        }
    }
}
