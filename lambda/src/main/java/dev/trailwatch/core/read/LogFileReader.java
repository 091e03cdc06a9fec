package dev.trailwatch.core.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reads one CloudTrail log file as a stream and hands every record of a kept event source to a handler. The
 * file is gzip or plain JSON, told by its first bytes rather than its name. Memory is bounded by one record.
 *
 * <p>How it stays fast: a trail's files hold thousands of records and almost never one of Access Analyzer.
 * The decompressed bytes go through a {@link RecordFilter}, which replaces every record that cannot be kept by
 * {@code {}} after checking it is valid, before Jackson parses the stream; Jackson still reads the document's frame,
 * counts every record, and binds to a tree only the records that may be kept, exactly as it did for all of them.
 * On a machine with two cores or more, decompression runs on a second thread, a few chunks ahead
 * ({@link ChunkSource}); gzip is decoded by {@link GzipDecoder} on the JDK's inflater, or by the
 * {@link GzipDecoding} the reader is given: a file it returns decoded whole ({@link DecodedBytes}) is scanned where
 * it lies, with no second thread and no copy, by the runner's own {@link InPlaceScanLoop} when it brings one.
 */
public final class LogFileReader {

    /** What a read saw: all records, and entries of the Records array that were not objects at all. */
    public record Counts(long records, long nonObjectEntries, long decompressedBytes) {
    }

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    /** Buffer sizes of the fast path; tests make them tiny to split records at every possible place. */
    record Tuning(int chunkSize, int chunks, int inlineChunks, int window, int maxWindow) {
        /**
         * 256 KB chunks, eight in flight (2 MB: enough to ride out a busy scheduler); a 1 MB window that grows to hold an undecided record of up to 8 MB (a
         * larger one is handed to Jackson as it is). A second thread decompresses after the first two chunks when
         * there is a second core.
         */
        static Tuning defaults() {
            return new Tuning(256 * 1024, 8, ChunkSource.defaultInlineChunks(), 1024 * 1024, 8 * 1024 * 1024);
        }
    }

    private final ObjectMapper mapper;
    private final RecordSelection selection;
    /** The selection as the record filter compares it: made once, shared by every file this reader reads. */
    private final SelectionNeedles needles;
    private final long maxDecompressedBytes;
    private final boolean filtering;
    private final Tuning tuning;
    private final GzipDecoding gzipDecoding;

    public LogFileReader(ObjectMapper mapper, Set<String> eventSources, long maxDecompressedBytes) {
        this(mapper, RecordSelection.of(eventSources), maxDecompressedBytes, Tuning.defaults(), GzipDecoding.STREAMING);
    }

    public LogFileReader(ObjectMapper mapper, RecordSelection selection, long maxDecompressedBytes) {
        this(mapper, selection, maxDecompressedBytes, Tuning.defaults(), GzipDecoding.STREAMING);
    }

    public LogFileReader(ObjectMapper mapper, RecordSelection selection, long maxDecompressedBytes,
                         GzipDecoding gzipDecoding) {
        this(mapper, selection, maxDecompressedBytes, Tuning.defaults(), gzipDecoding);
    }

    LogFileReader(ObjectMapper mapper, Set<String> eventSources, long maxDecompressedBytes, Tuning tuning) {
        this(mapper, RecordSelection.of(eventSources), maxDecompressedBytes, tuning, GzipDecoding.STREAMING);
    }

    LogFileReader(ObjectMapper mapper, RecordSelection selection, long maxDecompressedBytes, Tuning tuning) {
        this(mapper, selection, maxDecompressedBytes, tuning, GzipDecoding.STREAMING);
    }

    LogFileReader(ObjectMapper mapper, RecordSelection selection, long maxDecompressedBytes, Tuning tuning,
                  GzipDecoding gzipDecoding) {
        this.mapper = mapper;
        this.selection = selection;
        this.needles = RecordFilter.needles(selection);
        this.maxDecompressedBytes = maxDecompressedBytes;
        this.filtering = RecordFilter.canFilter(selection);
        this.tuning = tuning;
        this.gzipDecoding = gzipDecoding;
    }

