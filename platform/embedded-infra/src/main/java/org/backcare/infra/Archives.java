package org.backcare.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks distributions into a cache directory once. Unpacking goes to a temporary sibling that is moved into
 * place at the end, so an interrupted unpack never looks complete.
 */
final class Archives {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private Archives() {}

    interface Unpacker {
        void unpackInto(Path directory) throws IOException;
    }

    /** Returns {@code target}, unpacking into it first unless an earlier unpack completed. */
    static synchronized Path unpackOnce(String component, Path target, Unpacker unpacker) {
        Path marker = target.resolve(".unpacked");
        if (Files.exists(marker)) {
            return target;
        }
        Path staging = target.resolveSibling(
                target.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target.getParent());
            deleteTree(staging);
            Files.createDirectories(staging);
            unpacker.unpackInto(staging);
            Files.createFile(staging.resolve(".unpacked"));
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new InfraException(component, "could not unpack into " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Unpacks a zip, keeping the executable bit on shell scripts. */
    static void unzip(Path zip, Path directory, String stripPrefix) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(stripPrefix)) {
                    continue;
                }
                Path out = safeResolve(directory, name.substring(stripPrefix.length()));
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(out, name.endsWith(".sh") ? EXECUTABLE : READABLE);
            }
        }
    }

    /** Unpacks the {@code .txz} that sits inside a jar (how the PostgreSQL binaries are published). */
    static void untarXzFromJar(Path jar, String suffix, Path directory) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(jar)))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().endsWith(suffix)) {
                    untarXz(zip, directory);
                    return;
                }
            }
        }
        throw new IOException("no *" + suffix + " inside " + jar);
    }

    private static void untarXz(InputStream compressed, Path directory) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(compressed))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = safeResolve(directory, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.deleteIfExists(out);
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
    }

    private static Path safeResolve(Path directory, String name) throws IOException {
        Path out = directory.resolve(name).normalize();
        if (!out.startsWith(directory)) {
            throw new IOException("archive entry escapes the target directory: " + name);
        }
        return out;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
