package org.backcare.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports and refuses taken ones with a message that names who wanted the port.
 *
 * <p>Free ports are picked below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), never from
 * it: a stack picks its ports first and binds them minutes later, and a port the kernel hands out as "any free
 * port" is the same kind it gives to outgoing connections, so in between a Kafka or database client's socket can
 * take it. Below the range only listeners live.
 */
public final class Ports {

    /** The lowest port handed out; below it live well-known and registered services a machine may run. */
    static final int LOWEST = 10_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {}

    /**
     * A port that is free now on every interface, outside the ephemeral range, and not handed out before by this
     * JVM.
     */
    public static synchronized int free() {
        int highest = ephemeralRangeStart() - 1;
        if (highest - LOWEST < 1_000) {
            return anyFree();
        }
        int span = highest - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (!HANDED_OUT.contains(port) && !inUse(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        return anyFree();
    }

    /** The first port of the kernel's ephemeral range; Linux's default when the range cannot be read. */
    static int ephemeralRangeStart() {
        try {
            // not Files.readString: it trusts the size /proc reports for the file, and reads a single byte
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on the loopback interface", e);
        }
    }

    /** Throws unless {@code port} is free; {@code component} is named in the message. */
    public static void requireFree(String component, int port) {
        if (inUse(port)) {
            throw new InfraException(
                    component,
                    "port " + port + " is already in use. Stop whatever listens there (`ss -ltnp 'sport = :" + port
                            + "'` shows it), or stop an earlier local stack, and try again.");
        }
    }

    /** True when something accepts connections on the port, or it cannot be bound. */
    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notListening) {
            // nothing listens on loopback; make sure the port can be bound on all interfaces too
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
