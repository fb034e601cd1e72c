package io.guiji.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.connectors.avro.CompactAvroSerializer;
import io.guiji.schemas.Lead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AvroRecordDeserializerTest {

    @Test
    void readsWhatGuijiWroteSkipsTombstonesAndItsRecordsAreNotCopiedDownstream() throws Exception {
        Lead written = SampleLeads.named("朝阳市双塔区老王小吃店");
        byte[] key = "id-1".getBytes(StandardCharsets.UTF_8);
        AvroRecordDeserializer<Lead> d = new AvroRecordDeserializer<>(Lead.class);
        List<Lead> read = new ArrayList<>();
        d.deserialize(
                new ConsumerRecord<>("t", 0, 0L, key, new AvroBinary<>(Lead.class).encode(written)),
                new ListCollector<>(read));
        d.deserialize(new ConsumerRecord<>("t", 0, 1L, key, null), new ListCollector<>(read));
        assertThat(read).containsExactly(written);

        // The PostgreSQL feed's JDBC sinks copy each record they buffer unless its type says the
        // record never changes: each one here is a new object that the feed only reads.
        TypeSerializer<Lead> s =
                d.getProducedType().createSerializer(new ExecutionConfig().getSerializerConfig());
        assertThat(s)
                .isInstanceOfSatisfying(
                        CompactAvroSerializer.class, c -> assertThat(c.readOnly()).isTrue());
        assertThat(s.copy(read.get(0))).isSameAs(read.get(0));
    }
}
