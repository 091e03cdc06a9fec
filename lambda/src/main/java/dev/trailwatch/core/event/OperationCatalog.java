package dev.trailwatch.core.event;

import dev.trailwatch.contract.Severity;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every IAM Access Analyzer operation, read or write, and how a write is rated. The list follows the AWS SDK's
 * model of the service (the npm package {@code @aws-sdk/client-accessanalyzer}, pinned in package.json): a test
 * compares it with the SDK's commands, so a new operation fails the build instead of passing as "unknown".
 *
 * <p>{@code severity} is the rating when no content rule applies; {@code rating} says in words how the content
 * of the request changes it (the README's table shows both); {@code why} is the reason.
 */
public final class OperationCatalog {

    /** A CHECK is a read that CloudTrail may nonetheless mark readOnly false: it never alerts. */
    public enum Kind { READ, CHECK, WRITE }

    public record Operation(String name, Kind kind, Severity severity, String rating, String why) {

        public boolean isWrite() {
            return kind == Kind.WRITE;
        }
    }

    private static final String CHECK_WHY = "a policy check that changes nothing; CI pipelines call it all day and"
            + " CloudTrail may mark it readOnly false, so it is stored and never alerts";
    private static final String READ_WHY = "reads only";

    private static final Map<String, Operation> BY_NAME = index(List.of(
            write("ApplyArchiveRule", Severity.HIGH, "HIGH",
                    "archives the existing findings a rule matches, at once: hides them (MITRE ATT&CK T1562)"),
            write("CancelPolicyGeneration", Severity.LOW, "LOW", "stops a working artefact (a policy draft) only"),
            check("CheckAccessNotGranted"),
            check("CheckNoNewAccess"),
            check("CheckNoPublicAccess"),
            write("CreateAccessPreview", Severity.LOW, "LOW", "a preview of findings: changes no analyzer"),
            write("CreateAnalyzer", Severity.LOW,
                    "LOW; MEDIUM with inline archive rules, analysis-rule exclusions or an unusedAccessAge over 90;"
                            + " HIGH when an inline archive rule matches every finding",
                    "a new analyzer widens monitoring, unless it is born blind: rules that archive or exclude from"
                            + " the start, or a longer unused-access age than the default 90 days"),
            write("CreateArchiveRule", Severity.HIGH, "HIGH (the alert says how broad the filter is)",
                    "archives every new finding the filter matches: hides them (MITRE ATT&CK T1562)"),
            write("CreateServiceLinkedAnalyzer", Severity.MEDIUM, "MEDIUM; LOW when the caller is an AWS service",
                    "only AWS services may call it; anyone else is refused, so a human caller is probing"),
            write("DeleteAnalyzer", Severity.HIGH, "HIGH", "switches monitoring off (MITRE ATT&CK T1562)"),
            write("DeleteArchiveRule", Severity.LOW, "LOW", "findings stop being archived: widens what is seen"),
            write("DeleteServiceLinkedAnalyzer", Severity.HIGH, "HIGH; MEDIUM when it failed",
                    "switches off the analyzer an AWS service relies on; a refused attempt removed nothing but is"
                            + " still someone trying"),
            write("GenerateFindingRecommendation", Severity.LOW, "LOW", "creates a working artefact only"),
            read("GetAccessPreview", READ_WHY),
            read("GetAnalyzedResource", READ_WHY),
            read("GetAnalyzer", READ_WHY),
            read("GetArchiveRule", READ_WHY),
            read("GetFinding", READ_WHY),
            read("GetFindingRecommendation", READ_WHY),
            read("GetFindingV2", READ_WHY),
            read("GetFindingsStatistics", READ_WHY),
            read("GetGeneratedPolicy", READ_WHY),
            read("ListAccessPreviewFindings", READ_WHY),
            read("ListAccessPreviews", READ_WHY),
            read("ListAnalyzedResources", READ_WHY),
            read("ListAnalyzers", READ_WHY),
            read("ListArchiveRules", READ_WHY),
            read("ListFindings", READ_WHY),
            read("ListFindingsV2", READ_WHY),
            read("ListPolicyGenerations", READ_WHY),
            read("ListTagsForResource", READ_WHY),
            write("StartPolicyGeneration", Severity.LOW, "LOW", "creates a working artefact (a policy draft) only"),
            write("StartResourceScan", Severity.LOW, "LOW", "an extra scan: widens what is seen"),
            write("TagResource", Severity.LOW, "LOW", "labels only"),
            write("UntagResource", Severity.LOW, "LOW", "labels only"),
            write("UpdateAnalyzer", Severity.MEDIUM, "MEDIUM; HIGH when it sets any analysis-rule exclusion",
                    "changes what the analyzer looks at; TrailWatch cannot see the old configuration, so any change"
                            + " may narrow it; an exclusion hides accounts or tagged resources for good"),
            write("UpdateArchiveRule", Severity.HIGH, "HIGH (the alert says how broad the filter is)",
                    "may widen what is archived: hides findings (MITRE ATT&CK T1562)"),
            write("UpdateFindings", Severity.HIGH, "HIGH; LOW for status ACTIVE",
                    "ARCHIVED hides findings; a missing status cannot be shown harmless, so it counts as hiding"),
            check("ValidatePolicy")));

    private OperationCatalog() {
    }

    /** The operation of that name, or empty for a name the catalog does not know. */
    public static Optional<Operation> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every operation, in alphabetical order. */
    public static Collection<Operation> all() {
        return BY_NAME.values();
    }

    private static Operation write(String name, Severity severity, String rating, String why) {
        return new Operation(name, Kind.WRITE, severity, rating, why);
    }

    private static Operation read(String name, String why) {
        return new Operation(name, Kind.READ, null, "never alerts (unless readOnly is false: MEDIUM)", why);
    }

    private static Operation check(String name) {
        return new Operation(name, Kind.CHECK, null, "never alerts, whatever readOnly says", CHECK_WHY);
    }

    private static Map<String, Operation> index(List<Operation> operations) {
        Map<String, Operation> byName = new LinkedHashMap<>();
        for (Operation o : operations) {
            if (byName.put(o.name(), o) != null) {
                throw new IllegalStateException("operation listed twice: " + o.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
