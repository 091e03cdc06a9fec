package dev.trailwatch.core.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * A {@link RecordSelection} as the record scanner compares it: the UTF-8 bytes of its sources and names, and the
 * same laid out for an {@link InPlaceScanLoop}. Made once per reader, not once per file; immutable, so the files
 * read at once share it.
 */
final class SelectionNeedles {

    /** Sources whose every record may be kept. */
    final byte[][] sources;
    /** Sources whose records may be kept only with one of their names. */
    final byte[][] namedSources;
    /** Per named source (same index), the prefixes of the eventNames kept from it. */
    final byte[][][] namesBySource;
    /** Every named source's prefixes: for an eventName met before the record's eventSource. */
    final byte[][] anyName;
    /** Whether eventNames are compared at all. */
    final boolean naming;
    /** The scanner's limits and all of the above, laid out as {@link InPlaceScanLoop} describes. */
    final byte[] forLoop;

    private SelectionNeedles(RecordSelection selection, int... limits) {
        this.sources = bytes(selection.sources());
        List<String> named = List.copyOf(selection.namedCalls().keySet());
        this.namedSources = bytes(named);
        this.namesBySource = named.stream().map(s -> bytes(selection.namedCalls().get(s))).toArray(byte[][][]::new);
        this.anyName = bytes(selection.names());
        this.naming = namedSources.length > 0 && anyName.length > 0;
        this.forLoop = forLoop(limits);
    }

    /** With the scanner's limits, which the twin loop must apply as the scanner does. */
    static SelectionNeedles of(RecordSelection selection, int maxDepth, int maxNumber, int maxKey, int maxString) {
        return new SelectionNeedles(selection, maxDepth, maxNumber, maxKey, maxString);
    }

    private static byte[][] bytes(Collection<String> values) {
        return values.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private byte[] forLoop(int[] limits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int limit : limits) {
            writeInt(out, limit);
        }
        writeInt(out, naming ? 1 : 0);
        writeList(out, sources);
        writeList(out, namedSources);
        for (byte[][] names : namesBySource) {
            writeList(out, names);
        }
        writeList(out, anyName);
        return out.toByteArray();
    }

    private static void writeList(ByteArrayOutputStream out, byte[][] list) {
        writeInt(out, list.length);
        for (byte[] needle : list) {
            writeInt(out, needle.length);
            out.writeBytes(needle);
        }
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
