package io.guiji.jobs.coverage.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.guiji.connectors.json.OutputJson;
import io.guiji.schemas.CoverageSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

public class CoverageJsonTest {
    public static String json(CoverageSnapshot s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = OutputJson.generator(out)) {
            OutputJson.write(g, s);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void coverageJsonReadsBackAsTheSnapshotThatWroteIt() throws Exception {
        for (CoverageSnapshot s :
                new CoverageSnapshot[] {NoticeModelTest.NOVEMBER, NoticeModelTest.OCTOBER}) {
            assertThat(CoverageJson.read(json(s))).isEqualTo(s);
        }
    }

    @Test
    void fieldsAnOlderSnapshotLacksTakeTheirDefaults() throws Exception {
        String old =
                json(NoticeModelTest.NOVEMBER)
                        .replaceAll(",\"timeliness\":\\{[^}]*\\}", "")
                        .replace("\"period_from\":\"2025-11-01\",", "");
        CoverageSnapshot s = CoverageJson.read(old);
        assertThat(s.getTimeliness()).isNull();
        assertThat(s.getPeriodFrom()).isNull();
        assertThat(s.getByDept()).isEqualTo(NoticeModelTest.NOVEMBER.getByDept());
    }
}
