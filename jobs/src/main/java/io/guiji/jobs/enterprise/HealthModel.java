package io.guiji.jobs.enterprise;

import io.guiji.jobs.normalize.Text;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weights of the health index (企业综合健康指数, docs/contract.md §9), read from a {@code key: value}
 * file: {@code health-model.properties} beside this class by default, a bureau's own file through
 * {@code guiji.enterprise.health-model}. Each component deducts points from 100, at most its {@code
 * weight}; the file's comments explain every key. Keywords and results are compared after the text
 * normalization of docs/contract.md §4, as the records' values are. Immutable.
 */
public final class HealthModel implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String RESOURCE = "health-model.properties";

    /** A grade: scores of at least {@code min} get it (the highest such grade). */
    record Grade(double min, String grade, String label) implements Serializable {}

    final String name;
    final double penaltiesWeight;
    final double penaltiesEach;

    /** Keyword of 处罚类别 → extra points per penalty whose category contains it. */
    final Map<String, Double> penaltyCategories;

    /** Amount threshold (万元) → extra points per penalty of at least that amount (highest). */
    final TreeMap<BigDecimal, Double> penaltyAmounts;

    final double listingsWeight;
    final double dishonestyEach;
    final double abnormalEach;
    final double coercionWeight;
    final double coercionEach;
    final double courtWeight;
    final double courtEach;
    final double courtDishonest;
    final double licencesWeight;
    final double licencesExpiredEach;
    final double inspectionsWeight;

    /** 检查结果 as published → points per recent inspection with that result. */
    final Map<String, Double> inspectionResults;

    final List<Grade> grades;

    private HealthModel(KeyValueFile f) {
        name = f.string("model", "guiji-health");
        penaltiesWeight = f.number("penalties.weight");
        penaltiesEach = f.number("penalties.each");
        penaltyCategories = new LinkedHashMap<>();
        penaltyAmounts = new TreeMap<>();
        inspectionResults = new LinkedHashMap<>();
        List<Grade> gs = new ArrayList<>();
        for (String key : f.keys()) {
            if (key.startsWith("penalties.category.")) {
                penaltyCategories.put(
                        Text.clean(key.substring("penalties.category.".length())), f.number(key));
            } else if (key.startsWith("penalties.amount.")) {
                String t = key.substring("penalties.amount.".length());
                try {
                    penaltyAmounts.put(new BigDecimal(t), f.number(key));
                } catch (NumberFormatException e) {
                    throw f.problem(key, "must name an amount in 万元 after penalties.amount.");
                }
            } else if (key.startsWith("inspections.result.")) {
                inspectionResults.put(
                        Text.clean(key.substring("inspections.result.".length())), f.number(key));
            } else if (key.startsWith("grade.")) {
                String[] v = f.string(key).split("\\s+", 2);
                try {
                    gs.add(
                            new Grade(
                                    Double.parseDouble(v[0]),
                                    key.substring("grade.".length()),
                                    v.length > 1 ? v[1] : key.substring("grade.".length())));
                } catch (NumberFormatException e) {
                    throw f.problem(key, "must be '<lowest score> <label>', e.g. '90 优'");
                }
            }
        }
        listingsWeight = f.number("listings.weight");
        dishonestyEach = f.number("listings.dishonesty");
        abnormalEach = f.number("listings.abnormal-operation");
        coercionWeight = f.number("coercion.weight");
        coercionEach = f.number("coercion.each");
        courtWeight = f.number("court.weight");
        courtEach = f.number("court.each");
        courtDishonest = f.number("court.dishonest");
        licencesWeight = f.number("licences.weight");
        licencesExpiredEach = f.number("licences.expired");
        inspectionsWeight = f.number("inspections.weight");
        gs.sort(Comparator.comparingDouble(Grade::min).reversed());
        if (gs.isEmpty() || gs.get(gs.size() - 1).min() > 0) {
            throw f.problem(
                    "grade.*", "must include a grade for scores from 0 (e.g. grade.D: 0 差)");
        }
        grades = List.copyOf(gs);
    }

    /** The model that ships with guiji. */
    public static HealthModel builtIn() {
        return new HealthModel(KeyValueFile.resource(RESOURCE));
    }

    /** A bureau's model; an {@link IllegalArgumentException} names the file and key at fault. */
    public static HealthModel fromFile(Path file) {
        return new HealthModel(KeyValueFile.file(file));
    }

    static HealthModel of(Map<String, String> values) {
        return new HealthModel(KeyValueFile.of("model", values));
    }

    Grade grade(double score) {
        for (Grade g : grades) {
            if (score >= g.min()) {
                return g;
            }
        }
        return grades.get(grades.size() - 1);
    }
}
