package dev.trailwatch.local.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people: a header, then the rows, each column as wide as its widest cell, two spaces apart.
 * Cells come from log files that anyone able to call AWS could have written: control characters (an escape
 * sequence could rewrite the terminal) are shown as {@code ?}, so what is printed is what is stored, only safe.
 */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public void add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(header.size() + " cells expected, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(clean(cell));
        }
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    /** Prints the header and the rows; nothing at all when there is no row. */
    public void print(PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(header.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        printRow(out, header, widths);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        out.println(line);
    }

    /** Characters, not UTF-16 units: a name with an emoji still lines up. */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    static String clean(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(cell.length());
        cell.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.toString();
    }
}
