package dev.trailwatch.core;

import dev.trailwatch.core.alert.Alert;
import dev.trailwatch.core.alert.AlertSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An alert sink for core tests that keeps what it was given and can fail the next publishes. */
final class RecordingAlertSink implements AlertSink {

    final List<Alert> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    void failNext(int times) {
        failuresLeft.set(times);
    }

    int attempts() {
        return attempts.get();
    }

    @Override
    public String publish(Alert alert) {
        attempts.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("SNS is down");
        }
        published.add(alert);
        return "msg-" + published.size();
    }
}
