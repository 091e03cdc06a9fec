package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Severity;
import java.util.Map;
import java.util.Set;

/** The severity table for Access Analyzer calls (README, "Mutating or not, and how bad"). */
public final class SeverityClassifier {

    private static final Set<String> READ_ONLY_PREFIXES = Set.of("Get", "List", "Check", "Validate");

    private static final Map<String, Severity> BY_NAME = Map.ofEntries(
            Map.entry("DeleteAnalyzer", Severity.HIGH),
            Map.entry("CreateArchiveRule", Severity.HIGH),
            Map.entry("UpdateArchiveRule", Severity.HIGH),
            Map.entry("ApplyArchiveRule", Severity.HIGH),
            Map.entry("UpdateAnalyzer", Severity.MEDIUM),
            Map.entry("DeleteServiceLinkedAnalyzer", Severity.MEDIUM),
            Map.entry("DeleteArchiveRule", Severity.LOW),
            Map.entry("TagResource", Severity.LOW),
            Map.entry("UntagResource", Severity.LOW),
            Map.entry("CreateAccessPreview", Severity.LOW),
            Map.entry("StartPolicyGeneration", Severity.LOW),
            Map.entry("CancelPolicyGeneration", Severity.LOW),
            Map.entry("StartResourceScan", Severity.LOW),
            Map.entry("GenerateFindingRecommendation", Severity.LOW),
            Map.entry("CreateServiceLinkedAnalyzer", Severity.LOW));

    private SeverityClassifier() {
    }

    public static Classification classify(TrailEvent event) {
        if (!isMutating(event.readOnly(), event.eventName())) {
            return Classification.READ_ONLY;
        }
        return Classification.mutating(severityOf(event.eventName(), event.requestParameters()));
    }

    /** readOnly decides; where it is missing, the name does (Get, List, Check, Validate are read-only). */
    static boolean isMutating(Boolean readOnly, String eventName) {
        if (readOnly != null) {
            return !readOnly;
        }
        if (eventName == null) {
            return true;
        }
        return READ_ONLY_PREFIXES.stream().noneMatch(eventName::startsWith);
    }

    static Severity severityOf(String eventName, JsonNode requestParameters) {
        if ("UpdateFindings".equals(eventName)) {
            String status = text(requestParameters, "status");
            // ARCHIVED hides findings; a missing status cannot be shown harmless, so it counts as hiding too.
            return "ACTIVE".equalsIgnoreCase(status) ? Severity.LOW : Severity.HIGH;
        }
        if ("CreateAnalyzer".equals(eventName)) {
            JsonNode rules = requestParameters == null ? null : requestParameters.get("archiveRules");
            boolean hasRules = rules != null && !rules.isNull() && !(rules.isContainerNode() && rules.isEmpty());
            return hasRules ? Severity.MEDIUM : Severity.LOW;
        }
        return eventName == null ? Severity.MEDIUM : BY_NAME.getOrDefault(eventName, Severity.MEDIUM);
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
