package io.guiji.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The departments of 朝阳市 (docs/domain.md §5) and the resource catalogue (涉企信息归集资源目录) they are
 * measured against, with the gaps a real collection has (docs/contract.md §8):
 *
 * <ul>
 *   <li>city bureaus ({@code 211300-SCJGJ} …) and county-level counterparts in every division, each
 *       catalogued for one to four record types;
 *   <li>some catalogued departments supply nothing, chosen so that department coverage falls
 *       between 0.85 and 0.93, below the 0.95 target;
 *   <li>some catalogued items of supplying departments stay empty;
 *   <li>one or two departments supply records without being catalogued, and one catalogued
 *       department also supplies a type not catalogued for it.
 * </ul>
 *
 * {@link #items()} lists what is supplied, each with a weight for sharing out the records.
 */
final class Catalog {
    /** A department; {@code catalogued} lists its catalogue entries (empty when it is absent). */
    record Department(
            String code,
            String name,
            String division,
            String abbr,
            DeptKind kind,
            String court,
            List<String> catalogued,
            String cycle,
            double weight) {}

    /** A department × record type that gets records. */
    record Item(Department dept, String type, double weight, boolean catalogued) {}

    private static final String[][] COUNTIES = {
        // division, name as a prefix of department names, short form for document numbers, court,
        // court name
        {"211302", "朝阳市双塔区", "双", "辽1302", "朝阳市双塔区人民法院"},
        {"211303", "朝阳市龙城区", "龙", "辽1303", "朝阳市龙城区人民法院"},
        {"211321", "朝阳县", "朝县", "辽1321", "朝阳县人民法院"},
        {"211322", "建平县", "建", "辽1322", "建平县人民法院"},
        {"211324", "喀喇沁左翼蒙古族自治县", "喀左", "辽1324", "喀喇沁左翼蒙古族自治县人民法院"},
        {"211381", "北票市", "北", "辽1381", "北票市人民法院"},
        {"211382", "凌源市", "凌", "辽1382", "凌源市人民法院"},
    };
    private static final String[] CYCLES = {"实时", "每日", "每周", "每月"};

    private final List<Department> departments = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();

    private Catalog() {}

    static Catalog plan(NoisePlanner planner) {
        Catalog c = new Catalog();
        Random rnd = planner.random();
        List<Department> catalogued = new ArrayList<>();
        String city = "211300";
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "SCJGJ",
                        "朝阳市市场监督管理局",
                        "朝市监",
                        DeptKind.MARKET,
                        null,
                        10,
                        "license",
                        "penalty",
                        "inspection",
                        "dishonesty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "STHJJ",
                        "朝阳市生态环境局",
                        "朝环",
                        DeptKind.ENVIRONMENT,
                        null,
                        3,
                        "license",
                        "penalty",
                        "inspection"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "YJGLJ",
                        "朝阳市应急管理局",
                        "朝应急",
                        DeptKind.EMERGENCY,
                        null,
                        3,
                        "license",
                        "penalty",
                        "inspection"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "JTYSJ",
                        "朝阳市交通运输局",
                        "朝交",
                        DeptKind.TRANSPORT,
                        null,
                        3,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "ZJJ",
                        "朝阳市住房和城乡建设局",
                        "朝住建",
                        DeptKind.HOUSING,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "WSJKW",
                        "朝阳市卫生健康委员会",
                        "朝卫",
                        DeptKind.HEALTH,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "RSJ",
                        "朝阳市人力资源和社会保障局",
                        "朝人社",
                        DeptKind.HR,
                        null,
                        2,
                        "penalty",
                        "inspection"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "CGZFJ",
                        "朝阳市城市管理综合行政执法局",
                        "朝城管",
                        DeptKind.URBAN,
                        null,
                        3,
                        "penalty",
                        "coercion"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "ZRZYJ",
                        "朝阳市自然资源局",
                        "朝自然资",
                        DeptKind.LAND,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "NYNCJ",
                        "朝阳市农业农村局",
                        "朝农",
                        DeptKind.AGRICULTURE,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "WHLYJ",
                        "朝阳市文化旅游和广播电视局",
                        "朝文旅",
                        DeptKind.CULTURE,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "GAJ",
                        "朝阳市公安局",
                        "朝公",
                        DeptKind.POLICE,
                        null,
                        2,
                        "license",
                        "penalty"));
        catalogued.add(dept(rnd, city, "SLJ", "朝阳市水利局", "朝水", DeptKind.WATER, null, 1, "license"));
        catalogued.add(
                dept(rnd, city, "SWJ", "朝阳市商务局", "朝商", DeptKind.COMMERCE, null, 1, "license"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "XFJYZD",
                        "朝阳市消防救援支队",
                        "朝消",
                        DeptKind.FIRE,
                        null,
                        2,
                        "penalty",
                        "inspection"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "SW",
                        "国家税务总局朝阳市税务局",
                        "朝税",
                        DeptKind.TAX,
                        null,
                        2,
                        "penalty",
                        "dishonesty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "FGW",
                        "朝阳市发展和改革委员会",
                        "朝发改",
                        DeptKind.CREDIT,
                        null,
                        1,
                        "dishonesty"));
        catalogued.add(
                dept(
                        rnd,
                        city,
                        "ZJFY",
                        "辽宁省朝阳市中级人民法院",
                        null,
                        DeptKind.COURT,
                        "辽13",
                        3,
                        "judicial"));
        for (String[] county : COUNTIES) {
            String d = county[0];
            String n = county[1];
            String s = county[2];
            catalogued.add(
                    dept(
                            rnd,
                            d,
                            "SCJGJ",
                            n + "市场监督管理局",
                            s + "市监",
                            DeptKind.MARKET,
                            null,
                            4,
                            "license",
                            "penalty",
                            "inspection"));
            catalogued.add(
                    dept(
                            rnd,
                            d,
                            "HBJ",
                            "朝阳市生态环境局" + n.replace("朝阳市", "") + "分局",
                            "朝环" + s,
                            DeptKind.ENVIRONMENT,
                            null,
                            1,
                            "penalty",
                            "inspection"));
            catalogued.add(
                    dept(
                            rnd,
                            d,
                            "ZJJ",
                            n + "住房和城乡建设局",
                            s + "住建",
                            DeptKind.HOUSING,
                            null,
                            1,
                            "license",
                            "penalty"));
            catalogued.add(
                    dept(rnd, d, "FY", county[4], null, DeptKind.COURT, county[3], 2, "judicial"));
            if (d.equals("211321")
                    || d.equals("211322")
                    || d.equals("211381")
                    || d.equals("211382")) {
                catalogued.add(
                        dept(
                                rnd,
                                d,
                                "YJGLJ",
                                n + "应急管理局",
                                s + "应急",
                                DeptKind.EMERGENCY,
                                null,
                                1,
                                "penalty",
                                "inspection"));
            }
        }
        c.departments.addAll(catalogued);

        // Silent departments: 7–15 % of the catalogue, so coverage lands at 0.85–0.93.
        int n = catalogued.size();
        int low = (int) Math.ceil(0.07 * n);
        int high = (int) Math.floor(0.15 * n);
        int silent = low + rnd.nextInt(Math.max(1, high - low + 1));
        List<Department> candidates =
                new ArrayList<>(
                        catalogued.subList(1, n)); // the city's market bureau always supplies
        Collections.shuffle(candidates, rnd);
        List<Department> quiet = candidates.subList(0, silent);
        for (int i = 0; i < silent; i++) {
            planner.hit(Noise.COVERAGE_SILENT_DEPT);
        }

        for (Department d : catalogued) {
            if (quiet.contains(d)) {
                continue;
            }
            for (int t = 0; t < d.catalogued().size(); t++) {
                // the first catalogued type is always supplied, so every supplying department is
                // covered;
                // the city's market bureau, the main supplier, supplies everything
                if (t > 0
                        && d != catalogued.get(0)
                        && planner.chance(Noise.COVERAGE_EMPTY_ITEM, 0.12)) {
                    planner.hit(Noise.COVERAGE_EMPTY_ITEM);
                    continue;
                }
                c.items.add(item(d, d.catalogued().get(t), true));
            }
            if (d == catalogued.get(0) && planner.chance(Noise.COVERAGE_UNCATALOGUED_TYPE, 0.7)) {
                c.items.add(item(d, "coercion", false));
                planner.hit(Noise.COVERAGE_UNCATALOGUED_TYPE);
            }
        }

        List<Department> absent = new ArrayList<>();
        absent.add(dept(rnd, city, "YCZMJ", "朝阳市烟草专卖局", "朝烟", DeptKind.TOBACCO, null, 2));
        if (planner.draw(0.5)) {
            absent.add(dept(rnd, "211322", "LCJ", "建平县林业和草原局", "建林", DeptKind.FORESTRY, null, 1));
        }
        for (Department d : absent) {
            c.departments.add(d);
            c.items.add(item(d, "penalty", false));
            if (d.kind() == DeptKind.TOBACCO) {
                c.items.add(item(d, "license", false));
            }
            planner.hit(Noise.COVERAGE_UNCATALOGUED_DEPT);
        }
        return c;
    }

    private static Department dept(
            Random rnd,
            String division,
            String suffix,
            String name,
            String abbr,
            DeptKind kind,
            String court,
            double weight,
            String... types) {
        return new Department(
                division + "-" + suffix,
                name,
                division,
                abbr,
                kind,
                court,
                List.of(types),
                CYCLES[rnd.nextInt(CYCLES.length)],
                weight);
    }

    private static Item item(Department d, String type, boolean catalogued) {
        double factor =
                switch (type) {
                    case "penalty" -> 1.3;
                    case "license" -> 1.2;
                    case "dishonesty" -> 0.6;
                    case "coercion" -> 0.5;
                    default -> 1.0;
                };
        return new Item(
                d, type, d.weight() / Math.max(1, d.catalogued().size()) * factor, catalogued);
    }

    /** Every department: catalogued ones first, then those absent from the catalogue. */
    List<Department> departments() {
        return departments;
    }

    /** What is supplied: department × type, in a fixed order. */
    List<Item> items() {
        return items;
    }

    /** Writes {@code catalog/catalog.csv}: 部门编码,部门名称,行政区划代码,信息类别,更新周期. */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("部门编码,部门名称,行政区划代码,信息类别,更新周期\n");
            for (Department d : departments) {
                for (String type : d.catalogued()) {
                    out.write(
                            Csv.record(
                                    List.of(d.code(), d.name(), d.division(), type, d.cycle()),
                                    false));
                    out.write('\n');
                }
            }
        }
    }
}
