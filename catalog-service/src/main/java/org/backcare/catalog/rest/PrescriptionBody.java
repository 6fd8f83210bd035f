package org.backcare.catalog.rest;

import org.backcare.catalog.domain.Prescription;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A prescription in a request: ranges are checked by the catalog's rules (hold 1..600, reps 1..100, sets 1..20). */
@Schema(name = "PrescriptionInput")
public record PrescriptionBody(
        @Schema(example = "30", description = "Seconds per hold; HOLD exercises only")
        Integer holdSeconds,

        @Schema(example = "5") Integer repsMin,
        @Schema(example = "10") Integer repsMax,
        @Schema(example = "1") Integer sets) {

    Prescription asPrescription() {
        return new Prescription(holdSeconds, repsMin, repsMax, sets);
    }
}
