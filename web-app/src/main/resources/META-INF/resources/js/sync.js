// Uploads the finished sessions waiting in IndexedDB through POST /sessions/import. The ids are the client's,
// so a retry (a lost answer, a second tab) never stores a session twice. A session leaves the queue only when
// the service answered that it is stored (IMPORTED or ALREADY_IMPORTED); a REJECTED one stays, with the reason,
// until the person discards it.
import { api, sessions, SignInRequired, Offline } from './api.js';
import { queue } from './store.js';

const listeners = new Set();
let running = null;
export const syncState = { waiting: 0, signInNeeded: false, offline: false, lastError: null, rejected: 0 };

export function onSyncChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function publish(patch = {}) {
  Object.assign(syncState, patch);
  const entries = await queue.all();
  syncState.waiting = entries.length;
  syncState.rejected = entries.filter((e) => e.rejected).length;
  listeners.forEach((l) => l(syncState, entries));
}

export async function enqueue(session) {
  await queue.put({ id: session.id, session, queuedAt: new Date().toISOString(), attempts: 0, rejected: null });
  await publish();
}

export async function discard(id) {
  await queue.remove(id);
  await publish();
}

export function syncNow() {
  if (!running) running = upload().finally(() => { running = null; });
  return running;
}

async function upload() {
  const entries = (await queue.all()).filter((e) => !e.rejected);
  if (!entries.length) { await publish({ offline: !navigator.onLine && syncState.offline }); return syncState; }
  const uploaded = [];
  try {
    for (let i = 0; i < entries.length; i += 20) {
      const batch = entries.slice(i, i + 20);
      const answer = await api(sessions('/sessions/import'), { method: 'POST', body: { sessions: batch.map((e) => e.session) } })
        .catch((e) => {
          // 422: every session of the batch was refused; each keeps its reason
          if (e.status === 422) return { results: batch.map((b) => ({ id: b.id, status: 'REJECTED', problem: e.problem })) };
          throw e;
        });
      for (const result of answer.results) {
        const entry = batch.find((b) => b.id === result.id);
        if (!entry) continue;
        if (result.status === 'IMPORTED' || result.status === 'ALREADY_IMPORTED') {
          await queue.remove(entry.id);
          uploaded.push(entry.id);
        } else {
          await queue.put({ ...entry, attempts: entry.attempts + 1, rejected: result.problem?.detail || 'refused by the server' });
        }
      }
    }
    await publish({ signInNeeded: false, offline: false, lastError: null });
  } catch (e) {
    if (e instanceof SignInRequired) await publish({ signInNeeded: true, lastError: e.message });
    else if (e instanceof Offline) await publish({ offline: true, lastError: e.message });
    else await publish({ lastError: e.message });
  }
  return { ...syncState, uploaded };
}

export async function refreshSyncState() {
  await publish();
}
