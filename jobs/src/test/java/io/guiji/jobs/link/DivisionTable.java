package io.guiji.jobs.link;

import io.guiji.jobs.link.fuzzy.NameParts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the division table the linking classes read ({@code divisions.tsv}: code, full name,
 * kind, short forms), for tests that draw their cases from it.
 */
final class DivisionTable {
    private DivisionTable() {}

    /** Every division's columns, comments and blank lines left out. */
    static List<String[]> rows() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = NameParts.class.getResourceAsStream("divisions.tsv")) {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    out.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
