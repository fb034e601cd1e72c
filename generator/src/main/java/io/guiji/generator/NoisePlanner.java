package io.guiji.generator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides, from the generator's one seeded {@link Random}, whether a kind of {@link Noise} goes
 * into the next record or file, and counts the kinds that were really written.
 *
 * <p>With forcing on ({@code small()} and {@code demo()} presets), a kind never written so far is
 * chosen at its first opportunity, so every kind occurs at least once even in a small sample;
 * afterwards, and always with forcing off, kinds occur at their configured rates times the noise
 * scale. Forcing depends only on what was generated before, so output stays a function of the seed.
 */
final class NoisePlanner {
    private final Random rnd;
    private final boolean force;
    private final double scale;
    private final long[] counts = new long[Noise.values().length];

    NoisePlanner(Random rnd, boolean force, double scale) {
        this.rnd = rnd;
        this.force = force;
        this.scale = scale;
    }

    Random random() {
        return rnd;
    }

    /** Whether {@code kind} has not been written yet and should be forced. */
    boolean pending(Noise kind) {
        return force && counts[kind.ordinal()] == 0;
    }

    /** Whether some kind is still waiting to be forced. */
    boolean anyPending() {
        if (!force) {
            return false;
        }
        for (long c : counts) {
            if (c == 0) {
                return true;
            }
        }
        return false;
    }

    /** A noise decision: forced when pending, else with probability {@code rate} × noise scale. */
    boolean chance(Noise kind, double rate) {
        double u = rnd.nextDouble();
        return pending(kind) || u < Math.min(1.0, rate * scale);
    }

    /**
     * A structural decision (share of persons, branches …): forced when pending, else {@code rate}.
     */
    boolean share(Noise kind, double rate) {
        double u = rnd.nextDouble();
        return pending(kind) || u < rate;
    }

    /** A plain draw with probability {@code rate}, not tied to a kind. */
    boolean draw(double rate) {
        return rnd.nextDouble() < rate;
    }

    /**
     * One of {@code options}: the first pending one, else a weighted draw ({@code weights[i]} for
     * {@code options.get(i)}; {@code null} options stand for "none of them").
     */
    Noise pick(List<Noise> options, double[] weights) {
        double total = 0;
        for (int i = 0; i < options.size(); i++) {
            total += weights[i];
        }
        double u = rnd.nextDouble() * total;
        for (Noise n : options) {
            if (n != null && pending(n)) {
                return n;
            }
        }
        for (int i = 0; i < options.size(); i++) {
            u -= weights[i];
            if (u < 0) {
                return options.get(i);
            }
        }
        return options.get(options.size() - 1);
    }

    /** Records that {@code kind} was written once more. */
    void hit(Noise kind) {
        counts[kind.ordinal()]++;
    }

    /** Every kind with its count, in declaration order (zero counts included). */
    Map<Noise, Long> counts() {
        Map<Noise, Long> m = new EnumMap<>(Noise.class);
        for (Noise n : Noise.values()) {
            m.put(n, counts[n.ordinal()]);
        }
        return m;
    }
}
