package dev.trailwatch.local.output;

import dev.trailwatch.contract.TableLayout;
import dev.trailwatch.local.store.TableReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code events.jsonl}: every item of the table, one JSON line each, sorted by principal then eventTimeId (time,
 * then eventID), compared as DynamoDB compares strings. The table is read once, by a parallel Scan on as many
 * threads as there are cores (two at least, four at most: turning items into lines is most of the work, and it runs
 * at the end of a run, when the other cores are idle); lines go to one scratch file per segment as they come and
 * only their keys stay in memory, then the lines are copied out in order. The file is replaced whole or not at all.
 */
public final class EventsExport {

    public static final String EVENTS_FILE = "events.jsonl";

    private record Entry(String principal, String sortKey, int segment, long offset, int length) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::principal, TableReader.DYNAMODB_ORDER)
            .thenComparing(Entry::sortKey, TableReader.DYNAMODB_ORDER);

    private EventsExport() {
    }

    /** Writes {@code dir/events.jsonl}; returns how many items it holds. */
    public static long write(TableReader table, ItemJson json, Path dir) throws IOException {
        return write(table, json, dir, Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    static long write(TableReader table, ItemJson json, Path dir, int segments) throws IOException {
        Path sorted = dir.resolve(EVENTS_FILE + ".tmp");
        List<Path> scratch = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            scratch.add(dir.resolve(EVENTS_FILE + ".unsorted." + i));
        }
        try {
            List<List<Entry>> parts = scanInParallel(table, json, scratch);
            List<Entry> entries = new ArrayList<>();
            parts.forEach(entries::addAll);
            entries.sort(ORDER);
            List<RandomAccessFile> inputs = new ArrayList<>();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sorted), 256 * 1024)) {
                for (Path p : scratch) {
                    inputs.add(new RandomAccessFile(p.toFile(), "r"));
                }
                byte[] buffer = new byte[64 * 1024];
                for (Entry e : entries) {
                    if (buffer.length < e.length()) {
                        buffer = new byte[e.length()];
                    }
                    RandomAccessFile in = inputs.get(e.segment());
                    in.seek(e.offset());
                    in.readFully(buffer, 0, e.length());
                    out.write(buffer, 0, e.length());
                }
            } finally {
                for (RandomAccessFile in : inputs) {
                    in.close();
                }
            }
            Files.move(sorted, dir.resolve(EVENTS_FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return entries.size();
        } finally {
            for (Path p : scratch) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(sorted);
        }
    }

    /** Each segment on its own thread, into its own scratch file; the keys and places of its lines. */
    private static List<List<Entry>> scanInParallel(TableReader table, ItemJson json, List<Path> scratch)
            throws IOException {
        int segments = scratch.size();
        ExecutorService pool = Executors.newFixedThreadPool(segments, r -> {
            Thread t = new Thread(r, "trailwatch-export");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Entry>>> futures = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                int segment = i;
                futures.add(pool.submit(() -> scanSegment(table, json, segment, scratch)));
            }
            List<List<Entry>> parts = new ArrayList<>();
            for (Future<List<Entry>> f : futures) {
                parts.add(f.get());
            }
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + EVENTS_FILE);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Entry> scanSegment(TableReader table, ItemJson json, int segment, List<Path> scratch)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> principals = new HashMap<>(); // one String per principal, however many items
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch.get(segment)), 256 * 1024)) {
            long[] offset = {0};
            table.scanSegment(segment, scratch.size(), item -> {
                byte[] line = (json.toLine(item) + "\n").getBytes(StandardCharsets.UTF_8);
                try {
                    out.write(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String principal = principals.computeIfAbsent(text(item, TableLayout.PARTITION_KEY), p -> p);
                entries.add(new Entry(principal, text(item, TableLayout.SORT_KEY), segment, offset[0], line.length));
                offset[0] += line.length;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return entries;
    }

    private static String text(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                               String name) {
        var value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
