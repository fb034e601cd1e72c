package io.guiji.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.SinkSafeText;
import io.guiji.connectors.json.OutputJson;
import io.guiji.schemas.Lead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Messages of a keyed output topic as table rows: the key and the message's place, the value as
 * JSON that {@code jsonb} takes whatever its strings hold, a tombstone as a row without JSON, a
 * message without a key skipped.
 */
class KeyedJsonDeserializerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<KeyedJson> read(byte[] key, byte[] value) throws Exception {
        List<KeyedJson> out = new ArrayList<>();
        new KeyedJsonDeserializer<>(Lead.class, OutputJson::write)
                .deserialize(
                        new ConsumerRecord<>("out.leads", 1, 42L, key, value),
                        new ListCollector<>(out));
        return out;
    }

    @Test
    void aValueIsItsJsonLineWithTheMessagesPlace() throws Exception {
        List<KeyedJson> rows =
                read(
                        "id-1".getBytes(StandardCharsets.UTF_8),
                        new AvroBinary<>(Lead.class).encode(SampleLeads.named("朝阳市双塔区老王小吃店")));
        assertThat(rows).hasSize(1);
        KeyedJson row = rows.get(0);
        assertThat(List.of(row.key, row.partition, row.offset)).containsExactly("id-1", 1, 42L);
        JsonNode n = JSON.readTree(row.json);
        assertThat(n.get("subject_name").asText()).isEqualTo("朝阳市双塔区老王小吃店");
        assertThat(n.get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void aTombstoneIsARowWithoutJsonAndAMessageWithoutKeyIsSkipped() throws Exception {
        List<KeyedJson> rows = read("id-1".getBytes(StandardCharsets.UTF_8), null);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).json).isNull();
        assertThat(rows.get(0).key).isEqualTo("id-1");
        assertThat(read(null, null)).isEmpty();
    }

    @Property
    void anyTextBecomesJsonThatJsonbTakes(@ForAll String name, @ForAll String key)
            throws Exception {
        List<KeyedJson> rows =
                read(
                        key.getBytes(StandardCharsets.UTF_8),
                        new AvroBinary<>(Lead.class).encode(SampleLeads.named(name)));
        assertThat(rows).hasSize(1);
        assertThat(SinkSafeText.isSafe(rows.get(0).key)).isTrue();
        assertThat(rows.get(0).json).doesNotContain("\\u0000");
        String parsed = JSON.readTree(rows.get(0).json).get("subject_name").asText();
        assertThat(SinkSafeText.isSafe(parsed)).as(parsed).isTrue();
    }
}
