package io.guiji.jobs.link;

import io.guiji.schemas.RegistryEntry;
import io.guiji.schemas.SourceRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry entries as compact byte arrays, for {@link CompactRegistryIndex}: every field kept, so
 * that {@link #decode} gives back an equal {@link RegistryEntry}, and the fields linking reads
 * (codes, enterprise id, name, former names) first, where {@link View} reads them without decoding
 * the rest.
 *
 * <p>Layout: a flags byte; the USCC and the registration number when present; the name; the
 * enterprise id unless it is the USCC or the registration number (as it nearly always is); the
 * former names; division, status, the extra columns and the source file as dictionary strings; the
 * source row. A string is its length + 1 (0: null) as a varint, then each UTF-16 char in one byte
 * (ASCII), two (U+4E00…U+CCFF: the CJK ideographs) or three (any other, lone surrogates included:
 * every string comes back as it went in). A dictionary string is 0 (null), 1 and the string, or its
 * number in the dictionary + 2. The dictionary takes strings of at most {@link
 * #DICTIONARY_MAX_CHARS} chars — statuses, divisions, extra column names, dates, legal
 * representatives, the source file — until it holds {@link #DICTIONARY_MAX_SIZE}; it never forgets
 * one (its memory is bounded by that size, a few MB), and a string it cannot take is written out.
 *
 * <p>Not thread-safe: one per index.
 */
final class EntryCodec {
    static final int DICTIONARY_MAX_SIZE = 1 << 16;
    static final int DICTIONARY_MAX_CHARS = 24;

    private static final int DELETED = 1;
    private static final int HAS_USCC = 2;
    private static final int HAS_REG_NO = 4;
    private static final int ID_IS_USCC = 8;
    private static final int ID_IS_REG_NO = 16;
    private static final int HAS_SOURCE = 32;
    private static final int NAME_IS_KEY = 64;
    private static final int CJK = 0x4E00;
    private static final int CJK_SPAN = 0x7F00;

    private final List<String> dictionary = new ArrayList<>();
    private final Map<String, Integer> dictionaryIds = new HashMap<>();
    private byte[] buf = new byte[256];
    private int len;

    /**
     * The bytes of {@code e}; {@code nameIsKey} is kept with them ({@link View#nameIsKey}): whether
     * the name is its own name key ({@code LinkKeys.nameKey}), so that a lookup need not normalize
     * it.
     */
    byte[] encode(RegistryEntry e, boolean nameIsKey) {
        len = 0;
        String id = e.getEnterpriseId();
        String uscc = e.getUscc();
        String regNo = e.getRegNo();
        int flags =
                (e.getDeleted() ? DELETED : 0)
                        | (uscc != null ? HAS_USCC : 0)
                        | (regNo != null ? HAS_REG_NO : 0)
                        | (e.getSource() != null ? HAS_SOURCE : 0)
                        | (nameIsKey ? NAME_IS_KEY : 0);
        if (uscc != null && uscc.equals(id)) {
            flags |= ID_IS_USCC;
        } else if (regNo != null && regNo.equals(id)) {
            flags |= ID_IS_REG_NO;
        }
        put(flags);
        if (uscc != null) {
            putString(uscc);
        }
        putString(e.getName());
        if (regNo != null) {
            putString(regNo);
        }
        if ((flags & (ID_IS_USCC | ID_IS_REG_NO)) == 0) {
            putString(id);
        }
        List<String> former = e.getFormerNames();
        putVarint(former == null ? 0 : former.size() + 1L);
        if (former != null) {
            for (String f : former) {
                putString(f);
            }
        }
        putDictionaryString(e.getDivisionCode());
        putDictionaryString(e.getStatus());
        Map<String, String> extra = e.getExtra();
        putVarint(extra == null ? 0 : extra.size() + 1L);
        if (extra != null) {
            for (Map.Entry<String, String> x : extra.entrySet()) {
                putDictionaryString(x.getKey());
                putDictionaryString(x.getValue());
            }
        }
        SourceRef source = e.getSource();
        if (source != null) {
            putDictionaryString(source.getFile());
            long row = source.getRow();
            putVarint((row << 1) ^ (row >> 63));
        }
        return Arrays.copyOf(buf, len);
    }

    /**
     * The division code of the entry {@code v} holds (its {@code load} done), read without decoding
     * the rest: the fuzzy tier asks it of every candidate.
     */
    String division(View v) {
        Reader r = v.reader;
        r.pos = v.formersAt;
        long n = r.varint();
        for (long i = 1; i < n; i++) {
            r.string();
        }
        return readDictionaryString(r);
    }

    /** The entry {@code record} was encoded from (an equal one). */
    RegistryEntry decode(byte[] record) {
        View v = new View().load(record);
        Reader r = v.reader;
        List<String> former = v.readFormerNames();
        String division = readDictionaryString(r);
        String status = readDictionaryString(r);
        Map<String, String> extra = null;
        long n = r.varint();
        if (n > 0) {
            extra = new HashMap<>((int) (n / 0.75) + 1);
            for (long i = 1; i < n; i++) {
                String k = readDictionaryString(r);
                extra.put(k, readDictionaryString(r));
            }
        }
        SourceRef source = null;
        if ((v.flags & HAS_SOURCE) != 0) {
            String file = readDictionaryString(r);
            long z = r.varint();
            source = new SourceRef(file, (z >>> 1) ^ -(z & 1));
        }
        return new RegistryEntry(
                v.enterpriseId,
                v.uscc,
                v.name,
                v.regNo,
                former,
                division,
                status,
                extra,
                (v.flags & DELETED) != 0,
                source);
    }

    /** Strings in the dictionary (for memory accounting). */
    int dictionarySize() {
        return dictionary.size();
    }

    private void putDictionaryString(String s) {
        if (s == null) {
            putVarint(0);
            return;
        }
        Integer id = dictionaryIds.get(s);
        if (id == null
                && s.length() <= DICTIONARY_MAX_CHARS
                && dictionary.size() < DICTIONARY_MAX_SIZE) {
            id = dictionary.size();
            dictionary.add(s);
            dictionaryIds.put(s, id);
        }
        if (id == null) {
            putVarint(1);
            putString(s);
        } else {
            putVarint(id + 2L);
        }
    }

    private String readDictionaryString(Reader r) {
        long tag = r.varint();
        return tag == 0 ? null : tag == 1 ? r.string() : dictionary.get((int) (tag - 2));
    }

    private void putString(String s) {
        if (s == null) {
            putVarint(0);
            return;
        }
        int n = s.length();
        putVarint(n + 1L);
        ensure(3 * n);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int d = c - CJK;
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (d >= 0 && d < CJK_SPAN) {
                b[at++] = (byte) (0x80 + (d >>> 8));
                b[at++] = (byte) d;
            } else {
                b[at++] = (byte) 0xFF;
                b[at++] = (byte) (c >>> 8);
                b[at++] = (byte) c;
            }
        }
        len = at;
    }

    private void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    private void put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** A cursor over one record. */
    static final class Reader {
        private byte[] b;
        private int pos;

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
        }

        String string() {
            int n = (int) varint() - 1;
            if (n < 0) {
                return null;
            }
            char[] cs = new char[n];
            byte[] bs = b;
            int at = pos;
            for (int i = 0; i < n; i++) {
                int x = bs[at++] & 0xFF;
                if (x < 0x80) {
                    cs[i] = (char) x;
                } else if (x < 0xFF) {
                    cs[i] = (char) (CJK + ((x - 0x80) << 8 | (bs[at++] & 0xFF)));
                } else {
                    cs[i] = (char) ((bs[at] & 0xFF) << 8 | (bs[at + 1] & 0xFF));
                    at += 2;
                }
            }
            pos = at;
            return new String(cs);
        }
    }

    /** The leading fields of one record: what a lookup verifies and answers with. Reusable. */
    static final class View {
        final Reader reader = new Reader();
        int flags;
        String uscc;
        String name;
        String regNo;
        String enterpriseId;
        private int formersAt;

        View load(byte[] record) {
            Reader r = reader;
            r.b = record;
            r.pos = 0;
            flags = record[0];
            r.pos = 1;
            uscc = (flags & HAS_USCC) != 0 ? r.string() : null;
            name = r.string();
            regNo = (flags & HAS_REG_NO) != 0 ? r.string() : null;
            enterpriseId =
                    (flags & ID_IS_USCC) != 0
                            ? uscc
                            : (flags & ID_IS_REG_NO) != 0 ? regNo : r.string();
            formersAt = r.pos;
            return this;
        }

        /** Whether the name is its own name key (recorded when the entry was put). */
        boolean nameIsKey() {
            return (flags & NAME_IS_KEY) != 0;
        }

        /**
         * The former names (null when the entry had none as a list); leaves the reader after them.
         */
        List<String> readFormerNames() {
            Reader r = reader;
            r.pos = formersAt;
            long n = r.varint();
            if (n == 0) {
                return null;
            }
            List<String> former = new ArrayList<>((int) n - 1);
            for (long i = 1; i < n; i++) {
                former.add(r.string());
            }
            return former;
        }
    }
}
