package org.backcare.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize: {@code $KUSTOMIZE} if set, else {@code kustomize} on the PATH,
 * else {@code kubectl kustomize}, else Debian's kustomize 5.6.0 package (trixie), downloaded once from the Debian
 * archive into ~/.cache/backcare, checked against its SHA-256 and unpacked with dpkg-deb.
 */
public final class Kustomize {

    static final String DEBIAN_PACKAGE =
            "http://deb.debian.org/debian/pool/main/k/kustomize/kustomize_5.6.0+ds-1+b2_amd64.deb";
    static final String DEBIAN_PACKAGE_SHA256 = "552bbe5563b522685b10f75a9a226bfbee9778fc313b205d595fdbb7e9c70e33";

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    /** The command that renders, for the record (e.g. [kubectl, kustomize]). */
    public List<String> command() {
        return command;
    }

    public static Kustomize locate() {
        String configured = System.getenv("KUSTOMIZE");
        if (configured != null && !configured.isBlank() && !configured.equals("download")) {
            return new Kustomize(List.of(configured, "build"));
        }
        if (configured == null || configured.isBlank()) {
            if (onPath("kustomize")) {
                return new Kustomize(List.of("kustomize", "build"));
            }
            if (onPath("kubectl")) {
                return new Kustomize(List.of("kubectl", "kustomize"));
            }
        }
        return new Kustomize(List.of(fromDebian().toString(), "build"));
    }

    /** The rendered YAML of the kustomization in {@code directory}. */
    public String build(Path directory) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(directory.toString());
        Result result = run(cmd);
        if (result.exit != 0) {
            throw new IllegalStateException(
                    String.join(" ", cmd) + " failed (exit " + result.exit + "):\n" + result.stderr);
        }
        return result.stdout;
    }

    /** The version line kustomize prints, for the record. */
    public String version() {
        List<String> cmd = command.get(0).endsWith("kubectl")
                ? List.of(command.get(0), "version", "--client")
                : List.of(command.get(0), "version");
        Result result = run(cmd);
        return (result.stdout + result.stderr).strip().replace('\n', ' ');
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static Path fromDebian() {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "backcare", "kustomize-5.6.0");
        Path binary = home.resolve("usr/bin/kustomize");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(home);
            Path deb = home.resolve("kustomize.deb");
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            HttpResponse<Path> response = http.send(
                    HttpRequest.newBuilder(URI.create(DEBIAN_PACKAGE))
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(deb));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no kustomize: neither kustomize nor kubectl is on the PATH, and "
                        + DEBIAN_PACKAGE + " answered " + response.statusCode()
                        + "; install kustomize (or kubectl) or set KUSTOMIZE to its path");
            }
            String sha256 = sha256(deb);
            if (!sha256.equals(DEBIAN_PACKAGE_SHA256)) {
                throw new IllegalStateException(
                        "the kustomize package's SHA-256 is " + sha256 + ", expected " + DEBIAN_PACKAGE_SHA256);
            }
            Result unpacked = run(List.of("dpkg-deb", "-x", deb.toString(), home.toString()));
            if (unpacked.exit != 0 || !Files.isExecutable(binary)) {
                throw new IllegalStateException("dpkg-deb could not unpack " + deb + ": " + unpacked.stderr);
            }
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("downloading kustomize from " + DEBIAN_PACKAGE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(int exit, String stdout, String stderr) {}

    static Result run(List<String> cmd) {
        return run(cmd, null);
    }

    static Result run(List<String> cmd, Path directory) {
        try {
            Path out = Files.createTempFile("kustomize", ".out");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(cmd)
                        .directory(directory == null ? null : directory.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 5 minutes");
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
