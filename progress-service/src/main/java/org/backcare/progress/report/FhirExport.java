package org.backcare.progress.report;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import org.backcare.progress.query.ProgressReader;
import org.backcare.progress.query.ProgressReader.Session;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * report.fhir.json: a FHIR R4 Bundle (type collection) with Observations per session: exercise duration (LOINC
 * 55411-3, minutes, for completed sessions) and pain before and after (LOINC 72514-3, 0 to 10). The subject is the
 * user's id in the realm, as an identifier; observations have stable identifiers, so a re-export can be matched.
 */
@ApplicationScoped
public class FhirExport {

    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String USER_SYSTEM = "https://backcare.org/fhir/user-id";
    public static final String OBSERVATION_SYSTEM = "https://backcare.org/fhir/observation-id";
    private static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";

    private final ProgressReader reader;
    private final Clock clock;

    public FhirExport(ProgressReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /** HAPI's context is expensive to build: once, on first use. */
    private static final class Context {
        static final FhirContext R4 = FhirContext.forR4Cached();
    }

    public static FhirContext context() {
        return Context.R4;
    }

    public String of(String userId, LocalDate from, LocalDate to) {
        Bundle bundle = new Bundle();
        bundle.setId(UUID.randomUUID().toString());
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(clock.instant()));
        Reference subject = new Reference()
                .setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(userId));
        for (Session session : reader.sessions(userId, from, to)) {
            if (session.completed() && session.endedAt() != null) {
                double minutes =
                        Duration.between(session.startedAt(), session.endedAt()).toSeconds() / 60.0;
                Observation duration =
                        observation(session, "duration", "activity", "55411-3", "Exercise duration", subject);
                duration.setEffective(
                        new DateTimeType(Date.from(session.startedAt().toInstant())));
                duration.setValue(new Quantity()
                        .setValue(Math.round(minutes * 10) / 10.0)
                        .setUnit("min")
                        .setSystem(UCUM)
                        .setCode("min"));
                add(bundle, duration);
            }
            if (session.painBefore() != null) {
                Observation pain = painObservation(session, "pain-before", session.painBefore(), subject);
                pain.setEffective(new DateTimeType(Date.from(session.startedAt().toInstant())));
                pain.addNote().setText("Before the session");
                add(bundle, pain);
            }
            if (session.painAfter() != null) {
                Observation pain = painObservation(session, "pain-after", session.painAfter(), subject);
                pain.setEffective(new DateTimeType(
                        Date.from((session.endedAt() != null ? session.endedAt() : session.startedAt()).toInstant())));
                pain.addNote().setText("After the session");
                add(bundle, pain);
            }
        }
        bundle.setTotal(bundle.getEntry().size());
        return context().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
    }

    private static Observation painObservation(Session session, String suffix, int value, Reference subject) {
        Observation pain = observation(
                session,
                suffix,
                "survey",
                "72514-3",
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
                subject);
        pain.setValue(new Quantity()
                .setValue(value)
                .setUnit("{score}")
                .setSystem(UCUM)
                .setCode("{score}"));
        return pain;
    }

    private static Observation observation(
            Session session, String suffix, String category, String code, String display, Reference subject) {
        Observation observation = new Observation();
        observation.setId(UUID.nameUUIDFromBytes((session.sessionId() + "/" + suffix).getBytes())
                .toString());
        observation.addIdentifier().setSystem(OBSERVATION_SYSTEM).setValue(session.sessionId() + "/" + suffix);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept().addCoding(new Coding(CATEGORY_SYSTEM, category, null)));
        observation.setCode(new CodeableConcept()
                .addCoding(new Coding(LOINC, code, display))
                .setText(display));
        observation.setSubject(subject);
        return observation;
    }

    private static void add(Bundle bundle, Observation observation) {
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + observation.getIdElement().getIdPart())
                .setResource(observation);
    }
}
