package dev.trailwatch.core;

import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.event.WatchTargets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a deployment or a local run decides; the same for every file. {@code watch} names what the watch list
 * compares calls against (the trail, TrailWatch's own resources, the canary's principal).
 */
public record ProcessorSettings(
        String tableName,
        Set<String> eventSources,
        Severity alertMinSeverity,
        Duration retention,
        long maxDecompressedBytes,
        WatchTargets watch) {

    public ProcessorSettings {
        Objects.requireNonNull(tableName, "tableName");
        eventSources = Set.copyOf(eventSources);
        if (eventSources.isEmpty()) {
            throw new IllegalArgumentException("at least one event source must be kept");
        }
        Objects.requireNonNull(alertMinSeverity, "alertMinSeverity");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        if (maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("maxDecompressedBytes must be positive, got " + maxDecompressedBytes);
        }
        Objects.requireNonNull(watch, "watch");
    }

    /** Settings with a watch list that knows no trail, no resource of TrailWatch's and no canary. */
    public ProcessorSettings(String tableName, Set<String> eventSources, Severity alertMinSeverity, Duration retention,
                             long maxDecompressedBytes) {
        this(tableName, eventSources, alertMinSeverity, retention, maxDecompressedBytes, WatchTargets.NONE);
    }

    public ProcessorSettings withWatch(WatchTargets targets) {
        return new ProcessorSettings(tableName, eventSources, alertMinSeverity, retention, maxDecompressedBytes,
                targets);
    }

    public static ProcessorSettings defaults(String tableName) {
        return new ProcessorSettings(tableName, Set.of(Defaults.EVENT_SOURCE), Severity.parse(Defaults.ALERT_MIN_SEVERITY),
                Duration.ofDays(Defaults.RETENTION_DAYS), Defaults.MAX_DECOMPRESSED_BYTES);
    }
}
