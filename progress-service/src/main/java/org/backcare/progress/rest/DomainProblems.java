package org.backcare.progress.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.backcare.problem.ProblemException;
import org.backcare.problem.ProblemMappers;
import org.backcare.progress.access.InvalidIdException;
import org.backcare.progress.access.NoSubjectException;
import org.backcare.progress.access.NotReadableException;
import org.backcare.progress.projection.rebuild.HistoryUnavailableException;
import org.backcare.progress.projection.rebuild.RebuildRunningException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST edge's answers to the domain's exceptions, as application/problem+json through the platform's
 * {@link ProblemMappers}: the packages below the edge know no HTTP status.
 */
public class DomainProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response noSubject(NoSubjectException e, UriInfo uri) {
        return problems.problem(
                new ProblemException(
                        401,
                        "unauthorized",
                        "Unauthorized",
                        e.getMessage(),
                        List.of(),
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer error=\"invalid_token\", error_description=\"the token has no sub\"")),
                uri);
    }

    @ServerExceptionMapper
    public Response notReadable(NotReadableException e, UriInfo uri) {
        return problems.problem(ProblemException.notFound(e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response invalidId(InvalidIdException e, UriInfo uri) {
        return problems.problem(ProblemException.invalidField(e.field(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response rebuildRunning(RebuildRunningException e, UriInfo uri) {
        return problems.problem(ProblemException.conflict(e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response historyUnavailable(HistoryUnavailableException e, UriInfo uri) {
        ProblemException problem = e.refused()
                ? new ProblemException(
                        502, "session-history-refused", "Bad gateway", e.getMessage(), List.of(), Map.of())
                : new ProblemException(
                        503,
                        "session-history-unavailable",
                        "Service unavailable",
                        e.getMessage(),
                        List.of(),
                        Map.of("Retry-After", "30"));
        return problems.problem(problem, uri);
    }
}
