package dev.trailwatch.lambda.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * One logger of {@link JsonLinesServiceProvider}: a line holds timestamp, level, logger and message, then the
 * MDC entries, then the key-value pairs given through SLF4J's fluent API as fields of their own, then the
 * exception if any.
 */
final class JsonLinesLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final long serialVersionUID = 1L;

    /** Non-ASCII is escaped so that a line means the same whatever encoding stdout has. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private final Level threshold;
    private final transient MDCAdapter mdc;

    JsonLinesLogger(String name, Level threshold, MDCAdapter mdc) {
        this.name = name;
        this.threshold = threshold;
        this.mdc = mdc;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        // SLF4J numbers levels from TRACE (0) up to ERROR (40).
        return level.toInt() >= threshold.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        write(level, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(), throwable);
    }

    /** The fluent API's entry: keeps key-value pairs as fields instead of folding them into the message. */
    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        Object[] arguments = event.getArgumentArray();
        Throwable throwable = event.getThrowable();
        if (throwable == null && arguments != null && arguments.length > 0
                && arguments[arguments.length - 1] instanceof Throwable last) {
            throwable = last;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        write(event.getLevel(), MessageFormatter.basicArrayFormat(event.getMessage(), arguments), pairs, throwable);
    }

    private void write(Level level, String message, List<KeyValuePair> pairs, Throwable throwable) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("logger", name);
            json.writeStringField("message", message);
            Map<String, String> context = mdc == null ? null : mdc.getCopyOfContextMap();
            if (context != null) {
                for (Map.Entry<String, String> entry : context.entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
            }
            for (KeyValuePair pair : pairs) {
                json.writeFieldName(pair.key);
                writeValue(json, pair.value);
            }
            if (throwable != null) {
                json.writeStringField("error", throwable.toString());
                json.writeStringField("stack", stackTrace(throwable));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Read at each call, not kept: Lambda and tests may replace System.out.
        System.out.println(line);
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else {
            json.writeString(value.toString());
        }
    }

    private static String stackTrace(Throwable throwable) {
        StringWriter out = new StringWriter();
        try (PrintWriter printer = new PrintWriter(out)) {
            throwable.printStackTrace(printer);
        }
        return out.toString();
    }
}
