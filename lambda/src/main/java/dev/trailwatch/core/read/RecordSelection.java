package dev.trailwatch.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Which records the reader hands over: every record of the {@code sources}, and the records of the {@code
 * namedSources} whose eventName starts with one of the {@code names} (a prefix, because Lambda's event names carry
 * an API version: {@code UpdateFunctionConfiguration20150331v2}). The second kind is how the watch list reads a
 * few calls of busy services (KMS, S3, IAM) without binding every one of their records to a tree; which of those
 * calls matter is decided later, on the event.
 */
public record RecordSelection(Set<String> sources, Set<String> namedSources, Set<String> names) {

    public RecordSelection {
        sources = Set.copyOf(sources);
        namedSources = Set.copyOf(namedSources);
        names = Set.copyOf(names);
    }

    /** Every record of these sources, no other. */
    public static RecordSelection of(Set<String> sources) {
        return new RecordSelection(sources, Set.of(), Set.of());
    }

    /** The decision on a bound record: the same as the byte filter's, which only ever keeps more. */
    public boolean keeps(JsonNode record) {
        JsonNode source = record.get("eventSource");
        if (source == null || !source.isTextual()) {
            return false;
        }
        if (sources.contains(source.asText())) {
            return true;
        }
        if (!namedSources.contains(source.asText())) {
            return false;
        }
        JsonNode name = record.get("eventName");
        return name != null && name.isTextual() && startsWithAName(name.asText());
    }

    private boolean startsWithAName(String eventName) {
        for (String name : names) {
            if (eventName.startsWith(name)) {
                return true;
            }
        }
        return false;
    }
}
