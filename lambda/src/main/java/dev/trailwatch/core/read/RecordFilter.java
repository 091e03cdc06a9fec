package dev.trailwatch.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * The fast path of {@link LogFileReader}: a byte stream that is the decompressed log file with every record that
 * cannot be kept replaced by {@code {}}, so that Jackson, reading it, counts every record and builds trees only for
 * the few that may be kept, at a fraction of the cost.
 *
 * <p>A record is replaced only when a strict scanner has read all of it and found it (a) valid JSON that Jackson
 * accepts under the reader's limits, and (b) without a top-level {@code eventSource} member whose value could be one
 * of the kept sources. Everything else reaches Jackson byte for byte: the document's frame, entries that are not
 * objects, records that may be kept (any top-level key written with escapes, any {@code eventSource} value written
 * with escapes or not a string counts as "may"), and every record the scanner is unsure of (any surrogate escape,
 * a string over 1 MB, a record over the window). At anything the scanner does not accept as valid (bad syntax, bad
 * or unusual UTF-8, nesting past 60, a number over 24 characters, control characters, the end of the data), it
 * stops replacing and passes the rest of the file through unchanged, from the start of the record it was in: Jackson
 * then finds the fault, or accepts what the scanner was only unsure of, exactly as it would without the filter.
 * The one difference: duplicate keys are caught only in records that reach Jackson, i.e. in every record that may
 * be kept.
 *
 * <p>Byte offsets Jackson reports in the filtered stream are mapped back to the file's by {@link #originalOffset}.
 */
final class RecordFilter extends InputStream {

    /** Bytes the scanner may read past its limit: the longest number, literal, escape or UTF-8 sequence it reads. */
    private static final int MARGIN = DecodedBytes.ROOM_AFTER;
    /*
     * The scanner's limits. Each stays within the parser's (JsonSupport), so that a record the scanner accepts and
     * replaces is one Jackson would have read; RecordFilterTest fails if one is raised past the other. MAX_DEPTH
     * also stays below 64: objectBits holds one bit per level.
     */
    static final int MAX_DEPTH = 60;
    static final int MAX_NUMBER = 24;
    static final int MAX_KEY = 1000;
    static final int MAX_STRING = 1 << 20;
    /** Strings this long or shorter keep their bytes in the window until compared. */
    private static final int PIN_STRING = 4096;
    private static final int RING = 8192;
    /**
     * Bytes scanned per call of {@link #scanWindow}: small enough that the JIT sees it called often and compiles
     * it fully within the first tens of MB rather than after hundreds, large enough that the call costs nothing.
     */
    private static final int SCAN_STEP = 32 * 1024;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long SPACES = 0x2020202020202020L;
    private static final byte[] RECORDS = "Records".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_SOURCE = "eventSource".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_NAME = "eventName".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_VALUE = new byte[256];

    static {
        Arrays.fill(HEX_VALUE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX_VALUE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX_VALUE['a' + i] = (byte) (10 + i);
            HEX_VALUE['A' + i] = (byte) (10 + i);
        }
    }

    // What the grammar expects next.
    private static final int VALUE = 0;
    private static final int VALUE_OR_CLOSE = 1;
    private static final int KEY_OR_CLOSE = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;

    // Flags returned with a string's end by scanString. ESCAPED and UNSURE describe the whole string: when the
    // limit cuts one, they are kept (stringFlags) and added to what the rest of it gives.
    private static final long ESCAPED = 1L << 32;
    private static final long UNSURE = 2L << 32;
    private static final long AT_LIMIT = 4L << 32;
    private static final long INVALID = 8L << 32;

    private final ChunkSource source;
    /** The kept sources, and the named sources with their kept names, as bytes. */
    private final SelectionNeedles selection;
    private final int maxWindow;
    private final int initialWindow;
    /** A faster twin of {@link #scanWindow} for a file decoded whole, or null; see {@link InPlaceScanLoop}. */
    private InPlaceScanLoop loop;
    /** True once the window is the whole file, decoded (the only window the twin loop scans). */
    private boolean wholeFile;
    private long[] loopState;
    private int[] loopRanges;

