package dev.trailwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run leaves no thread behind that would keep the JVM alive: main's System.exit is a safety net, not a need. */
class ThreadsLeftTest {

    @TempDir
    Path tmp;

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void processAndQueryLeaveNoNonDaemonThreadRunning() throws Exception {
        Path trail = TrailFixture.goodTrail(tmp.resolve("trail"));
        Set<Thread> before = liveNonDaemonThreads();

        Cli.run("process", "--in-memory", "--out", tmp.resolve("out").toString(), trail.toString());
        Cli.run("process", "--db", tmp.resolve("db").toString(), trail.toString());
        Cli.run("query", "--db", tmp.resolve("db").toString(), "--principal", TrailFixture.ALICE);

        Set<Thread> left = liveNonDaemonThreads();
        left.removeAll(before);
        for (Thread t : left) {
            t.join(2000); // a pool thread may still be on its way out
        }
        assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).isEmpty();
    }
}
