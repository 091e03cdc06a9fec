package dev.trailwatch.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.core.ProcessorSettings;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/** Opens the readers' package-private entry points to the benchmark. */
public final class BenchAccess {

    /** What one read gave. */
    public record Result(long records, long decompressedBytes, long kept) {
    }

    private BenchAccess() {
    }

    /** TrailWatch's reader, as the function and the local runner use it: Access Analyzer and the watch list. */
    public static Result fast(InputStream in, long cap, Consumer<JsonNode> handler) throws Exception {
        RecordSelection deployed = LogFileProcessor.selection(ProcessorSettings.defaults("bench"));
        return read(new LogFileReader(JsonSupport.trailMapper(cap), deployed, cap), in, handler);
    }

    /** TrailWatch's reader keeping Access Analyzer's records only, as it was before the watch list. */
    public static Result fastAccessAnalyzerOnly(InputStream in, long cap, Consumer<JsonNode> handler)
            throws Exception {
        return read(new LogFileReader(JsonSupport.trailMapper(cap), Set.of(Defaults.EVENT_SOURCE), cap), in, handler);
    }

    private static Result read(LogFileReader reader, InputStream in, Consumer<JsonNode> handler) throws Exception {
        long[] kept = new long[1];
        LogFileReader.Counts c = reader.read(in, r -> {
            kept[0]++;
            handler.accept(r);
        });
        return new Result(c.records(), c.decompressedBytes(), kept[0]);
    }

    /** The reader before the fast path: every record bound to a tree (the naive baseline). */
    public static Result naive(InputStream in, long cap, Consumer<JsonNode> handler) throws Exception {
        NaiveLogFileReader reader = new NaiveLogFileReader(JsonSupport.trailMapper(cap),
                Set.of(Defaults.EVENT_SOURCE), cap);
        long[] kept = new long[1];
        LogFileReader.Counts c = reader.read(in, r -> {
            kept[0]++;
            handler.accept(r);
        });
        return new Result(c.records(), c.decompressedBytes(), kept[0]);
    }
}
