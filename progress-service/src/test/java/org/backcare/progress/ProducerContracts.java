package org.backcare.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The producers' published contracts, read from the classpath: the test dependencies session-contracts
 * (workout.* events) and catalog-contracts (catalog.* events) each hold {@code contracts/schemas/<type>.json} and
 * {@code contracts/samples/<type>.json}. Nothing here is copied from a producer: a change to a sample reaches
 * these tests with the producer's artifact.
 */
final class ProducerContracts {

    static final String SESSION_EVENTS = "workout.";
    static final String CATALOG_EVENTS = "catalog.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProducerContracts() {}

    /** The sample of {@code type} as the producer publishes it. */
    static String sample(String type) {
        try (InputStream in = resource("contracts/samples/" + type + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample of {@code type} as a tree to change a copy of. */
    static ObjectNode sampleTree(String type) {
        try {
            return (ObjectNode) JSON.readTree(sample(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonSchema schema(String type) {
        try (InputStream in = resource("contracts/schemas/" + type + ".json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types with a sample whose name starts with {@code prefix}, in every contracts artifact, jar or folder. */
    static List<String> published(String prefix) {
        return typesUnder("contracts/samples", prefix);
    }

    /** The types with a schema whose name starts with {@code prefix}. */
    static List<String> withSchema(String prefix) {
        return typesUnder("contracts/schemas", prefix);
    }

    private static List<String> typesUnder(String folder, String prefix) {
        TreeSet<String> types = new TreeSet<>();
        try {
            for (URL url : Collections.list(
                    Thread.currentThread().getContextClassLoader().getResources(folder))) {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                        types.addAll(names(jar.getPath(folder), prefix));
                    }
                } else {
                    types.addAll(names(Path.of(uri), prefix));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(types);
    }

    private static List<String> names(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .toList();
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(
                    path + " is not on the classpath: is the producer's contracts artifact a" + " test dependency?");
        }
        return in;
    }
}
