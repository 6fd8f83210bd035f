package org.backcare.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Finds free loopback ports and refuses taken ones with a message that names who wanted the port. */
public final class Ports {

    private Ports() {}

    /** A port that was free a moment ago on the loopback interface. */
    public static int free() {
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
