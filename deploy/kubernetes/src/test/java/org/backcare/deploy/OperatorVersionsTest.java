package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator versions deploy/README.md installs ("Versions": | operator | version | install | validated against |)
 * are the versions the validation uses: a schema folder schemas/&lt;operator&gt;-&lt;version&gt;, or an npm package
 * pinned in validation/package.json at the row's package version whose schemas/README.md row names the operator at
 * the row's version; and the README's install steps install exactly the row's install cell.
 */
class OperatorVersionsTest {

    static final Path README = Overlays.PROJECT_ROOT.resolve("deploy/README.md");

    record Row(String operator, String version, String install, String validatedAgainst) {}

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static List<Row> versions(String readme) {
        int start = readme.indexOf("\n### Versions\n");
        assertThat(start)
                .as("deploy/README.md needs a section \"### Versions\"")
                .isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : readme.substring(start).split("\n")) {
            if (!line.startsWith("|")) {
                if (!rows.isEmpty()) {
                    break;
                }
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 5
                    || cells[1].isBlank()
                    || cells[1].trim().equals("operator")
                    || cells[1].contains("---")) {
                continue;
            }
            rows.add(new Row(cells[1].trim(), cells[2].trim(), code(cells[3]), cells[4].trim()));
        }
        return rows;
    }

    private static String code(String cell) {
        Matcher m = CODE.matcher(cell);
        return m.find() ? m.group(1) : cell.trim();
    }

    /** Every difference between the Versions table and what the validation uses, one sentence each. */
    static List<String> mismatches(String readme) throws IOException {
        Path module = Overlays.MODULE;
        JsonNode dependencies = new ObjectMapper()
                .readTree(module.resolve("validation/package.json").toFile())
                .path("dependencies");
        String schemasReadme = Files.readString(module.resolve("schemas/README.md"));
        String versionsSection = readme.substring(readme.indexOf("\n### Versions\n"));
        String steps =
                readme.replace(versionsSection.substring(0, Math.max(0, versionsSection.indexOf("\n### ", 5))), "");
        List<String> problems = new ArrayList<>();
        for (Row row : versions(readme)) {
            String against = code(row.validatedAgainst());
            if (against.startsWith("schemas/")) {
                String folder = against.substring("schemas/".length());
                if (!Files.isDirectory(module.resolve(against))) {
                    problems.add(row.operator() + " " + row.version() + ": no folder " + against);
                } else if (!folder.endsWith("-" + row.version())) {
                    problems.add(row.operator() + " " + row.version() + ": validated against " + against
                            + ", the schemas of another version");
                }
            } else if (row.validatedAgainst().startsWith("npm")) {
                int at = against.lastIndexOf('@');
                String name = against.substring(0, at);
                String pinned = dependencies.path(name).asText("none");
                if (!pinned.equals(against.substring(at + 1))) {
                    problems.add(row.operator() + " " + row.version() + ": validation/package.json pins " + name
                            + " at " + pinned + ", not " + against.substring(at + 1));
                }
                boolean named = schemasReadme
                        .lines()
                        .anyMatch(
                                l -> l.contains("`" + name + "`") && l.contains(row.operator() + " " + row.version()));
                if (!named) {
                    problems.add(row.operator() + " " + row.version() + ": schemas/README.md has no row saying " + name
                            + " is " + row.operator() + " " + row.version());
                }
            } else {
                problems.add(row.operator() + ": validated against " + row.validatedAgainst()
                        + ", neither schemas/<folder> nor npm <package>@<version>");
            }
            if (!row.install().contains(row.version())) {
                problems.add(row.operator() + " " + row.version() + ": the install " + row.install()
                        + " names another version");
            }
            if (!steps.contains(row.install())) {
                problems.add(
                        row.operator() + " " + row.version() + ": the install steps do not install " + row.install());
            }
        }
        return problems;
    }

    @Test
    void theReadmesOperatorVersionsAreTheValidatedOnes() throws IOException {
        String readme = Files.readString(README);
        assertThat(versions(readme))
                .extracting(Row::operator)
                .contains(
                        "Strimzi",
                        "KEDA",
                        "CloudNativePG",
                        "Barman Cloud plugin",
                        "Keycloak operator",
                        "Gateway API",
                        "Prometheus Operator");
        assertThat(mismatches(readme)).isEmpty();
        assertThat(readme).doesNotContain("strimzi.io/install/latest");
    }

    @Test
    void aVersionThatDiffersFromTheSchemaFolderIsNamed() throws IOException {
        String readme = Files.readString(README)
                .replace(
                        "| Strimzi | 0.51.0 | `releases/download/0.51.0/",
                        "| Strimzi | 0.52.0 | `releases/download/0.52.0/");
        assertThat(mismatches(readme))
                .contains("Strimzi 0.52.0: validated against schemas/strimzi-0.51.0, the schemas of another version")
                .contains("Strimzi 0.52.0: the install steps do not install"
                        + " releases/download/0.52.0/strimzi-cluster-operator-0.51.0.yaml");
    }

    @Test
    void aVersionThatDiffersFromTheNpmPackageIsNamed() throws IOException {
        String readme = Files.readString(README).replace("| KEDA | 2.19.0 |", "| KEDA | 2.20.0 |");
        assertThat(mismatches(readme))
                .contains("KEDA 2.20.0: schemas/README.md has no row saying @kubernetes-models/keda is KEDA 2.20.0")
                .contains("KEDA 2.20.0: the install kedacore/keda --version 2.19.0 names another version");
    }

    @Test
    void anInstallStepThatIsNotPinnedIsNamed() throws IOException {
        String readme = Files.readString(README).replace("--version 2.19.0 --namespace keda", "--namespace keda");
        assertThat(mismatches(readme))
                .containsExactly("KEDA 2.19.0: the install steps do not install kedacore/keda --version 2.19.0");
    }
}
