package dev.trailwatch.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.event.AnalyzerConfiguration;
import dev.trailwatch.core.event.ArchiveFilter;
import dev.trailwatch.core.event.OperationCatalog;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.TrailEventReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an Access Analyzer call did to what, read from its request: the analyzer (by name, or the name in its
 * ARN), the archive rule, the findings; and the lines that say how much it hides (an archive rule's filter and
 * breadth, an analyzer's exclusions, inclusions and unused-access age, the status set on findings). Values are
 * raw here; the formatter makes them safe.
 *
 * @param target "Archive rule "hide-public" on analyzer "org"", one line
 * @param analyzer the analyzer's name, or null when the request names none
 * @param details further lines, each "Label: value"
 */
record AnalyzerCallSummary(String target, String analyzer, List<String> details) {

    /** A phone screen shows a few ids; the JSON part has them all. */
    static final int MAX_IDS = 5;
    /** Inline archive rules shown one per line, at most this many. */
    static final int MAX_RULES = 5;

    static AnalyzerCallSummary of(TrailEvent event) {
        JsonNode request = event.requestParameters();
        String name = event.eventName() == null ? "" : event.eventName();
        String analyzer = analyzerName(request);
        List<String> details = new ArrayList<>();

        String thing = null;
        JsonNode ids = request == null ? null : request.get("ids");
        if (ids != null && ids.isArray() && !ids.isEmpty()) {
            thing = (ids.size() == 1 ? "Finding " : ids.size() + " findings: ") + idList(ids);
        } else if (text(request, "id") != null) {
            thing = "Finding " + text(request, "id");
        } else if (text(request, "ruleName") != null) {
            thing = "Archive rule \"" + text(request, "ruleName") + "\"";
        } else if (text(request, "jobId") != null) {
            thing = "Policy generation job " + text(request, "jobId");
        } else if (text(request == null ? null : request.get("policyGenerationDetails"), "principalArn") != null) {
            thing = "Policy generation for " + text(request.get("policyGenerationDetails"), "principalArn");
        } else if (text(request, "resourceArn") != null && !isAnalyzerArn(text(request, "resourceArn"))) {
            thing = "Resource " + text(request, "resourceArn");
        } else if (name.equals("CreateAccessPreview")) {
            thing = "Access preview";
        }
        if (thing != null && text(request, "resourceArn") != null && ids != null && ids.isArray()) {
            thing += " of resource " + text(request, "resourceArn");
        }

        String target;
        if (name.endsWith("ServiceLinkedAnalyzer")) {
            target = "Service-linked analyzer" + (analyzer == null ? "" : " \"" + analyzer + "\"");
        } else if (thing != null) {
            target = thing + (analyzer == null ? "" : " on analyzer \"" + analyzer + "\"");
        } else if (analyzer != null) {
            target = "Analyzer \"" + analyzer + "\"";
        } else {
            target = "(the request names no analyzer, rule or finding)";
        }
        if (text(request, "type") != null && name.contains("Analyzer")) {
            target += " (type " + text(request, "type") + ")";
        }

        switch (name) {
            case "UpdateFindings" -> details.add("Status: " + (text(request, "status") == null
                    ? "(none: counts as hiding)" : text(request, "status")));
            case "CreateArchiveRule", "UpdateArchiveRule" -> {
                ArchiveFilter filter = ArchiveFilter.of(request == null ? null : request.get("filter"));
                details.add("Filter: " + filter.criteria() + " - " + filter.sentence());
            }
            case "TagResource" -> details.add("Tags: " + (request == null ? "(none)" : request.path("tags")));
            case "UntagResource" -> details.add("Tag keys: " + (request == null ? "(none)" : request.path("tagKeys")));
            case "CreateServiceLinkedAnalyzer" -> {
                if (!"AWSService".equals(event.identity().type())) {
                    details.add("Note: only AWS services may create one; customers are refused, so this caller"
                            + " is probing");
                }
            }
            default -> {
            }
        }
        inlineRules(request, details);
        configuration(request, details);
        if (OperationCatalog.find(event.eventName()).isEmpty()) {
            details.add("Note: not an Access Analyzer operation TrailWatch knows (a new one, or a forged name)");
        }
        return new AnalyzerCallSummary(target, analyzer, List.copyOf(details));
    }

    private static void inlineRules(JsonNode request, List<String> details) {
        List<Map.Entry<String, ArchiveFilter>> rules =
                ArchiveFilter.ofRules(request == null ? null : request.get("archiveRules"));
        for (int i = 0; i < rules.size() && i < MAX_RULES; i++) {
            Map.Entry<String, ArchiveFilter> rule = rules.get(i);
            details.add("Archive rule \"" + rule.getKey() + "\": " + rule.getValue().criteria() + " - "
                    + rule.getValue().sentence());
        }
        if (rules.size() > MAX_RULES) {
            details.add("Archive rules: " + (rules.size() - MAX_RULES) + " more, in the event JSON below");
        }
    }

    private static void configuration(JsonNode request, List<String> details) {
        AnalyzerConfiguration c = AnalyzerConfiguration.of(request);
        JsonNode configuration = request == null ? null : request.get("configuration");
        if (c.unusedAccessAge() != null) {
            details.add("Unused access age: " + c.unusedAccessAge() + " days (default "
                    + AnalyzerConfiguration.DEFAULT_UNUSED_ACCESS_AGE + "): access unused for less is not reported");
        }
        if (c.excludes()) {
            details.add("Excludes: " + configuration.path("unusedAccess").path("analysisRule").path("exclusions")
                    + " - no findings are made for these accounts or tagged resources");
        }
        if (c.inclusions() > 0) {
            details.add("Includes only: " + configuration.path("internalAccess").path("analysisRule")
                    .path("inclusions") + " - resources outside these are not analyzed");
        }
    }

    /** The name in analyzerName, else the last part of analyzerArn (…:analyzer/NAME), else of an analyzer resourceArn. */
    private static String analyzerName(JsonNode request) {
        String name = text(request, "analyzerName");
        if (name != null) {
            return name;
        }
        String arn = text(request, "analyzerArn");
        if (arn == null && text(request, "resourceArn") != null && isAnalyzerArn(text(request, "resourceArn"))) {
            arn = text(request, "resourceArn");
        }
        if (arn == null) {
            return null;
        }
        String last = isAnalyzerArn(arn) ? CallerName.lastSegment(arn) : null;
        return last != null ? last : arn;
    }

    private static boolean isAnalyzerArn(String arn) {
        return arn.contains(":analyzer/");
    }

    private static String idList(JsonNode ids) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < ids.size() && i < MAX_IDS; i++) {
            shown.add(ids.get(i).isValueNode() ? ids.get(i).asText() : ids.get(i).toString());
        }
        return String.join(", ", shown) + (ids.size() > MAX_IDS ? " and " + (ids.size() - MAX_IDS) + " more" : "");
    }

    private static String text(JsonNode node, String field) {
        return TrailEventReader.text(node, field);
    }
}
