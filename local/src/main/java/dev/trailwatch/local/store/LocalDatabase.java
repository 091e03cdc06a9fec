package dev.trailwatch.local.store;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.almworks.sqlite4java.SQLiteQueue;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.trailwatch.core.store.TableDefinition;
import dev.trailwatch.local.TrailWatchCli;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * DynamoDB Local, embedded in this JVM: file-backed in a folder ({@code DIR/trailwatch.db}) so that lookups work
 * across runs, or in memory for a throwaway run. Holds a lock file in the folder so that two runs never write one
 * database at once. Its threads are not daemons: always {@link #close()} it.
 */
public final class LocalDatabase implements AutoCloseable {

    public static final String TABLE_NAME = "trailwatch-events";
    public static final String DB_FILE = "trailwatch.db";
    public static final String LOCK_FILE = "trailwatch.lock";
    public static final Path DEFAULT_DIR = Path.of("trailwatch-db");

    /** The database could not be used as asked: a usage error, with a message that says what to do. */
    public static final class UnusableException extends Exception {
        UnusableException(String message) {
            super(message);
        }

        UnusableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AmazonDynamoDBLocal local;
    private final SQLiteQueue queue;
    private final DynamoDbClient client;
    private final FileChannel lockChannel;
    private final String description;

    private LocalDatabase(AmazonDynamoDBLocal local, FileChannel lockChannel, String description) {
        this.local = local;
        this.queue = SqliteTuning.queue(local);
        this.client = local.dynamoDbClient();
        this.lockChannel = lockChannel;
        this.description = description;
    }

    /** A throwaway database, gone when the run ends. */
    public static LocalDatabase inMemory() {
        // true: no telemetry (no metadata file in the working directory, no call to AWS).
        LocalDatabase db = new LocalDatabase(DynamoDBEmbedded.create(Boolean.TRUE), null, "in memory (discarded)");
        db.createTableIfMissing();
        return db;
    }

    /** The database in {@code dir}, created with its table when missing; the run holds it alone. */
    public static LocalDatabase openForWriting(Path dir) throws UnusableException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnusableException("--db " + dir + ": cannot create the folder: " + reason(e), e);
        }
        LocalDatabase db = open(dir, false);
        try {
            db.createTableIfMissing();
        } catch (RuntimeException e) {
            db.close();
            throw new UnusableException("--db " + dir + ": cannot use " + dir.resolve(DB_FILE) + ": "
                    + TrailWatchCli.describe(e), e);
        }
        return db;
    }

    /** The database in {@code dir}, which a {@code process} run must have created; shared with other readers. */
    public static LocalDatabase openForReading(Path dir) throws UnusableException {
        if (!Files.isRegularFile(dir.resolve(DB_FILE))) {
            throw new UnusableException("no TrailWatch database in " + dir + " (" + dir.resolve(DB_FILE)
                    + " does not exist): run 'trailwatch process --db " + dir + " PATH...' first");
        }
        LocalDatabase db = open(dir, true);
        try {
            db.client.describeTable(b -> b.tableName(TABLE_NAME));
        } catch (ResourceNotFoundException e) {
            db.close();
            throw new UnusableException("the database in " + dir + " holds no TrailWatch table: run"
                    + " 'trailwatch process --db " + dir + " PATH...' first", e);
        } catch (RuntimeException e) {
            db.close();
            throw new UnusableException("--db " + dir + ": cannot read " + dir.resolve(DB_FILE) + ": "
                    + TrailWatchCli.describe(e), e);
        }
        return db;
    }

    private static LocalDatabase open(Path dir, boolean shared) throws UnusableException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UnusableException("--db " + dir + ": cannot open its lock file: " + reason(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new UnusableException("the database in " + dir
                        + " is in use by another trailwatch run; wait for it to end");
            }
            File file = dir.resolve(DB_FILE).toFile();
            LocalDatabase db = new LocalDatabase(DynamoDBEmbedded.create(file, Boolean.TRUE), channel, file.getPath());
            SqliteTuning.apply(db.queue);
            return db;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UnusableException("--db " + dir + ": cannot lock it: " + reason(e), e);
        } catch (UnusableException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void createTableIfMissing() {
        TableDefinition.createIfMissing(client, TABLE_NAME);
    }

    /** SQLite's journal mode for this database ("wal" once tuned, "memory" in memory), or null if unknown. */
    String journalMode() {
        return SqliteTuning.journalMode(queue);
    }

    public DynamoDbClient client() {
        return client;
    }

    public String tableName() {
        return TABLE_NAME;
    }

    /** Where the data lives, for messages. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            // shutdownNow, not shutdown: DynamoDB Local's stream-shard job sleeps in a loop on a non-daemon pool
            // thread that only an interrupt ends. All requests have returned by now.
            local.shutdownNow();
            if (queue != null) {
                // shutdown() only asks SQLite's thread to stop; the file is closed (and the lock may go) once it has.
                queue.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (lockChannel != null) {
                closeQuietly(lockChannel);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            // Nothing left to do with it.
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way (" + message + ")";
        }
        return message == null ? kind : kind + ": " + message;
    }
}
