package io.guiji.generator.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages the bytes of a valid input file the ways real exports get damaged, and remembers where:
 * {@link Mutated#untouchedPrefix} bytes at the start and {@link Mutated#untouchedSuffix} bytes at
 * the end are the original file's, so the records lying wholly inside them must come out as they
 * did from the original.
 */
public final class FileMutator {
    private static final int FIELD_LIMIT = 64 * 1024;

    /** One kind of damage. */
    public enum Kind {
        FLIP_BYTES,
        NUL_BYTES,
        BOM,
        INVALID_BYTES,
        TRUNCATE,
        INSERT_QUOTE,
        DELETE_NEWLINE,
        CR_NEWLINE,
        DUPLICATE_LINE,
        BLANK_LINES,
        HEADER,
        SEPARATORS,
        NESTING,
        BLOW_UP_FIELD,
        HUGE_NUMBER,
        HOSTILE_TEXT;

        /** Byte-level damage: bit flips, NUL bytes, byte-order marks, bytes no charset decodes. */
        public static final Set<Kind> BYTES = EnumSet.of(FLIP_BYTES, NUL_BYTES, BOM, INVALID_BYTES);

        /**
         * Damage to the record structure: cut files, stray quotes, lost or changed line breaks,
         * duplicated lines, headers with cells swapped, repeated or lost, runs of separators, deep
         * JSON nesting.
         */
        public static final Set<Kind> STRUCTURE =
                EnumSet.of(
                        TRUNCATE,
                        INSERT_QUOTE,
                        DELETE_NEWLINE,
                        CR_NEWLINE,
                        DUPLICATE_LINE,
                        BLANK_LINES,
                        HEADER,
                        SEPARATORS,
                        NESTING);

        /**
         * Fields over 64 KiB (now and then a line over 8 M characters), amounts of 100,000 digits.
         */
        public static final Set<Kind> SIZE = EnumSet.of(BLOW_UP_FIELD, HUGE_NUMBER);

        /**
         * Values that are text the pipeline must survive: odd brackets, control and format
         * characters.
         */
        public static final Set<Kind> VALUES = EnumSet.of(HOSTILE_TEXT);
    }

    /**
     * Text inserted by {@link Kind#HOSTILE_TEXT}: no comma, quote or line break, so the damage
     * stays in one field.
     */
    static final List<String> HOSTILE =
            List.of(
                    "某某商店（连锁店）",
                    "（未登记）",
                    "（连锁店）某某",
                    "某某（",
                    "）某某",
                    "（（（）））",
                    "【分店】",
                    "〔〕",
                    "(个体)",
                    "（".repeat(300),
                    "某某商贸有限公司（朝阳）（分店）（连锁店）",
                    "\u0000",
                    "某某\u0000商行",
                    "\u0001\u0002\u001f",
                    "\u007f",
                    "\u200b\u200c\u200d\u2060\ufeff",
                    "\u202e反向\u202c",
                    "𠀀𪚥𰻞",
                    "\u3000\u3000",
                    "　某　某　",
                    "９１１１００００６０００３７３４１Ｌ",
                    "-1e400",
                    "1e99999",
                    "NaN",
                    "-0",
                    "０.５",
                    "99999-01-01",
                    "2023-02-30",
                    "0000-00-00",
                    "２０２３年１３月１日");

    private static final Pattern CSV_NUMBER =
            Pattern.compile("(?<=,)-?\\d+(\\.\\d+)?(?=[,\\r\\n])");
    private static final Pattern JSON_NUMBER = Pattern.compile("(?<=\":)\\s*-?\\d");

    private FileMutator() {}

    /** A damaged file and what was done to it. */
    public record Mutated(
            byte[] bytes, List<String> applied, int untouchedPrefix, int untouchedSuffix) {}

    /**
     * Applies {@code count} damages of the given kinds, each at a random place.
     *
     * @param charset the file's encoding, for inserted text
     * @param jsonl whether the file is JSONL (numbers and strings are found by JSON syntax)
     */
    public static Mutated mutate(
            byte[] original,
            Charset charset,
            boolean jsonl,
            Set<Kind> kinds,
            int count,
            Random rnd) {
        Edit e = new Edit(original);
        List<Kind> choices = new ArrayList<>(kinds);
        for (int i = 0; i < count; i++) {
            Kind k = choices.get(rnd.nextInt(choices.size()));
            e.applied.add(apply(e, k, charset, jsonl, rnd));
        }
        return new Mutated(e.bytes, List.copyOf(e.applied), e.lo, e.tail);
    }

    private static String apply(Edit e, Kind k, Charset cs, boolean jsonl, Random rnd) {
        byte[] b = e.bytes;
        int n = b.length;
        switch (k) {
            case FLIP_BYTES -> {
                if (n == 0) {
                    return "flip: empty";
                }
                int p = rnd.nextInt(n);
                byte flipped = (byte) (b[p] ^ (1 << rnd.nextInt(8)));
                e.replace(p, 1, new byte[] {flipped});
                return "flip@" + p;
            }
            case NUL_BYTES -> {
                int p = rnd.nextInt(n + 1);
                e.replace(p, 0, new byte[rnd.nextInt(3) + 1]);
                return "nul@" + p;
            }
            case BOM -> {
                int p = rnd.nextBoolean() ? 0 : lineStart(b, rnd);
                boolean utf16 = rnd.nextInt(4) == 0;
                e.replace(
                        p,
                        0,
                        utf16
                                ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                                : new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                return (utf16 ? "utf16-bom@" : "bom@") + p;
            }
            case INVALID_BYTES -> {
                byte[][] bad = {
                    {(byte) 0x80},
                    {(byte) 0xFF},
                    {(byte) 0xFE, (byte) 0xFF},
                    {(byte) 0x81},
                    {(byte) 0x81, (byte) 0x20},
                    {(byte) 0xC3},
                    {(byte) 0xE4, (byte) 0xB8},
                    {(byte) 0xF0, (byte) 0x9F},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
                };
                int p = rnd.nextInt(n + 1);
                e.replace(p, 0, bad[rnd.nextInt(bad.length)]);
                return "invalid-bytes@" + p;
            }
            case TRUNCATE -> {
                int p = rnd.nextInt(n + 1);
                e.replace(p, n - p, new byte[0]);
                return "truncate@" + p;
            }
            case INSERT_QUOTE -> {
                int p = rnd.nextBoolean() ? afterSeparator(b, jsonl, rnd) : rnd.nextInt(n + 1);
                e.replace(p, 0, new byte[] {'"'});
                return "quote@" + p;
            }
            case DELETE_NEWLINE -> {
                int p = find(b, (byte) '\n', rnd);
                if (p < 0) {
                    return "delete-newline: none";
                }
                e.replace(p, 1, new byte[0]);
                return "delete-newline@" + p;
            }
            case CR_NEWLINE -> {
                int p = find(b, (byte) '\n', rnd);
                if (p < 0) {
                    return "cr: none";
                }
                boolean lone = rnd.nextBoolean();
                e.replace(p, 1, lone ? new byte[] {'\r'} : new byte[] {'\r', '\n'});
                return (lone ? "lone-cr@" : "crlf@") + p;
            }
            case DUPLICATE_LINE -> {
                int from = lineStart(b, rnd);
                int to = lineEnd(b, from);
                int at = lineStart(b, rnd);
                byte[] line = java.util.Arrays.copyOfRange(b, from, to);
                e.replace(at, 0, line);
                return "duplicate-line@" + from + "->" + at;
            }
            case BLANK_LINES -> {
                String[] blanks = {"\n", "\r\n", "   \n", "\t\n", "\u3000\n", "\n\n\n"};
                int p = lineStart(b, rnd);
                e.replace(p, 0, blanks[rnd.nextInt(blanks.length)].getBytes(cs));
                return "blank-lines@" + p;
            }
            case HEADER -> {
                int end = lineEnd(b, 0);
                String first = new String(b, 0, end, cs);
                String nl = first.endsWith("\n") ? "\n" : "";
                String body = first.substring(0, first.length() - nl.length());
                String changed;
                String what;
                if (jsonl) { // a key twice in one object
                    int colon = body.indexOf("\":");
                    int open = colon < 0 ? -1 : body.lastIndexOf('"', colon - 1);
                    changed =
                            open < 0
                                    ? body
                                    : "{"
                                            + body.substring(
                                                    open,
                                                    body.indexOf(',', colon) < 0
                                                            ? body.length() - 1
                                                            : body.indexOf(',', colon))
                                            + ","
                                            + body.substring(1);
                    what = "duplicate-key";
                } else {
                    List<String> cells = new ArrayList<>(List.of(body.split(",", -1)));
                    int i = rnd.nextInt(cells.size());
                    int j = rnd.nextInt(cells.size());
                    switch (rnd.nextInt(4)) {
                        case 0 -> {
                            cells.set(i, cells.get(j));
                            what = "header-repeated";
                        }
                        case 1 -> {
                            cells.remove(i);
                            what = "header-lost";
                        }
                        case 2 -> {
                            cells.add(i, "");
                            what = "header-empty-cell";
                        }
                        default -> {
                            java.util.Collections.swap(cells, i, j);
                            what = "header-swapped";
                        }
                    }
                    changed = String.join(",", cells);
                }
                e.replace(0, end, (changed + nl).getBytes(cs));
                return what;
            }
            case SEPARATORS -> {
                int p = rnd.nextInt(n + 1);
                int count = rnd.nextBoolean() ? 1 + rnd.nextInt(5) : 10_000;
                e.replace(p, 0, ",".repeat(count).getBytes(cs));
                return "separators@" + p + "(" + count + ")";
            }
            case NESTING -> {
                int p = afterSeparator(b, jsonl, rnd);
                int depth = rnd.nextBoolean() ? 10 + rnd.nextInt(100) : 5_000 + rnd.nextInt(20_000);
                String nested =
                        rnd.nextBoolean()
                                ? "[".repeat(depth) + "]".repeat(depth)
                                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                // inside a JSON string value the nesting is text: start it where a value starts
                // (after '":')
                int at = jsonl && p > 0 && b[p - 1] == '"' ? p - 1 : p;
                e.replace(at, 0, (jsonl ? nested + "," : nested).getBytes(cs));
                return "nesting@" + at + "(" + depth + ")";
            }
            case BLOW_UP_FIELD -> {
                int p = afterSeparator(b, jsonl, rnd);
                String unit = rnd.nextBoolean() ? "x" : "某";
                // now and then a line longer than the readers hold (8 M characters)
                int chars =
                        rnd.nextInt(40) == 0
                                ? 8 * 1024 * 1024 + 10
                                : FIELD_LIMIT + 1 + rnd.nextInt(3 * FIELD_LIMIT);
                e.replace(p, 0, unit.repeat(chars).getBytes(cs));
                return "blow-up@" + p + "(" + chars + " chars)";
            }
            case HUGE_NUMBER -> {
                Matcher m =
                        (jsonl ? JSON_NUMBER : CSV_NUMBER)
                                .matcher(
                                        new String(
                                                b, java.nio.charset.StandardCharsets.ISO_8859_1));
                List<Integer> at = new ArrayList<>();
                while (m.find()) {
                    at.add(m.start());
                }
                int p =
                        at.isEmpty()
                                ? afterSeparator(b, jsonl, rnd)
                                : at.get(rnd.nextInt(at.size()));
                int digits = rnd.nextBoolean() ? 100_000 : 40 + rnd.nextInt(400);
                e.replace(p, 0, "9".repeat(digits).getBytes(cs));
                return "huge-number@" + p + "(" + digits + " digits)";
            }
            case HOSTILE_TEXT -> {
                int p = afterSeparator(b, jsonl, rnd);
                String text = HOSTILE.get(rnd.nextInt(HOSTILE.size()));
                byte[] bytes =
                        jsonl && rnd.nextBoolean()
                                ? jsonEscape(text).getBytes(cs)
                                : text.getBytes(cs);
                // half of the time the value replaces the field's content, so that it is the whole
                // name, amount or date
                int length = rnd.nextBoolean() ? fieldLength(b, p) : 0;
                e.replace(p, length, bytes);
                return (length > 0 ? "hostile-field@" : "hostile@")
                        + p
                        + "("
                        + escapeForReport(text)
                        + ")";
            }
            default -> throw new IllegalStateException(k.name());
        }
    }

    /** A place right after a field separator (CSV comma, JSON {@code ":"}), else anywhere. */
    private static int afterSeparator(byte[] b, boolean jsonl, Random rnd) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (jsonl
                    ? (b[i] == '"' && i >= 2 && b[i - 1] == ':' && b[i - 2] == '"')
                    : b[i] == ',') {
                at.add(i + 1);
            }
        }
        return at.isEmpty() ? rnd.nextInt(b.length + 1) : at.get(rnd.nextInt(at.size()));
    }

    /**
     * Bytes from {@code p} to the end of the field's content: the next comma, quote or line break.
     */
    private static int fieldLength(byte[] b, int p) {
        int i = p;
        while (i < b.length && b[i] != ',' && b[i] != '"' && b[i] != '\n' && b[i] != '\r') {
            i++;
        }
        return i - p;
    }

    private static int find(byte[] b, byte c, Random rnd) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                at.add(i);
            }
        }
        return at.isEmpty() ? -1 : at.get(rnd.nextInt(at.size()));
    }

    /** The start of a random line (0 or just after a line feed). */
    private static int lineStart(byte[] b, Random rnd) {
        int p = find(b, (byte) '\n', rnd);
        return p < 0 || rnd.nextInt(8) == 0 ? 0 : p + 1;
    }

    /** The end of the line starting at {@code from}, its line feed included. */
    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String escapeForReport(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : (s.length() > 24 ? s.substring(0, 24) + "…" + s.length() : s).toCharArray()) {
            out.append(
                    c < 0x20 || c == 0x7f || (c >= 0x200b && c <= 0x206f) || c == 0xfeff
                            ? String.format("\\u%04x", (int) c)
                            : String.valueOf(c));
        }
        return out.toString();
    }

    /** The bytes under edit, with the untouched prefix and suffix lengths kept up to date. */
    private static final class Edit {
        byte[] bytes;
        int lo;
        int tail;
        final List<String> applied = new ArrayList<>();

        Edit(byte[] original) {
            this.bytes = original;
            this.lo = original.length;
            this.tail = original.length;
        }

        /** Replaces {@code length} bytes at {@code at} with {@code with}. */
        void replace(int at, int length, byte[] with) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + with.length);
            out.write(bytes, 0, at);
            out.write(with, 0, with.length);
            out.write(bytes, at + length, bytes.length - at - length);
            byte[] next = out.toByteArray();
            lo = Math.min(lo, at);
            tail = Math.min(tail, next.length - (at + with.length));
            bytes = next;
        }
    }
}
