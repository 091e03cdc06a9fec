package dev.trailwatch.core.alert;

/**
 * Makes untrusted CloudTrail text safe to show: no line breaks or control characters that could forge lines
 * in an email, no bidirectional overrides that could reorder what a reader sees.
 */
final class SafeText {

    private SafeText() {
    }

    /** Printable ASCII only, for the SNS subject; everything else becomes '?'. */
    static String ascii(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
            } else {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
                out.append('?');
            }
        }
        return out.toString();
    }

    /** One line of text: unicode letters kept, control, format (bidi) and line separator characters escaped. */
    static String line(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (unsafe) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
