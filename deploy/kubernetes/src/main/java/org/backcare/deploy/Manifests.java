package org.backcare.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects of one rendered overlay. */
public record Manifests(String overlay, List<ObjectNode> objects) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static Manifests parse(String overlay, String renderedYaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(renderedYaml)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered " + overlay + " overlay is not YAML", e);
        }
        return new Manifests(overlay, List.copyOf(objects));
    }

    public Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    public Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).filter(o -> name.equals(name(o))).findFirst();
    }

    /** The services' Deployments (label app.kubernetes.io/component=service). */
    public Stream<ObjectNode> serviceDeployments() {
        return deploymentsOf("service");
    }

    /** The web app's Deployment (label app.kubernetes.io/component=web). */
    public Stream<ObjectNode> webDeployments() {
        return deploymentsOf("web");
    }

    /** The Deployments this project builds the images of: the services and the web app. */
    public Stream<ObjectNode> workloadDeployments() {
        return Stream.concat(serviceDeployments(), webDeployments());
    }

    private Stream<ObjectNode> deploymentsOf(String component) {
        return ofKind("Deployment")
                .filter(d -> component.equals(d.path("metadata")
                        .path("labels")
                        .path("app.kubernetes.io/component")
                        .asText()));
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** These objects and one more. */
    public Manifests with(ObjectNode object) {
        List<ObjectNode> more = new ArrayList<>(objects);
        more.add(object);
        return new Manifests(overlay, List.copyOf(more));
    }

    /** A deep copy, for tests that break one thing. */
    public Manifests copy() {
        return new Manifests(overlay, objects.stream().map(ObjectNode::deepCopy).toList());
    }
}
