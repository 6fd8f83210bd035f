package org.backcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.backcare.infra.NodeTestRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guided player's state machine ({@code js/player.js}) is tested in JavaScript with Node.js's own test runner
 * ({@code src/test/js}, no packages, no network); this runs it and reports each JavaScript test as a test of the
 * build, so a failing transition fails {@code ./mvnw verify}.
 */
class PlayerStateMachineTest {

    @TestFactory
    Stream<DynamicTest> everyTransitionOfTheGuidedPlayer() {
        NodeTestRun.Result run = NodeTestRun.run(
                Path.of("."), List.of("src/test/js/"), Map.of(), Path.of("target/node-tests"), Duration.ofMinutes(2));
        assertThat(run.cases())
                .as("the JavaScript tests; node said:\n%s", run.log())
                .hasSizeGreaterThan(20);
        return run.cases().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.name(),
                        () -> assertThat(c.failure())
                                .as("the JavaScript test '%s'", c.name())
                                .isNull()));
    }
}
