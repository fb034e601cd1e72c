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
 *
 * <p>The resource {@value #READINGS} holds, for each character that pinyin4j 2.5.1 (BSD licence,
 * com.belerweb:pinyin4j; its data is the Unihan readings) reads more than one way without tones,
 * those readings in pinyin4j's order ({@code ü} written {@code u}, as ICU's Latin-ASCII does): the
 * character, a tab, the readings separated by spaces; 1,254 characters, 16 KB. pinyin4j itself
 * takes 1.2 s of CPU to load its data on first use; the table a few milliseconds. {@code
 * HanziReadingsTest} checks it against pinyin4j (a test dependency) and regenerates it.
 */
final class HanziTable {
    static final String RESOURCE = "hanzi-icu.tsv";
    static final String READINGS = "hanzi-readings.tsv";
    private static final String[] SIMPLIFIED = new String[0x10000];
    private static final String[] PINYIN = new String[0x10000];
    private static final String[][] OTHER_READINGS = new String[0x10000][];

    static {
        try (InputStream in = HanziTable.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                load(new BufferedReader(new InputStreamReader(in, UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        try (InputStream in = HanziTable.class.getResourceAsStream(READINGS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + READINGS);
            }
            loadReadings(new BufferedReader(new InputStreamReader(in, UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + READINGS, e);
        }
    }

    /**
     * pinyin4j's toneless readings of {@code c}, when it has more than one; otherwise {@code null}.
     */
    static String[] readings(char c) {
        return OTHER_READINGS[c];
    }

    private static void loadReadings(BufferedReader r) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.length() < 3 || line.charAt(1) != '\t') {
                throw new IllegalStateException(READINGS + ": malformed line " + line);
            }
            OTHER_READINGS[line.charAt(0)] = line.substring(2).split(" ");
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
