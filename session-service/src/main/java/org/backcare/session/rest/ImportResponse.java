package org.backcare.session.rest;

import java.util.List;
import java.util.UUID;
import org.backcare.problem.Problem;
import org.backcare.session.service.SessionImporter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of each uploaded session: IMPORTED, ALREADY_IMPORTED or REJECTED with the problem. */
@Schema(name = "ImportResult")
public record ImportResponse(int imported, int alreadyImported, int rejected, List<Result> results) {

    @Schema(name = "ImportedSessionResult")
    public record Result(UUID id, SessionImporter.Status status, int sets, Problem problem) {}
}
