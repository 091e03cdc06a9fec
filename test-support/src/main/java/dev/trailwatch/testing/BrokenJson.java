package dev.trailwatch.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Broken copies of a good log document, for the tests that check a reader fails the same way whichever path it
 * takes: the document cut at many places, and one of each fault a JSON scanner must stop at (bad syntax, a bad
 * literal, number or escape, a control character, nesting and a number past every limit, content after the end).
 */
public final class BrokenJson {

    private BrokenJson() {
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
