package io.guiji.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.connectors.json.ReviewLog;
import io.guiji.jobs.file.FileRunJob;
import io.guiji.schemas.ReviewDecision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MANUAL tier end to end in bounded mode: a run leaves a name that two registry entries share
 * unlinked with both as candidates; {@code guiji review list} offers it; {@code accept} records a
 * decision in the input's review log; the next run links every record of that name {@code MANUAL},
 * saying who decided and why; {@code withdraw} (itself a decision) gives the tiers back.
 */
class ReviewCommandITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "91110000600037341L";
    private static final String SECOND = "91310115MA1K3BTP2B";
    private static final String NAME = "朝阳市某某商贸有限公司";
    private static final String RECORDS =
            """
            行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期
            朝阳市某某商贸有限公司,,朝市监罚〔2023〕12号,2023-05-06
            朝阳市 某某商贸有限公司,,朝市监罚〔2023〕13号,2023-06-01
            朝阳某某商行,91110000600037341L,朝市监罚〔2023〕14号,2023-06-02
            """;
    private static final String REGISTRY =
            """
            统一社会信用代码,企业名称,注册号,曾用名,行政区划代码,登记状态
            91110000600037341L,朝阳市某某商贸有限公司,,,211302,存续
            91310115MA1K3BTP2B,朝阳市某某商贸有限公司,,,211302,存续
            """;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;
    private Path input;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void setUp() throws IOException {
        input = dir.resolve("in");
        write("records/SCJG01/penalty/a.csv", RECORDS);
        write("registry/enterprises.csv", REGISTRY);
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, UTF_8));
        System.setOut(new PrintStream(out, true, UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void aDecisionSettlesEveryRecordOfTheNameOnTheNextRunAndAWithdrawalUndoesIt()
            throws IOException {
        Map<String, JsonNode> before = run("out1");
        assertThat(before.values())
                .filteredOn(r -> r.path("uscc").isNull())
                .hasSize(2)
                .allSatisfy(
                        r -> {
                            assertThat(r.path("link_method").asText()).isEqualTo("NONE");
                            assertThat(r.path("candidates")).hasSize(2);
                        });

        assertThat(cli("review", "list", "--output", dir.resolve("out1").toString())).isZero();
        assertThat(out.toString(UTF_8))
                .contains("1. --name " + NAME + " — 2 records")
                .contains("candidate " + FIRST)
                .contains("candidate " + SECOND)
                .contains("1 uncertain link to settle");

        int accepted =
                cli(
                        "review",
                        "accept",
                        "--input",
                        input.toString(),
                        "--name",
                        NAME,
                        "--enterprise",
                        SECOND,
                        "--reason",
                        "营业执照核对: 地址一致",
                        "--by",
                        "reviewer-1");
        assertThat(accepted).as("stderr: %s", err).isZero();
        List<ReviewDecision> log = ReviewLog.read(FileRunJob.reviewLog(input));
        assertThat(log)
                .singleElement()
                .extracting(ReviewDecision::getDecidedBy)
                .isEqualTo("reviewer-1");

        Map<String, JsonNode> after = run("out2");
        assertThat(after.values())
                .filteredOn(r -> r.path("uscc").isNull())
                .hasSize(2)
                .allSatisfy(
                        r -> {
                            assertThat(r.path("link_method").asText()).isEqualTo("MANUAL");
                            assertThat(r.path("enterprise_id").asText()).isEqualTo(SECOND);
                            assertThat(r.path("candidates")).isEmpty();
                            assertThat(texts(r.path("link_evidence")))
                                    .contains(
                                            "manual=ACCEPT",
                                            "by=reviewer-1",
                                            "reason=营业执照核对: 地址一致",
                                            "decision=" + log.get(0).getDecisionId());
                        });
        assertThat(after.values())
                .as("a record with a valid code is not settled by a decision on a name")
                .filteredOn(r -> !r.path("uscc").isNull())
                .singleElement()
                .satisfies(r -> assertThat(r.path("link_method").asText()).isEqualTo("USCC"));

        out.reset();
        cli(
                "review",
                "list",
                "--output",
                dir.resolve("out1").toString(),
                "--input",
                input.toString());
        assertThat(out.toString(UTF_8)).contains("0 uncertain links to settle");

        int withdrawn =
                cli(
                        "review",
                        "withdraw",
                        "--input",
                        input.toString(),
                        "--decision",
                        log.get(0).getDecisionId(),
                        "--reason",
                        "核对有误");
        assertThat(withdrawn).as("stderr: %s", err).isZero();
        assertThat(ReviewLog.read(FileRunJob.reviewLog(input)))
                .as("the log keeps both: nothing is rewritten")
                .hasSize(2);

        Map<String, JsonNode> again = run("out3");
        assertThat(again.values())
                .filteredOn(r -> r.path("uscc").isNull())
                .allSatisfy(r -> assertThat(r.path("link_method").asText()).isEqualTo("NONE"));

        out.reset();
        cli("review", "history", "--input", input.toString());
        assertThat(out.toString(UTF_8))
                .contains("ACCEPT NAME " + NAME + " → " + SECOND + " by reviewer-1")
                .contains("WITHDRAW")
                .contains("2 decisions in");
    }

    @Test
    void withdrawingAnUnknownDecisionIsAClearError() {
        int exit =
                cli(
                        "review",
                        "withdraw",
                        "--input",
                        input.toString(),
                        "--decision",
                        "no-such-id",
                        "--reason",
                        "x");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("guiji: no decision no-such-id in");
    }

    @Test
    void aBrokenReviewLogLineStopsTheRunBeforeItStartsNamingFileAndLine() throws IOException {
        write("review/decisions.jsonl", "{\"decision_id\": \"d1\"}\n");
        int exit =
                Guiji.execute(
                        "run",
                        "--quiet",
                        "--input",
                        input.toString(),
                        "--output",
                        dir.resolve("out").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains(FileRunJob.reviewLog(input) + ":1: missing field");
    }

    private Map<String, JsonNode> run(String name) throws IOException {
        Path output = dir.resolve(name);
        int exit =
                Guiji.execute(
                        "run",
                        "--quiet",
                        "--input",
                        input.toString(),
                        "--output",
                        output.toString());
        assertThat(exit).as("exit; stderr: %s", err).isZero();
        Map<String, JsonNode> byId = new HashMap<>();
        try (Stream<Path> files = Files.list(output.resolve("unified"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    JsonNode r = JSON.readTree(line);
                    byId.merge(
                            r.path("record_id").asText(),
                            r,
                            (a, b) ->
                                    a.path("version").asLong() >= b.path("version").asLong()
                                            ? a
                                            : b);
                }
            }
        }
        return byId;
    }

    private int cli(String... args) {
        return Guiji.execute(args);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void write(String relative, String content) throws IOException {
        Path p = input.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, UTF_8);
    }
}
