package io.guiji.jobs.dedup;

import io.guiji.schemas.SourceRef;
import io.guiji.schemas.SupervisionRecord;
import io.guiji.schemas.internal.CodeChoice;
import io.guiji.schemas.internal.DedupState;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link CopyMerger#add} may change in a state, remembered before the merge, so that a merge
 * that throws half-way is undone in place (the heap backend hands out its live object) without
 * copying the whole state: the winner, the code choices, and the lists it adds to.
 */
public final class MergeUndo {
    private final SupervisionRecord winner;
    private final String winnerRank;
    private final CodeChoice uscc;
    private final CodeChoice regNo;
    private final CodeChoice orgCode;
    private final long emittedVersion;
    private final List<String> conflicts;
    private final List<SourceRef> sources;
    private final List<Long> hashes;
    private final String receivedOn;
    private final String receivedBasis;

    public MergeUndo(DedupState s) {
        winner = s.getWinner();
        winnerRank = s.getWinnerRank();
        uscc = s.getUscc();
        regNo = s.getRegNo();
        orgCode = s.getOrgCode();
        emittedVersion = s.getEmittedVersion();
        conflicts = new ArrayList<>(s.getConflicts());
        sources = new ArrayList<>(s.getSources());
        hashes = new ArrayList<>(s.getContentHashes());
        receivedOn = s.getReceivedOn();
        receivedBasis = s.getReceivedBasis();
    }

    /** Puts {@code s} back as it was when this was made. */
    public void restore(DedupState s) {
        s.setWinner(winner);
        s.setWinnerRank(winnerRank);
        s.setUscc(uscc);
        s.setRegNo(regNo);
        s.setOrgCode(orgCode);
        s.setEmittedVersion(emittedVersion);
        s.setConflicts(new ArrayList<>(conflicts));
        s.setSources(new ArrayList<>(sources));
        s.setContentHashes(new ArrayList<>(hashes));
        s.setReceivedOn(receivedOn);
        s.setReceivedBasis(receivedBasis);
    }
}
