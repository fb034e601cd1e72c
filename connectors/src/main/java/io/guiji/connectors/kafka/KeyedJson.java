package io.guiji.connectors.kafka;

/**
 * One message of a keyed, compacted output topic as a table row needs it: its key, where it was in
 * the topic (partition and offset, which order a key's states: all of them are in one partition),
 * and its value as JSON, null for a tombstone. A Flink POJO of plain fields.
 */
public class KeyedJson {
    public String key;
    public int partition;
    public long offset;

    /** The value as the JSON line of the bounded output; null: a tombstone (delete the key). */
    public String json;

    public KeyedJson() {}

    public KeyedJson(String key, int partition, long offset, String json) {
        this.key = key;
        this.partition = partition;
        this.offset = offset;
        this.json = json;
    }

    @Override
    public String toString() {
        return key + "@" + partition + "/" + offset + (json == null ? " (tombstone)" : "");
    }
}
