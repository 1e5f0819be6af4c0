package io.headroom.design.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Kubernetes HPA manifest files a design's {@code autoscaling:} names
 * ({@code {policy: hpa, manifest: k8s/hpa.yaml}}, relative to the design's directory), as part of
 * reading the design: binding leaves such an HPA unread ({@link Hpa#manifestUnread()}), and this
 * puts in what the file says. An unreadable or invalid manifest is an error at the design's
 * {@code manifest:} key, quoting the manifest's own file, line and column.
 */
public final class HpaManifestReader {
    private HpaManifestReader() {
    }

    /**
     * {@code autoscaling}, bound at {@code path} of {@code doc}, with every manifest file read; the same
     * object when it names none. Each manifest that cannot be read adds an error to {@code errors}.
     */
    public static Autoscaling read(Autoscaling autoscaling, YamlDocument doc, String path, List<InputError> errors) {
        JsonNode node = doc.nodeAt(path);
        boolean list = node != null && node.isArray();
        List<AutoscalingSpec> policies = new ArrayList<>();
        boolean read = false;
        for (int i = 0; i < autoscaling.policies().size(); i++) {
            AutoscalingSpec p = autoscaling.policies().get(i);
            if (p instanceof Hpa h && h.manifestUnread()) {
                Path dir = doc.baseDir() == null ? Path.of(".") : doc.baseDir();
                try {
                    p = h.withManifest(YamlDocument.read(dir.resolve(h.manifest())).bind(HpaManifest.class));
                    read = true;
                } catch (BadInputException e) {
                    errors.add(doc.error((list ? path + "[" + i + "]" : path) + ".manifest", "in " + e.errors().get(0).format()));
                }
            }
            policies.add(p);
        }
        return read ? new Autoscaling(policies) : autoscaling;
    }
}
