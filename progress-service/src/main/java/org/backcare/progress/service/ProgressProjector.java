package org.backcare.progress.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.backcare.progress.event.SessionEvent;
import org.backcare.progress.repository.ProgressStore;
import org.jboss.logging.Logger;

/** Applies one event to the projections, exactly once: the claim and the effect commit together. */
@ApplicationScoped
public class ProgressProjector {

    private static final Logger LOG = Logger.getLogger(ProgressProjector.class);

    private final ProgressStore store;

    public ProgressProjector(ProgressStore store) {
        this.store = store;
    }

    @Transactional
    public void apply(SessionEvent event) {
        if (!store.claim(event.id(), event.type())) {
            LOG.debugf("event %s already applied", event.id());
            return;
        }
        String userId = event.data().path("userId").asText();
        switch (event.type()) {
            case SessionEvent.SESSION_STARTED -> store.addToTotals(userId, 1, 0, 0, 0);
            case SessionEvent.SET_RECORDED ->
                store.addToTotals(
                        userId,
                        0,
                        1,
                        event.data().path("holdSeconds").asLong(0),
                        event.data().path("reps").asLong(0));
            // a correction: the event carries what the set added, so this takes exactly that away
            case SessionEvent.SET_DELETED ->
                store.addToTotals(
                        userId,
                        0,
                        -1,
                        -event.data().path("holdSeconds").asLong(0),
                        -event.data().path("reps").asLong(0));
            // totals do not change when a session ends; the claim keeps a redelivery harmless
            case SessionEvent.SESSION_COMPLETED -> {}
            default -> throw new IllegalStateException("unhandled type " + event.type());
        }
    }
}
