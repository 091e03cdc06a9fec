package dev.trailwatch.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.contract.WatchedCalls;
import dev.trailwatch.core.read.Utf8;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The calls that can blind TrailWatch, kept besides the configured event sources and alerted on their own terms:
 * switching off or narrowing the trail, switching Access Analyzer off from Organizations, and touching TrailWatch's
 * own wiring (the trail bucket's notification, policy and lifecycle; the queues; the function, its mapping, alias
 * and concurrency; the topics and their subscriptions; the table; the keys; the canary's schedule and state
 * machine; the roles; the alarms; the chat channels). Only the mutating calls below are watched; every read of
 * these services passes by. A call on the wiring of something else (another queue, another role) is not
 * TrailWatch's business and is not kept.
 */
public final class WatchList {

    /** Which part of a request decides whether a watched call concerns TrailWatch. */
    private enum Target {
        /** Any trail: HIGH when it is the watched trail, MEDIUM for another (it may be the one that matters). */
        TRAIL,
        /** Organizations' service access, only for Access Analyzer's service principal. */
        ACCESS_ANALYZER_SERVICE,
        /** One of TrailWatch's own resources, named anywhere in the request or the record's resources. */
        OWN,
        /**
         * A chat channel configuration, as {@link #OWN} but known first by the configuration's ARN; and the
         * deletion of a Slack workspace's or a Teams team's authorization, which names no configuration: MEDIUM
         * for any, since the function does not know its channels' workspace or team.
         */
        CHAT
    }

    private record Rule(String source, Set<String> names, Target target, String label) {
    }

    static final String ACCESS_ANALYZER_PRINCIPAL = "access-analyzer.amazonaws.com";

    /** The names come from the contract, which the stack's EventBridge rule reads too. */
    private static final List<Rule> RULES = List.of(
            rule("cloudtrail.amazonaws.com", Target.TRAIL, "trail"),
            rule("organizations.amazonaws.com", Target.ACCESS_ANALYZER_SERVICE, "Organizations"),
            rule("s3.amazonaws.com", Target.OWN, "bucket"),
            rule("sqs.amazonaws.com", Target.OWN, "queue"),
            // Lambda's event names carry an API version ("UpdateFunctionConfiguration20150331v2"): matched without it.
            rule(WatchedCalls.VERSIONED_NAMES_SOURCE, Target.OWN, "function"),
            rule("sns.amazonaws.com", Target.OWN, "topic"),
            rule("dynamodb.amazonaws.com", Target.OWN, "table"),
            rule("kms.amazonaws.com", Target.OWN, "key"),
            rule("scheduler.amazonaws.com", Target.OWN, "schedule"),
            // The canary's schedule starts a state machine that makes the read: changing it silences the canary.
            rule("states.amazonaws.com", Target.OWN, "state machine"),
            rule(WatchedCalls.FAST_PATH_RULE_SOURCE, Target.OWN, "rule"),
            rule("iam.amazonaws.com", Target.OWN, "role"),
            rule("monitoring.amazonaws.com", Target.OWN, "alarm"),
            rule(WatchedCalls.CHAT_SOURCE, Target.CHAT, "chat channel"));

    /** Where chat's requests name the channel configuration: its ARN, whose last part is the name. */
    private static final String[] CHAT_CONFIGURATION_FIELDS =
            {"ChatConfigurationArn", "chatConfigurationArn", "ChatConfiguration", "chatConfiguration"};
    /** Where the authorization calls name the Slack workspace or the Teams team. */
    private static final String[] CHAT_WORKSPACE_FIELDS = {"SlackTeamId", "slackTeamId", "TeamId", "teamId"};

    private static Rule rule(String source, Target target, String label) {
        Set<String> names = WatchedCalls.names(source);
        if (names.isEmpty()) {
            throw new IllegalStateException("no watched calls for " + source);
        }
        return new Rule(source, names, target, label);
    }

    /** One rule per source (a second would fail here, at class initialisation). */
    private static final Map<String, Rule> BY_SOURCE =
            RULES.stream().collect(Collectors.toMap(Rule::source, rule -> rule));

    private static final Pattern API_VERSION = Pattern.compile("\\d{8}(v\\d+)?$");

    private final WatchTargets targets;

    public WatchList(WatchTargets targets) {
        this.targets = targets;
    }

    /** The event sources the watch list needs read, besides the configured ones. */
    public static Set<String> sources() {
        return Set.copyOf(BY_SOURCE.keySet());
    }

    /** Every watched call's name, across sources: what a byte filter may look for. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        RULES.forEach(r -> names.addAll(r.names()));
        return Set.copyOf(names);
    }

    /** Whether a record's source and name are on the watch list, before its target is known. */
    public static boolean mayWatch(JsonNode record) {
        return ruleFor(TrailEventReader.eventSourceOf(record), TrailEventReader.text(record, "eventName")).isPresent();
    }

    /**
     * The rating of a watched call, or empty when the call is not on the watch list or does not concern what
     * TrailWatch watches.
     */
    public Optional<Classification> rate(TrailEvent event) {
        return ruleFor(event.eventSource(), event.eventName())
                .flatMap(rule -> rate(rule, withoutApiVersion(event.eventName()), event));
    }

    /** The rule that watches this call by its source and name, whatever it touched. */
    private static Optional<Rule> ruleFor(String source, String eventName) {
        Rule rule = source == null || eventName == null ? null : BY_SOURCE.get(source);
        return rule != null && rule.names().contains(withoutApiVersion(eventName)) ? Optional.of(rule)
                : Optional.empty();
    }