    // The window: file bytes [winBase, winBase + dataEnd) are win[0, dataEnd); at least MARGIN bytes follow.
    private byte[] win;
    private long winBase;
    private int dataEnd;
    private int limit;
    private boolean eof;
    private Throwable pendingError;

    // Output. win[0, copied) went out (into out, or replaced); out[outRead, outLen) waits for the reader.
    private int copied;
    private byte[] out = new byte[64 * 1024];
    private int outRead;
    private int outLen;
    /** Offset in the filtered stream of the next byte to be produced. */
    private long produced;
    /** File offset minus filtered offset, after the last replaced record. */
    private long delta;
    private final long[] ringFiltered = new long[RING];
    private final long[] ringDelta = new long[RING];
    private long ringCount;

    // The scanner.
    private boolean passAll;
    private int pos;
    private int state = VALUE;
    private int depth;
    private long objectBits;
    private int recordsDepth = -1;
    private boolean recordsKeySeen;
    private int recordStart = -1;
    private boolean recordVerbatim;
    private boolean sourceKeySeen;
    private boolean nameKeySeen;
    /** The record's eventSource is one of the named sources: kept if its eventName matches too. */
    /** The index of the record's eventSource among the named sources, or -1. */
    private int recordNamedSource = -1;
    /** The record's eventSource value has been read: an eventName after it is compared with its names only. */
    private boolean recordSourceRead;
    private boolean recordNameMatched;
    private boolean inString;
    private boolean stringIsKey;
    /** The flags ({@link #ESCAPED}, {@link #UNSURE}) of the part of a string cut by the limit, for when it goes on. */
    private long stringFlags;
    private int stringStart = -1;
    private long stringOrigin;

    /**
     * @param selection the kept records, as {@link #needles} makes them (once per reader): a record is passed to
     *                  Jackson when its eventSource may be a kept source, or may be a named source while its eventName
     *                  may start with a kept name
     * @param replacing false passes every byte through (for sources the scanner cannot rule out by their bytes)
     * @param loop the loop that scans a file decoded whole, in place of {@link #scanWindow}; null for that one
     */
    RecordFilter(ChunkSource source, SelectionNeedles selection, boolean replacing, int initialWindow, int maxWindow,
                 InPlaceScanLoop loop) {
        this.source = source;
        this.loop = loop;
        this.selection = selection;
        this.maxWindow = Math.max(maxWindow, initialWindow);
        this.initialWindow = initialWindow;
        // The window is allocated by the first chunk that needs it: a file decoded whole becomes the window itself.
        this.win = new byte[MARGIN];
        this.passAll = !replacing;
    }

    RecordFilter(ChunkSource source, Collection<String> eventSources, boolean replacing, int initialWindow,
                 int maxWindow) {
        this(source, needles(RecordSelection.of(java.util.Set.copyOf(eventSources))), replacing, initialWindow,
                maxWindow, null);
    }

    /** The selection as the scanner compares it, with the scanner's limits for a twin loop. */
    static SelectionNeedles needles(RecordSelection selection) {
        return SelectionNeedles.of(selection, MAX_DEPTH, MAX_NUMBER, MAX_KEY, MAX_STRING);
    }

    /** Whether the bytes of the selection's sources and names are enough to tell a record that may be kept. */
    static boolean canFilter(RecordSelection selection) {
        for (String name : selection.names()) {
            if (name.isEmpty()) {
                return false;
            }
        }
        return canFilter(selection.sources()) && canFilter(selection.namedSources());
    }

    /** Whether the bytes of these sources, written plainly, are enough to tell a record that may be kept. */
    static boolean canFilter(Collection<String> eventSources) {
        for (String s : eventSources) {
            // A source that JSON could also write as a number or a literal is left to Jackson.
            if (s.isEmpty() || s.equals("true") || s.equals("false") || s.equals("null")
                    || Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') {
                return false;
            }
        }
        return true;
    }

