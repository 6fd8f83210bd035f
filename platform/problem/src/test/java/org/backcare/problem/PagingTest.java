package org.backcare.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aPageAndSizeWithinTheDatabasesReachAreTakenAsTheyAre() {
        assertThat(Paging.of("3", "20")).isEqualTo(new Paging(3, 20));
    }

    @Test
    void aSizeAboveTheCapIsCappedNotRefused() {
        assertThat(Paging.of("0", "5000").size()).isEqualTo(Paging.MAX_SIZE);
    }

    @Test
    void theLastReachablePageIsAcceptedAndTheNextIsRefusedNamingPage() {
        int last = (int) (Paging.MAX_OFFSET / 100);
        assertThat(Paging.of(Integer.toString(last), "100").page()).isEqualTo(last);

        ProblemException refused =
                catchThrowableOfType(ProblemException.class, () -> Paging.of(Integer.toString(last + 1), "100"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.toProblem().violations())
                .extracting(FieldViolation::field)
                .containsExactly("page");
        assertThat(refused.getMessage()).contains("the last page is " + last);
    }

    @Test
    void aPageThatWouldOverflowAnIntIsRefusedNotWrappedAround() {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class, () -> Paging.of(Integer.toString(Integer.MAX_VALUE), "20"));
        assertThat(refused.toProblem().violations())
                .extracting(FieldViolation::field)
                .containsExactly("page");
    }
}
