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
        if (best instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            // Java's file exceptions say only the path: name it with the reason and what to check
            return "cannot use "
                    + f.getFile()
                    + (f.getOtherFile() != null ? " or " + f.getOtherFile() : "")
                    + ": "
                    + io.guiji.jobs.file.InputCheck.reason(f)
                    + "; check that the path exists and its permissions";
        }
        String msg =
                best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
        String line = msg.lines().findFirst().orElse(msg).strip();
        return best instanceof IllegalArgumentException || best instanceof java.io.IOException
                ? line
                : line + " (" + best.getClass().getSimpleName() + ")";
    }
}
