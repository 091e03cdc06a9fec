package dev.trailwatch.core.read;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides by name and place alone whether an object or file is a CloudTrail log file to read, so that digest
 * files, Insights files and folder markers are skipped before a byte of them is fetched.
 */
public final class LogObjectNames {

    private LogObjectNames() {
    }

    /** Why this key or path is skipped, or empty when it should be read. */
    public static Optional<String> skipReason(String keyOrPath) {
        if (keyOrPath == null || keyOrPath.isEmpty()) {
            return Optional.of("empty name");
        }
        String normalized = keyOrPath.replace('\\', '/');
        if (normalized.endsWith("/")) {
            return Optional.of("folder marker");
        }
        if (normalized.contains("CloudTrail-Digest")) {
            return Optional.of("digest file");
        }
        if (normalized.contains("CloudTrail-Insight")) {
            return Optional.of("Insights file");
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".json.gz") && !lower.endsWith(".json")) {
            return Optional.of("not a .json.gz or .json file");
        }
        return Optional.empty();
    }

    /**
     * As {@link #skipReason}, and an S3 key must also have a {@code CloudTrail} segment: CloudTrail writes
     * {@code …/AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/…}, while AWS Config and others write their own
     * {@code .json.gz} files into the same shared buckets ({@code …/Config/…}).
     */
    public static Optional<String> s3SkipReason(String key) {
        Optional<String> reason = skipReason(key);
        if (reason.isPresent()) {
            return reason;
        }
        if (!("/" + key).contains("/CloudTrail/")) {
            return Optional.of("not a CloudTrail log file (no /CloudTrail/ segment in its key)");
        }
        return Optional.empty();
    }
}
