package dev.trailwatch.local.output;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.local.store.TableReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code events.jsonl}: every item of the table, one JSON line each, sorted by principal then eventTimeId (time,
 * then eventID), compared as DynamoDB compares strings. The table is read once (Scan); lines go to a scratch file
 * as they come and only their keys stay in memory, then the lines are copied out in order. The file is replaced
 * whole or not at all.
 */
public final class EventsExport {

    public static final String EVENTS_FILE = "events.jsonl";

    private record Entry(String principal, String sortKey, long offset, int length) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::principal, TableReader.DYNAMODB_ORDER)
            .thenComparing(Entry::sortKey, TableReader.DYNAMODB_ORDER);

    private EventsExport() {
    }

    /** Writes {@code dir/events.jsonl}; returns how many items it holds. */
    public static long write(TableReader table, ItemJson json, Path dir) throws IOException {
        Path scratch = dir.resolve(EVENTS_FILE + ".unsorted");
        Path sorted = dir.resolve(EVENTS_FILE + ".tmp");
        List<Entry> entries = new ArrayList<>();
        Map<String, String> principals = new HashMap<>(); // one String per principal, however many items
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 256 * 1024)) {
                long[] offset = {0};
                table.scan(item -> {
                    byte[] line = (json.toLine(item) + "\n").getBytes(StandardCharsets.UTF_8);
                    try {
                        out.write(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    String principal = principals.computeIfAbsent(text(item, TableLayout.PARTITION_KEY), p -> p);
                    entries.add(new Entry(principal, text(item, TableLayout.SORT_KEY), offset[0], line.length));
                    offset[0] += line.length;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            entries.sort(ORDER);
            try (RandomAccessFile in = new RandomAccessFile(scratch.toFile(), "r");
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(sorted), 256 * 1024)) {
                byte[] buffer = new byte[64 * 1024];
                for (Entry e : entries) {
                    if (buffer.length < e.length()) {
                        buffer = new byte[e.length()];
                    }
                    in.seek(e.offset());
                    in.readFully(buffer, 0, e.length());
                    out.write(buffer, 0, e.length());
                }
            }
            Files.move(sorted, dir.resolve(EVENTS_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(scratch);
            Files.deleteIfExists(sorted);
        }
        return entries.size();
    }

    private static String text(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                               String name) {
        var value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
