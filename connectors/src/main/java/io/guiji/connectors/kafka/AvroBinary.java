package io.guiji.connectors.kafka;

import io.guiji.connectors.avro.AvroBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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
    private final SpecificDatumWriter<T> writer;
    private final AvroBytes codec;
    private final SpecificDatumReader<T> reader;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public AvroBinary(Class<T> type) {
        this.type = type;
        this.schema = SpecificData.get().getSchema(type);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.writer = new SpecificDatumWriter<>(schema);
        // the generated classes: their compiled codec, the same bytes at about half the cost,
        // read back the same
        this.codec =
                SpecificRecordBase.class.isAssignableFrom(type)
                        ? new AvroBytes(type.asSubclass(SpecificRecordBase.class))
                        : null;
        this.reader = new SpecificDatumReader<>(schema);
    }

    public Schema schema() {
        return schema;
    }

    /** CRC-64-AVRO fingerprint of the schema's parsing canonical form, as 16 hex digits. */
    public String fingerprintHex() {
        return String.format("%016x", fingerprint);
    }

    public byte[] encode(T record) {
        if (codec != null) {
            return codec.encode((SpecificRecordBase) record);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
        T record;
        try {
            if (codec != null) {
                return type.cast(codec.decode(bytes, start, bytes.length - start));
            }
            decoder =
                    DecoderFactory.get().binaryDecoder(bytes, start, bytes.length - start, decoder);
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new AvroDecodeException(
                        "not a " + schema.getName() + ": bytes left over after the record");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AvroDecodeException) {
                throw (AvroDecodeException) e;
            }
            throw new AvroDecodeException("not a " + schema.getName() + " in Avro binary: " + e, e);
        }
        return record;
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
