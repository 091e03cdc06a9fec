package dev.trailwatch.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which records the reader hands over: every record of the {@code sources}, and the records of a source of
 * {@code namedCalls} whose eventName starts with one of that source's names (a prefix, because Lambda's event names
 * carry an API version: {@code UpdateFunctionConfiguration20150331v2}). The second kind is how the watch list reads
 * a few calls of busy services (KMS, S3, IAM) without binding every one of their records to a tree; which of those
 * calls matter is decided later, on the event.
 */
public record RecordSelection(Set<String> sources, Map<String, Set<String>> namedCalls) {

    public RecordSelection {
        sources = Set.copyOf(sources);
        namedCalls = Map.copyOf(namedCalls);
        namedCalls.values().forEach(Set::copyOf);
    }

    /** Every record of these sources, no other. */
    public static RecordSelection of(Set<String> sources) {
        return new RecordSelection(sources, Map.of());
    }

    public Set<String> namedSources() {
        return namedCalls.keySet();
    }

    /** Every source's names together. */
    public Set<String> names() {
        Set<String> all = new HashSet<>();
        namedCalls.values().forEach(all::addAll);
        return Set.copyOf(all);
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
        Set<String> names = namedCalls.get(source.asText());
        if (names == null) {
            return false;
        }
        JsonNode name = record.get("eventName");
        if (name == null || !name.isTextual()) {
            return false;
        }
        for (String prefix : names) {
            if (name.asText().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
