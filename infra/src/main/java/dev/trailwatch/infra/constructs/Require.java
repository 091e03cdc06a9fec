package dev.trailwatch.infra.constructs;

/**
 * The checks every construct runs on its props before defining anything, with messages that name the construct and
 * the prop: a wrong value must stop the synth where it was given, not surface as a CloudFormation error later.
 */
final class Require {

    private Require() {
    }

    static <T> T props(String construct, T props) {
        if (props == null) {
            throw new IllegalArgumentException(construct + ": props are required");
        }
        return props;
    }

    static <T> T present(String construct, String prop, T value) {
        if (value == null) {
            throw new IllegalArgumentException(construct + ": props." + prop + " is required");
        }
        return value;
    }

    static void that(boolean condition, String construct, String prop, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(construct + ": props." + prop + " " + problem);
        }
    }
}
