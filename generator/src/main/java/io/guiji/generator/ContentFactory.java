package io.guiji.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The type-specific values of a decision (docs/contract.md §2) in the words of its department
 * (docs/domain.md §2, {@link DeptKind}): licences with their numbers and validity, penalties with
 * violation, legal basis, category and fine (sometimes sent in 元 under the 万元 header), inspection
 * results, coercive measures, court cases, list entries; and the content of a later version. Dates
 * are {@link LocalDate} and amounts {@link BigDecimal} here; each copy formats them its own way.
 */
final class ContentFactory {
    private static final List<String> PENALTY_CATEGORIES =
            List.of("罚款", "警告", "罚款;没收违法所得", "警告;罚款", "责令停产停业");
    private static final double[] PENALTY_CATEGORY_WEIGHTS = {0.6, 0.1, 0.15, 0.1, 0.05};
    private static final String[] LICENSE_CATEGORIES = {
        "普通", "普通", "普通", "特许", "认可", "核准", "登记", "其他"
    };
    private static final String[] RESULTS = {
        "未发现问题",
        "未发现问题",
        "未发现问题",
        "发现问题经责令已改正",
        "发现问题待后续处理",
        "未发现本次抽查涉及的生产经营活动",
        "不配合检查情节严重",
        "通过登记的住所（经营场所）无法联系",
        "未按规定公示应当公示的信息",
        "已注销",
        "被吊销"
    };
    private static final double[] FINES = {
        0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1, 1.5, 2, 3, 5, 8, 10, 20, 50
    };

    private final SampleGenerator.Settings settings;
    private final NoisePlanner planner;
    private final Random rnd;

    ContentFactory(SampleGenerator.Settings settings, NoisePlanner planner) {
        this.settings = settings;
        this.planner = planner;
        this.rnd = planner.random();
    }

    /** The type-specific values of the first version; dates as LocalDate, amounts as BigDecimal. */
    Map<String, Object> content(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        DeptKind kind = d.dept().kind();
        LocalDate date = d.date;
        switch (d.type()) {
            case "license" -> {
                String name = pick(kind.licenses);
                m.put("license_name", name);
                m.put("license_no", licenseNo(name, d));
                m.put("license_category", pick(LICENSE_CATEGORIES));
                m.put("content", licenseContent(name, d));
                m.put("valid_from", date);
                m.put("valid_to", date.plusYears(3 + rnd.nextInt(4)).minusDays(1));
            }
            case "penalty" -> {
                String[] v = pick(kind.violations).split("\\|");
                String category = PENALTY_CATEGORIES.get(weighted(PENALTY_CATEGORY_WEIGHTS));
                BigDecimal fine = null;
                boolean yuan = false;
                if (category.contains("罚款")) {
                    fine =
                            BigDecimal.valueOf(FINES[rnd.nextInt(FINES.length)])
                                    .stripTrailingZeros();
                    if (planner.chance(Noise.AMOUNT_IN_YUAN, 0.05)) {
                        fine = fine.movePointRight(4).setScale(0, RoundingMode.HALF_UP);
                        yuan = true;
                        d.noise.add(Noise.AMOUNT_IN_YUAN);
                        planner.hit(Noise.AMOUNT_IN_YUAN);
                    }
                }
                m.put("violation_type", v[0]);
                m.put("violation_facts", facts(d, v[0]));
                m.put("legal_basis", "依据" + v[1] + v[2]);
                m.put("penalty_category", category);
                m.put("content", penaltyContent(category, fine, yuan));
                m.put("fine_amount", fine);
                m.put(
                        "confiscated_amount",
                        category.contains("没收")
                                ? BigDecimal.valueOf(5 + rnd.nextInt(500), 2)
                                : null);
                m.put(
                        "publicity_until",
                        date.plusMonths(
                                fine == null || fine.compareTo(BigDecimal.ONE) < 0 ? 3 : 36));
                m.put("x_case_name", d.subject.name + v[0] + "案");
            }
            case "inspection" -> {
                boolean spot = planner.draw(0.7);
                m.put(
                        "task_no",
                        spot
                                ? "SJRW"
                                        + d.dept().division()
                                        + date.getYear()
                                        + String.format("%04d", 1 + rnd.nextInt(60))
                                : null);
                m.put("inspection_type", spot ? "抽查" : "检查");
                m.put("inspection_item", pick(kind.inspections));
                m.put("result", pick(RESULTS));
            }
            case "coercion" -> {
                String[] v = pick(kind.measures).split("\\|");
                m.put("measure_type", v[0]);
                m.put("content", v[1]);
                LocalDate release = date.plusDays(30 + rnd.nextInt(150));
                m.put(
                        "release_date",
                        planner.draw(0.4) && !release.isAfter(settings.today()) ? release : null);
            }
            case "judicial" -> {
                m.put("case_type", d.docNo.contains("执恢") ? "恢复执行" : "首次执行");
                m.put("amount", BigDecimal.valueOf(100_000 + rnd.nextInt(500_000_000), 2));
                m.put("dishonest", planner.draw(0.3) ? "是" : "否");
            }
            case "dishonesty" -> {
                String[] v = pick(kind.lists).split("\\|");
                m.put("list_type", v[0]);
                m.put("reason", v[1]);
                LocalDate removal = date.plusDays(90 + rnd.nextInt(400));
                m.put(
                        "removal_date",
                        planner.draw(0.2) && !removal.isAfter(settings.today()) ? removal : null);
            }
            default -> throw new IllegalArgumentException(d.type());
        }
        return m;
    }

