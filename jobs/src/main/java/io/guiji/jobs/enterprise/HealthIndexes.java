package io.guiji.jobs.enterprise;

import io.guiji.schemas.EnterpriseProfile;
import io.guiji.schemas.HealthComponent;
import io.guiji.schemas.HealthIndex;
import io.guiji.schemas.ProfileCase;
import io.guiji.schemas.ProfileListing;
import io.guiji.schemas.ProfilePenalty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The health index of a profile under a {@link HealthModel}: a pure function of the profile (its
 * reference date included) and the model, so anyone holding a published profile and the model can
 * recompute it. Six components, each deducting at most its weight from 100: recent penalties
 * (count, category, amount), listings in force, coercive measures in force, recent court
 * enforcement, expired licences and recent inspection results. The health field of the profile
 * given is not read.
 */
public final class HealthIndexes {
    private HealthIndexes() {}

    public static HealthIndex of(EnterpriseProfile p, HealthModel m) {
        List<HealthComponent> components = new ArrayList<>();
        components.add(penalties(p, m));
        components.add(listings(p, m));
        components.add(
                component(
                        "coercive_measures",
                        m.coercionWeight,
                        p.getCoerciveMeasuresInForce().size(),
                        m.coercionEach * p.getCoerciveMeasuresInForce().size(),
                        p.getCoerciveMeasuresInForce().size()
                                + " in force × "
                                + num(m.coercionEach)));
        components.add(court(p, m));
        components.add(
                component(
                        "expired_licences",
                        m.licencesWeight,
                        p.getLicencesExpired().size(),
                        m.licencesExpiredEach * p.getLicencesExpired().size(),
                        p.getLicencesExpired().size()
                                + " expired × "
                                + num(m.licencesExpiredEach)));
        components.add(inspections(p, m));
        double deducted = 0;
        for (HealthComponent c : components) {
            deducted += c.getDeduction();
        }
        int score =
                BigDecimal.valueOf(Math.max(0, 100 - deducted))
                        .setScale(0, RoundingMode.HALF_UP)
                        .intValue();
        HealthModel.Grade g = m.grade(score);
        return new HealthIndex(score, g.grade(), g.label(), m.name, components);
    }

    private static HealthComponent penalties(EnterpriseProfile p, HealthModel m) {
        LocalDate ref = LocalDate.parse(p.getReferenceDate());
        double raw = 0;
        long n = 0;
        Map<String, Integer> byKeyword = new TreeMap<>();
        Map<String, Integer> byTier = new TreeMap<>();
        for (ProfilePenalty pen : p.getRecentPenalties()) {
            if (!ProfileBuilder.recent(pen.getDecisionDate(), ref)) {
                continue; // a profile is read as published; the model trusts only its own window
            }
            n++;
            raw += m.penaltiesEach;
            String category = pen.getPenaltyCategory() == null ? "" : pen.getPenaltyCategory();
            for (Map.Entry<String, Double> e : m.penaltyCategories.entrySet()) {
                if (!e.getKey().isEmpty() && category.contains(e.getKey())) {
                    raw += e.getValue();
                    byKeyword.merge(e.getKey(), 1, Integer::sum);
                }
            }
            if (pen.getAmount() != null) {
                Map.Entry<BigDecimal, Double> tier = m.penaltyAmounts.floorEntry(pen.getAmount());
                if (tier != null) {
                    raw += tier.getValue();
                    byTier.merge(tier.getKey().toPlainString(), 1, Integer::sum);
                }
            }
        }
        StringBuilder detail = new StringBuilder();
        detail.append(n).append(" recent × ").append(num(m.penaltiesEach));
        byKeyword.forEach(
                (k, c) ->
                        detail.append("; ")
                                .append(k)
                                .append(" ×")
                                .append(c)
                                .append(" +")
                                .append(num(m.penaltyCategories.get(k))));
        byTier.forEach(
                (k, c) ->
                        detail.append("; ≥")
                                .append(k)
                                .append("万元 ×")
                                .append(c)
                                .append(" +")
                                .append(num(m.penaltyAmounts.get(new BigDecimal(k)))));
        return component("penalties", m.penaltiesWeight, n, raw, detail.toString());
    }

    private static HealthComponent listings(EnterpriseProfile p, HealthModel m) {
        List<ProfileListing> d = p.getDishonestyInForce();
        List<ProfileListing> a = p.getAbnormalOperationInForce();
        return component(
                "listings",
                m.listingsWeight,
                d.size() + a.size(),
                m.dishonestyEach * d.size() + m.abnormalEach * a.size(),
                d.size()
                        + " dishonesty × "
                        + num(m.dishonestyEach)
                        + "; "
                        + a.size()
                        + " abnormal operation × "
                        + num(m.abnormalEach));
    }

    private static HealthComponent court(EnterpriseProfile p, HealthModel m) {
        LocalDate ref = LocalDate.parse(p.getReferenceDate());
        long n = 0;
        long dishonest = 0;
        for (ProfileCase c : p.getCourtEnforcement()) {
            if (ProfileBuilder.recent(c.getDecisionDate(), ref)) {
                n++;
                if (Boolean.TRUE.equals(c.getDishonest())) {
                    dishonest++;
                }
            }
        }
        return component(
                "court_enforcement",
                m.courtWeight,
                n,
                m.courtEach * n + m.courtDishonest * dishonest,
                n
                        + " recent × "
                        + num(m.courtEach)
                        + "; "
                        + dishonest
                        + " 失信被执行人 × "
                        + num(m.courtDishonest));
    }

    private static HealthComponent inspections(EnterpriseProfile p, HealthModel m) {
        long n = 0;
        double raw = 0;
        StringBuilder detail = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(p.getRecentInspections()).entrySet()) {
            n += e.getValue();
            Double points = m.inspectionResults.get(e.getKey());
            if (points != null && points > 0) {
                raw += points * e.getValue();
                detail.append(detail.length() == 0 ? "" : "; ")
                        .append(e.getKey())
                        .append(" ×")
                        .append(e.getValue())
                        .append(" × ")
                        .append(num(points));
            }
        }
        return component(
                "inspections",
                m.inspectionsWeight,
                n,
                raw,
                n + " recent" + (detail.length() == 0 ? "" : "; " + detail));
    }

    private static HealthComponent component(
            String name, double weight, long count, double raw, String detail) {
        double deduction = Math.min(weight, raw);
        return new HealthComponent(
                name,
                weight,
                deduction,
                count,
                detail + " = " + num(raw) + (raw > weight ? ", capped at " + num(weight) : ""));
    }

    /** A number as the model file writes it: 3, 2.5. */
    static String num(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
