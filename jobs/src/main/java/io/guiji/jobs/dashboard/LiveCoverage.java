package io.guiji.jobs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.jobs.coverage.page.CoveragePage;
import io.guiji.jobs.coverage.page.CoveragePage.TrendPoint;
import io.guiji.jobs.coverage.page.CoveragePageModel;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;

/**
 * The live page's model: the latest snapshot from PostgreSQL, with the trend of the snapshots this
 * dashboard has seen since it started (the table keeps only each period's latest snapshot; a
 * history table is not there yet).
 */
final class LiveCoverage {
    static final int MAX_TREND_POINTS = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnapshotReader reader;
    private final Deque<TrendPoint> trend = new ArrayDeque<>();

    LiveCoverage(SnapshotReader reader) {
        this.reader = reader;
    }

    /** The page of the latest snapshot; an empty page while the table has none. */
    synchronized CoveragePage page() throws SQLException, IOException {
        String text = reader.latest();
        JsonNode snapshot = text == null ? JSON.createObjectNode() : JSON.readTree(text);
        if (text != null) {
            TrendPoint now =
                    new TrendPoint(
                            snapshot.path("generated_at").asText(),
                            snapshot.path("dept_coverage").asDouble(),
                            snapshot.path("item_coverage").asDouble());
            if (trend.isEmpty() || !trend.peekLast().at().equals(now.at())) {
                trend.addLast(now);
                if (trend.size() > MAX_TREND_POINTS) {
                    trend.removeFirst();
                }
            }
        }
        return CoveragePageModel.of(snapshot, new ArrayList<>(trend));
    }
}