    private int weighted(double[] weights) {
        double total = 0;
        for (double x : weights) {
            total += x;
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private String licenseNo(String licenseName, Decision d) {
        String digits = String.format("%08d", rnd.nextInt(100_000_000));
        if (licenseName.startsWith("食品经营")) {
            return "JY1" + d.dept().division() + digits.substring(0, 7);
        }
        if (licenseName.startsWith("食品生产")) {
            return "SC1" + d.dept().division() + digits.substring(0, 7);
        }
        return "（" + d.dept().abbr() + "）字第" + d.date.getYear() + digits.substring(0, 5) + "号";
    }

    private String licenseContent(String licenseName, Decision d) {
        if (licenseName.startsWith("食品经营")) {
            return planner.chance(Noise.TEXT_QUOTES_COMMAS, 0.08)
                    ? quoted(d, "经营项目：预包装食品销售,散装食品销售,热食类食品制售")
                    : "经营项目：预包装食品销售（含冷藏冷冻食品），散装食品销售";
        }
        return "准予" + d.subject.name + "取得" + licenseName;
    }

    private String facts(Decision d, String violation) {
        String f =
                "经查，当事人于"
                        + d.date.minusDays(10 + rnd.nextInt(60)).getYear()
                        + "年期间存在"
                        + violation
                        + "的行为，违反了相关法律规定。";
        if (planner.chance(Noise.TEXT_QUOTES_COMMAS, 0.08)) {
            f =
                    quoted(
                            d,
                            "经查,当事人销售标注\""
                                    + d.subject.name.substring(
                                            0, Math.min(4, d.subject.name.length()))
                                    + "\"字样的产品,货值金额1,200元。");
        }
        if (planner.chance(Noise.TEXT_NEWLINE, 0.03)) {
            f = f + "\n当事人已于责令改正期限内改正。";
            d.noise.add(Noise.TEXT_NEWLINE);
            planner.hit(Noise.TEXT_NEWLINE);
        }
        return f;
    }

    private String quoted(Decision d, String text) {
        d.noise.add(Noise.TEXT_QUOTES_COMMAS);
        planner.hit(Noise.TEXT_QUOTES_COMMAS);
        return text;
    }

    private static String penaltyContent(String category, BigDecimal fine, boolean yuan) {
        if (fine == null) {
            return category.replace(";", "，");
        }
        String amount =
                yuan ? "罚款人民币" + fine.toPlainString() + "元" : "罚款人民币" + fine.toPlainString() + "万元";
        return category.replace("罚款", amount).replace(";", "，");
    }

    /**
     * The content of a new version: one field changed (a reduced fine, a longer validity, a
     * corrected reason …).
     */
    Map<String, Object> changed(Decision d, Map<String, Object> previous) {
        Map<String, Object> c = new LinkedHashMap<>(previous);
        BigDecimal fine = (BigDecimal) c.get("fine_amount");
        switch (d.type()) {
            case "penalty" -> {
                if (fine != null) {
                    fine =
                            fine.scale() <= 0 && fine.compareTo(BigDecimal.valueOf(1000)) >= 0
                                    ? fine.divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_UP)
                                    : fine.divide(BigDecimal.valueOf(2), 3, RoundingMode.HALF_UP)
                                            .stripTrailingZeros();
                    c.put("fine_amount", fine);
                    c.put(
                            "content",
                            "经复核，"
                                    + penaltyContent(
                                            (String) c.get("penalty_category"),
                                            fine,
                                            d.noise.contains(Noise.AMOUNT_IN_YUAN)));
                } else {
                    c.put("content", c.get("content") + "（经复核维持）");
                }
            }
            case "license" -> c.put("valid_to", ((LocalDate) c.get("valid_to")).plusYears(1));
            case "inspection" -> c.put("result", "发现问题经责令已改正");
            case "coercion" -> c.put("content", c.get("content") + "（变更）");
            case "judicial" ->
                    c.put("amount", ((BigDecimal) c.get("amount")).add(BigDecimal.valueOf(10_000)));
            case "dishonesty" -> c.put("reason", c.get("reason") + "（更正）");
            default -> throw new IllegalArgumentException(d.type());
        }
        return c;
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }
}
