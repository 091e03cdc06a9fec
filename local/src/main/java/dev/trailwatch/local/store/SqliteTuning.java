package dev.trailwatch.local.store;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * Makes a file-backed DynamoDB Local commit without waiting for the disk each time. DynamoDB Local runs every
 * request as an SQLite transaction with SQLite's defaults (a rollback journal, synchronous=FULL): two or three
 * fsyncs per request, which make a write-heavy run several times slower than in memory. Write-ahead logging
 * with synchronous=NORMAL keeps the database consistent after a crash of the process or the machine; only the
 * last transactions can be lost to a power cut, and then a re-run redoes them (idempotent).
 *
 * <p>DynamoDB Local offers no setting for this, so its SQLite connection is reached by reflection, through
 * fields found by their types (DynamoDBLocal 2.6.1). If that ever fails, the database works as before, only
 * slower: {@link #apply} says whether it took.
 */
final class SqliteTuning {

    private SqliteTuning() {
    }

    /**
     * The queue (one thread, one connection) through which DynamoDB Local runs all its SQLite work, or null when
     * it cannot be reached. DynamoDB Local's shutdown only asks it to stop: join it to know the file is closed.
     */
    static SQLiteQueue queue(Object amazonDynamoDbLocal) {
        try {
            return queueOf(amazonDynamoDbLocal);
        } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Returns the journal mode now in force ("wal" when tuned), or null when the connection was not reached. */
    static String apply(SQLiteQueue queue) {
        if (queue == null) {
            return null;
        }
        try {
            return queue.execute(new SQLiteJob<String>() {
                @Override
                protected String job(SQLiteConnection connection) throws SQLiteException {
                    String mode = single(connection, "PRAGMA journal_mode=WAL");
                    connection.exec("PRAGMA synchronous=NORMAL");
                    return mode == null ? null : mode.toLowerCase(Locale.ROOT);
                }
            }).complete();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** What {@code PRAGMA journal_mode} says now, for tests; null when the connection was not reached. */
    static String journalMode(SQLiteQueue queue) {
        if (queue == null) {
            return null;
        }
        try {
            return queue.execute(new SQLiteJob<String>() {
                @Override
                protected String job(SQLiteConnection connection) throws SQLiteException {
                    return single(connection, "PRAGMA journal_mode");
                }
            }).complete();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String single(SQLiteConnection connection, String sql) throws SQLiteException {
        SQLiteStatement st = connection.prepare(sql, false);
        try {
            return st.step() ? st.columnString(0) : null;
        } finally {
            st.dispose();
        }
    }

    /** embedded client → its invocation handler → LocalDBClient → SQLiteDBAccess → SQLiteQueue. */
    private static SQLiteQueue queueOf(Object local) throws ReflectiveOperationException {
        Object handler = null;
        for (Field f : local.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            Object value = f.get(local);
            if (value != null && Proxy.isProxyClass(value.getClass())) {
                handler = Proxy.getInvocationHandler(value);
                break;
            }
            if (value instanceof java.lang.reflect.InvocationHandler h) {
                handler = h;
                break;
            }
        }
        Object client = handler == null ? null : fieldNamed(handler, "LocalDBClient");
        Object access = client == null ? null : fieldNamed(client, "SQLiteDBAccess");
        return access == null ? null : (SQLiteQueue) fieldOfType(access, SQLiteQueue.class);
    }

    /** The value of the first field whose runtime class has this simple name. */
    private static Object fieldNamed(Object owner, String simpleName) throws IllegalAccessException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                Object value = f.get(owner);
                if (value != null && value.getClass().getSimpleName().equals(simpleName)) {
                    return value;
                }
            }
        }
        return null;
    }

    private static Object fieldOfType(Object owner, Class<?> type) throws IllegalAccessException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (type.isAssignableFrom(f.getType())) {
                    f.setAccessible(true);
                    return f.get(owner);
                }
            }
        }
        return null;
    }
}
