package io.guiji.jobs.coverage.page;

import java.util.List;
import java.util.Map;

/**
 * What the coverage page for leaders shows (docs/contract.md §9, {@code coverage.html}), computed
 * once from a coverage snapshot by {@link CoveragePageModel}: every figure on the page comes from
 * here, written into the page as JSON ({@link CoveragePageHtml}). Ratios are 0–1; labels are
 * Chinese.
 *
 * @param headline the overall figures against the target
 * @param divisions per 行政区划, sorted by department coverage, lowest first
 * @param departments per department, lagging first (see {@link DeptRow#order})
 * @param matrix the catalogue matrix, department × record type
 * @param trend coverage over time, oldest first; empty when the snapshots carry no history (a
 *     bounded run has one final snapshot)
 * @param rejectReasons the Chinese name of each rejection reason met on the page
 * @param timeliness the share of records received within the publication deadline, overall; null
 *     while no timeliness figures are measured (the page then has no timeliness column)
 */
public record CoveragePage(
        Headline headline,
        List<DivisionBar> divisions,
        List<DeptRow> departments,
        Matrix matrix,
        List<TrendPoint> trend,
        Map<String, String> rejectReasons,
        Double timeliness) {

    /**
     * @param status {@code MET} or {@code BELOW}: department coverage against the target
     * @param statusLabel 达标 or 未达标
     * @param itemStatus item coverage against the same target
     */
    public record Headline(
            String title,
            String period,
            String periodLabel,
            String generatedAt,
            double target,
            double deptCoverage,
            int coveredDepts,
            int depts,
            double itemCoverage,
            int coveredItems,
            int items,
            String status,
            String statusLabel,
            String itemStatus,
            String itemStatusLabel,
            int laggingDepts,
            int uncataloguedDepts,
            long received,
            long accepted,
            long rejected,
            long duplicates,
            long unified,
            Double linkRate) {}

    /** One 行政区划: its code is its label (the inputs carry no division names). */
    public record DivisionBar(
            String code,
            String label,
            int depts,
            int coveredDepts,
            int items,
            int coveredItems,
            double deptCoverage,
            double itemCoverage,
            String status,
            String statusLabel) {}

    /**
     * One department's row.
     *
     * @param label the catalogue's name of the department, else its code
     * @param status {@code UNCOVERED} (catalogued, no catalogued item has a record: lagging),
     *     {@code PARTIAL} (some catalogued items have none), {@code COVERED}, or {@code
     *     UNCATALOGUED} (supplies records but is missing from the catalogue)
     * @param lagging the department is among {@code uncovered_depts}, the list for the 通报
     * @param order the row's place in the page's default order: lagging first, then partly covered
     *     by item coverage, then covered, then uncatalogued; within each by code
     * @param linkRate linked ÷ non-person unified records; null when there are none
     * @param rejectedByReason rejected records per reason code (why a department lags)
     * @param missingTypes the catalogued types with no accepted record, in Chinese
     * @param timeliness share of records within the publication deadline; null while not measured
     */
    public record DeptRow(
            String code,
            String name,
            String label,
            String division,
            boolean catalogued,
            long received,
            long accepted,
            long rejected,
            long duplicates,
            long unified,
            long nonPerson,
            long linked,
            Double linkRate,
            int coveredItems,
            int cataloguedItems,
            Double itemCoverage,
            String status,
            String statusLabel,
            boolean lagging,
            int order,
            Map<String, Long> rejectedByReason,
            List<String> missingTypes,
            Double timeliness) {}

    /**
     * The catalogue matrix: {@code rows} are department labels (the order of {@link
     * CoveragePage#departments}), {@code columns} the six record types in Chinese; each cell is
     * {@code [column, row, state, accepted]}.
     *
     * @param states the Chinese legend of each state: 0 not catalogued, 1 catalogued without a
     *     record (a gap), 2 catalogued and covered, 3 records of a type the catalogue does not list
     */
    public record Matrix(
            List<String> rows,
            List<String> columns,
            List<String> columnCodes,
            List<long[]> cells,
            List<String> states) {}

    /** Coverage at one moment of collection. */
    public record TrendPoint(String at, double deptCoverage, double itemCoverage) {}
}
