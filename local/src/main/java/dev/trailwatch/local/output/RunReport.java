package dev.trailwatch.local.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trailwatch.core.FileResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code process} run did, counted over the files in their sorted order: {@code report.json} and the
 * summary on stdout. A file is processed, skipped or failed; a record the core rejected is a failure of its
 * file's too (the file still counts as processed).
 */
public final class RunReport {

    public static final String REPORT_FILE = "report.json";

    /** How one file ended. */
    public interface Outcome {
        /** Skipped by name and place alone. */
        record Skipped(String reason) implements Outcome {
        }

        /** Read by the core; {@link FileResult#failed()} when its content is not a log file. */
        record Read(FileResult result) implements Outcome {
        }

        /** Could not be read at all (opening it failed, or the core gave up on it). */
        record Failed(String error) implements Outcome {
        }
    }

    public record Failure(String file, String error) {
    }

    public record Skip(String file, String reason) {
    }

    final long filesProcessed;
    final long filesSkipped;
    final long filesFailed;
    final long records;
    final long events;
    final long alerts;
    final long rejectedRecords;
    final List<Failure> failures;
    final List<Skip> skipped;

    private RunReport(long filesProcessed, long filesSkipped, long filesFailed, long records, long events,
                      long alerts, long rejectedRecords, List<Failure> failures, List<Skip> skipped) {
        this.filesProcessed = filesProcessed;
        this.filesSkipped = filesSkipped;
        this.filesFailed = filesFailed;
        this.records = records;
        this.events = events;
        this.alerts = alerts;
        this.rejectedRecords = rejectedRecords;
        this.failures = List.copyOf(failures);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * @param names each file's name, in the run's order
     * @param outcomes each file's outcome, same order
     * @param events the items this run added
     * @param alerts the alerts this run raised
     */
    public static RunReport of(List<String> names, List<Outcome> outcomes, long events, long alerts) {
        long processed = 0;
        long skippedCount = 0;
        long failed = 0;
        long records = 0;
        long rejected = 0;
        List<Failure> failures = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Skipped s) {
                skippedCount++;
                skipped.add(new Skip(name, s.reason()));
            } else if (outcome instanceof Outcome.Failed f) {
                failed++;
                failures.add(new Failure(name, f.error()));
            } else if (outcome instanceof Outcome.Read r) {
                FileResult result = r.result();
                records += result.records();
                for (String text : result.rejected()) {
                    failures.add(new Failure(name, text));
                    rejected++;
                }
                if (result.failed()) {
                    failed++;
                    failures.add(new Failure(name, result.failure()));
                } else {
                    processed++;
                }
            }
        }
        return new RunReport(processed, skippedCount, failed, records, events, alerts, rejected, failures, skipped);
    }

    public boolean anyFailure() {
        return !failures.isEmpty();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("filesProcessed", filesProcessed);
        json.put("filesSkipped", filesSkipped);
        json.put("filesFailed", filesFailed);
        json.put("records", records);
        json.put("events", events);
        json.put("alerts", alerts);
        ArrayNode f = json.putArray("failures");
        for (Failure failure : failures) {
            f.addObject().put("file", failure.file()).put("error", failure.error());
        }
        ArrayNode s = json.putArray("skipped");
        for (Skip skip : skipped) {
            s.addObject().put("file", skip.file()).put("reason", skip.reason());
        }
        return json;
    }

    /** Writes {@code report.json} whole or not at all. */
    public void write(Path dir, ObjectMapper mapper) throws IOException {
        Path tmp = dir.resolve(REPORT_FILE + ".tmp");
        Files.write(tmp, mapper.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toJson(mapper)));
        Files.move(tmp, dir.resolve(REPORT_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The human-readable summary on stdout. */
    public void print(PrintWriter out, String alertsWentTo, String outputs, String database) {
        out.println("TrailWatch: " + filesProcessed + plural(filesProcessed, " file", " files") + " processed, "
                + filesSkipped + " skipped, " + filesFailed + " failed");
        out.println("  records read:  " + records);
        out.println("  events added:  " + events);
        out.println("  alerts raised: " + alerts + (alerts > 0 ? " (" + alertsWentTo + ")" : ""));
        if (rejectedRecords > 0) {
            out.println("  records rejected: " + rejectedRecords);
        }
        out.println("  database: " + database);
        if (outputs != null) {
            out.println("  output: " + outputs);
        }
        if (!failures.isEmpty()) {
            out.println("Failures:");
            for (Failure f : failures) {
                out.println("  " + f.file() + ": " + f.error());
            }
        }
        out.flush();
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
