package io.vigil.ingest.normalize;

import static io.vigil.ingest.normalize.EventNormalizer.put;
import static io.vigil.ingest.normalize.EventNormalizer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** AWS CloudTrail records to ECS names (as Elastic's aws.cloudtrail data set names them). */
final class CloudTrailFields {

    private CloudTrailFields() {
    }

    static void toEcs(ObjectNode e) {
        put(e, "event.module", "aws");
        put(e, "event.dataset", "aws.cloudtrail");
        put(e, "cloud.provider", "aws");
        put(e, "event.provider", text(e, "eventSource"));
        put(e, "event.action", text(e, "eventName"));
        put(e, "cloud.region", text(e, "awsRegion"));
        put(e, "source.ip", text(e, "sourceIPAddress"));
        put(e, "user_agent.original", text(e, "userAgent"));
        JsonNode who = e.path("userIdentity");
        String name = "AssumedRole".equals(text(who, "type"))
                ? text(who.path("sessionContext").path("sessionIssuer"), "userName") : text(who, "userName");
        String arn = text(who, "arn");
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        put(e, "user.name", name);
        put(e, "user.id", text(who, "principalId"));
        put(e, "aws.cloudtrail.user_identity.arn", arn);
        put(e, "aws.cloudtrail.user_identity.type", text(who, "type"));
        String account = text(e, "recipientAccountId");
        put(e, "cloud.account.id", account != null ? account : text(who, "accountId"));
        String error = text(e, "errorCode");
        String login = text(e.path("responseElements"), "ConsoleLogin");
        if (error != null || "Failure".equals(login)) {
            put(e, "event.outcome", "failure");
            put(e, "error.code", error);
            put(e, "error.message", text(e, "errorMessage"));
        } else {
            put(e, "event.outcome", "success");
        }
    }
}
