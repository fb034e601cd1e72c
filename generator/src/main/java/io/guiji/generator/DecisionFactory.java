package io.guiji.generator;

import io.guiji.generator.Decision.Channel;
import io.guiji.generator.Decision.Copy;
import io.guiji.generator.Decision.Subject;
import io.guiji.generator.Decision.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes the next decision of a department and type with all its copies: who it concerns (an
 * enterprise, branch, look-alike, individual business, person, or a party the registry lacks), how
 * it names and identifies them, its content, its versions (new version, revocation, or no 数据更新时间 at
 * all), which channels carry it, and the broken copies that must be rejected.
 *
 * <p>Invariants that keep the truth exact (checked again when the truth is computed):
 *
 * <ul>
 *   <li>all copies of a decision write its subject name so that Text normalization gives the same
 *       string, and carry the codes of one subject only;
 *   <li>either every copy has a 数据更新时间 or none has; with times, the copies with the latest time
 *       agree on every truth value (name, fine, status); without, all copies agree;
 *   <li>a copy in the 2016 layout, which has no 罚款金额 column, never has the latest time of a
 *       decision with a fine, and never ties with one;
 *   <li>every decision has at least one accepted copy, unless it is a deliberately broken one-off.
 * </ul>
 */
final class DecisionFactory {
    private final SampleGenerator.Settings settings;
    private final NoisePlanner planner;
    private final Random rnd;
    private final GeneratedRegistry reg;
    private final CodeFactory codes;
    private final DocNumberFactory docs;
    private final ValueFormats formats;
    private final SubjectFactory subjects;
    private final ContentFactory contents;

    DecisionFactory(
            SampleGenerator.Settings settings,
            NoisePlanner planner,
            GeneratedRegistry reg,
            NameFactory names,
            CodeFactory codes) {
        this.settings = settings;
        this.planner = planner;
        this.rnd = planner.random();
        this.reg = reg;
        this.codes = codes;
        this.docs = new DocNumberFactory(planner);
        this.formats = new ValueFormats(planner);
        this.subjects = new SubjectFactory(settings, planner, reg, names, codes);
        this.contents = new ContentFactory(settings, planner);
    }

