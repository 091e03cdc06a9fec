package dev.trailwatch.core.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Defaults;
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

    /** TrailWatch's reader, as the function and the local runner use it. */
    public static Result fast(InputStream in, long cap, Consumer<JsonNode> handler) throws Exception {
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(cap), Set.of(Defaults.EVENT_SOURCE), cap);
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
