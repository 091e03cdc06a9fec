package dev.trailwatch.core.read;

/**
 * A faster twin of the record scanner's loop, for a file decoded whole ({@link DecodedBytes}): a runner that has one
 * (the local runner's, in C) hands it over with the decoded bytes. It must decide exactly as the scanner's own loop
 * does: the same records replaced, and a stop at the same record where that loop stops replacing; the reader then
 * produces the same filtered stream from what it returns.
 *
 * <p>The scanner's limits and the selection come in {@code selection}: little-endian 32-bit integers {@code
 * maxDepth, maxNumber, maxKey, maxString, naming} (naming 1 when eventNames are compared at all), then lists, each a
 * count followed by that many needles, each a length followed by its bytes: the kept sources, the named sources,
 * for each named source in that order its names, and every name.
 *
 * <p>The loop's state lives in a {@code long[STATE_LENGTH]} between calls, at the indexes below; a call starts from
 * it and leaves it where it stopped.
 */
@FunctionalInterface
public interface InPlaceScanLoop {

    int POS = 0;
    /** What the grammar expects next: 0 a value, 1 a value or ']', 2 a key or '}', 3 a key, 4 ':', 5 ',' or a close. */
    int GRAMMAR = 1;
    int DEPTH = 2;
    /** One bit per depth: set where the container at that depth is an object. */
    int OBJECT_BITS = 3;
    /** The depth of the Records array's entries, or -1 while outside it. */
    int RECORDS_DEPTH = 4;
    /** Where the record being read starts, or -1. */
    int RECORD_START = 5;
    /** 1 when the record may be kept (or the loop is unsure of it): it goes to the parser as it is. */
    int RECORD_VERBATIM = 6;
    int SOURCE_KEY_SEEN = 7;
    int NAME_KEY_SEEN = 8;
    /** The index of the record's eventSource among the named sources, or -1. */
    int NAMED_SOURCE = 9;
    int SOURCE_READ = 10;
    int NAME_MATCHED = 11;
    int RECORDS_KEY_SEEN = 12;
    /** Set by a call that met something it does not accept: from the record it was in, everything goes as it is. */
    int PASS = 13;
    int STATE_LENGTH = 14;

    /**
     * Scans {@code bytes} from {@code state[POS]} until the first token at or after {@code stepEnd}, until
     * {@code ranges} is full, until it passes, or to {@code length}.
     *
     * @param bytes the data, {@code bytes[0, length)}, followed by at least {@link DecodedBytes#ROOM_AFTER} zero bytes
     * @param ranges receives the start and end (exclusive) of each record to replace, in order, as pairs
     * @return the number of ranges written, or -1 when the loop cannot scan these arguments (nothing changed: the
     *     reader's own loop goes on from the same state)
     */
    int scan(byte[] bytes, int length, int stepEnd, byte[] selection, long[] state, int[] ranges);
}
