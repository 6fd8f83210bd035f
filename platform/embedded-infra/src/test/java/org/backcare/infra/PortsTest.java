package org.backcare.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aTakenPortIsRefusedWithTheComponentNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree("Kafka", taken.getLocalPort()))
                    .isInstanceOf(InfraException.class)
                    .hasMessageStartingWith("Kafka: port " + taken.getLocalPort() + " is already in use")
                    .extracting(e -> ((InfraException) e).component())
                    .isEqualTo("Kafka");
        }
    }

    @Test
    void aFreePortIsAccepted() {
        int port = Ports.free();
        assertThat(Ports.inUse(port)).isFalse();
        Ports.requireFree("PostgreSQL", port);
    }

    @Test
    void freePortsLieBelowTheEphemeralRangeSoNoOutgoingConnectionTakesOneBeforeItIsBound() {
        int ephemeral = Ports.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ports.add(Ports.free());
        }
        assertThat(ports)
                .hasSize(50)
                .allSatisfy(port ->
                        assertThat(port).isGreaterThanOrEqualTo(Ports.LOWEST).isLessThan(ephemeral));
    }
}
