package io.guiji.connectors.file;

/** Small pieces shared by the row readers. */
final class Rows {

    static final String UNDECODABLE = "undecodable bytes (not valid UTF-8 or GB18030)";

    /** How much of an over-long line an error row keeps as its raw text. */
    static final int PREVIEW_CHARS = 4096;

    private Rows() {}

    /**
     * Whether a line carries nothing: empty or whitespace only. The separator does not count as
     * whitespace, so a TSV line of tabs is a record of empty fields, as a CSV line of commas is.
     */
    static boolean isBlank(String line, char separator) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c == separator || !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The start of an over-long text, for an error row; never ends in half a surrogate pair. */
    static String preview(String text) {
        if (text.length() <= PREVIEW_CHARS) {
            return text;
        }
        int end = PREVIEW_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
