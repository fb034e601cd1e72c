package io.guiji.connectors.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guiji.schemas.ReviewAction;
import io.guiji.schemas.ReviewDecision;
import io.guiji.schemas.ReviewScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The review log of a bounded run: one {@link ReviewDecision} a line, as JSON with the schema's
 * field names, appended and never rewritten (the audit trail of docs/contract.md §6, tier 0).
 */
public final class ReviewLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewLog() {}

    /** A line of the log that is not a decision: the file and line say where. */
    public static final class BadLine extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String why;

        public BadLine(String where, String why) {
            super(where + ": " + why);
            this.why = why;
        }

        /** What is wrong, without where. */
        public String why() {
            return why;
        }
    }

    /** The decisions of {@code file} in the order they were made; none when it does not exist. */
    public static List<ReviewDecision> read(Path file) {
        List<ReviewDecision> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review log " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            out.add(parse(file, i + 1, line));
        }
        return out;
    }

    /** Appends {@code d} as one line, under a file lock so that two reviewers never interleave. */
    public static void append(Path file, ReviewDecision d) {
        byte[] line = (toJson(d) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel ch =
                            FileChannel.open(
                                    file,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.APPEND);
                    FileLock lock = ch.lock()) {
                ch.write(java.nio.ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the review log " + file, e);
        }
    }

    public static String toJson(ReviewDecision d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("decision_id", d.getDecisionId());
        o.put("scope", d.getScope().name());
        o.put("subject", d.getSubject());
        o.put("action", d.getAction().name());
        o.put("enterprise_id", d.getEnterpriseId());
        o.put("withdraws", d.getWithdraws());
        o.put("decided_by", d.getDecidedBy());
        o.put("decided_at", d.getDecidedAt());
        o.put("reason", d.getReason());
        return o.toString();
    }

    static ReviewDecision parse(Path file, int line, String text) {
        return parse(file + ":" + line, text);
    }

    /**
     * One decision from its JSON (a line of the log, or a message of the streaming job's decisions
     * topic); a {@link BadLine} saying what is wrong, prefixed with {@code where}, when it is not a
     * complete decision.
     */
    public static ReviewDecision parse(String where, String text) {
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadLine(where, "not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new BadLine(where, "not a JSON object");
        }
        ReviewAction action = enumOf(ReviewAction.class, text(where, o, "action"), where);
        ReviewDecision d =
                ReviewDecision.newBuilder()
                        .setDecisionId(text(where, o, "decision_id"))
                        .setScope(enumOf(ReviewScope.class, text(where, o, "scope"), where))
                        .setSubject(text(where, o, "subject"))
                        .setAction(action)
                        .setEnterpriseId(optional(o, "enterprise_id"))
                        .setWithdraws(optional(o, "withdraws"))
                        .setDecidedBy(text(where, o, "decided_by"))
                        .setDecidedAt(text(where, o, "decided_at"))
                        .setReason(text(where, o, "reason"))
                        .build();
        boolean needsEnterprise = action == ReviewAction.ACCEPT || action == ReviewAction.REJECT;
        if (needsEnterprise && d.getEnterpriseId() == null) {
            throw new BadLine(where, action + " needs an enterprise_id");
        }
        if (action == ReviewAction.WITHDRAW && d.getWithdraws() == null) {
            throw new BadLine(where, "WITHDRAW needs the decision_id it withdraws");
        }
        return d;
    }

    private static String text(String where, JsonNode o, String field) {
        String v = optional(o, field);
        if (v == null || v.isBlank()) {
            throw new BadLine(where, "missing field " + field);
        }
        return v;
    }

    private static String optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String where) {
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new BadLine(
                    where,
                    "unknown "
                            + type.getSimpleName()
                            + " "
                            + v
                            + " (one of "
                            + java.util.Arrays.toString(type.getEnumConstants())
                            + ")");
        }
    }
}
