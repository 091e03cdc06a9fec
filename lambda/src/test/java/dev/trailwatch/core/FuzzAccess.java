package dev.trailwatch.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.alert.AlertFormatter;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.TrailEventReader;
import dev.trailwatch.core.event.UnstorableRecordException;
import dev.trailwatch.core.read.JsonSupport;
import dev.trailwatch.core.read.LogFileException;
import dev.trailwatch.core.read.LogFileReader;
import dev.trailwatch.core.read.SourceReadException;
import java.io.ByteArrayInputStream;
import java.util.Set;
import java.util.function.Consumer;

/** Opens the package-private reading and formatting steps to the fuzz tests. */
public final class FuzzAccess {

    public record Counts(long records, long nonObjectEntries) {
    }

    private FuzzAccess() {
    }

    public static Counts read(byte[] file, long cap, Consumer<JsonNode> kept) throws LogFileException {
        LogFileReader reader = new LogFileReader(JsonSupport.trailMapper(cap), Set.of("access-analyzer.amazonaws.com"), cap);
        try {
            LogFileReader.Counts counts = reader.read(new ByteArrayInputStream(file), kept::accept);
            return new Counts(counts.records(), counts.nonObjectEntries());
        } catch (SourceReadException e) {
            throw new AssertionError("an in-memory source cannot fail", e);
        }
    }

    public static Alert alert(JsonNode record) {
        TrailEvent event;
        try {
            event = new TrailEventReader(JsonSupport.trailMapper(1L << 30)).read(record);
        } catch (UnstorableRecordException e) {
            throw new AssertionError(e);
        }
        String principal = PrincipalResolver.principalOf(event.identity());
        Classification c = SeverityClassifier.classify(event);
        return new AlertFormatter("trailwatch-events").format(event, principal,
                c.severity() == null ? Severity.LOW : c.severity(), "s3://bucket/key");
    }
}
