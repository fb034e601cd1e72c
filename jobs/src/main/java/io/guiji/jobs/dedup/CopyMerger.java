package io.guiji.jobs.dedup;

import io.guiji.jobs.QualityFlags;
import io.guiji.jobs.ShallowCopy;
import io.guiji.jobs.normalize.Identifiers;
import io.guiji.schemas.DecisionFields;
import io.guiji.schemas.LinkMethod;
import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.UnifiedRecord;
import io.guiji.schemas.internal.CodeChoice;
import io.guiji.schemas.internal.DedupState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Folds copies of one decision into a {@link DedupState} and reads the unified (not yet linked)
 * record out of it. The unified record is a function of the set of copies' contents: the winner and
 * the code chosen of each kind are ranked by {@link CopyRanking}, which never looks at a copy's
 * source, so any arrival order of the same copies — and the same copies read from files or from
 * Kafka — gives the same values. The state keeps {@code sources} and {@code content_hashes} in
 * arrival order (appended, so a failed merge can be undone by truncation); {@link #unified} lists
 * the sources sorted by file, then row.
 */
public final class CopyMerger {
    private static final Comparator<SourceRef> SOURCE_ORDER =
            Comparator.comparing(SourceRef::getFile).thenComparingLong(SourceRef::getRow);

    private CopyMerger() {}

    /** The state after one more copy; {@code state} may be null for the first copy. */
    public static DedupState add(DedupState state, SupervisionRecord copy) {
        DecisionFields f = copy.getFields();
        long hash = ContentHash.of(f);
        String rank = CopyRanking.rank(copy, ContentHash.ofCopy(copy, hash));
        if (state == null) {
            state =
                    DedupState.newBuilder()
                            .setWinner(copy)
                            .setWinnerRank(rank)
                            .setConflicts(new ArrayList<>())
                            .setSources(new ArrayList<>())
                            .setContentHashes(new ArrayList<>())
                            .setEmittedVersion(0)
                            .build();
        } else if (CopyRanking.compare(copy, rank, state.getWinner(), state.getWinnerRank()) > 0) {
            state.setWinner(copy);
            state.setWinnerRank(rank);
        }
        if (copy.getReceivedOn() != null
                && (state.getReceivedOn() == null
                        || earlier(copy.getReceivedOn(), copy.getReceivedBasis(), state))) {
            state.setReceivedOn(copy.getReceivedOn());
            state.setReceivedBasis(copy.getReceivedBasis());
        }
        if (!containsSource(state.getSources(), copy.getSource())) {
            state.getSources().add(copy.getSource());
        }
        if (!state.getContentHashes().contains(hash)) {
            state.getContentHashes().add(hash);
        }
        state.setUscc(
                choose(
                        state,
                        state.getUscc(),
                        f.getUscc(),
                        Identifiers.Kind.USCC,
                        rank,
                        QualityFlags.CONFLICTING_USCC));
        state.setRegNo(
                choose(
                        state,
                        state.getRegNo(),
                        f.getRegNo(),
                        Identifiers.Kind.REG_NO,
                        rank,
                        QualityFlags.CONFLICTING_REG_NO));
        state.setOrgCode(
                choose(
                        state,
                        state.getOrgCode(),
                        f.getOrgCode(),
                        Identifiers.Kind.ORG_CODE,
                        rank,
                        QualityFlags.CONFLICTING_ORG_CODE));
        return state;
    }

    /**
     * The unified record the state stands for, with {@code version} the number of distinct
     * revisions seen and the link not yet decided ({@link LinkMethod#NONE}).
     */
    public static UnifiedRecord unified(DedupState state) {
        SupervisionRecord winner = state.getWinner();
        // Its own top-level fields (codes are filled in below); nested values are shared with the
        // winner, which nothing changes.
        DecisionFields fields = ShallowCopy.of(winner.getFields());
        List<String> flags = new ArrayList<>(winner.getQualityFlags());
        fillCode(
                state.getUscc(),
                fields.getUscc(),
                flags,
                QualityFlags.INVALID_USCC,
                fields::setUscc);
        fillCode(
                state.getRegNo(),
                fields.getRegNo(),
                flags,
                QualityFlags.INVALID_REG_NO,
                fields::setRegNo);
        fillCode(
                state.getOrgCode(),
                fields.getOrgCode(),
                flags,
                QualityFlags.INVALID_ORG_CODE,
                fields::setOrgCode);
        for (String c : state.getConflicts()) {
            if (!flags.contains(c)) {
                flags.add(c);
            }
        }
        flags.sort(null);
        List<SourceRef> sources = new ArrayList<>(state.getSources());
        sources.sort(SOURCE_ORDER);
        return UnifiedRecord.newBuilder()
                .setRecordId(winner.getRecordId())
                .setVersion(state.getContentHashes().size())
                .setRecordType(winner.getRecordType())
                .setDeptCode(winner.getDeptCode())
                .setFields(fields)
                .setEnterpriseId(null)
                .setLinkMethod(LinkMethod.NONE)
                .setLinkConfidence(0.0)
                .setCandidates(new ArrayList<>())
                .setQualityFlags(flags)
                .setSources(sources)
                .setReceivedOn(state.getReceivedOn())
                .setReceivedBasis(state.getReceivedBasis())
                .build();
    }

    /**
     * Whether a copy received on {@code on} (by {@code basis}) came before the state's first
     * receipt: the first receipt is the earliest, the basis breaking ties, so that it depends on
     * the copies, not on their order.
     */
    private static boolean earlier(String on, String basis, DedupState state) {
        int c = on.compareTo(state.getReceivedOn());
        return c < 0
                || c == 0
                        && String.valueOf(basis).compareTo(String.valueOf(state.getReceivedBasis()))
                                < 0;
    }

    private static CodeChoice choose(
            DedupState state,
            CodeChoice current,
            String code,
            Identifiers.Kind kind,
            String rank,
            String conflictFlag) {
        if (code == null || Identifiers.classify(code) != kind) {
            return current;
        }
        if (current == null) {
            return new CodeChoice(code, rank);
        }
        if (!current.getCode().equals(code) && !state.getConflicts().contains(conflictFlag)) {
            state.getConflicts().add(conflictFlag);
        }
        // Equal ranks carry equal codes but for a hash collision; then the smaller code, not the
        // later one.
        int c = rank.compareTo(current.getRank());
        return c > 0 || c == 0 && code.compareTo(current.getCode()) < 0
                ? new CodeChoice(code, rank)
                : current;
    }

    /**
     * A valid code from the best copy that has one replaces the winner's own value when the winner
     * has none, or only an invalid one: a valid code from any copy counts (docs/contract.md §5).
     */
    private static void fillCode(
            CodeChoice best,
            String own,
            List<String> flags,
            String invalidFlag,
            java.util.function.Consumer<String> setter) {
        if (best == null || best.getCode().equals(own)) {
            return;
        }
        boolean ownValid =
                own != null
                        && flags.stream().noneMatch(invalidFlag::equals)
                        && Identifiers.classify(own) != Identifiers.Kind.INVALID;
        if (!ownValid) {
            setter.accept(best.getCode());
            flags.remove(invalidFlag);
        }
    }

    private static boolean containsSource(List<SourceRef> sources, SourceRef s) {
        for (SourceRef r : sources) {
            if (r.getRow() == s.getRow() && r.getFile().equals(s.getFile())) {
                return true;
            }
        }
        return false;
    }
}