    /** The next decision of the item, numbered {@code seq}, with its copies (not yet written). */
    Decision next(ItemChannels ch, int seq, boolean withBadBytes) {
        Catalog.Item item = ch.item;
        String type = item.type();
        LocalDate date = settings.today().minusDays(20 + rnd.nextInt(1075));
        boolean resumed = type.equals("judicial") && planner.draw(0.2);
        String doc = DocNumberFactory.canonical(item.dept(), type, date.getYear(), seq, resumed);
        Subject s = subjects.subject(type);
        Decision d = new Decision(item, seq, doc, date, s);
        if (s.nameNoise != null) {
            d.noise.add(s.nameNoise);
        }
        if (s.kindNoise != null) {
            d.noise.add(s.kindNoise);
            planner.hit(s.kindNoise);
        }
        subjects.codeVariant(d);
        if (s.kind.equals("same_name")
                && (d.codeVariant.equals("none") || d.codeVariant.equals("typo"))) {
            d.noise.add(Noise.SUBJECT_SAME_NAME); // the name matches two entries and no code
            // decides: NONE
            planner.hit(Noise.SUBJECT_SAME_NAME);
        }

        // Rejections of the decision's own copies; a one-off broken decision has no other copy.
        // While
        // kinds of noise are being forced, decisions keep an accepted copy, so that forced kinds
        // show
        // in the truth of unified records.
        Noise reject = rejectKind(ch);
        boolean oneOff = reject != null && planner.draw(0.3) && !planner.anyPending();

        boolean newVersion = !oneOff && planner.chance(Noise.NEW_VERSION, 0.06);
        boolean revocation = !oneOff && planner.chance(Noise.REVOCATION, 0.04);
        d.timed = newVersion || revocation || !planner.chance(Noise.TIE_NO_UPDATED_AT, 0.15);
        LocalDateTime t0 =
                d.timed
                        ? date.atTime(8 + rnd.nextInt(10), rnd.nextInt(60), rnd.nextInt(60))
                                .plusDays(rnd.nextInt(6))
                        : null;
        Map<String, Object> content = contents.content(d);
        Version v0 = new Version(content, false, t0, (BigDecimal) content.get("fine_amount"));
        d.versions.add(v0);

        if (oneOff) {
            Copy c = copy(d, v0, rejectChannel(ch, reject), ch, t0, 0);
            corrupt(c, reject, d);
            return d;
        }

        Channel primary =
                ch.has(Channel.PLATFORM) && planner.draw(0.15) ? Channel.PLATFORM : Channel.SYSTEM;
        copy(d, v0, primary, ch, t0, 0);
        boolean needSecond =
                d.codeVariant.equals("uscc_other_copy")
                        || (!d.timed && planner.draw(0.6))
                        || ch.creditWanted();
        if (needSecond || planner.chance(Noise.DUP_CROSS_CHANNEL, settings.duplicateRate())) {
            List<Channel> others = new ArrayList<>();
            // Without times every copy may win, so a 2016-layout copy (no 罚款金额 column) must not
            // differ in the fine.
            if (ch.has(Channel.CREDIT)
                    && (d.timed
                            || v0.fine == null
                            || ch.spec(Channel.CREDIT).layout() != Layouts.Kind.LEGACY_2016)) {
                others.add(Channel.CREDIT);
            }
            if (primary != Channel.SYSTEM) {
                others.add(Channel.SYSTEM);
            }
            if (primary != Channel.PLATFORM && ch.has(Channel.PLATFORM)) {
                others.add(Channel.PLATFORM);
            }
            Collections.shuffle(others, rnd);
            if (ch.creditWanted() && others.remove(Channel.CREDIT)) {
                others.add(0, Channel.CREDIT);
            }
            int n = others.isEmpty() ? 0 : others.size() > 1 && planner.draw(0.3) ? 2 : 1;
            for (int k = 0; k < n; k++) {
                // Other channels stamp the same decision a little earlier: the primary copy stays
                // the latest.
                copy(
                        d,
                        v0,
                        others.get(k),
                        ch,
                        t0 == null ? null : t0.minusMinutes(10 + k * 200 + rnd.nextInt(190)),
                        1 + k);
            }
            if (n > 0) {
                d.noise.add(Noise.DUP_CROSS_CHANNEL);
                planner.hit(Noise.DUP_CROSS_CHANNEL);
            } else if (d.codeVariant.equals("uscc_other_copy")) {
                Channel r = primary == Channel.PLATFORM ? Channel.RESEND_JSONL : Channel.RESEND_CSV;
                copy(d, v0, r, ch, t0 == null ? null : t0.minusMinutes(10 + rnd.nextInt(190)), 1);
            } else if (needSecond) {
                resend(d, ch, primary);
            }
        }
        if (planner.chance(Noise.DUP_RESEND, 0.05)) {
            resend(d, ch, primary);
        }

        Version last = v0;
        if (newVersion) {
            last = laterVersion(d, last, false, primary, ch);
            d.noise.add(Noise.NEW_VERSION);
            planner.hit(Noise.NEW_VERSION);
        }
        if (revocation) {
            last = laterVersion(d, last, true, primary, ch);
            d.noise.add(Noise.REVOCATION);
            planner.hit(Noise.REVOCATION);
        }
        if (!d.timed && d.copies.size() > 1) {
            d.noise.add(Noise.TIE_NO_UPDATED_AT);
            planner.hit(Noise.TIE_NO_UPDATED_AT);
        }

        if (reject != null) {
            Copy c = copy(d, v0, rejectChannel(ch, reject), ch, t0, 1);
            corrupt(c, reject, d);
        }
        if (withBadBytes) {
            Copy c = copy(d, v0, Channel.SYSTEM, ch, t0, 1);
            c.reject = Noise.REJECT_BAD_BYTES;
        }
        return d;
    }

    /** A copy of the decision for the item's last row, which gets an unterminated quote. */
    Copy unterminatedCopy(Decision d, ItemChannels ch) {
        Copy c = copy(d, d.versions.get(0), Channel.SYSTEM, ch, d.versions.get(0).time, 1);
        c.reject = Noise.REJECT_UNTERMINATED_QUOTE;
        return c;
    }

