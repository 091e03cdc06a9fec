package dev.trailwatch.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Broken copies of a good log document, for the tests that check a reader fails the same way whichever path it
 * takes: the document cut at many places, and one of each fault a JSON scanner must stop at (bad syntax, a bad
 * literal, number or escape, a control character, nesting and a number past every limit, content after the end).
 */
public final class BrokenJson {

    private BrokenJson() {
    }

    /** Bytes a JSON scanner decides on: structure, escapes, the start of numbers and literals, a UTF-8 lead. */
    private static final byte[] INTERESTING = "\"{}[],:\\ 0-eEtfnu.\u00e9".getBytes(StandardCharsets.UTF_8);

    /**
     * A copy of {@code good} with one to three random faults, each a byte changed (to one a JSON scanner decides on,
     * or to any), dropped or added, or the rest cut off.
     */
    public static byte[] damaged(byte[] good, SplittableRandom random) {
        byte[] bad = good.clone();
        int damages = 1 + random.nextInt(3);
        for (int k = 0; k < damages && bad.length > 0; k++) {
            int at = random.nextInt(bad.length);
            switch (random.nextInt(5)) {
                case 0 -> bad[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> bad[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[bad.length - 1];
                    System.arraycopy(bad, 0, shorter, 0, at);
                    System.arraycopy(bad, at + 1, shorter, at, bad.length - at - 1);
                    bad = shorter;
                }
                case 3 -> {
                    byte[] longer = new byte[bad.length + 1];
                    System.arraycopy(bad, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(bad, at, longer, at + 1, bad.length - at);
                    bad = longer;
                }
                default -> bad = Arrays.copyOf(bad, at);
            }
        }
        return bad;
    }

    /**
     * @param good a log document holding the records {@code "eventName":"A"}, then {@code "eventName":"B"}, each the
     *             last member of its record
     * @param cutEvery the distance between the places it is cut at (1: every byte)
     */
    public static List<String> of(String good, int cutEvery) {
        if (!good.contains("\"eventName\":\"A\"}") || !good.contains("\"eventName\":\"B\"}")) {
            throw new IllegalArgumentException("the good document must hold \"eventName\":\"A\"} and "
                    + "\"eventName\":\"B\"}: " + good);
        }
        List<String> broken = new ArrayList<>();
        for (int cut = 1; cut < good.length(); cut += cutEvery) {
            broken.add(good.substring(0, cut));
        }
        String b = "\"eventName\":\"B\"";
        broken.add(good.replace("\"A\"}", "\"A\" x}"));
        broken.add(good.replace("\"B\"}", "\"B\",}"));
        broken.add(good.replace("\"A\"}", "\"A\"]"));
        broken.add(good.replace(":\"A\"", "::\"A\""));
        broken.add(good.replace("\"eventName\":\"A\"", "\"eventName\"\"A\""));
        broken.add(good.replace("},{", "},,{"));
        broken.add(good.replace(b, "\"eventName\":01"));
        broken.add(good.replace(b, "\"eventName\":tru"));
        broken.add(good.replace(b, "\"eventName\":-"));
        broken.add(good.replace(b, "\"eventName\":1.e5"));
        broken.add(good.replace(b, "\"eventName\":\"\\x\""));
        broken.add(good.replace(b, "\"eventName\":\"\\u12g4\""));
        broken.add(good.replace(b, "\"eventName\":\"a\tb\""));
        broken.add(good.replace(b, "\"x\":{\"y\":" + "[".repeat(300) + "]".repeat(300) + "}"));
        broken.add(good.replace(b, "\"n\":" + "1".repeat(2000)));
        broken.add(good + " {}");
        broken.add("[" + good + "]");
        if (broken.contains(good)) {
            throw new IllegalArgumentException("a fault found nothing to break in: " + good);
        }
        return broken;
    }
}
