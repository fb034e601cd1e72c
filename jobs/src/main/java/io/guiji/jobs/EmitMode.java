package io.guiji.jobs;

/**
 * When stateful stages publish. A bounded run publishes each key's final state once, at the end of
 * input, so its output does not depend on arrival order; the streaming job publishes every change.
 */
public enum EmitMode {
    /** Once per key, when the input ends (bounded runs). */
    FINAL,
    /** On every change of a key's result (streaming). */
    CHANGES
}
