package dev.trailwatch.local.report;

/**
 * Text made safe for the page. Every value in the report comes from a log file, which anyone able to write to the
 * trail's bucket (or to forge a record) controls: each one is escaped, in text and in attributes alike, and
 * control characters, which neither HTML nor XML allows, become U+FFFD.
 */
final class Html {

    private Html() {
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isISOControl(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** At most {@code max} characters, the cut marked with an ellipsis. */
    static String shorten(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "\u2026";
    }
}
