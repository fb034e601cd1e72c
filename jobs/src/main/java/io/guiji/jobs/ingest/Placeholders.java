package io.guiji.jobs.ingest;

import java.util.Set;

/**
 * Cell values that mean "nothing here" in departmental exports (无, /, NULL, …). They are treated as
 * empty, so a 统一社会信用代码 of "无" is absent rather than an invalid code.
 */
public final class Placeholders {
    private static final Set<String> EMPTY =
            Set.of(
                    "-",
                    "--",
                    "---",
                    "/",
                    "//",
                    "\\",
                    "无",
                    "暂无",
                    "空",
                    "(空)",
                    "无数据",
                    "NULL",
                    "null",
                    "Null",
                    "NONE",
                    "None",
                    "none",
                    "N/A",
                    "n/a",
                    "NA",
                    "NaN",
                    "nan",
                    "undefined",
                    "——",
                    "—",
                    "…",
                    "...");

    /**
     * The longest placeholder: a longer cell is looked up in no set, whose lookup hashes the whole
     * cell (every cell of every record passes here).
     */
    private static final int LONGEST = EMPTY.stream().mapToInt(String::length).max().orElse(0);

    private Placeholders() {}

    /** {@code cleaned}, or null when it is a placeholder. Expects text already cleaned. */
    public static String orNull(String cleaned) {
        return cleaned == null || (cleaned.length() <= LONGEST && EMPTY.contains(cleaned))
                ? null
                : cleaned;
    }
}