    // ---- codes
    // ------------------------------------------------------------------------------------

    /** Writes the subject's codes into one copy as the decision's code variant says. */
    private void putCodes(Copy c, Decision d, int copyIndex) {
        Subject s = d.subject;
        Map<String, Object> m = c.values;
        switch (d.codeVariant) {
            case "uscc", "unregistered" -> {
                m.put("uscc", present(s.uscc));
                c.carriesUscc = true;
                if (s.orgCode != null && planner.draw(0.15)) {
                    m.put(
                            "org_code",
                            planner.draw(0.5) ? CodeFactory.hyphenated(s.orgCode) : s.orgCode);
                    c.carriesOrgCode = true;
                }
                if (s.regNo != null && planner.draw(0.2)) {
                    m.put("reg_no", s.regNo);
                    c.carriesRegNo = true;
                }
            }
            case "uscc_other_copy" -> {
                if (copyIndex == 0) {
                    if (planner.draw(0.4)) {
                        m.put("uscc", codes.typoUscc(s.uscc, rnd));
                    }
                } else {
                    m.put("uscc", present(s.uscc));
                    c.carriesUscc = true;
                }
            }
            case "reg_no" -> {
                m.put("reg_no", present(s.regNo));
                c.carriesRegNo = true;
            }
            case "org_code" -> {
                if (planner.chance(Noise.CODE_ORG_CODE_HYPHEN, 0.5)) {
                    m.put("org_code", CodeFactory.hyphenated(s.orgCode));
                    planner.hit(Noise.CODE_ORG_CODE_HYPHEN);
                } else {
                    m.put("org_code", present(s.orgCode));
                }
                c.carriesOrgCode = true;
            }
            case "wrong_column" -> {
                switch (d.wrongColumn) {
                    case 0 -> {
                        m.put("org_code", present(s.uscc));
                        c.carriesUscc = true;
                    }
                    case 1 -> {
                        m.put("uscc", present(s.regNo));
                        c.carriesRegNo = true;
                    }
                    default -> {
                        m.put("reg_no", present(s.orgCode));
                        c.carriesOrgCode = true;
                    }
                }
            }
            case "typo" -> m.put(d.typoCode.length() == 18 ? "uscc" : "reg_no", d.typoCode);
            default -> {}
        }
    }

    /** One way of writing a valid code; it must still normalize to the code. */
    private String present(String code) {
        double sc = settings.noiseScale();
        Noise n =
                planner.pick(
                        Arrays.asList(
                                null,
                                Noise.CODE_LOWER_CASE,
                                Noise.CODE_SPACES,
                                Noise.CODE_FULLWIDTH),
                        new double[] {0.87, 0.05 * sc, 0.05 * sc, 0.03 * sc});
        String r = code;
        if (n == Noise.CODE_LOWER_CASE) {
            r = CodeFactory.lowerCase(code);
        } else if (n == Noise.CODE_SPACES) {
            r = CodeFactory.spaced(code, rnd);
        } else if (n == Noise.CODE_FULLWIDTH) {
            r = CodeFactory.fullWidth(code);
        }
        if (!r.equals(code)) {
            planner.hit(n);
        }
        if (!code.equals(Normal.code(r))) {
            throw new IllegalStateException(
                    "generator bug: code " + r + " does not normalize to " + code);
        }
        return r;
    }

    /** A later version: a changed field, or the same values revoked. */
    private Version laterVersion(
            Decision d, Version prev, boolean revoke, Channel primary, ItemChannels ch) {
        Map<String, Object> c =
                revoke ? new LinkedHashMap<>(prev.content) : contents.changed(d, prev.content);
        BigDecimal fine = (BigDecimal) c.get("fine_amount");
        LocalDateTime t = prev.time.plusDays(1 + rnd.nextInt(7)).plusMinutes(rnd.nextInt(600));
        Version v = new Version(c, revoke, t, fine);
        d.versions.add(v);
        Channel resend = primary == Channel.PLATFORM ? Channel.RESEND_JSONL : Channel.RESEND_CSV;
        Channel main = ch.has(Channel.PLATFORM) && planner.draw(0.5) ? Channel.PLATFORM : resend;
        copy(d, v, main, ch, t, 1);
        if (planner.draw(0.2)) {
            Channel other =
                    main == Channel.PLATFORM
                            ? Channel.SYSTEM
                            : ch.has(Channel.PLATFORM) ? Channel.PLATFORM : Channel.SYSTEM;
            copy(d, v, other, ch, t.minusMinutes(10 + rnd.nextInt(500)), 2);
        }
        return v;
    }

