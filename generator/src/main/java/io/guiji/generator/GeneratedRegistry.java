package io.guiji.generator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The generated enterprise registry, held in compact arrays (about 100 bytes an entry, the name
 * being most of it): codes are recomputed from each entry's sequence number by {@link CodeFactory},
 * the legal representative from the entry's index, so only names are stored.
 *
 * <p>Besides the entries it keeps index lists for picking the subjects of records (branches,
 * look-alike pairs, renamed entries …), and, when ground truth is wanted, the exact-name indexes
 * that decide tiers 4 and 5 of docs/contract.md §6 ({@link #byName}, {@link #byFormerName}).
 */
final class GeneratedRegistry {
    static final byte ENTERPRISE = 0;
    static final byte BRANCH = 1;
    static final byte INDIVIDUAL = 2;

    static final int HAS_USCC = 1;
    static final int HAS_REG_NO = 1 << 1;
    static final int OLD_ORG = 1 << 2;
    static final int DEREGISTERED = 1 << 3;
    static final int SAME_NAME = 1 << 4;
    static final int TWIN_FORM = 1 << 5;
    static final int TWIN_COUNTY = 1 << 6;
    static final int LATIN = 1 << 7;
    static final int BRACKETED = 1 << 8;

    /** A name's key matched no entry. */
    static final int NO_MATCH = -1;

    /** A name's key matched several entries. */
    static final int AMBIGUOUS = -2;

    static final String[] DIVISIONS = {
        "211300", "211302", "211303", "211321", "211322", "211324", "211381", "211382"
    };

    private final CodeFactory codes;
    private final long seed;

    private int size;
    private String[] names;
    private byte[] kinds;
    private short[] flags;
    private byte[] divisions;

    /**
     * Characters of the region prefix at the start of the name; -1: the bracketed region inside.
     */
    private byte[] prefixLength;

    private int[] seqs;
    private final Map<Integer, String[]> formerNames = new HashMap<>();

    final IntList enterprises = new IntList();
    final IntList fuzzyOk = new IntList();
    final IntList prefixed = new IntList();
    final IntList renamed = new IntList();
    final IntList branches = new IntList();
    final IntList twinForm = new IntList();
    final IntList twinCounty = new IntList();
    final IntList sameName = new IntList();
    final IntList latin = new IntList();
    final IntList bracketed = new IntList();
    final IntList withRegNo = new IntList();
    final IntList individualsUscc = new IntList();
    final IntList individualsRegNoOnly = new IntList();

    private final Map<String, Integer> byName;
    private final Map<String, Integer> byFormerName;

    GeneratedRegistry(CodeFactory codes, long seed, int capacity, boolean indexNames) {
        this.codes = codes;
        this.seed = seed;
        names = new String[capacity];
        kinds = new byte[capacity];
        flags = new short[capacity];
        divisions = new byte[capacity];
        prefixLength = new byte[capacity];
        seqs = new int[capacity];
        byName = indexNames ? new HashMap<>() : null;
        byFormerName = indexNames ? new HashMap<>() : null;
    }

    /** Adds an entry; its sequence number (the source of its codes) is its index. */
    int add(String name, byte kind, int flagBits, String division, int prefixLen) {
        int i = size++;
        names[i] = name;
        kinds[i] = kind;
        flags[i] = (short) flagBits;
        divisions[i] = (byte) Arrays.asList(DIVISIONS).indexOf(division);
        prefixLength[i] = (byte) prefixLen;
        seqs[i] = i;
        if (divisions[i] < 0) {
            throw new IllegalArgumentException("not a division of the city: " + division);
        }
        if (byName != null) {
            byName.merge(Normal.nameKey(name), i, (a, b) -> AMBIGUOUS);
        }
        return i;
    }

    void addFlags(int i, int flagBits) {
        flags[i] |= (short) flagBits;
    }

    void setFormerNames(int i, String... former) {
        formerNames.put(i, former);
        if (byFormerName != null) {
            for (String f : former) {
                byFormerName.merge(Normal.nameKey(f), i, (a, b) -> AMBIGUOUS);
            }
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    byte kind(int i) {
        return kinds[i];
    }

    boolean is(int i, int flag) {
        return (flags[i] & flag) != 0;
    }

    String division(int i) {
        return DIVISIONS[divisions[i]];
    }

    String[] formerNames(int i) {
        return formerNames.get(i);
    }

    String uscc(int i) {
        return is(i, HAS_USCC)
                ? codes.uscc(kinds[i] == INDIVIDUAL, division(i), seqs[i], is(i, OLD_ORG))
                : null;
    }

    String regNo(int i) {
        return is(i, HAS_REG_NO) ? codes.regNo(division(i), seqs[i]) : null;
    }

    String orgCode(int i) {
        return is(i, HAS_USCC) ? codes.orgCode(seqs[i], is(i, OLD_ORG)) : null;
    }

    /** The enterprise_id: the USCC, or the registration number of an entry without one. */
    String id(int i) {
        String u = uscc(i);
        return u != null ? u : regNo(i);
    }

    /**
     * The name without its region prefix (or bracketed region), or {@code null} when it has none.
     */
    String withoutPrefix(int i) {
        int p = prefixLength[i];
        if (p == 0) {
            return null;
        }
        if (p < 0) {
            return names[i].replace(Vocab.BRACKETED_REGION, "");
        }
        return names[i].substring(p);
    }

    /** The legal representative (or operator), a fixed function of the entry. */
    String legalRep(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        StringBuilder b =
                new StringBuilder(3)
                        .append(Vocab.SURNAMES.charAt(r.nextInt(Vocab.SURNAMES.length())));
        int n = r.nextInt(10) < 7 ? 2 : 1;
        for (int k = 0; k < n; k++) {
            b.append(Vocab.GIVEN_CHARS.charAt(r.nextInt(Vocab.GIVEN_CHARS.length())));
        }
        return b.toString();
    }

    /**
     * The entry whose current name has this key: an index, {@link #NO_MATCH} or {@link #AMBIGUOUS}.
     */
    int byName(String key) {
        return byName.getOrDefault(key, NO_MATCH);
    }

    /**
     * The entry with a former name of this key: an index, {@link #NO_MATCH} or {@link #AMBIGUOUS}.
     */
    int byFormerName(String key) {
        return byFormerName.getOrDefault(key, NO_MATCH);
    }

    /** A growable list of entry indices. */
    static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }

        /** An element, favouring the front: some enterprises get many records, most few. */
        int pick(Random rnd) {
            double u = rnd.nextDouble();
            return a[(int) (n * u * u)];
        }
    }
}
