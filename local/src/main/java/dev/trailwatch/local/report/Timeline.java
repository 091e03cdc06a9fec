package dev.trailwatch.local.report;

import dev.trailwatch.contract.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The calls per principal over time, as inline SVG: one row per principal, one mark per call. A read is a small
 * grey dot; a mutating call a larger disc in its severity's colour carrying its letter (L, M, H), so that the
 * severity can be told without colour too. Each mark's tooltip (an SVG title) says what it is.
 */
final class Timeline {

    static final int WIDTH = 1120;
    static final int LABEL_WIDTH = 330;
    static final int PLOT_LEFT = LABEL_WIDTH + 20;
    static final int PLOT_RIGHT = WIDTH - 30;
    static final int ROW = 30;
    static final int TOP = 30;
    static final int TICKS = 5;
    static final int LABEL_CHARS = 46;

    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timeline() {
    }

    static String colour(Severity severity) {
        return switch (severity) {
            case HIGH -> "#c62828";
            case MEDIUM -> "#e07b00";
            case LOW -> "#1f6fb2";
        };
    }

    static String letter(Severity severity) {
        return severity.name().substring(0, 1);
    }

    static String svg(List<ReportEvent> events) {
        Map<String, List<ReportEvent>> byPrincipal = new LinkedHashMap<>();
        events.stream().map(ReportEvent::principal).sorted().distinct()
                .forEach(p -> byPrincipal.put(p, new ArrayList<>()));
        events.forEach(e -> byPrincipal.get(e.principal()).add(e));

        Instant first = events.get(0).time();
        Instant last = events.get(events.size() - 1).time();
        if (!last.isAfter(first)) { // one instant: give it an hour either side
            first = first.minus(Duration.ofHours(1));
            last = last.plus(Duration.ofHours(1));
        }
        int height = TOP + byPrincipal.size() * ROW + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Calls per principal over time\">\n");
        int plotBottom = TOP + byPrincipal.size() * ROW;
        for (int i = 0; i <= TICKS; i++) {
            double x = PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * i / (double) TICKS;
            Instant at = first.plusMillis((long) (Duration.between(first, last).toMillis() * (i / (double) TICKS)));
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n",
                    x, TOP - 10, x, plotBottom));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
                    x, plotBottom + 18, i == 0 ? "start" : i == TICKS ? "end" : "middle", TICK.format(at)));
        }
        int row = 0;
        for (Map.Entry<String, List<ReportEvent>> entry : byPrincipal.entrySet()) {
            int y = TOP + row * ROW + ROW / 2;
            if (row % 2 == 0) {
                svg.append("<rect class=\"band\" x=\"0\" y=\"").append(y - ROW / 2).append("\" width=\"").append(WIDTH)
                        .append("\" height=\"").append(ROW).append("\"/>\n");
            }
            svg.append("<text class=\"principal\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\"><title>").append(Html.escape(entry.getKey())).append("</title>")
                    .append(Html.escape(Html.shorten(entry.getKey(), LABEL_CHARS))).append("</text>\n");
            // Reads first, so that a mutating call is never hidden under a read at the same time.
            for (ReportEvent e : entry.getValue()) {
                if (!e.mutating()) {
                    mark(svg, e, x(e.time(), first, last), y);
                }
            }
            for (ReportEvent e : entry.getValue()) {
                if (e.mutating()) {
                    mark(svg, e, x(e.time(), first, last), y);
                }
            }
            row++;
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double x(Instant t, Instant first, Instant last) {
        double span = Duration.between(first, last).toMillis();
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (Duration.between(first, t).toMillis() / span);
    }

    private static void mark(StringBuilder svg, ReportEvent e, double x, int y) {
        String title = "<title>" + Html.escape(e.time() + " " + e.eventName() + " by " + e.principal()
                + (e.mutating() ? " (" + e.severity() + ")" : " (read)")
                + (e.errorCode().isEmpty() ? "" : " failed: " + e.errorCode())) + "</title>";
        if (!e.mutating()) {
            svg.append(String.format(Locale.ROOT, "<circle class=\"read\" cx=\"%.1f\" cy=\"%d\" r=\"3.5\">%s</circle>\n",
                    x, y, title));
            return;
        }
        svg.append(String.format(Locale.ROOT, "<g class=\"call %s\">%s<circle cx=\"%.1f\" cy=\"%d\" r=\"8\" fill=\"%s\"/>"
                        + "<text class=\"letter\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text></g>\n",
                e.severity().name().toLowerCase(Locale.ROOT), title, x, y, colour(e.severity()), x, y + 4,
                letter(e.severity())));
    }
}
