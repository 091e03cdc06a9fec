package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How much an archive rule's filter hides. The rule kept simple on purpose: a filter that names findings or
 * resources exactly ({@code eq} on {@code id} or {@code resource}) is narrow, whatever else it says; a filter with
 * no criterion that restricts anything matches every finding; anything else (isPublic, resourceType, principal,
 * condition, account, a {@code contains} on a resource, …) is broad: it archives every finding that fits, on any
 * resource, now and later.
 *
 * @param criteria the filter as one line: {@code isPublic eq [false]; resourceType eq [AWS::S3::Bucket]}
 */
public record ArchiveFilter(Breadth breadth, String criteria, String sentence) {

    public enum Breadth { EVERY_FINDING, BROAD, NARROW }

    /** Filter keys whose exact values name single findings or resources. */
    private static final Map<String, String> NAMING_KEYS = Map.of("id", "finding", "resource", "resource");
    private static final List<String> OPERATORS = List.of("eq", "neq", "contains", "exists");

    /** Reads a rule's {@code filter}; null, missing or not an object counts as empty. */
    public static ArchiveFilter of(JsonNode filter) {
        List<String> parts = new ArrayList<>();
        boolean restricts = false;
        String named = null;
        if (filter != null && filter.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> criterion = fields.next();
                String key = criterion.getKey();
                for (String op : OPERATORS) {
                    JsonNode value = criterion.getValue().get(op);
                    if (value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
                        continue;
                    }
                    restricts = true;
                    parts.add(key + " " + op + " " + value);
                    if ("eq".equals(op) && NAMING_KEYS.containsKey(key) && named == null) {
                        int n = value.isArray() ? value.size() : 1;
                        named = n + " " + NAMING_KEYS.get(key) + (n == 1 ? "" : "s");
                    }
                }
            }
        }
        String criteria = parts.isEmpty() ? "(empty)" : String.join("; ", parts);
        if (named != null) {
            return new ArchiveFilter(Breadth.NARROW, criteria, "narrow: names " + named);
        }
        if (!restricts) {
            return new ArchiveFilter(Breadth.EVERY_FINDING, criteria, "matches every finding");
        }
        return new ArchiveFilter(Breadth.BROAD, criteria,
                "broad: matches every finding that fits, on any resource, now and later");
    }

    /** The filters of a list of inline rules ({@code archiveRules}), each with its {@code ruleName}. */
    public static List<Map.Entry<String, ArchiveFilter>> ofRules(JsonNode rules) {
        List<Map.Entry<String, ArchiveFilter>> out = new ArrayList<>();
        if (rules != null && rules.isArray()) {
            for (JsonNode rule : rules) {
                out.add(Map.entry(String.valueOf(TrailEventReader.text(rule, "ruleName")), of(rule.get("filter"))));
            }
        }
        return out;
    }
}
