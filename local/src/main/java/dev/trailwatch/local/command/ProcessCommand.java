package dev.trailwatch.local.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailwatch.core.store.DynamoDbEventStore;
import dev.trailwatch.core.store.EventStore;
import dev.trailwatch.core.FileResult;
import dev.trailwatch.core.LogFileProcessor;
import dev.trailwatch.contract.Defaults;
import dev.trailwatch.core.ProcessorSettings;
import dev.trailwatch.core.RetryableProcessingException;
import dev.trailwatch.contract.Severity;
import dev.trailwatch.local.TrailWatchCli;
import dev.trailwatch.local.VersionProvider;
import dev.trailwatch.local.input.LogFileFinder;
import dev.trailwatch.local.input.WholeFileGzip;
import dev.trailwatch.local.input.LogFileFinder.Candidate;
import dev.trailwatch.local.output.EventsExport;
import dev.trailwatch.local.output.ItemJson;
import dev.trailwatch.local.output.Json;
import dev.trailwatch.local.output.LocalAlertSink;
import dev.trailwatch.local.output.RunReport;
import dev.trailwatch.local.output.Terminal;
import dev.trailwatch.local.output.Tty;
import dev.trailwatch.local.run.AddedItems;
import dev.trailwatch.local.run.InPathOrder;
import dev.trailwatch.local.run.ReadingSlots;
import dev.trailwatch.local.store.DatabaseOpening;
import dev.trailwatch.local.store.LocalDatabase;
import dev.trailwatch.local.store.TableReader;
import dev.trailwatch.local.output.RunReport.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trailwatch process [--db DIR | --in-memory] [--out DIR] PATH...} */
@Command(name = "process",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
                "Reads CloudTrail log files (.json.gz or .json, or folders searched recursively in the layout of a"
                        + " trail bucket), stores their Access Analyzer events in DynamoDB Local and raises an alert"
                        + " for each mutating call seen for the first time.",
                "Digest and Insights files and files not named .json.gz/.json are skipped and counted."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:nothing failed",
                "1:a file failed or a record was rejected (see failures in the summary and report.json)",
                "2:usage error (bad option, missing PATH, unusable --db or --out)"})
public final class ProcessCommand implements Callable<Integer> {

    /**
     * How long one file may take; also when an alert claim made for it expires (the core's deadline). The time a
     * file waits for the files before it (see {@link InPathOrder}) counts: one that runs short is read again.
     */
    public static final Duration FILE_DEADLINE = Duration.ofMinutes(2);
    public static final int MAX_THREADS = 16;
    /** A hundred years: far beyond any retention, and far from the end of {@link java.time.Instant}. */
    public static final int MAX_RETENTION_DAYS = 36_500;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    DatabaseChoice database;

    public static final class DatabaseChoice {
        @Option(names = "--db", paramLabel = "DIR",
                description = "Folder of the database (DIR/trailwatch.db), created if missing, kept across runs."
                        + " Default: trailwatch-db in the current directory.")
        Path dir;

        @Option(names = "--in-memory", description = "Use a throwaway database, discarded at the end of the run.")
        boolean inMemory;
    }

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write report.json, alerts.jsonl and events.jsonl to DIR (created if missing; the three"
                    + " files are replaced). Without it, each alert is printed as a line on stdout.")
    Path out;

