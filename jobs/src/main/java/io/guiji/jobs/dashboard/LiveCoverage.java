package io.guiji.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.coverage.page.CoveragePage;
import io.guiji.jobs.coverage.page.CoveragePageModel;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The live page's model: the latest snapshot from PostgreSQL, with the trend of its period from the
 * history of snapshots the streaming job keeps there ({@code coverage_history}).
 */
final class LiveCoverage {
    /** The trend's most recent points (one a {@code guiji.coverage.min-interval} at most). */
    static final int MAX_TREND_POINTS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnapshotReader reader;

    LiveCoverage(SnapshotReader reader) {
        this.reader = reader;
    }

    /** The page of the latest snapshot; an empty page while the table has none. */
    CoveragePage page() throws SQLException, IOException {
        String text = reader.latest();
        if (text == null) {
            return CoveragePageModel.of(JSON.createObjectNode(), List.of());
        }
        JsonNode snapshot = JSON.readTree(text);
        return CoveragePageModel.of(
                snapshot, reader.history(snapshot.path("period").asText(), MAX_TREND_POINTS));
    }
}