    /** The primary copy sent again, unchanged, in a re-send file of the same format. */
    private void resend(Decision d, ItemChannels ch, Channel primary) {
        Copy p = d.copies.get(0);
        Channel r = primary == Channel.PLATFORM ? Channel.RESEND_JSONL : Channel.RESEND_CSV;
        Copy c = new Copy(r, p.version, new LinkedHashMap<>(p.values), p.updatedAt);
        c.carriesUscc = p.carriesUscc;
        c.carriesRegNo = p.carriesRegNo;
        c.carriesOrgCode = p.carriesOrgCode;
        c.fine = p.fine;
        d.copies.add(c);
        d.noise.add(Noise.DUP_RESEND);
        planner.hit(Noise.DUP_RESEND);
    }

    // ---- copies
    // -----------------------------------------------------------------------------------

    /** Builds one copy's values for {@code channel} and adds it to the decision. */
    private Copy copy(
            Decision d,
            Version v,
            Channel channel,
            ItemChannels ch,
            LocalDateTime time,
            int copyIndex) {
        ItemChannels.Spec spec = ch.spec(channel);
        boolean platform = spec.jsonl();
        boolean legacy = spec.layout() == Layouts.Kind.LEGACY_2016;
        boolean utf8 = spec.encoding() != ChannelWriter.Encoding.GBK;
        Subject s = d.subject;
        Copy c = new Copy(channel, v, new LinkedHashMap<>(), time);
        c.fine = legacy ? null : v.fine;
        Map<String, Object> m = c.values;
        m.put("subject_name", presentName(s.name, utf8, d));
        m.put("subject_category", s.category);
        putCodes(c, d, copyIndex);
        m.put("legal_rep", s.legalRep);
        if (s.person) {
            m.put("id_type", "身份证");
            m.put("id_no", present(s.idNo));
        }
        m.put("doc_no", docs.present(d.docNo, d.type().equals("judicial")));
        ValueFormats.DateStyle style = formats.style(platform, legacy);
        m.put("decision_date", formats.date(d.date, style));
        for (Map.Entry<String, Object> e : v.content.entrySet()) {
            Object value = e.getValue();
            if (value instanceof LocalDate) {
                value = ValueFormats.plainDate((LocalDate) value, style);
            } else if (value instanceof BigDecimal) {
                if (platform && planner.chance(Noise.AMOUNT_JSON_NUMBER, 0.5)) {
                    planner.hit(Noise.AMOUNT_JSON_NUMBER);
                } else {
                    value = formats.amount((BigDecimal) value);
                }
            }
            m.put(e.getKey(), value);
        }
        m.put("authority", d.dept().name());
        boolean words = spec.layout() == Layouts.Kind.CODES || legacy;
        m.put("status", legacy ? (v.revoked ? "撤销" : "正常") : formats.status(v.revoked, !words));
        m.put(
                "updated_at",
                time == null
                        ? null
                        : ValueFormats.dateTime(
                                time, platform ? ValueFormats.DateStyle.ISO : style));
        if (legacy) {
            m.put("x_dfbm", d.dept().division());
            m.put("x_remark", "");
        }
        if (spec.legalRepId()
                && s.entry >= 0
                && reg.kind(s.entry) != GeneratedRegistry.INDIVIDUAL
                && planner.draw(0.6)) {
            m.put("x_legal_rep_id_type", "身份证");
            m.put("x_legal_rep_id", codes.citizenId(new Random(settings.seed() * 131L + s.entry)));
            planner.hit(Noise.CODE_LEGAL_REP_ID);
        }
        d.copies.add(c);
        return c;
    }