    /** Reading (gunzip, JSON) is the costly part and runs on every core; more threads than cores would only wait. */
    @Option(names = "--threads", paramLabel = "N",
            description = "Files read at once (1-" + MAX_THREADS + "). Default: the number of cores, at most "
                    + MAX_THREADS + " (${DEFAULT-VALUE} here).")
    int threads = Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());

    /** True once the database has failed to open: files not begun yet are not read. */
    private BooleanSupplier databaseFailed = () -> false;

    @Option(names = "--min-severity", paramLabel = "LEVEL", defaultValue = Defaults.ALERT_MIN_SEVERITY,
            converter = SeverityConverter.class,
            description = "Lowest severity that raises an alert: LOW, MEDIUM or HIGH. Default: ${DEFAULT-VALUE}.")
    Severity minSeverity;

    @Option(names = "--event-source", paramLabel = "SOURCE", split = ",",
            description = "eventSource to keep (repeatable or comma-separated)."
                    + " Default: " + Defaults.EVENT_SOURCE + ".")
    List<String> eventSources;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "" + Defaults.RETENTION_DAYS,
            description = "Sets each new item's expiresAt (the time it is stored + DAYS), as the deployed function"
                    + " does."
                    + " DynamoDB Local never deletes items. Default: ${DEFAULT-VALUE}.")
    int retentionDays;

    @Option(names = "--no-progress", description = "Never show the progress line (it is shown only when stderr is a terminal).")
    boolean noProgress;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Log files (.json.gz, .json) or folders, searched recursively.")
    List<Path> paths;

    private final Clock clock;
    private final BooleanSupplier stderrIsTerminal;

    public ProcessCommand() {
        this(Clock.systemUTC(), Tty::stderrIsTerminal);
    }

    /** @param stderrIsTerminal whether the progress line may be drawn (tests say yes without a terminal) */
    public ProcessCommand(Clock clock, BooleanSupplier stderrIsTerminal) {
        this.clock = clock;
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        Terminal terminal = new Terminal(cli.getOut(), cli.getErr());
        ProcessorSettings settings = settings();
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ParameterException(cli, "--threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        List<Candidate> candidates;
        try {
            candidates = LogFileFinder.find(paths, out);
        } catch (LogFileFinder.BadPathException e) {
            throw new ParameterException(cli, e.getMessage());
        }
        // Worth a word (a mistyped prefix, an empty sync), not a failure: no file failed, the exit status says so.
        for (Path empty : LogFileFinder.withoutLogFiles(paths, candidates)) {
            cli.getErr().println("trailwatch: no log files found in PATH " + empty);
        }
        cli.getErr().flush();
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new ParameterException(cli, "--out " + out + ": cannot create the folder (" + e + ")");
            }
        }
        ObjectMapper mapper = Json.mapper();
        LocalAlertSink sink = out == null ? LocalAlertSink.toTerminal(terminal, mapper)
                : LocalAlertSink.toFile(out, mapper);
        // The database opens on a thread of its own while the first files are read (their store calls wait for it).
        // alerts.jsonl is emptied only once the database is open: a run that an unusable database stops leaves an
        // earlier run's file as it was, as when the database was opened first.
        try (DatabaseOpening opening = new DatabaseOpening(() -> {
            LocalDatabase db = openDatabase(cli);
            try {
                openSink(cli, sink);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return db;
        })) {
            try {
                return run(candidates, settings, opening, sink, terminal, mapper);
            } finally {
                sink.close();
            }
        }
    }

    private int run(List<Candidate> candidates, ProcessorSettings settings, DatabaseOpening opening,
                    LocalAlertSink sink, Terminal terminal, ObjectMapper mapper) throws Exception {
        AddedItems added = new AddedItems(LocalDatabase.TABLE_NAME);
        ReadingSlots slots = new ReadingSlots(threads);
        CompletableFuture<EventStore> store = opening.database()
                .thenApply(db -> new DynamoDbEventStore(added.watch(db.client()), db.tableName()));
        InPathOrder order = new InPathOrder(store, slots);
        LogFileProcessor processor = new LogFileProcessor(settings, order, sink, clock,
                WholeFileGzip.forThisMachine(settings.maxDecompressedBytes()));

        databaseFailed = opening::failed;
        List<Outcome> outcomes = processAll(candidates, processor, order, slots, sink, terminal);
        // An unusable database ends the run here, with its usage error; the files read meanwhile stored nothing.
        LocalDatabase db = opening.await();
        sink.close();

        Long itemsInTable = null;
        if (out != null) {
            itemsInTable = EventsExport.write(new TableReader(db.client(), db.tableName()), new ItemJson(mapper), out);
        }
        RunReport report = RunReport.of(candidates.stream().map(Candidate::name).toList(), outcomes,
                added.count(), sink.count());
        if (out != null) {
            report.write(out, mapper);
        }
        String alertsWentTo = out == null ? "printed above; not published"
                : "written to " + out.resolve(LocalAlertSink.ALERTS_FILE) + "; not published";
        String outputs = out == null ? null : out + " (" + RunReport.REPORT_FILE + ", " + LocalAlertSink.ALERTS_FILE
                + ", " + EventsExport.EVENTS_FILE + ": " + itemsInTable + " items in the table)";
        report.print(terminal.out(), alertsWentTo, outputs, db.description());
        return report.anyFailure() ? TrailWatchCli.FAILED : TrailWatchCli.OK;
    }

    private List<Outcome> processAll(List<Candidate> candidates, LogFileProcessor processor, InPathOrder order,
                                     ReadingSlots slots, LocalAlertSink sink, Terminal terminal)
            throws InterruptedException {
        Outcome[] outcomes = new Outcome[candidates.size()];
        List<Candidate> toRead = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.skipped()) {
                outcomes[c.index()] = new Outcome.Skipped(c.skipReason());
                order.fileDone(c.index());
                sink.fileDone(c.index());
            } else {
                toRead.add(c);
            }
        }
        terminal.startProgress(toRead.size(), !noProgress && stderrIsTerminal.getAsBoolean());
        try {
            if (threads == 1 || toRead.size() < 2) {
                for (Candidate c : toRead) {
                    outcomes[c.index()] = readInTurn(c, processor, order, sink);
                    order.fileDone(c.index());
                    sink.fileDone(c.index());
                    terminal.fileDone();
                }
            } else {
                readConcurrently(toRead, processor, order, slots, sink, terminal, outcomes);
            }
        } finally {
            terminal.endProgress();
        }
        return List.of(outcomes);
    }

    private void readConcurrently(List<Candidate> toRead, LogFileProcessor processor, InPathOrder order,
                                  ReadingSlots slots, LocalAlertSink sink, Terminal terminal, Outcome[] outcomes)
            throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        // Twice as many threads as reading slots: a file waiting for its turn to store holds a thread but no slot,
        // and the next file is read on another thread meanwhile.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2 * threads, toRead.size()), r -> {
            Thread t = new Thread(r, "trailwatch-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(toRead.size());
            // Submitted in path order and taken in that order: the first file not done is always running, never
            // waiting, so the files waiting for their turn (InPathOrder) always get it.
            for (Candidate c : toRead) {
                futures.add(pool.submit(() -> {
                    slots.take();
                    try {
                        outcomes[c.index()] = readInTurn(c, processor, order, sink);
                    } finally {
                        slots.give();
                    }
                    order.fileDone(c.index());
                    sink.fileDone(c.index());
                    terminal.fileDone();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    // readOne turns every exception into an outcome: this is an Error (e.g. out of memory).
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** To be read again in its turn; a failure if it happens again. */
    private record Retry(String error) implements Outcome {
    }

    /**
     * Reads one file. A file the core handed back (a read error, time run short while it waited for its turn, an
     * alert claim left by a run that was killed) is read once more as soon as every file before it is done, so that
     * what it stores is still stored in path order; everything it did before is idempotent. Handed back again, it
     * fails.
     */
    private Outcome readInTurn(Candidate c, LogFileProcessor processor, InPathOrder order, LocalAlertSink sink)
            throws InterruptedException {
        if (databaseFailed.getAsBoolean()) {
            return new Outcome.Failed("not read: the database did not open"); // the run ends with its error
        }
        Outcome outcome = readOne(c, processor, order, sink);
        if (outcome instanceof Retry && !databaseFailed.getAsBoolean()) {
            order.awaitTurn(c.index());
            Outcome again = readOne(c, processor, order, sink);
            outcome = again instanceof Retry r ? new Outcome.Failed(r.error()) : again;
        }
        return outcome;
    }

    private Outcome readOne(Candidate c, LogFileProcessor processor, InPathOrder order, LocalAlertSink sink) {
        order.beginFile(c.index());
        sink.beginFile(c.index());
        try (InputStream in = Files.newInputStream(c.file())) {
            FileResult result = processor.process(c.sourceObject(), in, clock.instant().plus(FILE_DEADLINE));
            return new Outcome.Read(result);
        } catch (RetryableProcessingException e) {
            return new Retry(e.getMessage());
        } catch (NoSuchFileException e) {
            return new Outcome.Failed("cannot open the file: it does not exist (deleted, or a broken link)");
        } catch (AccessDeniedException e) {
            return new Outcome.Failed("cannot open the file: permission denied");
        } catch (IOException e) {
            return new Outcome.Failed("cannot read the file: " + TrailWatchCli.describe(e));
        } catch (RuntimeException e) {
            return new Outcome.Failed("internal error: " + e);
        }
    }

    private ProcessorSettings settings() {
        CommandLine cli = spec.commandLine();
        if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
            throw new ParameterException(cli, "--retention-days must be between 1 and " + MAX_RETENTION_DAYS
                    + ", got " + retentionDays);
        }
        Set<String> sources = new LinkedHashSet<>();
        if (eventSources == null || eventSources.isEmpty()) {
            sources.add(Defaults.EVENT_SOURCE);
        } else {
            for (String s : eventSources) {
                if (s.isBlank()) {
                    throw new ParameterException(cli, "--event-source must not be empty");
                }
                sources.add(s.trim());
            }
        }
        ProcessorSettings defaults = ProcessorSettings.defaults(LocalDatabase.TABLE_NAME);
        return new ProcessorSettings(LocalDatabase.TABLE_NAME, sources, minSeverity,
                Duration.ofDays(retentionDays), defaults.maxDecompressedBytes());
    }

    private LocalDatabase openDatabase(CommandLine cli) {
        if (database != null && database.inMemory) {
            return LocalDatabase.inMemory();
        }
        Path dir = database != null && database.dir != null ? database.dir : LocalDatabase.DEFAULT_DIR;
        try {
            return LocalDatabase.openForWriting(dir);
        } catch (LocalDatabase.UnusableException e) {
            throw new ParameterException(cli, e.getMessage());
        }
    }

    private void openSink(CommandLine cli, LocalAlertSink sink) {
        try {
            sink.open();
        } catch (IOException e) {
            throw new ParameterException(cli, "--out " + out + ": cannot write " + LocalAlertSink.ALERTS_FILE
                    + " (" + e + ")");
        }
    }
}
