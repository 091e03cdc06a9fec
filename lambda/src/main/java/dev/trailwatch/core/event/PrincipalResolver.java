package dev.trailwatch.core.event;

/** The stable identity behind a call, by the principal rules of docs/architecture.md (first rule that applies). */
public final class PrincipalResolver {

    public static final String UNKNOWN = "unknown";

    private PrincipalResolver() {
    }

    public static String principalOf(UserIdentity id) {
        String type = id.type();
        if ("AssumedRole".equals(type) || "FederatedUser".equals(type)) {
            // The session ARN changes with every session name; the role or user behind it does not.
            if (id.sessionIssuerArn() != null) {
                return id.sessionIssuerArn();
            }
            if (id.arn() != null) {
                return id.arn();
            }
        } else if ("AWSService".equals(type)) {
            if (id.invokedBy() != null) {
                return "service:" + id.invokedBy();
            }
        } else if ("AWSAccount".equals(type)) {
            if (id.accountId() != null) {
                return "account:" + id.accountId();
            }
        } else if (id.arn() != null) {
            return id.arn();
        }
        if (type != null && id.principalId() != null) {
            return type + ":" + id.principalId();
        }
        return UNKNOWN;
    }
}