    /** The decision's name as one copy writes it: the same after Text normalization. */
    private String presentName(String name, boolean utf8, Decision d) {
        String r = name;
        if (r.indexOf('（') >= 0 && planner.draw(0.3)) {
            r = r.replace('（', '(').replace('）', ')');
        }
        if (planner.chance(Noise.NAME_PADDING, 0.04)) {
            r =
                    switch (rnd.nextInt(3)) {
                        case 0 -> " " + r;
                        case 1 -> r + "  ";
                        default -> "\u3000" + r;
                    };
            d.noise.add(Noise.NAME_PADDING);
            planner.hit(Noise.NAME_PADDING);
        }
        if (utf8 && planner.chance(Noise.NAME_ZERO_WIDTH, 0.02)) {
            int i = 1 + rnd.nextInt(Math.max(1, r.length() - 1));
            r = r.substring(0, i) + "\u200B" + r.substring(i);
            d.noise.add(Noise.NAME_ZERO_WIDTH);
            planner.hit(Noise.NAME_ZERO_WIDTH);
        }
        if (!Normal.clean(r).equals(Normal.clean(name))) {
            throw new IllegalStateException(
                    "generator bug: " + r + " is not " + name + " after normalization");
        }
        return r;
    }

    // ---- rejections
    // -------------------------------------------------------------------------------

    private Noise rejectKind(ItemChannels ch) {
        List<Noise> opts =
                new ArrayList<>(
                        Arrays.asList(
                                Noise.REJECT_COLUMN_COUNT,
                                Noise.REJECT_MISSING_SUBJECT,
                                Noise.REJECT_MISSING_DOC_NO,
                                Noise.REJECT_MISSING_DATE,
                                Noise.REJECT_IMPOSSIBLE_DATE,
                                Noise.REJECT_GARBAGE_DATE,
                                Noise.REJECT_FUTURE_DATE));
        List<Double> w = new ArrayList<>(Arrays.asList(0.15, 0.12, 0.12, 0.1, 0.15, 0.13, 0.13));
        if (ch.has(Channel.PLATFORM)) {
            opts.add(Noise.REJECT_BROKEN_JSON);
            w.add(0.1);
        }
        boolean pending = false;
        for (Noise n : opts) {
            pending |= planner.pending(n);
        }
        if (!pending && !planner.draw(settings.rejectRate() * settings.noiseScale())) {
            return null;
        }
        return planner.pick(opts, w.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private Channel rejectChannel(ItemChannels ch, Noise reject) {
        if (reject == Noise.REJECT_BROKEN_JSON) {
            return Channel.PLATFORM;
        }
        boolean credit = ch.has(Channel.CREDIT) && planner.draw(0.3);
        if (reject == Noise.REJECT_COLUMN_COUNT) {
            return credit ? Channel.CREDIT : Channel.SYSTEM;
        }
        if (credit) {
            return Channel.CREDIT;
        }
        return ch.has(Channel.PLATFORM) && planner.draw(0.3) ? Channel.PLATFORM : Channel.SYSTEM;
    }

    /** Breaks a copy's values as {@code reject} says (format breakage is left to the writer). */
    private void corrupt(Copy c, Noise reject, Decision d) {
        c.reject = reject;
        Map<String, Object> m = c.values;
        switch (reject) {
            case REJECT_MISSING_SUBJECT -> {
                if (c.channel == Channel.PLATFORM && planner.draw(0.5)) {
                    m.remove("subject_name");
                } else {
                    m.put("subject_name", planner.draw(0.5) ? "" : "\u3000");
                }
            }
            case REJECT_MISSING_DOC_NO -> m.put("doc_no", "");
            case REJECT_MISSING_DATE -> m.put("decision_date", "");
            case REJECT_IMPOSSIBLE_DATE ->
                    m.put("decision_date", formats.impossibleDate(d.date.getYear()));
            case REJECT_GARBAGE_DATE -> m.put("decision_date", formats.garbageDate());
            case REJECT_FUTURE_DATE -> m.put("decision_date", futureDate());
            default -> {}
        }
    }

    private String futureDate() {
        LocalDate f = settings.today().plusDays(1 + rnd.nextInt(90));
        return ValueFormats.format(
                f.getYear(),
                f.getMonthValue(),
                f.getDayOfMonth(),
                ValueFormats.DateStyle.values()[
                        rnd.nextInt(ValueFormats.DateStyle.values().length)]);
    }
}
