package dev.trailwatch.bench;

import dev.trailwatch.lambda.TrailWatchHandler;
import dev.trailwatch.testing.FakeLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The function's cold start, in a fresh JVM started from the shaded jar with Lambda-like flags: Lambda's runtime
 * constructs {@link TrailWatchHandler} (class loading, configuration, the three clients, the core), then, with
 * SnapStart, runs the priming hook before the snapshot; then the first invocation reads its first file. Run by
 * {@link ReaderBenchmark} with {@code -cp lambda.jar:bench-classes:test-support}, the environment of a deployment and
 * {@code AWS_ENDPOINT_URL} at a local stand-in that serves the file. Prints
 * {@code INIT constructMs=… primeMs=… firstFileMs=…}.
 *
 * <p>Arguments: {@code prime} or {@code noprime}, bucket, key.
 */
public final class InitProbe {

    private InitProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean prime = args[0].equals("prime");
        long t0 = System.nanoTime();
        TrailWatchHandler handler = new TrailWatchHandler();
        long t1 = System.nanoTime();
        long primeMs = 0;
        if (prime) {
            // What SnapStart's beforeCheckpoint does; the hook is reached by reflection from outside its package.
            Field function = TrailWatchHandler.class.getDeclaredField("function");
            function.setAccessible(true);
            Object wiring = function.get(handler);
            Method priming = wiring.getClass().getDeclaredMethod("priming");
            priming.setAccessible(true);
            Object hook = priming.invoke(wiring);
            Method run = hook.getClass().getDeclaredMethod("prime");
            run.setAccessible(true);
            primeMs = (Long) run.invoke(hook);
        }
        long t2 = System.nanoTime();
        String request = "{\"objects\":[{\"bucket\":\"" + args[1] + "\",\"key\":\"" + args[2] + "\"}]}";
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), answer, new FakeLambdaContext(60_000));
        long t3 = System.nanoTime();
        String text = answer.toString(StandardCharsets.UTF_8);
        if (!text.contains("\"records\"") || text.contains("\"failed\":1")) {
            System.out.println("WRONG " + text);
        }
        System.out.printf("INIT constructMs=%.1f primeMs=%d firstFileMs=%.1f classes=%d answer=%s%n",
                (t1 - t0) / 1e6, primeMs, (t3 - t2) / 1e6,
                java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount(),
                text.length() > 300 ? text.substring(0, 300) : text);
        System.exit(0);
    }
}
