package dev.trailwatch.lambda.logging;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J backend that writes each log call as one JSON object on one line of stdout. In Lambda every such line
 * becomes one CloudWatch log event that Logs Insights and metric filters read field by field; neither
 * slf4j-simple (it puts the level in front of the message) nor a Log4j2 stack (megabytes, plugin caches that
 * shading breaks) gives that.
 */
public final class JsonLinesServiceProvider implements SLF4JServiceProvider {

    /** Lambda sets this when the function's log level is configured; INFO otherwise. */
    static final String ENV_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    /**
     * Optional levels per logger name prefix, e.g. {@code WARN,dev.trailwatch=INFO}: a bare level replaces the
     * default for every logger, {@code prefix=LEVEL} applies to the loggers named {@code prefix} or
     * {@code prefix.*}, the longest prefix winning. The tests set it to keep the emulators' INFO lines out.
     */
    static final String LEVELS_PROPERTY = "trailwatch.log.levels";

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
        Level threshold = threshold(System.getenv(ENV_LOG_LEVEL));
        String levels = System.getProperty(LEVELS_PROPERTY);
        Map<String, Logger> loggers = new ConcurrentHashMap<>();
        MDCAdapter mdc = mdcAdapter;
        loggerFactory = name -> loggers.computeIfAbsent(name,
                n -> new JsonLinesLogger(n, threshold(n, levels, threshold), mdc));
    }

    /** The threshold of logger {@code name} under {@link #LEVELS_PROPERTY} {@code levels}; {@code fallback} without. */
    static Level threshold(String name, String levels, Level fallback) {
        Level chosen = fallback;
        int longest = -1;
        for (String entry : levels == null ? new String[0] : levels.split(",")) {
            int equals = entry.indexOf('=');
            String prefix = equals < 0 ? "" : entry.substring(0, equals).trim();
            boolean applies = prefix.isEmpty() || name.equals(prefix) || name.startsWith(prefix + ".");
            if (!entry.isBlank() && applies && prefix.length() > longest) {
                chosen = threshold(entry.substring(equals + 1));
                longest = prefix.length();
            }
        }
        return chosen;
    }

    static Level threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return Level.INFO;
        }
        String name = configured.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FATAL")) {
            return Level.ERROR;
        }
        try {
            return Level.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
