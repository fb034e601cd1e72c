package io.guiji.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.PenaltyDetails;
import io.guiji.schemas.RecordStatus;
import io.guiji.schemas.RecordType;
import io.guiji.schemas.RejectReason;
import io.guiji.schemas.RejectedRecord;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.UnifiedRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AvroGuard} says "cannot be encoded" exactly when Avro's encoder refuses a record, and its
 * repair gives a record the encoder takes, changing only what it names.
 */
class AvroGuardTest {
    private final AvroBinary<UnifiedRecord> avro = new AvroBinary<>(UnifiedRecord.class);

    static UnifiedRecord penalty(BigDecimal fine) {
        return new UnifiedRecord(
                "r1",
                1L,
                RecordType.penalty,
                "SCJG01",
                DecisionFields.newBuilder()
                        .setDocNo("朝市监罚〔2024〕12号")
                        .setSubjectName("某公司")
                        .setDecisionDate("2024-02-20")
                        .setStatus(RecordStatus.ACTIVE)
                        .setDetails(
                                PenaltyDetails.newBuilder()
                                        .setPenaltyCategory("罚款")
                                        .setFineAmount(fine)
                                        .build())
                        .build(),
                null,
                LinkMethod.NONE,
                0.0,
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(List.of(new SourceRef("records/SCJG01/penalty/a.csv", 1L))),
                null,
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.500000", "123456789012345678.123456", "0", "-3.25", "1e3"})
    void aDecimalTheSchemaHoldsPassesAndEncodes(String fine) {
        UnifiedRecord r = penalty(new BigDecimal(fine));
        assertThat(AvroGuard.problem(r)).isNull();
        assertThat(avro.encode(r)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1234567890123456789.123456",
                "1.1234567",
                "1e30",
                "99999999999999999999999999999999999999"
            })
    void aDecimalTheSchemaCannotHoldIsNamedAndTheEncoderRefusesItToo(String fine) {
        UnifiedRecord r = penalty(new BigDecimal(fine));
        assertThat(AvroGuard.problem(r)).startsWith("UnifiedRecord.fields.details.fine_amount: ");
        assertThatThrownBy(() -> avro.encode(r)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void aNullWhereAValueIsRequiredIsNamed() {
        UnifiedRecord r = penalty(null);
        r.getFields().setSubjectName(null);
        assertThat(AvroGuard.problem(r)).startsWith("UnifiedRecord.fields.subject_name: null");
        assertThatThrownBy(() -> avro.encode(r)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theRepairDropsANullableValueEmptiesARequiredOneAndLeavesTheOriginalAlone() {
        UnifiedRecord r = penalty(new BigDecimal("1e40"));
        r.getFields().setSubjectName(null);
        r.setLinkMethod(null);
        List<String> replaced = new ArrayList<>();

        UnifiedRecord safe = AvroGuard.repaired(r, replaced);

        assertThat(replaced)
                .containsExactlyInAnyOrder(
                        "UnifiedRecord.fields.subject_name",
                        "UnifiedRecord.fields.details.fine_amount",
                        "UnifiedRecord.link_method");
        assertThat(AvroGuard.problem(safe)).isNull();
        assertThat(new AvroBinary<>(UnifiedRecord.class).decode(avro.encode(safe))).isEqualTo(safe);
        assertThat(safe.getFields().getSubjectName()).isEmpty();
        assertThat(((PenaltyDetails) safe.getFields().getDetails()).getFineAmount()).isNull();
        assertThat(((PenaltyDetails) safe.getFields().getDetails()).getPenaltyCategory())
                .isEqualTo("罚款");
        assertThat(safe.getLinkMethod()).isEqualTo(LinkMethod.USCC).as("the enum's first symbol");
        assertThat(r.getFields().getSubjectName()).as("the original is unchanged").isNull();
        assertThat(r.getLinkMethod()).isNull();
    }

    @Test
    void anEncodableRecordIsReturnedAsItIs() {
        UnifiedRecord r = penalty(new BigDecimal("1.5"));
        List<String> replaced = new ArrayList<>();
        assertThat(AvroGuard.repaired(r, replaced)).isSameAs(r);
        assertThat(replaced).isEmpty();
    }

    @Test
    void aRejectedRecordWithoutTextGetsEmptyText() {
        RejectedRecord r =
                new RejectedRecord(null, 3L, RejectReason.PROCESSING_ERROR, null, null, null, null);
        List<String> replaced = new ArrayList<>();
        RejectedRecord safe = AvroGuard.repaired(r, replaced);
        assertThat(replaced)
                .containsExactly(
                        "RejectedRecord.file", "RejectedRecord.message", "RejectedRecord.raw");
        assertThat(safe.getFile()).isEmpty();
        assertThat(new AvroBinary<>(RejectedRecord.class).encode(safe)).isNotEmpty();
    }
}
