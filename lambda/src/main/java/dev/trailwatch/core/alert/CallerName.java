package dev.trailwatch.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trailwatch.core.event.TrailEvent;
import dev.trailwatch.core.event.TrailEventReader;
import dev.trailwatch.core.event.UserIdentity;

/**
 * Who made a call, in words a reader knows from the console: "role Admin (session alice)", "user Alice", "root
 * of account 111122223333", "AWS service securityhub.amazonaws.com", "Identity Center user 906777ab-…". The
 * principal (the table's key) stays in the details below; this is only the alert's headline.
 */
final class CallerName {

    private CallerName() {
    }

    static String of(TrailEvent event) {
        UserIdentity id = event.identity();
        String type = id.type() == null ? "" : id.type();
        return switch (type) {
            case "AssumedRole" -> {
                String role = lastSegment(id.sessionIssuerArn());
                String session = sessionName(id.arn());
                if (role == null) {
                    yield id.arn() == null ? "an assumed role" : "assumed role " + id.arn();
                }
                yield "role " + role + (session == null ? "" : " (session " + session + ")");
            }
            case "IAMUser" -> {
                String user = lastSegment(id.arn());
                yield user != null ? "user " + user
                        : "IAM user " + (id.principalId() == null ? "(no name)" : id.principalId());
            }
            case "Root" -> "root of account " + (id.accountId() == null ? "(unknown)" : id.accountId());
            case "FederatedUser" -> "federated user " + orElse(lastSegment(id.arn()), id.principalId());
            case "AWSService" -> "AWS service " + orElse(id.invokedBy(), "(not named)");
            case "AWSAccount" -> "account " + orElse(id.accountId(), "(unknown)");
            case "IdentityCenterUser" -> "Identity Center user " + orElse(identityCenterUserId(event), id.principalId());
            case "" -> "an unknown caller (no userIdentity type)";
            default -> type + " " + orElse(id.arn(), id.principalId());
        };
    }

    /** The IAM console page of the principal, for a role or a user; null for anything else. */
    static String iamConsoleLink(String principal) {
        if (principal == null || !principal.startsWith("arn:aws:iam::")) {
            return null;
        }
        String resource = principal.substring(principal.indexOf(':', "arn:aws:iam::".length()) + 1);
        String kind = resource.startsWith("role/") ? "roles" : resource.startsWith("user/") ? "users" : null;
        String name = lastSegment(principal);
        if (kind == null || name == null) {
            return null;
        }
        return "https://console.aws.amazon.com/iam/home#/" + kind + "/details/" + Links.encode(name);
    }

    private static String identityCenterUserId(TrailEvent event) {
        JsonNode identity = event.raw() == null ? null : event.raw().get("userIdentity");
        return identity == null ? null : TrailEventReader.text(identity.path("onBehalfOf"), "userId");
    }

    /** "arn:aws:iam::1:role/path/Admin" gives "Admin"; null when there is nothing after the last slash. */
    static String lastSegment(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        String last = slash < 0 ? null : arn.substring(slash + 1);
        return last == null || last.isEmpty() ? null : last;
    }

    /** "arn:aws:sts::1:assumed-role/Admin/alice-session" gives "alice-session". */
    private static String sessionName(String arn) {
        if (arn == null || !arn.contains(":assumed-role/")) {
            return null;
        }
        String rest = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length());
        int slash = rest.indexOf('/');
        return slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback == null ? "(unknown)" : fallback;
    }
}