    /**
     * @throws LogFileException the content is not a readable log file (records handed over before the
     *     fault stay handed over: they were whole and valid)
     * @throws SourceReadException the source itself failed
     */
    public Counts read(InputStream source, RecordHandler handler) throws LogFileException, SourceReadException {
        SourceGuardInputStream guarded = new SourceGuardInputStream(source);
        BufferedInputStream buffered = new BufferedInputStream(guarded, 64 * 1024);
        boolean gzip;
        try {
            gzip = startsWithGzipMagic(buffered);
        } catch (SourceReadException e) {
            throw e;
        } catch (EmptyFileException e) {
            throw new LogFileException("empty file (0 bytes): not a CloudTrail log file", e);
        } catch (IOException e) {
            throw new LogFileException("cannot read the file: " + e.getMessage(), e);
        }
        RecordFilter filter = null;
        try {
            // Concatenated members are valid gzip, and garbage after the last member is reported, not ignored.
            InputStream decoded = gzip ? gzipDecoding.open(buffered) : buffered;
            ChunkSource chunks;
            LongSupplier decompressedBytes;
            InPlaceScanLoop loop = null;
            if (decoded instanceof DecodedBytes whole && whole.length() <= maxDecompressedBytes
                    && whole.scannableInPlace()) {
                chunks = ChunkSource.inPlace(whole);
                decompressedBytes = whole::length;
                loop = whole.scanLoop();
            } else {
                SizeCapInputStream capped = new SizeCapInputStream(decoded, maxDecompressedBytes);
                // Bytes already decoded in memory gain nothing from a second thread: it would only copy them.
                int inlineChunks = decoded instanceof DecodedBytes ? -1 : tuning.inlineChunks();
                chunks = new ChunkSource(capped, tuning.chunkSize(), tuning.chunks(), inlineChunks);
                decompressedBytes = capped::count;
            }
            filter = new RecordFilter(chunks, needles, filtering, tuning.window(), tuning.maxWindow(), loop);
            return parse(filter, decompressedBytes, handler, gzip);
        } catch (SourceReadException e) {
            throw e;
        } catch (SizeCapInputStream.CapExceededException e) {
            throw new LogFileException(e.getMessage(), e);
        } catch (StreamConstraintsException e) {
            throw new LogFileException("JSON passes a safety limit: " + FailureReasons.withoutQuotedContent(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof IOException io && !(e.getCause() instanceof JsonProcessingException)) {
                throw asLogFileException(io, gzip);
            }
            throw new LogFileException(jsonReason(e, filter), e);
        } catch (IOException e) {
            throw asLogFileException(e, gzip);
        } finally {
            if (filter != null) {
                closeQuietly(filter);
            }
        }
    }

    private static void closeQuietly(RecordFilter filter) {
        try {
            filter.close();
        } catch (IOException e) {
            // the source is done with either way; its own failure was reported already if it mattered
        }
    }

    private LogFileException asLogFileException(IOException e, boolean gzip) {
        if (e instanceof SizeCapInputStream.CapExceededException) {
            return new LogFileException(e.getMessage(), e);
        }
        String detail = e instanceof EOFException || e.getMessage() == null
                ? "unexpected end of data (file truncated?)"
                : e.getMessage();
        return new LogFileException((gzip ? "invalid gzip data: " : "cannot read the file: ") + detail, e);
    }

    private static String jsonReason(JsonProcessingException e, RecordFilter filter) {
        long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        String where = offset < 0 ? "" : " at byte " + (filter == null ? offset : filter.originalOffset(offset));
        return "invalid JSON" + where + ": " + FailureReasons.withoutQuotedContent(e.getOriginalMessage());
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first < 0) {
            throw new EmptyFileException();
        }
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    private Counts parse(RecordFilter in, LongSupplier decompressedBytes, RecordHandler handler, boolean gzip)
            throws IOException, LogFileException {
        long records = 0;
        long nonObjects = 0;
        boolean sawRecords = false;
        try (JsonParser parser = mapper.getFactory().createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new LogFileException(gzip ? "empty document: the gzip data holds no JSON" : "empty document");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new LogFileException("not a CloudTrail log file: the document is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"Records".equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                if (sawRecords) {
                    throw new LogFileException("not a CloudTrail log file: Records appears twice");
                }
                sawRecords = true;
                if (value != JsonToken.START_ARRAY) {
                    throw new LogFileException("not a CloudTrail log file: Records is not an array");
                }
                JsonToken entry;
                while ((entry = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (entry != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        nonObjects++;
                        continue;
                    }
                    records++;
                    // A record the filter replaced is {}: counted, and not bound to a tree (it has no eventSource, so
                    // it is never kept). Binding starts at the next token either way: an empty object, or a field.
                    if (parser.nextToken() == JsonToken.END_OBJECT) {
                        continue;
                    }
                    JsonNode record = mapper.readTree(parser);
                    if (selection.keeps(record)) {
                        handler.accept(record);
                    }
                }
            }
            if (!sawRecords) {
                throw new LogFileException("not a CloudTrail log file: no Records array");
            }
            if (parser.nextToken() != null) {
                throw new LogFileException("invalid JSON: content after the end of the log document");
            }
        }
        return new Counts(records, nonObjects, decompressedBytes.getAsLong());
    }

    /** An object of zero bytes: told apart so that the message says so instead of "not JSON". */
    private static final class EmptyFileException extends IOException {
        EmptyFileException() {
            super("the file is empty (0 bytes)");
        }
    }
}
