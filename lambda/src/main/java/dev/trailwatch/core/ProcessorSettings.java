package dev.trailwatch.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** What a deployment or a local run decides; the same for every file. */
public record ProcessorSettings(
        String tableName,
        Set<String> eventSources,
        Severity alertMinSeverity,
        Duration retention,
        long maxDecompressedBytes) {

    public static final String DEFAULT_EVENT_SOURCE = "access-analyzer.amazonaws.com";

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
    }

    public static ProcessorSettings defaults(String tableName) {
        return new ProcessorSettings(tableName, Set.of(DEFAULT_EVENT_SOURCE), Severity.LOW,
                Duration.ofDays(365), 4L * 1024 * 1024 * 1024);
    }
}
