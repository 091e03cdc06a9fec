package dev.trailwatch.core.alert;

import dev.trailwatch.core.event.TrailEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Console links for an alert. Every part that comes from the record is URL-encoded, so it cannot end the link. */
final class Links {

    private Links() {
    }

    /** The CloudTrail console's event page; event history keeps management events for 90 days. */
    static String cloudTrailEvent(TrailEvent event) {
        String region = encode(event.awsRegion());
        return "https://" + region + ".console.aws.amazon.com/cloudtrailv2/home?region=" + region
                + "#/events/" + encode(event.eventId());
    }

    /**
     * The Access Analyzer console of the region, on its page of analyzers; the analyzer's name is on the line
     * beside the link, since the console's link to a single analyzer is not documented.
     */
    static String analyzers(String region) {
        String r = encode(region);
        return "https://" + r + ".console.aws.amazon.com/access-analyzer/home?region=" + r + "#/analyzers";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
