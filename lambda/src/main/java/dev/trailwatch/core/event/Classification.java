package dev.trailwatch.core.event;

import dev.trailwatch.contract.Severity;

/**
 * Whether a call changes something and, if it does, how bad it is. {@code severity} is null for read-only calls.
 * {@code watched} is set for a call of the watch list: what TrailWatch watches was touched.
 */
public record Classification(boolean mutating, Severity severity, Watched watched) {

    /**
     * What a watch-list call touched: {@code tag} leads the alert's subject ("TrailWatch touched"), {@code
     * sentence} is the alert's first line ("TrailWatch itself was touched: PurgeQueue on queue …").
     */
    public record Watched(String tag, String sentence) {
    }

    public static final Classification READ_ONLY = new Classification(false, null, null);

    public static Classification mutating(Severity severity) {
        return new Classification(true, severity, null);
    }

    public static Classification watched(Severity severity, String tag, String sentence) {
        return new Classification(true, severity, new Watched(tag, sentence));
    }

    public boolean isWatched() {
        return watched != null;
    }
}
