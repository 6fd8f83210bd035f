package org.backcare.session.rest;

import java.util.List;
import org.backcare.session.repository.SessionEntity;
import org.backcare.session.repository.SessionReader;
import org.backcare.session.repository.SetEntity;
import org.backcare.session.service.UserData;

/** The export's and the erasure's rows and results to their responses, field by field. */
final class DataMapper {

    private DataMapper() {}

    static DataExportResponse.ExportedSession toExport(SessionReader.StoredSession stored) {
        SessionEntity s = stored.session();
        return new DataExportResponse.ExportedSession(
                s.id,
                s.routineId,
                s.startedAt,
                s.endedAt,
                s.timeZone,
                s.painBefore,
                s.painAfter,
                s.notes,
                s.status,
                s.createdAt,
                s.completedAt,
                stored.sets().stream().map(DataMapper::toExport).toList());
    }

    static DataExportResponse.ExportedSet toExport(SetEntity s) {
        return new DataExportResponse.ExportedSet(
                s.id,
                s.exerciseId,
                s.exerciseSlug,
                s.exerciseName,
                s.exerciseRegions == null ? null : List.copyOf(s.exerciseRegions),
                s.exerciseMeasurement,
                s.exerciseSided,
                s.side,
                s.holdSeconds,
                s.reps,
                s.targetHoldSeconds,
                s.targetReps,
                s.pain,
                s.recordedAt,
                s.createdAt,
                s.revision,
                s.revision > 0);
    }

    static DataExportResponse.ExportedIdempotencyKey toExport(SessionReader.StoredKey k) {
        return new DataExportResponse.ExportedIdempotencyKey(k.key(), k.methodPath(), k.status(), k.createdAt());
    }

    static ErasureResponse toResponse(UserData.Erased erased) {
        return new ErasureResponse(erased.userId(), erased.erasedAt(), erased.sessions(), erased.sets());
    }
}
