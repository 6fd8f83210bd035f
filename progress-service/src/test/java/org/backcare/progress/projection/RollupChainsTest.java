package org.backcare.progress.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RollupChainsTest {

    @Test
    void theIndependentChainsHoldEveryRollupOnceEachInTheOrderOfAll() {
        List<Rollups.Rollup> flattened =
                Rollups.INDEPENDENT_CHAINS.stream().flatMap(List::stream).toList();
        assertThat(flattened).containsExactlyInAnyOrderElementsOf(Rollups.ALL);
        for (List<Rollups.Rollup> chain : Rollups.INDEPENDENT_CHAINS) {
            assertThat(chain).isSortedAccordingTo((a, b) -> Rollups.ALL.indexOf(a) - Rollups.ALL.indexOf(b));
        }
    }

    @Test
    void theRunsOfActiveDaysAreRecomputedAfterTheDaysTheyReadInTheSameChain() {
        List<Rollups.Rollup> chain = Rollups.INDEPENDENT_CHAINS.stream()
                .filter(c -> c.contains(Rollups.ACTIVE_RUNS))
                .findFirst()
                .orElseThrow();
        assertThat(chain.indexOf(Rollups.DAILY_ACTIVITY)).isBetween(0, chain.indexOf(Rollups.ACTIVE_RUNS) - 1);
    }

    @Test
    void thePainFlagsAreRecomputedAfterTheSessionsPainRangeTheyAreBoundedByInTheSameChain() {
        List<Rollups.Rollup> chain = Rollups.INDEPENDENT_CHAINS.stream()
                .filter(c -> c.contains(Rollups.PAIN_FLAGS))
                .findFirst()
                .orElseThrow();
        assertThat(chain.indexOf(Rollups.SESSION_SETS)).isBetween(0, chain.indexOf(Rollups.PAIN_FLAGS) - 1);
    }
}
