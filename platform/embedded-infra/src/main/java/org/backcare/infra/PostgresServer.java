package org.backcare.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central, run as a child process.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root (containers, CI), initdb and the server run as
 * the unprivileged user {@code nobody} through {@code setpriv}; the binaries and the data directory must then
 * be reachable by that user, so they move to a world-traversable place when the requested one is not.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String COMPONENT = "PostgreSQL";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Logger LOG = Logger.getLogger(PostgresServer.class);
    private static final String UNPRIVILEGED_USER = "nobody";

    private final int port;
    private final Path dataDir;
    private final Path logFile;
    private final Path binaries;
    private ManagedProcess process;

    public PostgresServer(int port, Path dataDir, Path logFile) {
        this.port = port;
        this.dataDir = reachable(dataDir);
        this.logFile = logFile;
        this.binaries = unpackBinaries();
    }

    public synchronized PostgresServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        Ports.requireFree(COMPONENT, port);
        initDataDirectory();
        List<String> command = asServerUser(List.of(
                bin("postgres"),
                "-D",
                dataDir.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=localhost",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=300",
                "-c",
                "shared_buffers=256MB",
                // a rebuild writes a million rows in a minute: checkpoints by time, not every 1 GB of WAL
                "-c",
                "max_wal_size=4GB",
                "-c",
                "checkpoint_timeout=15min",
                "-c",
                "fsync=on",
                "-c",
                "log_min_messages=warning"));
        process = ManagedProcess.start(COMPONENT, command, Map.of("LC_ALL", "C"), dataDir.getParent(), logFile);
        Readiness.await(process, Duration.ofSeconds(60), this::acceptsConnections);
        LOG.infof("PostgreSQL %s ready on port %d, data in %s", version(), port, dataDir);
        return this;
    }

    /** Fast shutdown: rolls back open transactions, disconnects clients, checkpoints. */
    public synchronized void stop() {
        if (process != null) {
            process.stop("INT", Duration.ofSeconds(30));
            process = null;
        }
    }

    /** Kills the server outright, as a crash would; {@link #start()} recovers from the WAL. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new InfraException(COMPONENT, "could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database and creates it empty. */
    public void recreateDatabase(String database) {
        createDatabase(database);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new InfraException(COMPONENT, "could not recreate database " + database + ": " + e.getMessage(), e);
        }
    }

    public String version() {
        return Distributions.versionOf(Distributions.postgresBinariesJar());
    }

    private boolean acceptsConnections() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            return connection.isValid(2);
        } catch (SQLException notYet) {
            return false;
        }
    }

    private void initDataDirectory() {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Path passwordFile = Files.createTempFile(dataDir.getParent(), "pgpass", ".txt");
            Files.writeString(passwordFile, PASSWORD);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));
            if (isRoot()) {
                chown(dataDir);
            }
            List<String> command = asServerUser(List.of(
                    bin("initdb"),
                    "-D",
                    dataDir.toString(),
                    "-U",
                    USER,
                    "--pwfile=" + passwordFile,
                    "-A",
                    "scram-sha-256",
                    "-E",
                    "UTF-8",
                    "--locale=C",
                    "--no-instructions"));
            Path initLog = logFile.resolveSibling("initdb.log");
            Files.createDirectories(initLog.getParent());
            Process initdb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(initLog.toFile())
                    .start();
            boolean finished = initdb.waitFor(120, TimeUnit.SECONDS);
            Files.deleteIfExists(passwordFile);
            if (!finished || initdb.exitValue() != 0) {
                initdb.destroyForcibly();
                throw new InfraException(COMPONENT, "initdb failed for " + dataDir + ":\n" + LogTail.of(initLog, 20));
            }
        } catch (IOException e) {
            throw new InfraException(COMPONENT, "could not create the data directory " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException(COMPONENT, "interrupted during initdb", e);
        }
    }

    private Path unpackBinaries() {
        Path jar = Distributions.postgresBinariesJar();
        String name = jar.getFileName().toString().replace(".jar", "");
        Path target = (isRoot() ? sharedCache() : Locations.cacheDir()).resolve(name);
        return Archives.unpackOnce(COMPONENT, target, dir -> {
            Archives.untarXzFromJar(jar, ".txz", dir);
            if (isRoot()) {
                openForUnprivilegedUser(dir);
            }
        });
    }

    private String bin(String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(
                List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER, "--regid=nogroup", "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Root's home is closed to others; the server user needs binaries and data it can reach. */
    private static Path reachable(Path requested) {
        Path absolute = requested.toAbsolutePath().normalize();
        if (!isRoot() || traversableByOthers(absolute.getParent())) {
            return absolute;
        }
        Path moved = sharedCache()
                .resolve("data")
                .resolve(Integer.toHexString(absolute.toString().hashCode()))
                .resolve(absolute.getFileName());
        LOG.infof(
                "PostgreSQL runs as '%s' under root, and %s is not reachable for it: using %s",
                UNPRIVILEGED_USER, absolute, moved);
        return moved;
    }

    private static Path sharedCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "backcare-postgres");
    }

    private static boolean traversableByOthers(Path directory) {
        try {
            for (Path p = directory; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void openForUnprivilegedUser(Path directory) throws IOException {
        for (Path p = directory; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE) && p.startsWith(sharedCache())) {
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                permissions.add(PosixFilePermission.OTHERS_READ);
                Files.setPosixFilePermissions(p, permissions);
            }
        }
    }

    private static void chown(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(UNPRIVILEGED_USER));
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
    }
}
