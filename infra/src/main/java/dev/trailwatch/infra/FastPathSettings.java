package dev.trailwatch.infra;

import dev.trailwatch.infra.constructs.FastPathForwarder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Node;

/**
 * Where the fast path forwards from: {@code -c fastPathRegions=r1,r2} names the other regions whose calls should
 * alert within a minute too (each gets a small forwarding stack), and the home region is where TrailWatch runs:
 * {@code -c homeRegion=…}, else the region the CDK CLI deploys to ({@code CDK_DEFAULT_REGION}, from the profile or
 * {@code AWS_REGION}). The home stack itself always has its rule: its own region needs no forwarder.
 */
public record FastPathSettings(List<String> regions, Optional<String> homeRegion) {

    public static final String FAST_PATH_REGIONS = "fastPathRegions";
    public static final String HOME_REGION = "homeRegion";

    public FastPathSettings {
        regions = List.copyOf(regions);
        if (!regions.isEmpty() && homeRegion.isEmpty()) {
            throw new IllegalArgumentException("Context value " + FAST_PATH_REGIONS + " needs the home region, where"
                    + " the forwarded events go: deploy with a region (AWS_REGION or --profile) or pass -c "
                    + HOME_REGION + "=REGION");
        }
        List<String> listed = regions;
        homeRegion.ifPresent(home -> {
            if (listed.contains(home)) {
                throw new IllegalArgumentException("Context value " + FAST_PATH_REGIONS + " names the home region "
                        + home + ": its calls reach the home rule without forwarding");
            }
        });
    }

    /** @param environment the process environment, for the CLI's {@code CDK_DEFAULT_REGION} */
    public static FastPathSettings fromContext(Node node, Map<String, String> environment) {
        List<String> regions = text(node, FAST_PATH_REGIONS)
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .distinct().toList())
                .orElse(List.of());
        for (String region : regions) {
            if (!FastPathForwarder.isRegion(region)) {
                throw new IllegalArgumentException("Context value " + FAST_PATH_REGIONS
                        + " must be comma-separated region names such as eu-west-1,us-east-1, got \"" + region
                        + "\"");
            }
        }
        Optional<String> home = text(node, HOME_REGION)
                .or(() -> Optional.ofNullable(environment.get("CDK_DEFAULT_REGION")).filter(s -> !s.isBlank()));
        home.ifPresent(region -> {
            if (!FastPathForwarder.isRegion(region)) {
                throw new IllegalArgumentException("The home region must be a region name such as eu-central-1, "
                        + "got \"" + region + "\"");
            }
        });
        return new FastPathSettings(regions, regions.isEmpty() ? Optional.empty() : home);
    }

    private static Optional<String> text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }
}
