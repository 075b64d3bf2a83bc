package dev.simclr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS IAM policy examples of docs/deploy.md (each a ```json block right after an {@code <!-- iam-policy: NAME -->}
 * marker) and IAM's evaluation for them: an explicit Deny wins, else any Allow whose Action and Resource patterns match
 * (* and ? wildcards, actions case-insensitive). Only Effect, Sid, Action and Resource are understood; a policy with
 * conditions or Not* elements is refused, so the examples stay simple enough to check.
 */
final class IamPolicies {

    private static final Pattern BLOCK =
            Pattern.compile("<!-- iam-policy: ([a-z-]+) -->\\s*```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private IamPolicies() {}

    /** The policies of a Markdown document by name. */
    static Map<String, JsonNode> in(String markdown) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            try {
                out.put(m.group(1), JSON.readTree(m.group(2)));
            } catch (IOException e) {
                throw new AssertionError("IAM policy " + m.group(1) + " is not valid JSON: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Whether {@code policy} allows {@code op}. */
    static boolean allows(JsonNode policy, S3Access.Op op) {
        String action = switch (op.kind()) {
            case GET -> "s3:GetObject";
            case PUT -> "s3:PutObject";
            case DELETE -> "s3:DeleteObject";
            case LIST, HEAD_BUCKET -> "s3:ListBucket";
            case CREATE_BUCKET -> "s3:CreateBucket";
        };
        boolean bucketLevel = op.kind() == S3Access.Kind.LIST
                || op.kind() == S3Access.Kind.HEAD_BUCKET
                || op.kind() == S3Access.Kind.CREATE_BUCKET;
        String resource = "arn:aws:s3:::" + op.bucket() + (bucketLevel ? "" : "/" + op.key());
        boolean allowed = false;
        for (JsonNode st : policy.path("Statement")) {
            st.fieldNames().forEachRemaining(f -> {
                if (!List.of("Sid", "Effect", "Action", "Resource").contains(f)) {
                    throw new AssertionError(
                            "IAM statement element " + f + " is not understood by this check: keep the examples"
                                    + " to Effect, Action and Resource");
                }
            });
            if (matchesAny(values(st.path("Action")), action, true)
                    && matchesAny(values(st.path("Resource")), resource, false)) {
                if ("Deny".equals(st.path("Effect").asText())) {
                    return false;
                }
                allowed |= "Allow".equals(st.path("Effect").asText());
            }
        }
        return allowed;
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode()) {
            out.add(node.asText());
        }
        return out;
    }

    private static boolean matchesAny(List<String> patterns, String value, boolean ignoreCase) {
        for (String p : patterns) {
            StringBuilder re = new StringBuilder();
            for (char c : p.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
                    .matcher(value)
                    .matches()) {
                return true;
            }
        }
        return false;
    }
}
