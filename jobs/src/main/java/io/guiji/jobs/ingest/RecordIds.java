package io.guiji.jobs.ingest;

import io.guiji.schemas.RecordType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code record_id}: a deterministic function of the identity (record_type, dept_code, normalized
 * doc_no), docs/contract.md §5 — the first 128 bits of SHA-256 over the three parts, in hex. The
 * same identity gives the same id on every run, machine and version of guiji.
 */
public final class RecordIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return MessageDigest.getInstance("SHA-256");
                        } catch (NoSuchAlgorithmException e) {
                            throw new IllegalStateException(e);
                        }
                    });

    private RecordIds() {}

    public static String of(RecordType type, String deptCode, String docNo) {
        MessageDigest md = SHA256.get();
        md.reset();
        byte[] digest =
                md.digest(
                        (type.name() + '\u001F' + deptCode + '\u001F' + docNo)
                                .getBytes(StandardCharsets.UTF_8));
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }
}
