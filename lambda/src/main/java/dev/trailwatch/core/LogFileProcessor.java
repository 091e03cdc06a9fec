package dev.trailwatch.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.contract.WatchedCalls;
import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.alert.AlertFormatter;
import dev.trailwatch.core.alert.AlertSink;
import dev.trailwatch.core.event.Classification;
import dev.trailwatch.core.event.PrincipalResolver;
import dev.trailwatch.core.event.SeverityClassifier;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.TrailEventReader;
import dev.trailwatch.core.event.UnstorableRecordException;
import dev.trailwatch.core.event.WatchList;
import dev.trailwatch.core.read.GzipDecoding;
import dev.trailwatch.core.read.JsonSupport;
import dev.trailwatch.core.read.LogFileException;
import dev.trailwatch.core.read.LogFileReader;
import dev.trailwatch.core.read.RecordSelection;
import dev.trailwatch.core.read.SourceReadException;
import dev.trailwatch.core.store.AnalyzerSetup;
import dev.trailwatch.core.store.CallHistory;
import dev.trailwatch.core.store.EventItemMapper;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.store.ItemAttributes;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The processing core: reads one log file, stores each kept event once and sends each alert once. It knows
 * nothing of where it runs; the Lambda handler, the backfill path and the local runner give it bytes and clients.
 *
 * <p>Order of work per chunk of events: find which items exist; write the new ones; then, for each event that
 * must alert and has not, claim its alert, look up what the table holds of its principal before it (the alert's
 * context), publish, and record that it went out. A crash at any point leaves a state from which the same file,
 * processed again, completes exactly what is missing.
 *
 * <p>An event is decided by what is stored, never by a later record with its key: whether it must alert is written
 * on the item when it is stored, an existing item is never written again, and an alert it still owes is sent only
 * from a copy of the stored event (docs/architecture.md, "First delivery wins").
 */
public final class LogFileProcessor {

    private static final String ACCESS_ANALYZER = Defaults.EVENT_SOURCE;

    /** Events are stored and alerted in chunks, so memory stays bounded whatever the file holds. */
    static final int CHUNK = 100;
    /** Work that would end this close to the deadline is handed back for a retry instead. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);

    private final ProcessorSettings settings;
    private final EventStore store;
    private final AlertSink alerts;
    private final Clock clock;
    private final LogFileReader reader;
    private final TrailEventReader eventReader;
    private final EventItemMapper itemMapper;
    private final AlertFormatter formatter;
    private final WatchList watchList;

    public LogFileProcessor(ProcessorSettings settings, EventStore store, AlertSink alerts, Clock clock) {
        this(settings, store, alerts, clock, GzipDecoding.STREAMING);
    }

    /** @param gzipDecoding how gzip files are decoded: the reader's streaming decoder, or a runner's faster one */
    public LogFileProcessor(ProcessorSettings settings, EventStore store, AlertSink alerts, Clock clock,
                            GzipDecoding gzipDecoding) {
        this.settings = settings;
        this.store = store;
        this.alerts = alerts;
        this.clock = clock;
        ObjectMapper mapper = JsonSupport.trailMapper(settings.maxDecompressedBytes());
        this.reader = new LogFileReader(mapper, selection(settings), settings.maxDecompressedBytes(), gzipDecoding);
        this.watchList = new WatchList(settings.watch());
        this.eventReader = new TrailEventReader(mapper);
        this.itemMapper = new EventItemMapper(mapper, settings.retention());
        this.formatter = new AlertFormatter(settings.tableName());
    }

    /**
     * The records read: every record of the configured sources, and the records of the watch list's services whose
     * name is on the watch list (which of those concern TrailWatch is decided per event). Reading only those names
     * keeps the byte filter skipping the thousands of KMS, S3 and IAM calls of a typical file.
     */
    public static RecordSelection selection(ProcessorSettings settings) {
        Map<String, Set<String>> named = new HashMap<>(WatchedCalls.BY_SOURCE);
        named.keySet().removeAll(settings.eventSources());
        return new RecordSelection(settings.eventSources(), named);
    }