    /** The byte offset in the file of a byte offset in this stream. */
    long originalOffset(long filtered) {
        long lo = Math.max(0, ringCount - RING);
        // The last replacement that ended at or before the offset decides the shift.
        for (long i = ringCount - 1; i >= lo; i--) {
            int slot = (int) (i % RING);
            if (ringFiltered[slot] <= filtered) {
                return filtered + ringDelta[slot];
            }
        }
        return filtered;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int p = off;
        int end = off + len;
        while (p < end) {
            if (outRead < outLen) {
                int n = Math.min(outLen - outRead, end - p);
                System.arraycopy(out, outRead, b, p, n);
                outRead += n;
                p += n;
                continue;
            }
            if (passAll) {
                if (copied < dataEnd) {
                    int n = Math.min(dataEnd - copied, end - p);
                    System.arraycopy(win, copied, b, p, n);
                    copied += n;
                    produced += n;
                    p += n;
                    continue;
                }
            } else if (pos < limit) {
                outRead = 0;
                outLen = 0;
                if (loop != null && wholeFile) {
                    scanWithLoop();
                } else {
                    scanWindow();
                }
                continue;
            }
            if (eof) {
                if (!passAll) {
                    // The data ended inside the document: what is left goes to Jackson as it is, to judge.
                    passAll = true;
                    continue;
                }
                if (pendingError != null && p == off) {
                    Throwable e = pendingError;
                    pendingError = null;
                    ChunkSource.rethrow(e);
                }
                break;
            }
            if (p > off) {
                break; // give Jackson what it has before waiting for more input
            }
            refill();
        }
        return p == off ? -1 : p - off;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    // ---- input --------------------------------------------------------------------------------------------

    /** Moves what is still needed to the front of the window and appends the next chunk. */
    private void refill() throws IOException {
        int keep = copied;
        if (!passAll) {
            if (recordStart >= 0 && !recordVerbatim && dataEnd - recordStart > maxWindow) {
                // Too large to hold while undecided: the record goes to Jackson as it is, from its start.
                recordVerbatim = true;
                outRead = 0;
                outLen = 0;
                emit(pos);
                return;
            }
            if (inString && stringStart >= 0) {
                if (pos - stringStart <= PIN_STRING) {
                    keep = Math.min(keep, stringStart);
                } else {
                    stringStart = -1; // too long to be compared: its start need not be kept
                }
            }
        }
        ChunkSource.Chunk chunk = source.next();
        if (chunk == null) {
            markEof();
            return;
        }
        if (chunk.wholeFile && dataEnd == 0 && chunk.buf.length - chunk.len >= MARGIN) {
            // The whole file, decoded, with room after it: the window becomes the file itself, nothing is copied,
            // and no record is ever "over the window".
            win = chunk.buf;
            dataEnd = chunk.len;
            wholeFile = true;
            markEof();
            return;
        }
        try {
            int kept = dataEnd - keep;
            int needed = kept + chunk.len + MARGIN;
            if (needed > win.length) {
                int size = Math.max(win.length, initialWindow + MARGIN);
                while (size < needed) {
                    size *= 2;
                }
                byte[] bigger = new byte[size];
                System.arraycopy(win, keep, bigger, 0, kept);
                win = bigger;
            } else if (keep > 0) {
                System.arraycopy(win, keep, win, 0, kept);
            }
            shift(keep);
            System.arraycopy(chunk.buf, 0, win, dataEnd, chunk.len);
            dataEnd += chunk.len;
            if (chunk.last) {
                pendingError = chunk.error;
                markEof();
            } else {
                limit = dataEnd - MARGIN;
            }
        } finally {
            source.release(chunk);
        }
    }

    private void markEof() {
        eof = true;
        limit = dataEnd;
        Arrays.fill(win, dataEnd, dataEnd + MARGIN, (byte) 0);
    }

    private void shift(int by) {
        if (by == 0) {
            return;
        }
        winBase += by;
        dataEnd -= by;
        copied -= by;
        pos -= by;
        if (recordStart >= 0) {
            recordStart -= by;
        }
        if (stringStart >= 0) {
            stringStart -= by;
        }
    }

    // ---- output -------------------------------------------------------------------------------------------

    /** Sends win[copied, to) out as it is. */
    private void emit(int to) {
        int n = to - copied;
        if (n <= 0) {
            return;
        }
        ensureOut(n);
        System.arraycopy(win, copied, out, outLen, n);
        outLen += n;
        produced += n;
        copied = to;
    }

    /** Sends out what precedes the record, then {@code {}} in place of win[start, end). */
    private void replace(int start, int end) {
        emit(start);
        ensureOut(2);
        out[outLen++] = '{';
        out[outLen++] = '}';
        produced += 2;
        delta += (end - start) - 2;
        int slot = (int) (ringCount++ % RING);
        ringFiltered[slot] = produced;
        ringDelta[slot] = delta;
        copied = end;
    }

    private void ensureOut(int n) {
        if (outLen + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + n));
        }
    }

    // ---- the scanner --------------------------------------------------------------------------------------

    /**
     * Scans the window from {@link #pos} to the limit, replacing each record it can as it ends, and sends out what
     * is decided. At anything it does not accept it switches to passing everything through.
     */
    private void scanWindow() {
        final byte[] b = win;
        final int lim = Math.min(limit, pos + SCAN_STEP);
        final long base = winBase;
        int i = pos;
        int st = state;
        int d = depth;
        long obj = objectBits;
        int rd = recordsDepth;
        int rs = recordStart;
        boolean rv = recordVerbatim;
        boolean sk = sourceKeySeen;
        boolean nk = nameKeySeen;
        int ws = recordNamedSource;
        boolean sd = recordSourceRead;
        boolean rn = recordNameMatched;
        boolean rk = recordsKeySeen;
        boolean resuming = inString;
        inString = false; // set again below if a string is cut by the limit
        boolean pass = false;

        scan:
        while (i < lim) {
            boolean key;
            int start;
            long origin;
            long r;
            if (resuming) {
                resuming = false;
                key = stringIsKey;
                start = stringStart;
                origin = stringOrigin;
                r = scanString(b, i, lim) | stringFlags;
            } else {
                int c = b[i];
                if (c != '"') {
                    switch (c) {
                        case ':' -> {
                            if (st != COLON) {
                                pass = true;
                                break scan;
                            }
                            st = VALUE;
                            i++;
                        }
                        case ',' -> {
                            if (st != AFTER_VALUE) {
                                pass = true;
                                break scan;
                            }
                            st = (obj & (1L << d)) != 0 ? KEY : VALUE;
                            i++;
                        }
                        case ' ', '\n', '\r', '\t' -> i++;
                        case '{', '[' -> {
                            if ((st != VALUE && st != VALUE_OR_CLOSE) || d >= MAX_DEPTH) {
                                pass = true;
                                break scan;
                            }
                            if (c == '{') {
                                if (d == rd) {
                                    rs = i;
                                    rv = false;
                                    sk = false;
                                    nk = false;
                                    ws = -1;
                                    sd = false;
                                    rn = false;
                                }
                                d++;
                                obj |= 1L << d;
                                st = KEY_OR_CLOSE;
                            } else {
                                if (d == 1 && rk && rd < 0) {
                                    rd = 2;
                                }
                                d++;
                                obj &= ~(1L << d);
                                st = VALUE_OR_CLOSE;
                            }
                            rk = false;
                            i++;
                        }
                        case '}' -> {
                            if ((st != KEY_OR_CLOSE && st != AFTER_VALUE) || (obj & (1L << d)) == 0) {
                                pass = true;
                                break scan;
                            }
                            i++;
                            if (d == rd + 1 && rs >= 0) {
                                // Kept: may be of a kept source, or of a named source with a kept name.
                                if (!rv && !(ws >= 0 && rn)) {
                                    replace(rs, i);
                                }
                                rs = -1;
                            }
                            d--;
                            if (d == 0) {
                                pass = true; // the document is complete: Jackson checks what follows
                                break scan;
                            }
                            st = AFTER_VALUE;
                        }
                        case ']' -> {
                            if ((st != VALUE_OR_CLOSE && st != AFTER_VALUE) || (obj & (1L << d)) != 0) {
                                pass = true;
                                break scan;
                            }
                            if (d == rd) {
                                rd = -1;
                            }
                            i++;
                            d--;
                            if (d == 0) {
                                pass = true;
                                break scan;
                            }
                            st = AFTER_VALUE;
                        }
                        default -> {
                            if (st != VALUE && st != VALUE_OR_CLOSE || d == 0) {
                                pass = true;
                                break scan;
                            }
                            int e;
                            boolean mayMatch = true;
                            if (c == 't') {
                                e = b[i + 1] == 'r' && b[i + 2] == 'u' && b[i + 3] == 'e' ? i + 4 : -1;
                            } else if (c == 'f') {
                                e = b[i + 1] == 'a' && b[i + 2] == 'l' && b[i + 3] == 's' && b[i + 4] == 'e' ? i + 5 : -1;
                            } else if (c == 'n') {
                                e = b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l' ? i + 4 : -1;
                                mayMatch = false;
                            } else {
                                e = number(b, i);
                            }
                            if (e < 0 || !delimiter(b[e])) {
                                pass = true;
                                break scan;
                            }
                            if (sk && d == rd + 1 && rs >= 0) {
                                // An eventSource that is a number or a boolean: Jackson's text of it decides.
                                sk = false;
                                sd = true;
                                rv |= mayMatch;
                            }
                            // An eventName that is not a string is no name: the record is no watched call.
                            nk = false;
                            rk = false;
                            st = AFTER_VALUE;
                            i = e;
                        }
                    }
                    continue;
                }
                if (st == KEY || st == KEY_OR_CLOSE) {
                    key = true;
                } else if (st == VALUE || st == VALUE_OR_CLOSE) {
                    key = false;
                } else {
                    pass = true;
                    break;
                }
                start = i + 1;
                origin = base + start;
                r = scanString(b, start, lim);
            }

            int e = (int) r;
            if ((r & (AT_LIMIT | INVALID)) != 0) {
                if ((r & INVALID) != 0) {
                    pass = true;
                    break;
                }
                inString = true;
                stringIsKey = key;
                stringStart = start;
                stringOrigin = origin;
                stringFlags = r & (ESCAPED | UNSURE);
                i = e;
                break;
            }
            boolean escaped = (r & ESCAPED) != 0;
            long length = base + e - origin;
            if ((r & UNSURE) != 0 && rs >= 0) {
                rv = true;
            }
            if (key) {
                st = COLON;
                if (d == 1) {
                    rk = !escaped && equal(b, start, length, RECORDS);
                } else if (d == rd + 1 && rs >= 0) {
                    sk = escaped || equal(b, start, length, EVENT_SOURCE);
                    nk = selection.naming && (escaped || equal(b, start, length, EVENT_NAME));
                }
                if (length > MAX_KEY && rs >= 0) {
                    rv = true;
                }
            } else {
                if (d == 0) {
                    pass = true;
                    break;
                }
                st = AFTER_VALUE;
                if (sk && d == rd + 1 && rs >= 0) {
                    sk = false;
                    sd = true;
                    if (escaped || start < 0 || matchesNeedle(b, start, length, selection.sources)) {
                        rv = true;
                    } else if (selection.naming) {
                        ws = indexOfNeedle(b, start, length, selection.namedSources);
                    }
                }
                if (nk && d == rd + 1 && rs >= 0) {
                    nk = false;
                    // CloudTrail writes eventSource before eventName: then only that source's names are compared
                    // (none for a source that is not watched); a name met first is compared with every watched name.
                    if (escaped || start < 0) {
                        rn = true;
                    } else if (!sd) {
                        rn |= startsWithNeedle(b, start, length, selection.anyName);
                    } else if (ws >= 0) {
                        rn |= startsWithNeedle(b, start, length, selection.namesBySource[ws]);
                    }
                }
                rk = false;
                if (length > MAX_STRING && rs >= 0) {
                    rv = true;
                }
            }
            i = e + 1;
            // Compact JSON: a key is followed by ':' and a value by ','; take them without another round.
            int next = b[i];
            if (next == ':' && st == COLON) {
                st = VALUE;
                i++;
            } else if (next == ',' && st == AFTER_VALUE) {
                st = (obj & (1L << d)) != 0 ? KEY : VALUE;
                i++;
            }
        }

        pos = i;
        state = st;
        depth = d;
        objectBits = obj;
        recordsDepth = rd;
        recordStart = rs;
        recordVerbatim = rv;
        sourceKeySeen = sk;
        nameKeySeen = nk;
        recordNamedSource = ws;
        recordSourceRead = sd;
        recordNameMatched = rn;
        recordsKeySeen = rk;
        if (pass) {
            // From the record it was in, or from where it stopped, everything goes through as it is.
            inString = false;
            passAll = true;
            return;
        }
        emit(rs >= 0 && !rv ? rs : i);
    }

    /** Bytes the twin loop scans per call: as {@link #SCAN_STEP}, a bounded piece of output per round. */
    private static final int LOOP_STEP = 256 * 1024;
    /** Records the twin loop may replace per call (its ranges array holds their starts and ends). */
    private static final int LOOP_RANGES = 1024;

    /**
     * {@link #scanWindow} by the twin loop, over a whole file: the same decisions, applied the same way (the records
     * it found replaced in order, then what is decided sent out, or everything from where it stopped passed).
     */
    private void scanWithLoop() {
        if (loopState == null) {
            loopState = new long[InPlaceScanLoop.STATE_LENGTH];
            loopRanges = new int[2 * LOOP_RANGES];
        }
        long[] s = loopState;
        s[InPlaceScanLoop.POS] = pos;
        s[InPlaceScanLoop.GRAMMAR] = state;
        s[InPlaceScanLoop.DEPTH] = depth;
        s[InPlaceScanLoop.OBJECT_BITS] = objectBits;
        s[InPlaceScanLoop.RECORDS_DEPTH] = recordsDepth;
        s[InPlaceScanLoop.RECORD_START] = recordStart;
        s[InPlaceScanLoop.RECORD_VERBATIM] = recordVerbatim ? 1 : 0;
        s[InPlaceScanLoop.SOURCE_KEY_SEEN] = sourceKeySeen ? 1 : 0;
        s[InPlaceScanLoop.NAME_KEY_SEEN] = nameKeySeen ? 1 : 0;
        s[InPlaceScanLoop.NAMED_SOURCE] = recordNamedSource;
        s[InPlaceScanLoop.SOURCE_READ] = recordSourceRead ? 1 : 0;
        s[InPlaceScanLoop.NAME_MATCHED] = recordNameMatched ? 1 : 0;
        s[InPlaceScanLoop.RECORDS_KEY_SEEN] = recordsKeySeen ? 1 : 0;
        s[InPlaceScanLoop.PASS] = 0;
        int found = loop.scan(win, dataEnd, (int) Math.min(limit, (long) pos + LOOP_STEP), selection.forLoop, s,
                loopRanges);
        if (found < 0) {
            loop = null; // it cannot scan this file: the Java loop goes on from the same state
            scanWindow();
            return;
        }
        for (int k = 0; k < found; k++) {
            replace(loopRanges[2 * k], loopRanges[2 * k + 1]);
        }
        pos = (int) s[InPlaceScanLoop.POS];
        state = (int) s[InPlaceScanLoop.GRAMMAR];
        depth = (int) s[InPlaceScanLoop.DEPTH];
        objectBits = s[InPlaceScanLoop.OBJECT_BITS];
        recordsDepth = (int) s[InPlaceScanLoop.RECORDS_DEPTH];
        recordStart = (int) s[InPlaceScanLoop.RECORD_START];
        recordVerbatim = s[InPlaceScanLoop.RECORD_VERBATIM] != 0;
        sourceKeySeen = s[InPlaceScanLoop.SOURCE_KEY_SEEN] != 0;
        nameKeySeen = s[InPlaceScanLoop.NAME_KEY_SEEN] != 0;
        recordNamedSource = (int) s[InPlaceScanLoop.NAMED_SOURCE];
        recordSourceRead = s[InPlaceScanLoop.SOURCE_READ] != 0;
        recordNameMatched = s[InPlaceScanLoop.NAME_MATCHED] != 0;
        recordsKeySeen = s[InPlaceScanLoop.RECORDS_KEY_SEEN] != 0;
        if (s[InPlaceScanLoop.PASS] != 0) {
            passAll = true;
            return;
        }
        emit(recordStart >= 0 && !recordVerbatim ? recordStart : pos);
    }

    private static boolean matchesNeedle(byte[] b, int start, long length, byte[][] candidates) {
        for (byte[] needle : candidates) {
            if (equal(b, start, length, needle)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfNeedle(byte[] b, int start, long length, byte[][] candidates) {
        for (int i = 0; i < candidates.length; i++) {
            if (equal(b, start, length, candidates[i])) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithNeedle(byte[] b, int start, long length, byte[][] prefixes) {
        for (byte[] prefix : prefixes) {
            if (start >= 0 && length >= prefix.length
                    && Arrays.equals(b, start, start + prefix.length, prefix, 0, prefix.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equal(byte[] b, int start, long length, byte[] expected) {
        return start >= 0 && length == expected.length
                && Arrays.equals(b, start, start + expected.length, expected, 0, expected.length);
    }

    private static boolean delimiter(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /**
     * Scans string content from {@code i}: returns the index of the closing quote, or where it stopped at the limit
     * ({@link #AT_LIMIT}) or at something it does not accept ({@link #INVALID}), with {@link #ESCAPED} when it saw
     * an escape and {@link #UNSURE} when it saw a surrogate escape (paired or not: Jackson judges those).
     */
    private static long scanString(byte[] b, int i, int lim) {
        long flags = 0;
        while (i < lim) {
            long w = (long) LONG_LE.get(b, i);
            long q = w ^ QUOTES;
            long s = w ^ BACKSLASHES;
            long special = (((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w) & HIGHS;
            if (special == 0) {
                i += 8;
                continue;
            }
            i += Long.numberOfTrailingZeros(special) >>> 3;
            int c = b[i] & 0xff;
            if (c == '"') {
                return flags | i;
            }
            if (c == '\\') {
                flags |= ESCAPED;
                int e = b[i + 1];
                if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                    i += 2;
                } else if (e == 'u') {
                    int h1 = HEX_VALUE[b[i + 2] & 0xff];
                    int h2 = HEX_VALUE[b[i + 3] & 0xff];
                    int h3 = HEX_VALUE[b[i + 4] & 0xff];
                    int h4 = HEX_VALUE[b[i + 5] & 0xff];
                    if ((h1 | h2 | h3 | h4) < 0) {
                        return flags | INVALID | i;
                    }
                    int code = (h1 << 12) | (h2 << 8) | (h3 << 4) | h4;
                    if (code >= 0xd800 && code <= 0xdfff) {
                        flags |= UNSURE;
                    }
                    i += 6;
                } else {
                    return flags | INVALID | i;
                }
            } else if (c < 0x20) {
                return flags | INVALID | i;
            } else {
                int n = utf8(b, i, c);
                if (n < 0) {
                    return flags | INVALID | i;
                }
                i += n;
            }
        }
        return flags | AT_LIMIT | i;
    }

    /** Length of the strictly valid UTF-8 sequence led by {@code c} at {@code i}, or -1. */
    private static int utf8(byte[] b, int i, int c) {
        if (c < 0xc2) {
            return -1;
        }
        int c1 = b[i + 1] & 0xff;
        if (c < 0xe0) {
            return (c1 & 0xc0) == 0x80 ? 2 : -1;
        }
        int c2 = b[i + 2] & 0xff;
        if (c < 0xf0) {
            if ((c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 || (c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) {
                return -1;
            }
            return 3;
        }
        int c3 = b[i + 3] & 0xff;
        if (c > 0xf4 || (c1 & 0xc0) != 0x80 || (c2 & 0xc0) != 0x80 || (c3 & 0xc0) != 0x80
                || (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) {
            return -1;
        }
        return 4;
    }

    /** Scans a number from {@code i}; returns the index after it, or -1 if it is not one the scanner accepts. */
    private static int number(byte[] b, int i) {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        int c = b[i];
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i++;
            while (isDigit(b[i]) && i - start <= MAX_NUMBER) {
                i++;
            }
        } else {
            return -1;
        }
        if (b[i] == '.') {
            i++;
            if (!isDigit(b[i])) {
                return -1;
            }
            while (isDigit(b[i]) && i - start <= MAX_NUMBER) {
                i++;
            }
        }
        if (b[i] == 'e' || b[i] == 'E') {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            if (!isDigit(b[i])) {
                return -1;
            }
            while (isDigit(b[i]) && i - start <= MAX_NUMBER) {
                i++;
            }
        }
        return i - start > MAX_NUMBER ? -1 : i;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
