package io.guiji.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.kafka.AvroBinary;
import io.guiji.connectors.kafka.AvroRecordSerializer;
import io.guiji.jobs.enterprise.HealthModel;
import io.guiji.jobs.enterprise.ProfileBuilder;
import io.guiji.schemas.EnterpriseProfile;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The profile topic's records: a profile keyed by its enterprise, and an enterprise with no record
 * left a tombstone (same key, no value, the schema headers kept).
 */
class ProfileRecordSerializerTest {
    private static final String ID = "91110000600037341L";

    private static EnterpriseProfile empty() {
        return ProfileBuilder.build(
                ID, List.of(), LocalDate.parse("2026-11-25"), HealthModel.builtIn());
    }

    @Test
    void aProfileIsItsAvroKeyedByEnterprise() throws Exception {
        EnterpriseProfile p = EnterpriseProfile.newBuilder(empty()).setRecordCount(2).build();
        ProducerRecord<byte[], byte[]> r = serializer().serialize(p, null, null);
        assertThat(r.topic()).isEqualTo("out.enterprises");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(ID);
        assertThat(new AvroBinary<>(EnterpriseProfile.class).decode(r.value())).isEqualTo(p);
        assertThat(r.headers().lastHeader(AvroRecordSerializer.SCHEMA_HEADER).value())
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("io.guiji.schemas.EnterpriseProfile");
    }

    @Test
    void anEnterpriseWithNoRecordLeftIsATombstoneWithItsHeaders() throws Exception {
        EnterpriseProfile p = empty();
        assertThat(p.getRecordCount()).isZero();
        assertThat(ProfileRecordSerializer.isRetraction(p)).isTrue();
        ProducerRecord<byte[], byte[]> r = serializer().serialize(p, null, null);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(ID);
        assertThat(r.value()).isNull();
        assertThat(r.headers().lastHeader(AvroRecordSerializer.FINGERPRINT_HEADER)).isNotNull();
    }

    /** As the sink gets it: through Java serialization. */
    private static ProfileRecordSerializer serializer() throws Exception {
        return InstantiationUtil.clone(new ProfileRecordSerializer("out.enterprises"));
    }
}
