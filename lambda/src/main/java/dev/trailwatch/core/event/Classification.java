package dev.trailwatch.core.event;

import dev.trailwatch.contract.Severity;

/**
 * Whether a call changes something and, if it does, how bad it is. {@code severity} is null for read-only calls.
 * {@code watched} is set for a call of the watch list: what TrailWatch watches was touched. {@code
 * unknownOperation} is set for a name the {@link OperationCatalog} does not know, read or not: a new operation of
 * the service, or a forged name, which the function can count.
 */
public record Classification(boolean mutating, Severity severity, Watched watched, boolean unknownOperation) {

    /**
     * What a watch-list call touched: {@code tag} leads the alert's subject ("TrailWatch touched"), {@code
     * sentence} is the alert's first line ("TrailWatch itself was touched: PurgeQueue on queue …").
     */
    public record Watched(String tag, String sentence) {
    }

    public static final Classification READ_ONLY = new Classification(false, null, null, false);

    public static Classification mutating(Severity severity) {
        return new Classification(true, severity, null, false);
    }

    public static Classification watched(Severity severity, String tag, String sentence) {
        return new Classification(true, severity, new Watched(tag, sentence), false);
    }

    /** A call whose name the catalog does not know: read-only as the name or readOnly says, else MEDIUM. */
    public static Classification unknown(boolean mutating) {
        return new Classification(mutating, mutating ? Severity.MEDIUM : null, null, true);
    }

    public boolean isWatched() {
        return watched != null;
    }
}
