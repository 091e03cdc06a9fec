package dev.trailwatch.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The EventBridge event pattern of the fast path, as data (maps, lists, strings and booleans, the shape of the
 * pattern's JSON): CloudTrail's copies of the calls that change something in the kept event sources, and the watch
 * list's calls by name. It is a pre-filter: the function decides each event as it decides a log file's records.
 *
 * <p>Three choices keep it correct and under EventBridge's default pattern size of 2048 characters:
 * <ul>
 *   <li>Sources are matched on {@code detail.eventSource}, CloudTrail's own field and the one the function reads,
 *       not on the event's {@code source}, whose name is not always {@code aws.} and the service's prefix.</li>
 *   <li>"Changes something" is {@code readOnly} false or missing, as two branches of an {@code $or}: a missing
 *       field is matched by {@code exists}, which EventBridge documents on its own in a list.</li>
 *   <li>The watch list's services share one branch: any of their sources with any of their names. A name of one
 *       service seen in another (say {@code AddPermission}) only reaches the function, which passes it by.
 *       Lambda's names are matched as prefixes, because CloudTrail writes them with an API version, and so is a
 *       watched name that begins another ({@code DeleteRole}, {@code DeleteRolePolicy}).</li>
 *   <li>Chat's watched names ({@link WatchedCalls#CHAT_SOURCE}) are never listed: they are long, and by name
 *       they would take some 300 characters, more than is left. A stack with chat channels gives chat among the
 *       whole sources ({@link #sources}): its calls that change something are then matched in the kept sources'
 *       two branches (some 50 characters), and the ones not watched (creating a configuration, tagging), rare,
 *       only reach the function, which passes them by as it does a log file's. A stack without chat channels
 *       leaves chat to the log file, as the fast path's own rule: it has no configuration to lose.</li>
 * </ul>
 */
public final class FastPathPattern {

    public static final String DETAIL_TYPE = "AWS API Call via CloudTrail";
    /** EventBridge's default quota for an event pattern, in characters. */
    public static final int MAX_PATTERN_CHARS = 2048;

    private FastPathPattern() {
    }

    /**
     * The whole sources of a stack's fast path: the function's {@code EVENT_SOURCES}, and chat's when the stack has
     * chat channels.
     */
    public static Set<String> sources(Set<String> eventSources, boolean chatChannels) {
        Set<String> sources = new TreeSet<>(eventSources);
        if (chatChannels) {
            sources.add(WatchedCalls.CHAT_SOURCE);
        }
        return Set.copyOf(sources);
    }

    /**
     * @param wholeSources the event sources of which every call that changes something is wanted ({@link #sources}:
     *     the function's {@code EVENT_SOURCES}, Access Analyzer's by default, and chat's with chat channels)
     */
    public static Map<String, Object> of(Set<String> wholeSources) {
        if (wholeSources.isEmpty()) {
            throw new IllegalArgumentException("the fast path needs at least one event source");
        }
        List<String> whole = List.copyOf(new TreeSet<>(wholeSources));
        List<Object> branches = new ArrayList<>();
        branches.add(Map.of("eventSource", whole, "readOnly", List.of(false)));
        branches.add(Map.of("eventSource", whole, "readOnly", List.of(Map.of("exists", false))));
        Set<String> named = new TreeSet<>(WatchedCalls.BY_SOURCE.keySet());
        named.removeAll(wholeSources);
        // Calls on the fast path's own rule come by the log file only: a rule that watched its own switching off
        // would add nothing the log file does not bring, and EventBridge's pattern size is short.
        named.remove(WatchedCalls.FAST_PATH_RULE_SOURCE);
        // Chat's names are too long to list: with chat channels it is among the whole sources, else log file only.
        named.remove(WatchedCalls.CHAT_SOURCE);
        if (!named.isEmpty()) {
            branches.add(Map.of("eventSource", List.copyOf(named), "eventName", names(named)));
        }
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("detail-type", List.of(DETAIL_TYPE));
        pattern.put("detail", Map.of("$or", branches));
        return pattern;
    }

    /**
     * The names of the sources, each once: Lambda's as prefixes, the others exact unless a prefix covers them
     * already.
     */
    static List<Object> names(Set<String> sources) {
        Set<String> prefixes = new TreeSet<>();
        Set<String> exact = new TreeSet<>();
        for (String source : sources) {
            (source.equals(WatchedCalls.VERSIONED_NAMES_SOURCE) ? prefixes : exact).addAll(WatchedCalls.names(source));
        }
        // A watched name that begins another (DeleteRole, DeleteRolePolicy) is matched as a prefix for both: the
        // pattern stays under EventBridge's size quota, and what else it lets through only reaches the function.
        exact.stream().filter(name -> exact.stream().anyMatch(other -> !other.equals(name) && other.startsWith(name)))
                .toList().forEach(name -> {
                    exact.remove(name);
                    prefixes.add(name);
                });
        exact.removeIf(name -> prefixes.stream().anyMatch(name::startsWith));
        prefixes.removeIf(name -> prefixes.stream().anyMatch(p -> !p.equals(name) && name.startsWith(p)));
        List<Object> names = new ArrayList<>(exact);
        prefixes.forEach(p -> names.add(Map.of("prefix", p)));
        return names;
    }

    /** The pattern as JSON, as CloudFormation and EventBridge take it (keys in the order given). */
    public static String toJson(Object node) {
        if (node instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((k, v) -> fields.add(quote(k.toString()) + ":" + toJson(v)));
            return "{" + String.join(",", fields) + "}";
        }
        if (node instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(toJson(v)));
            return "[" + String.join(",", items) + "]";
        }
        if (node instanceof String s) {
            return quote(s);
        }
        return String.valueOf(node);
    }

    private static String quote(String s) {
        // Event sources and API names are ASCII letters, digits, dots and dashes: nothing to escape but these two.
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
