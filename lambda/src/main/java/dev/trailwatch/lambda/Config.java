package dev.trailwatch.lambda;

import static dev.trailwatch.contract.FunctionContract.ENV_ALERT_DETAIL;
import static dev.trailwatch.contract.FunctionContract.ENV_ALERT_MIN_SEVERITY;
import static dev.trailwatch.contract.FunctionContract.ENV_ALERT_TOPIC_ARN;
import static dev.trailwatch.contract.FunctionContract.ENV_CANARY_PRINCIPAL;
import static dev.trailwatch.contract.FunctionContract.ENV_EVENT_SOURCES;
import static dev.trailwatch.contract.FunctionContract.ENV_MAX_DECOMPRESSED_BYTES;
import static dev.trailwatch.contract.FunctionContract.ENV_OWN_RESOURCES;
import static dev.trailwatch.contract.FunctionContract.ENV_RETENTION_DAYS;
import static dev.trailwatch.contract.FunctionContract.ENV_TABLE_NAME;
import static dev.trailwatch.contract.FunctionContract.ENV_TRAIL_KEY_ARN;
import static dev.trailwatch.contract.FunctionContract.ENV_WATCHED_TRAILS;

import dev.trailwatch.contract.AlertDetail;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.FunctionContract;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.event.WatchTargets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a deployment decides, read from the function's environment once per container. Every problem is found
 * at once and reported together, each naming its variable, so that one failed deployment shows them all.
 */
public record Config(
        String tableName,
        String alertTopicArn,
        Set<String> eventSources,
        Severity alertMinSeverity,
        int retentionDays,
        long maxDecompressedBytes,
        WatchTargets watch,
        Optional<String> trailKeyArn,
        AlertDetail alertDetail) {

    public Config {
        eventSources = Set.copyOf(eventSources);
    }

    /** A deployment's settings with email alerts that carry the event's JSON (the default). */
    public Config(String tableName, String alertTopicArn, Set<String> eventSources, Severity alertMinSeverity,
                  int retentionDays, long maxDecompressedBytes, WatchTargets watch, Optional<String> trailKeyArn) {
        this(tableName, alertTopicArn, eventSources, alertMinSeverity, retentionDays, maxDecompressedBytes, watch,
                trailKeyArn, Defaults.ALERT_DETAIL);
    }

    /** The same settings, with email alerts that carry {@code detail}. */
    public Config withAlertDetail(AlertDetail detail) {
        return new Config(tableName, alertTopicArn, eventSources, alertMinSeverity, retentionDays, maxDecompressedBytes,
                watch, trailKeyArn, detail);
    }

    /** A deployment's settings without a watched trail, own resources, canary or trail key. */
    public Config(String tableName, String alertTopicArn, Set<String> eventSources, Severity alertMinSeverity,
                  int retentionDays, long maxDecompressedBytes) {
        this(tableName, alertTopicArn, eventSources, alertMinSeverity, retentionDays, maxDecompressedBytes,
                WatchTargets.NONE, Optional.empty());
    }

    /** @throws ConfigurationException naming every variable that is missing or bad */
    public static Config fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = required(env, ENV_TABLE_NAME, problems);
        String topic = required(env, ENV_ALERT_TOPIC_ARN, problems);
        Set<String> sources = eventSources(env, problems);
        Severity severity = severity(env, problems);
        int retentionDays = (int) positive(env, ENV_RETENTION_DAYS, Defaults.RETENTION_DAYS,
                Integer.MAX_VALUE, "a positive integer", problems);
        long maxBytes = positive(env, ENV_MAX_DECOMPRESSED_BYTES, Defaults.MAX_DECOMPRESSED_BYTES,
                Long.MAX_VALUE, "a positive number of bytes", problems);
        WatchTargets watch = watchTargets(env, problems);
        Optional<String> trailKey = Optional.ofNullable(trimmed(env, ENV_TRAIL_KEY_ARN));
        AlertDetail detail = alertDetail(env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return new Config(table, topic, sources, severity, retentionDays, maxBytes, watch, trailKey, detail);
    }

    public ProcessorSettings processorSettings() {
        return new ProcessorSettings(tableName, eventSources, alertMinSeverity, Duration.ofDays(retentionDays),
                maxDecompressedBytes, watch);
    }

    private static WatchTargets watchTargets(Map<String, String> env, List<String> problems) {
        Set<String> own = list(env, ENV_OWN_RESOURCES);
        String self = trimmed(env, "AWS_LAMBDA_FUNCTION_NAME");
        if (self != null && !own.isEmpty()) {
            // Lambda names the function to itself: the stack cannot, without a circular reference.
            own.add(self);
        }
        try {
            return new WatchTargets(list(env, ENV_WATCHED_TRAILS), own,
                    Optional.ofNullable(trimmed(env, ENV_CANARY_PRINCIPAL)));
        } catch (IllegalArgumentException e) {
            problems.add(ENV_OWN_RESOURCES + ": " + e.getMessage());
            return WatchTargets.NONE;
        }
    }

    private static Set<String> list(Map<String, String> env, String name) {
        String raw = trimmed(env, name);
        Set<String> values = new LinkedHashSet<>();
        if (raw != null) {
            for (String value : raw.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = trimmed(env, name);
        if (value == null) {
            problems.add(name + " is not set");
        }
        return value;
    }

    private static Set<String> eventSources(Map<String, String> env, List<String> problems) {
        String raw = trimmed(env, ENV_EVENT_SOURCES);
        Set<String> sources = new LinkedHashSet<>();
        for (String source : (raw == null ? Defaults.EVENT_SOURCE : raw).split(",")) {
            if (!source.isBlank()) {
                sources.add(source.trim());
            }
        }
        if (sources.isEmpty()) {
            problems.add(ENV_EVENT_SOURCES + " names no event source, got '" + raw + "'");
        }
        return sources;
    }

    private static AlertDetail alertDetail(Map<String, String> env, List<String> problems) {
        String raw = trimmed(env, ENV_ALERT_DETAIL);
        if (raw == null) {
            return Defaults.ALERT_DETAIL;
        }
        try {
            return AlertDetail.parse(raw);
        } catch (IllegalArgumentException e) {
            problems.add(ENV_ALERT_DETAIL + " '" + raw + "' is not full or summary");
            return null;
        }
    }

    private static Severity severity(Map<String, String> env, List<String> problems) {
        String raw = trimmed(env, ENV_ALERT_MIN_SEVERITY);
        String value = raw == null ? Defaults.ALERT_MIN_SEVERITY : raw;
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(ENV_ALERT_MIN_SEVERITY + " '" + raw + "' is not LOW, MEDIUM or HIGH");
            return null;
        }
    }

    private static long positive(Map<String, String> env, String name, long fallback, long max, String what,
                                 List<String> problems) {
        String raw = trimmed(env, name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value > 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the value as given
        }
        problems.add(name + " must be " + what + ", got '" + raw + "'");
        return fallback;
    }

    /** An empty or blank value counts as unset: CloudFormation writes "" for an optional parameter left out. */
    private static String trimmed(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
