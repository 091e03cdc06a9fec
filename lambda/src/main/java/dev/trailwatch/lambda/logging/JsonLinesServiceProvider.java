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
        Map<String, Logger> loggers = new ConcurrentHashMap<>();
        MDCAdapter mdc = mdcAdapter;
        loggerFactory = name -> loggers.computeIfAbsent(name, n -> new JsonLinesLogger(n, threshold, mdc));
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