    private static String withoutApiVersion(String eventName) {
        return API_VERSION.matcher(eventName).replaceFirst("");
    }

    private Optional<Classification> rate(Rule rule, String name, TrailEvent event) {
        JsonNode request = event.requestParameters();
        switch (rule.target()) {
            case TRAIL -> {
                String trail = firstText(request, "name", "trailName");
                if (trail != null) {
                    // A request value can be long; the sentence is an alert line and an item attribute.
                    trail = Utf8.truncate(trail, 512);
                }
                boolean watched = trail != null && isWatchedTrail(trail);
                String what = name + " on trail " + (trail == null ? "(not named)" : trail);
                return Optional.of(watched
                        ? Classification.watched(Severity.HIGH, "Watched trail touched",
                                "The watched trail was touched: " + what)
                        : Classification.watched(Severity.MEDIUM, "Trail touched", "A trail was touched: " + what));
            }
            case ACCESS_ANALYZER_SERVICE -> {
                if (!ACCESS_ANALYZER_PRINCIPAL.equals(firstText(request, "servicePrincipal"))) {
                    return Optional.empty();
                }
                return Optional.of(Classification.watched(Severity.HIGH, "Access Analyzer switched off",
                        "Access Analyzer was switched off from Organizations: " + name));
            }
            case OWN -> {
                return own(rule, name, event);
            }
            case CHAT -> {
                if (WatchedCalls.CHAT_AUTHORIZATION_CALLS.contains(name)) {
                    // Amazon Q Developer refuses these while a channel of the workspace or team is configured in
                    // the account: TrailWatch's own configuration, if it was there, was deleted first, and that
                    // alerted HIGH. What this adds: the channel cannot be configured again (a redeploy fails)
                    // until someone signs in to the chat application again.
                    String workspace = firstText(request, CHAT_WORKSPACE_FIELDS);
                    String what = name + " of " + (name.contains("Slack") ? "Slack workspace " : "Teams team ")
                            + (workspace == null ? "(not named)" : Utf8.truncate(workspace, 512));
                    return Optional.of(Classification.watched(Severity.MEDIUM, "Chat authorization deleted",
                            "A chat application's authorization was deleted: " + what));
                }
                // The configuration's ARN first: an update also names its topics, and the first line should say
                // which configuration was touched.
                String configuration = firstText(request, CHAT_CONFIGURATION_FIELDS);
                if (configuration != null) {
                    for (String own : targets.ownResources()) {
                        if (names(configuration, own)) {
                            return Optional.of(Classification.watched(Severity.HIGH, "TrailWatch touched",
                                    "TrailWatch itself was touched: " + name + " on " + rule.label() + " " + own));
                        }
                    }
                }
                // Another configuration that names TrailWatch's resources (say, given the alert topic).
                return ownResourceNamedIn(event).map(resource -> Classification.watched(Severity.HIGH,
                        "TrailWatch touched", "TrailWatch itself was touched: " + name + " naming " + resource));
            }
            default -> throw new IllegalStateException(rule.target().name());
        }
    }

    private Optional<Classification> own(Rule rule, String name, TrailEvent event) {
        return ownResourceNamedIn(event).map(resource -> Classification.watched(Severity.HIGH, "TrailWatch touched",
                "TrailWatch itself was touched: " + name + " on " + rule.label() + " " + resource));
    }

    private boolean isWatchedTrail(String trail) {
        for (String watched : targets.trails()) {
            if (trail.equals(watched) || trail.endsWith(":trail/" + watched) || watched.endsWith(":trail/" + trail)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first of TrailWatch's resources that the call names: in any string of its request or its response
     * (an event source mapping is named by its UUID in the request, by its function's ARN in the response), or in
     * the ARNs of the record's {@code resources}. A name counts where it stands whole: the value itself, or after a
     * {@code /} or {@code :} and before the end, a {@code :} or a {@code /} (queue URLs, ARNs with qualifiers,
     * subscription ARNs under their topic).
     */
    private Optional<String> ownResourceNamedIn(TrailEvent event) {
        if (targets.ownResources().isEmpty()) {
            return Optional.empty();
        }
        Deque<JsonNode> pending = new ArrayDeque<>();
        if (event.requestParameters() != null) {
            pending.add(event.requestParameters());
        }
        if (event.responseElements() != null) {
            pending.add(event.responseElements());
        }
        JsonNode resources = event.raw() == null ? null : event.raw().get("resources");
        if (resources != null) {
            pending.add(resources);
        }
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isTextual()) {
                String value = node.asText();
                for (String own : targets.ownResources()) {
                    if (names(value, own)) {
                        return Optional.of(own);
                    }
                }
            } else if (node.isContainerNode()) {
                node.forEach(pending::add);
            }
        }
        return Optional.empty();
    }

    static boolean names(String value, String name) {
        int from = 0;
        while (true) {
            int at = value.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            int end = at + name.length();
            boolean startsWhole = at == 0 || value.charAt(at - 1) == '/' || value.charAt(at - 1) == ':';
            boolean endsWhole = end == value.length() || value.charAt(end) == '/' || value.charAt(end) == ':';
            if (startsWhole && endsWhole) {
                return true;
            }
            from = at + 1;
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        if (node == null) {
            return null;
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return null;
    }
}
