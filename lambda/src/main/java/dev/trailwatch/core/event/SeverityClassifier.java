package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.event.OperationCatalog.Kind;
import dev.trailwatch.core.event.OperationCatalog.Operation;
import java.util.Optional;
import java.util.Set;

/**
 * Rates an Access Analyzer call (README, "Mutating or not, and how bad"): the {@link OperationCatalog} gives each
 * write its severity, and the rules below read the request where its content decides.
 */
public final class SeverityClassifier {

    private static final Set<String> READ_ONLY_PREFIXES = Set.of("Get", "List", "Check", "Validate");

    private SeverityClassifier() {
    }

    public static Classification classify(TrailEvent event) {
        Optional<Operation> operation = OperationCatalog.find(event.eventName());
        if (operation.isEmpty()) {
            return Classification.unknown(isMutating(event.readOnly(), event.eventName()));
        }
        Operation op = operation.get();
        if (op.kind() == Kind.CHECK) {
            // Policy checks change nothing, and CI pipelines call them all day; CloudTrail may still mark them
            // readOnly false. Stored as reads, never alerted.
            return Classification.READ_ONLY;
        }
        Boolean readOnly = event.readOnly() != null ? event.readOnly() : !op.isWrite();
        if (readOnly) {
            return Classification.READ_ONLY;
        }
        if (!op.isWrite()) {
            // A Get or List that CloudTrail calls a change: unexpected, so rated like a call TrailWatch does not know.
            return Classification.mutating(Severity.MEDIUM);
        }
        return Classification.mutating(severityOf(op, event));
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

    private static Severity severityOf(Operation op, TrailEvent event) {
        JsonNode request = event.requestParameters();
        return switch (op.name()) {
            // ARCHIVED hides findings; a missing status cannot be shown harmless, so it counts as hiding too.
            case "UpdateFindings" -> "ACTIVE".equalsIgnoreCase(TrailEventReader.text(request, "status"))
                    ? Severity.LOW : Severity.HIGH;
            case "CreateAnalyzer" -> createAnalyzer(request);
            // An exclusion hides whole accounts or tagged resources from the analyzer for good. Without one, the
            // change may still narrow (a longer age, fewer inclusions): TrailWatch cannot see the old setting.
            case "UpdateAnalyzer" -> AnalyzerConfiguration.of(request).excludes() ? Severity.HIGH : Severity.MEDIUM;
            // A failed delete removed nothing; it stays MEDIUM because someone tried to switch an analyzer off
            // that an AWS service relies on, which customers are normally refused.
            case "DeleteServiceLinkedAnalyzer" -> event.failed() ? Severity.MEDIUM : Severity.HIGH;
            // Only AWS services may create one; customers are refused, so anyone else is probing.
            case "CreateServiceLinkedAnalyzer" -> "AWSService".equals(event.identity().type())
                    ? Severity.LOW : Severity.MEDIUM;
            default -> op.severity();
        };
    }

    /**
     * A new analyzer widens monitoring (LOW), unless it is born narrowed: inline archive rules, exclusions, or an
     * unused-access age above the default (MEDIUM); or an inline rule that archives every finding, which makes
     * the analyzer a blind one from its first scan (HIGH, like CreateArchiveRule). Internal-access inclusions do
     * not raise it: a new analyzer only adds what it includes.
     */
    private static Severity createAnalyzer(JsonNode request) {
        JsonNode rules = request == null ? null : request.get("archiveRules");
        boolean hasRules = rules != null && !rules.isNull() && !(rules.isContainerNode() && rules.isEmpty());
        if (ArchiveFilter.ofRules(rules).stream()
                .anyMatch(r -> r.getValue().breadth() == ArchiveFilter.Breadth.EVERY_FINDING)) {
            return Severity.HIGH;
        }
        AnalyzerConfiguration configuration = AnalyzerConfiguration.of(request);
        if (hasRules || configuration.excludes() || configuration.longerUnusedAccessAge()) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }
}
