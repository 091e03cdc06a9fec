package dev.trailwatch.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Logical IDs that ignore the stack's parts: each resource keeps the logical ID it had when it sat directly on the
 * stack. CloudFormation identifies a resource by its logical ID, so without this, moving the resources into
 * constructs would make an update replace them: a new table, new buckets and a new trail key, the old ones
 * orphaned by their Retain policies. A part's "Default" child takes the part's own name, as in the CDK.
 *
 * <p>The ID itself is the CDK's (core/lib/private/uniqueid.ts, which is not public): path components without
 * "Default", then a human part without "Resource" and repeated names, then an MD5 of the path. A template test
 * pins every logical ID of both modes, so a drift from the CDK's algorithm fails the build.
 */
final class LogicalIds {

    private static final String HIDDEN_ID = "Default";
    private static final String HIDDEN_FROM_HUMAN_ID = "Resource";
    private static final int HASH_LEN = 8;
    private static final int MAX_HUMAN_LEN = 240;
    private static final int MAX_ID_LEN = 255;

    private LogicalIds() {
    }

    /** @param parts the ids of the stack's direct children that are left out of their resources' logical IDs */
    static String allocate(Stack stack, CfnElement element, Set<String> parts) {
        List<IConstruct> scopes = element.getNode().getScopes();
        int stackIndex = scopes.indexOf(stack);
        List<String> components = new ArrayList<>();
        for (IConstruct scope : scopes.subList(stackIndex + 1, scopes.size())) {
            components.add(scope.getNode().getId());
        }
        if (components.size() > 1 && parts.contains(components.get(0)) && !HIDDEN_ID.equals(components.get(1))) {
            components.remove(0);
        }
        return makeUniqueId(components);
    }

    static String makeUniqueId(List<String> path) {
        List<String> components = path.stream().filter(c -> !HIDDEN_ID.equals(c)).toList();
        if (components.isEmpty()) {
            throw new IllegalArgumentException("Unable to calculate a unique id for an empty set of components");
        }
        if (components.size() == 1) {
            String candidate = alphanumeric(components.get(0));
            if (candidate.length() <= MAX_ID_LEN) {
                return candidate;
            }
        }
        StringBuilder human = new StringBuilder();
        for (String component : removeDupes(components)) {
            if (!HIDDEN_FROM_HUMAN_ID.equals(component)) {
                human.append(alphanumeric(component));
            }
        }
        String humanPart = human.length() > MAX_HUMAN_LEN ? human.substring(0, MAX_HUMAN_LEN) : human.toString();
        return humanPart + pathHash(components);
    }

    private static String pathHash(List<String> components) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5")
                    .digest(String.join("/", components).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5).substring(0, HASH_LEN).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    private static String alphanumeric(String component) {
        return component.replaceAll("[^A-Za-z0-9]", "");
    }

    /** Drops a component that the one before it ends with, as the CDK does ("FooBar/Bar" reads "FooBar"). */
    private static List<String> removeDupes(List<String> components) {
        List<String> kept = new ArrayList<>();
        for (String component : components) {
            if (kept.isEmpty() || !kept.get(kept.size() - 1).endsWith(component)) {
                kept.add(component);
            }
        }
        return kept;
    }
}
