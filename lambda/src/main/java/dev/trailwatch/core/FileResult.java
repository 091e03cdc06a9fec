package dev.trailwatch.core;

import java.util.List;

/**
 * What processing one file did. {@code events} counts the records of kept sources, {@code stored} the items
 * this run added, {@code alerts} the alerts this run sent; {@code rejected} names records that could not be
 * stored. {@code failure} is set when the content is not a readable log file; work done before the fault stays.
 */
public record FileResult(
        String source,
        long records,
        long events,
        long stored,
        long alerts,
        long decompressedBytes,
        List<String> rejected,
        String failure) {

    public FileResult {
        rejected = List.copyOf(rejected);
    }

    public boolean failed() {
        return failure != null;
    }
}
