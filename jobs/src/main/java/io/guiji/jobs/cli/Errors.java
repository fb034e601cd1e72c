package io.guiji.jobs.cli;

import java.util.HashSet;
import java.util.Set;

/** The one line a user needs from a failure: the deepest cause that says something. */
final class Errors {
    private Errors() {}

    static String oneLine(Throwable t) {
        Throwable best = t;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                best = c;
            }
        }
        String msg = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        String line = msg.lines().findFirst().orElse(msg).strip();
        return best instanceof IllegalArgumentException || best instanceof java.io.IOException
                ? line : line + " (" + best.getClass().getSimpleName() + ")";
    }
}
