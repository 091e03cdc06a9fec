package dev.trailwatch.core.event;

import dev.trailwatch.contract.Severity;

/** Whether a call changes something and, if it does, how bad it is. {@code severity} is null for read-only calls. */
public record Classification(boolean mutating, Severity severity) {

    public static final Classification READ_ONLY = new Classification(false, null);

    public static Classification mutating(Severity severity) {
        return new Classification(true, severity);
    }
}
