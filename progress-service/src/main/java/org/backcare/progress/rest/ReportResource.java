package org.backcare.progress.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.backcare.progress.access.ProgressAccess;
import org.backcare.progress.query.ProgressSummaries;
import org.backcare.progress.report.CsvExport;
import org.backcare.progress.report.FhirExport;
import org.backcare.progress.report.ProgressReport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The progress report as a printable HTML page, as CSV, and as a FHIR R4 Bundle; own or shared. */
@Path("/progress")
@RolesAllowed({ProgressAccess.USER, ProgressAccess.COACH, ProgressAccess.ADMIN})
@Tag(name = "Reports")
public class ReportResource {

    /** CSV covers the last year, FHIR the last 90 days, unless asked otherwise. */
    static final int DEFAULT_CSV_DAYS = 365;

    static final int DEFAULT_FHIR_DAYS = 90;
    static final String FHIR_JSON = "application/fhir+json";
    static final String CSV = "text/csv";

    private final ProgressAccess access;
    private final ProgressReport reports;
    private final CsvExport csv;
    private final FhirExport fhir;
    private final ProgressSummaries summaries;
    private final Template report;

    public ReportResource(
            ProgressAccess access,
            ProgressReport reports,
            CsvExport csv,
            FhirExport fhir,
            ProgressSummaries summaries,
            @Location("report.html") Template report) {
        this.access = access;
        this.reports = reports;
        this.csv = csv;
        this.fhir = fhir;
        this.summaries = summaries;
        this.report = report;
    }

    @GET
    @Path("/me/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Your progress report: charts, flags and hints on one printable page")
    public TemplateInstance myReport() {
        access.rememberMe();
        return html(access.me());
    }

    @GET
    @Path("/users/{userId}/report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A user's progress report (admin, or a coach the user shares with)")
    public TemplateInstance userReport(@PathParam("userId") String userId) {
        return html(access.readable(userId));
    }

    @GET
    @Path("/me/report.csv")
    @Produces(CSV)
    @Operation(summary = "Your daily figures per exercise and side as CSV (default: the last 365 days)")
    public Response myCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(access.me(), from, to);
    }

    @GET
    @Path("/users/{userId}/report.csv")
    @Produces(CSV)
    @Operation(summary = "A user's daily figures as CSV (admin, or a coach the user shares with)")
    public Response userCsv(
            @PathParam("userId") String userId, @QueryParam("from") String from, @QueryParam("to") String to) {
        return csv(access.readable(userId), from, to);
    }

    @GET
    @Path("/me/report.fhir.json")
    @Produces(FHIR_JSON)
    @Operation(summary = "Your sessions as a FHIR R4 Bundle of Observations (default: the last 90 days)")
    public Response myFhir(@QueryParam("from") String from, @QueryParam("to") String to) {
        return fhir(access.me(), from, to);
    }

    @GET
    @Path("/users/{userId}/report.fhir.json")
    @Produces(FHIR_JSON)
    @Operation(summary = "A user's sessions as a FHIR R4 Bundle (admin, or a coach the user shares with)")
    public Response userFhir(
            @PathParam("userId") String userId, @QueryParam("from") String from, @QueryParam("to") String to) {
        return fhir(access.readable(userId), from, to);
    }

    private TemplateInstance html(String userId) {
        return report.data("report", reports.of(userId, access.nameOf(userId)));
    }

    private Response csv(String userId, String from, String to) {
        DayRange range = DayRange.of(from, to, summaries.today(userId), DEFAULT_CSV_DAYS);
        return Response.ok(csv.of(userId, range.from(), range.to()), CSV + "; charset=utf-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"progress-" + range.from() + "-" + range.to() + ".csv\"")
                .build();
    }

    private Response fhir(String userId, String from, String to) {
        DayRange range = DayRange.of(from, to, summaries.today(userId), DEFAULT_FHIR_DAYS);
        return Response.ok(fhir.of(userId, range.from(), range.to()), FHIR_JSON + "; charset=utf-8")
                .build();
    }
}
