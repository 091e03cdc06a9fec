package dev.trailwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The invocation's remaining time, asked of Lambda's context each time because it is the only clock that knows
 * when Lambda will stop the function.
 */
public final class TimeBudget {

    /**
     * No new file is started with less than this left: the core keeps 5 s for itself before each write, and
     * fetching the object and a first chunk of writes need a few more. The function's timeout must be well
     * above it (minutes, not seconds).
     */
    public static final Duration RESERVE = Duration.ofSeconds(10);

    private final Context context;
    private final Clock clock;
    private final Duration reserve;

    public TimeBudget(Context context, Clock clock) {
        this(context, clock, RESERVE);
    }

    TimeBudget(Context context, Clock clock, Duration reserve) {
        this.context = context;
        this.clock = clock;
        this.reserve = reserve;
    }

    /** When Lambda stops the function; also the expiry of any alert claim the core takes. */
    public Instant deadline() {
        return clock.instant().plusMillis(context.getRemainingTimeInMillis());
    }

    public boolean allowsAnotherFile() {
        return context.getRemainingTimeInMillis() > reserve.toMillis();
    }
}
