package dev.trailwatch.core.event;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the watch list compares a call against: the trails TrailWatch reads (by name or ARN), the names of its own
 * resources (bucket, queues, function, event source mapping, topics, table, keys, schedule, roles, alarms), and
 * the principal of its canary. The deployed function learns them from its environment, set by the stack; the
 * local runner knows only what its flags say.
 */
public record WatchTargets(Set<String> trails, Set<String> ownResources, Optional<String> canaryPrincipal) {

    public static final WatchTargets NONE = new WatchTargets(Set.of(), Set.of(), Optional.empty());

    public WatchTargets {
        trails = Set.copyOf(trails);
        ownResources = Set.copyOf(ownResources);
        Objects.requireNonNull(canaryPrincipal, "canaryPrincipal");
        for (String name : ownResources) {
            if (name.length() < MIN_NAME) {
                // A short name would match unrelated values ("live" is in half the ARNs of an account).
                throw new IllegalArgumentException("own resource name '" + name + "' is shorter than " + MIN_NAME
                        + " characters: too short to be told apart from other resources' names");
            }
        }
    }

    /** Shorter names than this are refused: CDK-made names are 20 and more characters, key ids 36. */
    public static final int MIN_NAME = 6;
}
