package dev.trailwatch.core.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.event.TrailEventReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The reader as it was before the fast path: every record is bound to a tree and its eventSource looked up. Kept
 * as the reference the fast {@link LogFileReader} is tested against, and as the naive baseline of the benchmark.
 */
public final class NaiveLogFileReader {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final ObjectMapper mapper;
    private final Set<String> eventSources;
    private final Map<String, Set<String>> namedCalls;
    private final long maxDecompressedBytes;

    public NaiveLogFileReader(ObjectMapper mapper, Set<String> eventSources, long maxDecompressedBytes) {
        this(mapper, RecordSelection.of(eventSources), maxDecompressedBytes);
    }

    /** Written apart from {@link RecordSelection#keeps}, so that the two can be compared. */
    public NaiveLogFileReader(ObjectMapper mapper, RecordSelection selection, long maxDecompressedBytes) {
        this.mapper = mapper;
        this.eventSources = Set.copyOf(selection.sources());
        this.namedCalls = Map.copyOf(selection.namedCalls());
        this.maxDecompressedBytes = maxDecompressedBytes;
    }

    /**
     * @throws LogFileException the content is not a readable log file (records handed over before the
     *     fault stay handed over: they were whole and valid)
     * @throws SourceReadException the source itself failed
     */
    public LogFileReader.Counts read(InputStream source, RecordHandler handler) throws LogFileException, SourceReadException {
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
        SizeCapInputStream capped;
        try {
            // decompressConcatenated: concatenated members are valid gzip, and garbage after the last member
            // is then reported instead of silently ignored as the JDK's GZIPInputStream does.
            InputStream decoded = gzip
                    ? GzipCompressorInputStream.builder().setInputStream(buffered).setDecompressConcatenated(true).get()
                    : buffered;
            capped = new SizeCapInputStream(decoded, maxDecompressedBytes);
            return parse(capped, handler, gzip);
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
            throw new LogFileException(jsonReason(e), e);
        } catch (IOException e) {
            throw asLogFileException(e, gzip);
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

    private static String jsonReason(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at byte " + e.getLocation().getByteOffset();
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

    private LogFileReader.Counts parse(SizeCapInputStream in, RecordHandler handler, boolean gzip)
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
                    JsonNode record = mapper.readTree(parser);
                    records++;
                    String source = TrailEventReader.eventSourceOf(record);
                    String name = TrailEventReader.text(record, "eventName");
                    boolean named = source != null && name != null
                            && namedCalls.getOrDefault(source, Set.of()).stream().anyMatch(name::startsWith);
                    if (source != null && eventSources.contains(source) || named) {
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
        return new LogFileReader.Counts(records, nonObjects, in.count());
    }

    /** An object of zero bytes: told apart so that the message says so instead of "not JSON". */
    private static final class EmptyFileException extends IOException {
        EmptyFileException() {
            super("the file is empty (0 bytes)");
        }
    }
}
