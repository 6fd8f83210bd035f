package org.backcare.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.backcare.domain.DomainException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to application/problem+json. Client mistakes are 4xx; only our own faults are 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.toProblem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    /** A service's domain exception (org.backcare.domain): its kind decides the status, type and title. */
    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        return problem(ProblemException.from(e), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return respond(ProblemException.invalidFields(violations).toProblem(), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e), uri).build();
    }

    /** Wrong types and unknown enum values: takes precedence over Quarkus's own mapper for this exception. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e), uri).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return respond(jsonProblem(json), uri).build();
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "HTTP " + status;
        String detail = status == 415
                ? "this endpoint takes application/json"
                : status == 404 ? "no resource at this path" : e.getMessage();
        Response.ResponseBuilder response =
                respond(new Problem(Problem.TYPE_BASE + slug(title), title, status, detail, null, List.of()), uri);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    /**
     * 401 as problem+json for API callers. A page that signs people in (an OIDC tenant with the code flow, like the
     * progress report) answers its mechanism's challenge instead: the redirect to the login page.
     */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Uni<Response> unauthenticated(RuntimeException e, UriInfo uri, RoutingContext context) {
        String authorization = context == null ? null : context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7)
                : authorization;
        TokenRefusal.Reason reason = TokenRefusal.of(
                e,
                bearer,
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                        .orElse(null));
        Response problem = respond(
                        new Problem(
                                Problem.TYPE_BASE + "unauthorized",
                                "Unauthorized",
                                401,
                                reason.detail(),
                                null,
                                List.of()),
                        uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, reason.challenge())
                .build();
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(problem);
        }
        return authenticator
                .getChallenge(context)
                .map(challenge -> {
                    if (challenge == null || challenge.status != 302) {
                        return problem;
                    }
                    Response.ResponseBuilder redirect = Response.status(challenge.status);
                    challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
                    return redirect.build();
                })
                .onFailure()
                .recoverWithItem(problem);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(
                        new Problem(
                                Problem.TYPE_BASE + "forbidden",
                                "Forbidden",
                                403,
                                "your role does not allow this",
                                null,
                                List.of()),
                        uri)
                .build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri == null ? "?" : uri.getPath());
        return respond(
                        new Problem(
                                Problem.TYPE_BASE + "internal",
                                "Internal error",
                                500,
                                "the server failed; the failure was logged",
                                null,
                                List.of()),
                        uri)
                .build();
    }

    static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return ProblemException.invalidField(field, mappingMessage(mapping)).toProblem();
        }
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return new Problem(
                Problem.TYPE_BASE + "malformed-json",
                "Malformed JSON",
                400,
                "the request body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                null,
                List.of());
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownFieldMessage(unknown);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            Class<?> target = invalid.getTargetType();
            if (target.isEnum()) {
                Object[] constants = target.getEnumConstants();
                List<String> names = new ArrayList<>();
                for (Object constant : constants) {
                    names.add(((Enum<?>) constant).name());
                }
                return "unknown value '" + invalid.getValue() + "'; allowed: " + String.join(", ", names);
            }
            return "'" + invalid.getValue() + "' is not a valid " + simpleType(target);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + simpleType(mismatch.getTargetType());
        }
        return e.getOriginalMessage();
    }

    /** "unknown field; known fields: a, b, c" (sorted), so a client sees the spelling it meant. */
    static String unknownFieldMessage(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "unknown field";
        }
        return "unknown field; known fields: "
                + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String simpleType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "whole number";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 date-time";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        return type.isRecord() ? "object" : type.getSimpleName();
    }

    /** The field as the client named it: the method and parameter prefix of a violation path is dropped. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> nodes = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> nodes.clear();
                default -> {
                    String name = node.getName() == null ? "" : node.getName();
                    if (node.getIndex() != null && !nodes.isEmpty()) {
                        int last = nodes.size() - 1;
                        nodes.set(last, nodes.get(last) + "[" + node.getIndex() + "]");
                    }
                    if (!name.isEmpty() && !name.startsWith("<")) {
                        nodes.add(name);
                    }
                }
            }
        }
        // a method parameter that is a body: drop the parameter name, keep the JSON path
        if (nodes.size() > 1 && isBodyParameter(violation)) {
            nodes.remove(0);
        }
        return nodes.isEmpty() ? "body" : String.join(".", nodes);
    }

    private static boolean isBodyParameter(ConstraintViolation<?> violation) {
        Object leaf = violation.getLeafBean();
        return leaf != null && leaf != violation.getRootBean();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : uri.getPath()));
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
