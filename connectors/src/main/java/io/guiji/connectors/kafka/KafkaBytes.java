package io.guiji.connectors.kafka;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record exactly as it was read: where it came from and its undecoded bytes. Decoding
 * happens downstream in a process function, so bytes that cannot be decoded become a rejected
 * record there instead of failing the source (a source can only drop or fail).
 *
 * <p>{@link #reference()} is the record's source reference ({@code kafka:<topic>/<partition>}, with
 * {@code offset} as its row). A Flink POJO: travels with the PojoSerializer, never Kryo.
 */
public class KafkaBytes {
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;

    /** Null when the record has no key. */
    public byte[] key;

    /** Null for a tombstone. */
    public byte[] value;

    public KafkaBytes() {}

    public KafkaBytes(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    /**
     * {@code kafka:<topic>/<partition>}: the "file" of the source reference; the offset is the row.
     */
    public String reference() {
        return reference(topic, partition);
    }

    public static String reference(String topic, int partition) {
        return "kafka:" + topic + "/" + partition;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KafkaBytes)) {
            return false;
        }
        KafkaBytes that = (KafkaBytes) o;
        return partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Objects.equals(topic, that.topic)
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return reference()
                + "@"
                + offset
                + " ("
                + (value == null ? "tombstone" : value.length + " bytes")
                + ")";
    }
}
