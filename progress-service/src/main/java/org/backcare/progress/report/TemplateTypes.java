package org.backcare.progress.report;

import io.quarkus.qute.TemplateData;
import org.backcare.progress.query.NextTargets;
import org.backcare.progress.query.Progress;

/** The types the report template reads: Qute generates their value resolvers at build time, no reflection. */
@TemplateData(target = ProgressReport.Report.class)
@TemplateData(target = ProgressReport.Chart.class)
@TemplateData(target = ProgressReport.WeekRow.class)
@TemplateData(target = Progress.class)
@TemplateData(target = Progress.Totals.class)
@TemplateData(target = Progress.Streak.class)
@TemplateData(target = Progress.Week.class)
@TemplateData(target = Progress.RoutineWeek.class)
@TemplateData(target = Progress.Prescription.class)
@TemplateData(target = Progress.PainTrend.class)
@TemplateData(target = Progress.SessionPain.class)
@TemplateData(target = Progress.Flag.class)
@TemplateData(target = NextTargets.Hint.class)
final class TemplateTypes {
    private TemplateTypes() {}
}
