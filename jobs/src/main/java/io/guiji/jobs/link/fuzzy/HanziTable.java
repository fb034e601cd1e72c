package io.guiji.jobs.link.fuzzy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;

/**
 * ICU's per-character results for every Han character of the Basic Multilingual Plane ({@link
 * Hanzi#isHan}), computed once by ICU itself and shipped as the resource {@value #RESOURCE}: the
 * raw output of {@code Traditional-Simplified} and of {@code Han-Latin; Latin-ASCII} applied to the
 * character alone, exactly what {@link Hanzi} asked ICU for. Building the two transliterators
 * compiles ICU's rules — about a second of CPU in every run, on the path of the first record
 * linked; reading this table takes a few milliseconds. {@code HanziTableTest} checks the table
 * against ICU character by character (so an ICU upgrade that changes a reading fails the build) and
 * regenerates it. A character the table lacks ({@code null} here) is asked of ICU as before.
 *
 * <p>Line format: the character, a tab, its simplified form (empty when it is the character
 * itself), a tab, its reading.
 */
final class HanziTable {
    static final String RESOURCE = "hanzi-icu.tsv";
    private static final String[] SIMPLIFIED = new String[0x10000];
    private static final String[] PINYIN = new String[0x10000];

    static {
        try (InputStream in = HanziTable.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                load(new BufferedReader(new InputStreamReader(in, UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private HanziTable() {}

    /**
     * ICU's {@code Traditional-Simplified} of {@code c} alone, or {@code null} when not in the
     * table.
     */
    static String simplified(char c) {
        return SIMPLIFIED[c];
    }

    /**
     * ICU's {@code Han-Latin; Latin-ASCII} of {@code c} alone (not trimmed), or {@code null} when
     * not in the table.
     */
    static String pinyin(char c) {
        return PINYIN[c];
    }

    private static void load(BufferedReader r) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            int tab1 = line.indexOf('\t');
            int tab2 = line.indexOf('\t', tab1 + 1);
            if (tab1 != 1 || tab2 < 0) {
                throw new IllegalStateException(RESOURCE + ": malformed line " + line);
            }
            char c = line.charAt(0);
            String simplified = line.substring(tab1 + 1, tab2);
            SIMPLIFIED[c] = simplified.isEmpty() ? String.valueOf(c) : simplified;
            PINYIN[c] = line.substring(tab2 + 1);
        }
    }
}
