package dev.trailwatch.core.read;

/**
 * Parser messages quote the text they failed on, and in a CloudTrail file that text may be a password in
 * requestParameters. A reason goes to logs, reports and metrics dashboards, so it keeps the kind of fault and
 * its byte offset and drops what the parser quoted.
 */
final class FailureReasons {

    static final String NOT_SHOWN = " (content not shown)";

    private FailureReasons() {
    }

    /** The message up to its first quotation, which is where Jackson starts quoting content. */
    static String withoutQuotedContent(String parserMessage) {
        if (parserMessage == null) {
            return "unknown fault";
        }
        int quote = indexOfQuote(parserMessage);
        if (quote < 0) {
            return parserMessage;
        }
        String kind = parserMessage.substring(0, quote).replaceAll("[\\s(:\"'`]+$", "");
        return (kind.isEmpty() ? "malformed content" : kind) + NOT_SHOWN;
    }

    private static int indexOfQuote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                return i;
            }
        }
        return -1;
    }
}
