package dev.trailwatch.local.report;

import dev.trailwatch.contract.Severity;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The report as one HTML page that needs nothing else: CSS and the timeline (SVG) are inline, there is no script,
 * font, image or link to anywhere, so it opens the same offline, from a mail attachment or an archive. It is also
 * well-formed XML, which lets a test parse it whole. Every value is escaped ({@link Html}).
 */
public final class ReportPage {

    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px; color: #1d1d1f; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
            p.meta { color: #555; margin: 0; font-size: 13px; }
            table { border-collapse: collapse; font-size: 13px; }
            th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid #eee; }
            td.n { text-align: right; }
            .timeline { font-size: 11px; }
            .timeline .grid { stroke: #ddd; }
            .timeline .band { fill: #f6f6f8; }
            .timeline .tick { fill: #555; }
            .timeline .principal { fill: #1d1d1f; }
            .timeline .read { fill: #9aa0a6; }
            .timeline .letter { fill: #fff; font-weight: bold; font-size: 10px; }
            .legend span { display: inline-block; margin-right: 18px; font-size: 13px; }
            .badge { display: inline-block; min-width: 16px; padding: 0 4px; border-radius: 8px; color: #fff;
                     font-weight: bold; font-size: 11px; text-align: center; }
            .dot { display: inline-block; width: 7px; height: 7px; border-radius: 4px; background: #9aa0a6; }
            .sev-high { background: #c62828; } .sev-medium { background: #e07b00; } .sev-low { background: #1f6fb2; }
            """;

    private ReportPage() {
    }

    /** The page for {@code events} (in time order), read from {@code source}, made at {@code now}. */
    public static String render(List<ReportEvent> events, String source, Instant now) {
        StringBuilder html = new StringBuilder(16 * 1024);
        long mutating = events.stream().filter(ReportEvent::mutating).count();
        long alerted = events.stream().filter(ReportEvent::alerted).count();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<title>TrailWatch report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>TrailWatch report</h1>\n<p class=\"meta\">")
                .append(Html.escape(events.size() + " Access Analyzer calls, " + mutating + " mutating, " + alerted
                        + " alerted; database " + source + "; made " + now.truncatedTo(ChronoUnit.SECONDS)))
                .append("</p>\n");
        if (events.isEmpty()) {
            html.append("<p>No events in the database.</p>\n</body>\n</html>\n");
            return html.toString();
        }
        html.append("<h2>Calls per principal</h2>\n<p class=\"legend\"><span><i class=\"dot\"></i> read</span>");
        for (Severity s : new Severity[] {Severity.LOW, Severity.MEDIUM, Severity.HIGH}) {
            html.append("<span>").append(badge(s)).append(' ').append(s.name()).append("</span>");
        }
        html.append("</p>\n").append(Timeline.svg(events)).append('\n');

        List<ReportEvent> high = events.stream().filter(e -> e.alerted() && e.severity() == Severity.HIGH).toList();
        html.append("<h2>HIGH alerts (").append(high.size()).append(")</h2>\n");
        if (high.isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table class=\"alerts\">\n<tr><th>time</th><th>principal</th><th>event</th><th>account</th>"
                    + "<th>region</th><th>source IP</th><th>result</th></tr>\n");
            for (ReportEvent e : high) {
                html.append("<tr>");
                for (String cell : new String[] {e.time().toString(), e.principal(), e.eventName(), e.account(),
                        e.region(), e.sourceIp(), e.errorCode().isEmpty() ? "OK" : e.errorCode()}) {
                    html.append("<td>").append(Html.escape(cell)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        counts(html, "Calls per account", "account", events, ReportEvent::account);
        counts(html, "Calls per region", "region", events, ReportEvent::region);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String badge(Severity s) {
        return "<b class=\"badge sev-" + s.name().toLowerCase(java.util.Locale.ROOT) + "\">" + Timeline.letter(s) + "</b>";
    }

    private static void counts(StringBuilder html, String title, String column, List<ReportEvent> events,
                               Function<ReportEvent, String> key) {
        Map<String, long[]> counts = new TreeMap<>();
        for (ReportEvent e : events) {
            long[] c = counts.computeIfAbsent(key.apply(e), k -> new long[3]);
            c[0]++;
            c[1] += e.mutating() ? 1 : 0;
            c[2] += e.alerted() ? 1 : 0;
        }
        html.append("<h2>").append(title).append("</h2>\n<table>\n<tr><th>").append(column)
                .append("</th><th>calls</th><th>mutating</th><th>alerted</th></tr>\n");
        counts.forEach((k, c) -> html.append("<tr><td>").append(Html.escape(k.isEmpty() ? "-" : k))
                .append("</td><td class=\"n\">").append(c[0]).append("</td><td class=\"n\">").append(c[1])
                .append("</td><td class=\"n\">").append(c[2]).append("</td></tr>\n"));
        html.append("</table>\n");
    }
}
