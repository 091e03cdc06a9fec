package dev.trailwatch.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.event.AnalyzerConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an UpdateAnalyzer changes against the analyzer's last stored configuration (its newest earlier successful
 * CreateAnalyzer or UpdateAnalyzer): the unused-access age, the accounts and tags excluded from unused-access
 * findings, the accounts, resource types and resources included in internal-access analysis. Compares the two
 * requests' {@code configuration} objects. Values are raw here; the formatter makes them safe.
 */
final class ConfigurationChange {

    private ConfigurationChange() {
    }

    /**
     * "unusedAccessAge 90 → 365; exclusions added: account 444455556666", "nothing in the configuration" (the same
     * object), "no change to the age, exclusions or inclusions", or null when the update sets no configuration
     * (there is nothing to compare).
     */
    static String between(JsonNode lastRequest, JsonNode updateRequest) {
        JsonNode after = updateRequest == null ? null : updateRequest.get("configuration");
        if (after == null || !after.isObject()) {
            return null;
        }
        JsonNode before = lastRequest == null ? null : lastRequest.get("configuration");
        if (after.equals(before)) {
            return "nothing in the configuration";
        }
        List<String> changes = new ArrayList<>();
        Integer ageBefore = AnalyzerConfiguration.of(lastRequest).unusedAccessAge();
        Integer ageAfter = AnalyzerConfiguration.of(updateRequest).unusedAccessAge();
        if (ageBefore != null || ageAfter != null) {
            int from = ageBefore == null ? AnalyzerConfiguration.DEFAULT_UNUSED_ACCESS_AGE : ageBefore;
            int to = ageAfter == null ? AnalyzerConfiguration.DEFAULT_UNUSED_ACCESS_AGE : ageAfter;
            if (from != to) {
                changes.add("unusedAccessAge " + from + " \u2192 " + to);
            }
        }
        compare(changes, "exclusions", exclusions(before), exclusions(after));
        compare(changes, "inclusions", inclusions(before), inclusions(after));
        if (changes.isEmpty()) {
            // The objects differ, but not in what is compared (a default spelled out, or a field added since).
            return "no change to the age, exclusions or inclusions";
        }
        return String.join("; ", changes);
    }

    private static void compare(List<String> changes, String what, Set<String> before, Set<String> after) {
        Set<String> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) {
            changes.add(what + " added: " + list(added));
        }
        if (!removed.isEmpty()) {
            changes.add(what + " removed: " + list(removed));
        }
    }

    private static String list(Set<String> values) {
        List<String> shown = values.stream().limit(AnalyzerCallSummary.MAX_IDS).toList();
        return String.join(", ", shown)
                + (values.size() > shown.size() ? " and " + (values.size() - shown.size()) + " more" : "");
    }

    /** Each excluded account and tag of {@code unusedAccess.analysisRule.exclusions}: "account 1…", "tag k=v". */
    private static Set<String> exclusions(JsonNode configuration) {
        Set<String> out = new LinkedHashSet<>();
        if (configuration == null) {
            return out;
        }
        for (JsonNode exclusion : configuration.path("unusedAccess").path("analysisRule").path("exclusions")) {
            values(out, "account ", exclusion.path("accountIds"));
            for (JsonNode tags : exclusion.path("resourceTags")) {
                for (Map.Entry<String, JsonNode> tag : tags.properties()) {
                    out.add("tag " + tag.getKey() + "=" + text(tag.getValue()));
                }
            }
        }
        return out;
    }

    /** Each included account, resource type and resource of {@code internalAccess.analysisRule.inclusions}. */
    private static Set<String> inclusions(JsonNode configuration) {
        Set<String> out = new LinkedHashSet<>();
        if (configuration == null) {
            return out;
        }
        for (JsonNode inclusion : configuration.path("internalAccess").path("analysisRule").path("inclusions")) {
            values(out, "account ", inclusion.path("accountIds"));
            values(out, "type ", inclusion.path("resourceTypes"));
            values(out, "resource ", inclusion.path("resourceArns"));
        }
        return out;
    }

    private static void values(Set<String> out, String label, JsonNode array) {
        for (JsonNode value : array) {
            out.add(label + text(value));
        }
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
