package io.guiji.generator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One administrative decision as the generator knows it — the truth — and the copies of it that
 * channels send: its identity (department, type, canonical document number), its subject, its
 * versions (a new version or a revocation is a later copy) and every copy with its values.
 */
final class Decision {
    /** The channel files of one department and type. */
    enum Channel {
        SYSTEM("dept_system"),
        PLATFORM("hlwjg_platform"),
        CREDIT("credit_platform"),
        RESEND_CSV("resend"),
        RESEND_JSONL("resend");

        final String label;

        Channel(String label) {
            this.label = label;
        }
    }

    /** Who the decision concerns, and how this decision names and identifies them. */
    static final class Subject {
        /**
         * enterprise, branch, twin_form, twin_county, same_name, individual, person, unregistered,
         * unknown.
         */
        String kind;

        /** The registry entry, or -1. */
        int entry = -1;

        /**
         * The name as every copy of this decision writes it (copies vary only in NFKC-neutral
         * ways).
         */
        String name;

        String nameVariant = "exact";
        Noise nameNoise;

        /** The {@code SUBJECT_*} kind of noise this subject is, or null for a plain enterprise. */
        Noise kindNoise;

        String category;
        boolean person;
        String uscc;
        String regNo;
        String orgCode;
        String idNo;
        String legalRep;

        /** The enterprise the decision really concerns (null for persons and unknown parties). */
        String trueId;

        /** Whether an approximate match could single out the entry (no deliberate look-alike). */
        boolean fuzzyFindable;
    }

    /** The values of one version: the base content and whether it revokes. */
    static final class Version {
        final Map<String, Object> content;
        final boolean revoked;
        final LocalDateTime time;
        final BigDecimal fine;

        Version(Map<String, Object> content, boolean revoked, LocalDateTime time, BigDecimal fine) {
            this.content = content;
            this.revoked = revoked;
            this.time = time;
            this.fine = fine;
        }
    }

    /** One input record carrying the decision (or failing to). */
    static final class Copy {
        final Channel channel;
        final Version version;
        final Map<String, Object> values;
        final LocalDateTime updatedAt;

        /** The rejection this copy must get, or null when it must be accepted. */
        Noise reject;

        boolean carriesUscc;
        boolean carriesRegNo;
        boolean carriesOrgCode;

        /** The fine this copy states (null when its layout has no 罚款金额 column). */
        BigDecimal fine;

        String file;
        long row;

        Copy(
                Channel channel,
                Version version,
                Map<String, Object> values,
                LocalDateTime updatedAt) {
            this.channel = channel;
            this.version = version;
            this.values = values;
            this.updatedAt = updatedAt;
        }

        boolean accepted() {
            return reject == null;
        }
    }

    final Catalog.Item item;
    final int seq;
    final String docNo;
    final LocalDate date;
    final Subject subject;
    final List<Version> versions = new ArrayList<>();
    final List<Copy> copies = new ArrayList<>();
    final Set<Noise> noise = EnumSet.noneOf(Noise.class);

    /** uscc, uscc_other_copy, reg_no, org_code, wrong_column, typo, none, unregistered, id_no. */
    String codeVariant;

    /** The mistyped code every copy writes ({@code typo}). */
    String typoCode;

    /**
     * Which code goes into which wrong column ({@code wrong_column}): 0 USCC→组织机构代码, 1 注册号→USCC, 2
     * 组织机构代码→注册号.
     */
    int wrongColumn;

    boolean timed;

    Decision(Catalog.Item item, int seq, String docNo, LocalDate date, Subject subject) {
        this.item = item;
        this.seq = seq;
        this.docNo = docNo;
        this.date = date;
        this.subject = subject;
    }

    String type() {
        return item.type();
    }

    Catalog.Department dept() {
        return item.dept();
    }
}
