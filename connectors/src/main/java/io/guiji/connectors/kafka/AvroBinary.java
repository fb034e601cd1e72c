package io.guiji.connectors.kafka;

import io.guiji.connectors.avro.AvroBytes;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Avro for Kafka values without a schema registry: plain Avro binary of one record, written with
 * the schema generated from {@code schemas/} (its fingerprint goes into a record header, see {@link
 * AvroRecordSerializer}). Reading also accepts Avro's single-object encoding ({@code C3 01}, 8-byte
 * CRC-64-AVRO fingerprint, then the binary), which tells a wrong schema apart for certain.
 *
 * <p>Plain binary carries no schema, so "wrong schema" is caught only as far as the bytes do not
 * fit this one: a read that fails or leaves bytes over.
 */
public final class AvroBinary<T extends SpecificRecord> {
    private static final byte[] SINGLE_OBJECT_MAGIC = {(byte) 0xC3, (byte) 0x01};

    private final Class<T> type;
    private final Schema schema;
    private final long fingerprint;
    private final AvroBytes codec;

    public AvroBinary(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        // the generated classes' compiled codec: Avro's own bytes at about half the cost
        this.codec = new AvroBytes(type.asSubclass(SpecificRecordBase.class));
    }

    public Schema schema() {
        return schema;
    }

    /** CRC-64-AVRO fingerprint of the schema's parsing canonical form, as 16 hex digits. */
    public String fingerprintHex() {
        return String.format("%016x", fingerprint);
    }

    public byte[] encode(T record) {
        return codec.encode((SpecificRecordBase) record);
    }

    /**
     * Decodes one record; throws {@link AvroDecodeException} with a reason when the bytes do not
     * fit.
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new AvroDecodeException("empty value");
        }
        int start = 0;
        if (bytes.length >= 10
                && bytes[0] == SINGLE_OBJECT_MAGIC[0]
                && bytes[1] == SINGLE_OBJECT_MAGIC[1]) {
            long given = 0;
            for (int i = 9; i >= 2; i--) { // little-endian
                given = (given << 8) | (bytes[i] & 0xFF);
            }
            if (given != fingerprint) {
                throw new AvroDecodeException(
                        String.format(
                                "Avro single-object encoding with schema fingerprint %016x, expected %s (%s)",
                                given, fingerprintHex(), schema.getFullName()));
            }
            start = 10;
        }
        try {
            return type.cast(codec.decode(bytes, start, bytes.length - start));
        } catch (RuntimeException e) {
            throw new AvroDecodeException("not a " + schema.getName() + " in Avro binary: " + e, e);
        }
    }

    /**
     * Decodes the value of one of guiji's own Kafka messages; a value that does not fit is an
     * {@link IOException} naming the message (topic, partition, offset), which fails the job.
     */
    public T decodeValue(ConsumerRecord<byte[], byte[]> record) throws IOException {
        try {
            return decode(record.value());
        } catch (AvroDecodeException e) {
            throw new IOException(
                    "kafka:"
                            + record.topic()
                            + "/"
                            + record.partition()
                            + " offset "
                            + record.offset()
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    public Class<T> type() {
        return type;
    }

    /** Bytes that are not a record of the expected schema. */
    public static final class AvroDecodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AvroDecodeException(String message) {
            super(message);
        }

        public AvroDecodeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
