package io.headroom.design.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * A node pool's {@code nodepool:}: a Karpenter NodePool manifest written inline, or the path of a manifest file
 * (relative to the design). The design reader reads the file ({@link #unread()} until then) and puts its manifest in.
 */
public record NodePoolRef(String file, NodePoolManifest manifest) {
    /** True while the file this names has not been read. */
    public boolean unread() {
        return manifest == null;
    }

    /** This reference with the file's manifest read. */
    public NodePoolRef withManifest(NodePoolManifest m) {
        return new NodePoolRef(file, m);
    }

    /** A string is a file; a mapping is the manifest itself. */
    static final class Reader extends JsonDeserializer<NodePoolRef> {
        @Override
        public NodePoolRef deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (node.isTextual()) {
                return new NodePoolRef(node.asText(), null);
            }
            if (node.isObject()) {
                return new NodePoolRef(null, ctxt.readTreeAsValue(node, NodePoolManifest.class));
            }
            return (NodePoolRef) ctxt.handleUnexpectedToken(NodePoolRef.class, p.currentToken(), p,
                    "expected a Karpenter NodePool manifest (apiVersion: karpenter.sh/v1, kind: NodePool, spec: ...) or the path of"
                            + " its file");
        }
    }
}
