package dev.trailwatch.local.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.alert.AlertSink;
import dev.trailwatch.core.event.EventTimes;
import dev.trailwatch.core.store.CallHistory;
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
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a local run's alerts go instead of SNS: a line of {@code alerts.jsonl} each ({@code --out}), or a line
 * on stdout. A line is written and flushed before the core records the alert as sent, so that an alert the
 * database calls sent is never missing from the file, even if the run is killed.
 *
 * <p>With several threads, alerts arrive in the order files finish. In the file, {@link #close()} puts the lines
 * back in the order of the files (and of the events within each file), the order a one-thread run writes them
 * in; on stdout, a file's lines wait until the files before it are done ({@link #fileDone}).
 */
public final class LocalAlertSink implements AlertSink, AutoCloseable {

    public static final String ALERTS_FILE = "alerts.jsonl";

    /** Which file this thread is processing, so that lines can be put in file order at the end. */
    private final ThreadLocal<Integer> currentFile = ThreadLocal.withInitial(() -> Integer.MAX_VALUE);
    private final AtomicLong count = new AtomicLong();

    private final ObjectMapper mapper;
    private final Path file;
    /** The open alerts.jsonl; null until {@link #open()}, and always in terminal mode. */
    private OutputStream stream;
    private final Terminal terminal;
    private final List<Line> lines = new ArrayList<>();
    private long offset;
    private boolean closed;

    // Terminal mode: a file's lines wait until every file before it is done, so that stdout is in file order too.
    private final TreeMap<Integer, List<String>> waiting = new TreeMap<>();
    private final BitSet done = new BitSet();
    private int nextToPrint;

    private record Line(int fileIndex, long seq, long offset, int length) {
    }

    private LocalAlertSink(ObjectMapper mapper, Path file, Terminal terminal) {
        this.mapper = mapper;
        this.file = file;
        this.terminal = terminal;
    }

    /**
     * Alerts as lines of {@code dir/alerts.jsonl}, replacing what an earlier run left there once {@link #open()} is
     * called: not before, so that a run that stops before it starts (an unusable database) leaves the file alone.
     */
    public static LocalAlertSink toFile(Path dir, ObjectMapper mapper) {
        return new LocalAlertSink(mapper, dir.resolve(ALERTS_FILE), null);
    }

    /** Alerts as one summary line each on stdout. */
    public static LocalAlertSink toTerminal(Terminal terminal, ObjectMapper mapper) {
        return new LocalAlertSink(mapper, null, terminal);
    }

    /** Creates (or empties) alerts.jsonl; nothing in terminal mode. Before the first alert. */
    public synchronized void open() throws IOException {
        if (file != null && stream == null) {
            stream = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        }
    }

    public void beginFile(int index) {
        currentFile.set(index);
    }

    public long count() {
        return count.get();
    }

    @Override
    public String publish(Alert alert) {
        String messageId = "local-" + UUID.randomUUID();
        if (file == null) {
            hold("ALERT " + alert.subject() + " (event " + alert.eventId() + ")");
        } else {
            writeLine(alert);
        }
        count.incrementAndGet();
        return messageId;
    }

    private synchronized void hold(String line) {
        int file = currentFile.get();
        if (file < nextToPrint || file == Integer.MAX_VALUE) {
            terminal.println(line); // its turn has come (or it belongs to no file)
        } else {
            waiting.computeIfAbsent(file, f -> new ArrayList<>()).add(line);
        }
    }

    /** The file at {@code index} is done (read, failed or skipped): print what may now be printed. */
    public synchronized void fileDone(int index) {
        if (file != null) {
            return;
        }
        done.set(index);
        while (done.get(nextToPrint)) {
            List<String> held = waiting.remove(nextToPrint);
            if (held != null) {
                held.forEach(terminal::println);
            }
            nextToPrint++;
        }
    }

    private synchronized void writeLine(Alert alert) {
        ObjectNode line = mapper.createObjectNode();
        line.put("eventID", alert.eventId());
        line.put("eventName", alert.eventName());
        line.put("severity", alert.severity() == null ? null : alert.severity().name());
        line.put("principal", alert.principal());
        line.put("subject", alert.subject());
        line.put("message", alert.message());
        line.set("context", context(alert.context()));
        try {
            byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (stream == null) {
                throw new IllegalStateException(ALERTS_FILE + " is not open: open() comes before the first alert");
            }
            stream.write(bytes);
            stream.flush();
            lines.add(new Line(currentFile.get(), lines.size(), offset, bytes.length));
            offset += bytes.length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The alert's context as the public contract names it: {@code previousCalls} (newest first, each
     * {@code eventTime} in ISO-8601 UTC and {@code eventName}), {@code firstCallByPrincipal},
     * {@code firstCallFromSourceIp}, {@code sameAlertsLast24h}; null when the alert has none.
     */
    private ObjectNode context(CallHistory history) {
        if (history == null) {
            return null;
        }
        ObjectNode context = mapper.createObjectNode();
        ArrayNode previous = context.putArray("previousCalls");
        for (CallHistory.PastCall call : history.previousCalls()) {
            ObjectNode c = previous.addObject();
            c.put("eventTime", call.eventTime() == null ? null : EventTimes.format(call.eventTime()));
            c.put("eventName", call.eventName());
        }
        context.put("firstCallByPrincipal", history.firstCallByPrincipal());
        context.put("firstCallFromSourceIp", history.firstCallFromSourceIp());
        context.put("sameAlertsLast24h", history.sameAlertsLast24h());
        return context;
    }

    /** Closes the file and puts its lines in file order if threads wrote them out of it. */
    @Override
    public synchronized void close() throws IOException {
        if (file == null) {
            waiting.values().forEach(held -> held.forEach(terminal::println));
            waiting.clear();
            return;
        }
        if (closed || stream == null) {
            return; // closed already, or never opened: an earlier run's file stays as it was
        }
        closed = true;
        stream.close();
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingInt(Line::fileIndex).thenComparingLong(Line::seq));
        if (sorted.equals(lines)) {
            return;
        }
        Path tmp = file.resolveSibling(ALERTS_FILE + ".tmp");
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r");
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            for (Line l : sorted) {
                byte[] bytes = new byte[l.length()];
                in.seek(l.offset());
                in.readFully(bytes);
                out.write(bytes);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