    /**
     * Processes one file. A content fault is returned as a failed result; a fault that a retry can fix is thrown.
     *
     * @param sourceObject where the bytes came from ({@code s3://bucket/key} or a local path), kept on each item
     * @param content the file's bytes, gzip or plain JSON; not closed here
     * @param deadline when the caller's time is up; also when a claim on an alert expires
     * @throws RetryableProcessingException the source, DynamoDB or SNS failed, or time ran short
     */
    public FileResult process(String sourceObject, InputStream content, Instant deadline) {
        Run run = new Run(sourceObject, deadline, DeliveryPath.LOG_FILE);
        LogFileReader.Counts counts;
        try {
            counts = reader.read(content, run::accept);
            run.flush();
        } catch (LogFileException e) {
            // Whole records before the fault were valid: store and alert them, then report the file.
            run.flush();
            return run.result(0, 0, e.getMessage());
        } catch (SourceReadException e) {
            throw new RetryableProcessingException("reading " + sourceObject + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new RetryableProcessingException("AWS call failed while processing " + sourceObject + ": "
                    + e.getMessage(), e);
        }
        return run.result(counts.records(), counts.decompressedBytes(), null);
    }

    /**
     * Processes one record that came alone, not in a file: EventBridge's copy of a CloudTrail record. It goes
     * through the same decisions, store and alert as a file's records; an item it creates says it was first seen
     * by EventBridge, and the log file that brings the same record later finds the item and adds nothing.
     *
     * @param record the CloudTrail record (EventBridge's {@code detail})
     * @param source where it came from ({@code eventbridge:<region>/<event id>}), kept on the item it creates
     * @param deadline when the caller's time is up; also when a claim on an alert expires
     * @throws RetryableProcessingException DynamoDB or SNS failed, or time ran short
     */
    public FileResult processRecord(JsonNode record, String source, Instant deadline) {
        Run run = new Run(source, deadline, DeliveryPath.EVENTBRIDGE);
        try {
            if (record != null && record.isObject()) {
                run.accept(record);
            }
            run.flush();
        } catch (SdkException e) {
            throw new RetryableProcessingException("AWS call failed while processing " + source + ": "
                    + e.getMessage(), e);
        }
        return run.result(1, 0, null);
    }

    /** The state of one file's processing. */
    private final class Run {
        private final String sourceObject;
        private final Instant deadline;
        private final DeliveryPath path;
        private final List<Pending> chunk = new ArrayList<>(CHUNK);
        private final List<String> rejected = new ArrayList<>();
        private final List<Instant> canaryCalls = new ArrayList<>();
        private final List<Duration> alertLatencies = new ArrayList<>();
        private long events;
        private long stored;
        private long sent;
        private long sentWatched;
        private long mutatingFirst;
        private long unknownOperations;

        Run(String sourceObject, Instant deadline, DeliveryPath path) {
            this.sourceObject = sourceObject;
            this.deadline = deadline;
            this.path = path;
        }

        void accept(JsonNode record) {
            if (TrailEventReader.text(record, "eventName") == null) {
                // A record without an eventName is no call (Insights records have none): not an event.
                return;
            }
            boolean configured = settings.eventSources().contains(TrailEventReader.eventSourceOf(record));
            TrailEvent event;
            try {
                event = eventReader.read(record);
            } catch (UnstorableRecordException e) {
                if (configured || WatchList.mayWatch(record)) {
                    events++;
                    rejected.add("record of " + describe(record) + " not stored: " + e.getMessage());
                }
                return;
            }
            Classification classification;
            if (configured) {
                classification = SeverityClassifier.classify(event);
            } else {
                Optional<Classification> watched = watchList.rate(event);
                if (watched.isEmpty()) {
                    // A read, or a call on something TrailWatch does not watch: not its business.
                    return;
                }
                classification = watched.get();
            }
            String principal = PrincipalResolver.principalOf(event.identity());
            if (!classification.mutating() && settings.watch().canaryPrincipal().filter(principal::equals).isPresent()) {
                // The canary's read came back through the whole pipe: proof of life, not an event to keep.
                canaryCalls.add(event.eventTime());
                return;
            }
            events++;
            if (classification.unknownOperation() && ACCESS_ANALYZER.equals(event.eventSource())) {
                // A new operation of the service: rated MEDIUM until the catalog knows it; counted so someone looks.
                unknownOperations++;
            }
            Map<String, AttributeValue> item = new LinkedHashMap<>(itemMapper.toItem(event, principal,
                    classification, mustAlert(classification), sourceObject, clock.instant()));
            // Written only with a new item (an existing one is never written again): the path that came first.
            item.put(ItemAttributes.FIRST_SEEN_BY, AttributeValue.fromS(path.label()));
            chunk.add(new Pending(event, principal, classification, item));
            if (chunk.size() >= CHUNK) {
                flush();
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            checkTime("storing events");
            // The same eventID twice in one file (or one chunk) is one event.
            Map<Map<String, AttributeValue>, Pending> byKey = new LinkedHashMap<>();
            for (Pending p : chunk) {
                byKey.putIfAbsent(p.key(), p);
            }
            chunk.clear();
            Map<Map<String, AttributeValue>, EventStore.Existing> existing =
                    store.findExisting(new ArrayList<>(byKey.keySet()));

            List<Map<String, AttributeValue>> plain = new ArrayList<>();
            List<Due> toAlert = new ArrayList<>();
            for (Pending p : byKey.values()) {
                EventStore.Existing found = existing.get(p.key());
                boolean alerting = mustAlert(p.classification());
                if (found == null && !alerting) {
                    plain.add(p.item());
                    mutatingFirst += p.classification().mutating() ? 1 : 0;
                } else if (found == null && store.putIfAbsent(p.item())) {
                    // Alerting items go in one by one, conditionally, so that a concurrent duplicate adds nothing.
                    stored++;
                    mutatingFirst++;
                    toAlert.add(new Due(p, sourceObject));
                } else if (found == null || found.owesAlert()) {
                    // The key exists: written by another invocation since the look, or by a delivery that stopped
                    // before its alert. What was stored decides; only a copy of it may send the alert it owes.
                    Due owed = owedAlert(p);
                    if (owed != null) {
                        toAlert.add(owed);
                    }
                }
                // Any other existing item is left as it is: not alerting, or alerted.
            }
            store.putAll(plain);
            stored += plain.size();
            for (Due due : toAlert) {
                alertOnce(due);
            }
        }

        /** The alert the stored item of {@code p}'s key still owes, if {@code p} is a copy of it; else null. */
        private Due owedAlert(Pending p) {
            Map<String, AttributeValue> item = store.load(p.key());
            if (item == null || !EventStore.Existing.of(item).owesAlert()
                    || !EventItemMapper.sameEvent(item, p.item())) {
                return null;
            }
            AttributeValue storedFrom = item.get(ItemAttributes.SOURCE_OBJECT);
            return new Due(p, storedFrom == null ? null : storedFrom.s());
        }

        private void alertOnce(Due due) {
            Pending p = due.pending();
            checkTime("sending the alert for event " + p.event().eventId());
            String claimId = UUID.randomUUID().toString();
            EventStore.Claim claim = store.claimAlert(p.key(), claimId, deadline, clock.instant());
            if (claim == EventStore.Claim.ALREADY_SENT || claim == EventStore.Claim.NOT_DUE) {
                return;
            }
            if (claim == EventStore.Claim.HELD_ELSEWHERE) {
                throw new RetryableProcessingException("the alert for event " + p.event().eventId()
                        + " is being sent by another invocation; retry to confirm it went out");
            }
            CallHistory history;
            AnalyzerSetup lastSetup;
            try {
                history = store.history(p.principal(), p.event().eventTimeId(), p.event().eventTime(),
                        p.event().eventName(), p.event().sourceIpAddress());
                lastSetup = lastSetup(p.event());
            } catch (RuntimeException e) {
                // As for a failed publish: give the claim back, so that the retry need not wait for it to expire.
                store.releaseClaim(p.key(), claimId);
                throw e;
            }
            Alert alert = formatter.format(p.event(), p.principal(), p.classification(), due.storedFrom(), history,
                    lastSetup);
            String messageId;
            try {
                messageId = alerts.publish(alert);
            } catch (RuntimeException e) {
                store.releaseClaim(p.key(), claimId);
                throw new RetryableProcessingException("publishing the alert for event " + p.event().eventId()
                        + " failed: " + e.getMessage(), e);
            }
            Instant sentAt = clock.instant();
            store.markAlertSent(p.key(), messageId, sentAt);
            sent++;
            alertLatencies.add(Duration.between(p.event().eventTime(), sentAt));
            if (p.classification().isWatched()) {
                sentWatched++;
            }
        }

        /** For a successful UpdateAnalyzer, the analyzer's last stored configuration; else, or when unknown, null. */
        private AnalyzerSetup lastSetup(TrailEvent event) {
            String analyzer = TrailEventReader.text(event.requestParameters(), "analyzerName");
            if (!"UpdateAnalyzer".equals(event.eventName()) || !ACCESS_ANALYZER.equals(event.eventSource())
                    || event.failed() || analyzer == null || event.recipientAccountId() == null
                    || event.awsRegion() == null) {
                return null;
            }
            return store.lastAnalyzerSetup(event.recipientAccountId(), event.awsRegion(), analyzer,
                    event.eventTimeId()).filter(AnalyzerSetup::hasRequest).orElse(null);
        }

        private boolean mustAlert(Classification c) {
            return c.mutating() && c.severity().isAtLeast(settings.alertMinSeverity());
        }

        private void checkTime(String what) {
            if (clock.instant().plus(SAFETY_MARGIN).isAfter(deadline)) {
                throw new RetryableProcessingException("time is running short before " + what
                        + " in " + sourceObject + "; handing the file back for a retry");
            }
        }

        FileResult result(long records, long decompressedBytes, String failure) {
            return new FileResult(sourceObject, records, events, stored, sent, decompressedBytes, rejected, failure,
                    sentWatched, canaryCalls, unknownOperations, alertLatencies, mutatingFirst);
        }
    }

    private static String describe(JsonNode record) {
        JsonNode name = record.get("eventName");
        JsonNode id = record.get("eventID");
        return (name != null && name.isTextual() ? name.asText() : "unnamed event")
                + (id != null && id.isTextual() && !id.asText().isEmpty() ? " " + id.asText() : "");
    }

    private record Pending(TrailEvent event, String principal, Classification classification,
                           Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key() {
            return EventItemMapper.key(principal, event.eventTimeId());
        }
    }

    /** An alert to send, and the file its item was stored from (the alert's "Log file"). */
    private record Due(Pending pending, String storedFrom) {
    }
}
