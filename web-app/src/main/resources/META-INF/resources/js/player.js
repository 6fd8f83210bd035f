// The guided player: a state machine with no DOM, no clock and no randomness of its own, so every transition is
// a unit test (src/test/js/player.test.mjs). The view calls step(state, event) with the time of each event
// (monotonic milliseconds) and plays the cues the new state carries.
//
// Time is computed from deadlines, never by counting ticks: a countdown has an end time, and when a phase ends
// the next one starts at that end time, not at the (possibly late) tick that noticed it. A background tab that
// is throttled to one tick a minute still ends a 30 s hold after exactly 30 s.

export const PAIN_STOP_AT = 7;

export const DEFAULT_OPTIONS = Object.freeze({
  getReadySeconds: 5,
  restBetweenSetsSeconds: 10,
  restBetweenExercisesSeconds: 20,
  fiveSecondsCue: 5,
});

/**
 * The work of one routine entry, in order: for a HOLD exercise the prescribed number of holds (the lower end of
 * "repeat 5 to 10 times", times the sets), for a REPS exercise its sets; a sided exercise does all of them on the
 * LEFT, then all on the RIGHT.
 */
export function itemsOf(exercise, prescription) {
  const p = prescription || {};
  const sets = Math.max(1, p.sets || 1);
  const perSide = exercise.measurement === 'HOLD' ? Math.max(1, p.repsMin || 1) * sets : sets;
  const sides = exercise.sided ? ['LEFT', 'RIGHT'] : [null];
  const items = [];
  for (const side of sides) {
    for (let n = 1; n <= perSide; n++) items.push({ side, number: n, of: perSide });
  }
  return items;
}

/** A plan from routine entries: [{exercise, prescription}] where exercise has id, name, measurement, sided. */
export function planOf(entries) {
  return entries.map((e) => ({
    exercise: e.exercise,
    prescription: e.prescription || {},
    items: itemsOf(e.exercise, e.prescription),
  }));
}

/** The player before "Begin". */
export function start(plan, options = {}) {
  if (!plan.length) throw new Error('a session needs at least one exercise');
  return {
    plan,
    options: { ...DEFAULT_OPTIONS, ...options },
    phase: 'ready',
    entry: 0,
    item: 0,
    endsAt: null,
    durationMs: null,
    count: 0,
    paused: null,
    resumeTo: null,
    fiveSecondsCued: false,
    stoppedForPain: null,
    painStops: [],
    restLeadsTo: null,
    sets: [],
    skipped: [],
    notes: [],
    cues: [],
  };
}

/** The time left in the current countdown, in ms (0 when there is none). */
export function remainingMs(state, now) {
  if (state.phase === 'paused' || state.phase === 'hurt') {
    const at = state.phase === 'hurt' ? state.resumeTo : state;
    return at && at.paused ? at.paused.remainingMs ?? 0 : 0;
  }
  if (state.endsAt == null) return 0;
  return Math.max(0, state.endsAt - now);
}

export function currentEntry(state) {
  return state.plan[Math.min(state.entry, state.plan.length - 1)];
}

export function currentItem(state) {
  const entry = currentEntry(state);
  return entry.items[Math.min(state.item, entry.items.length - 1)];
}

/**
 * One event: {type, now} and, by type, {value} (PAIN) or {delta} (REP). Types: BEGIN, TICK, PAUSE, RESUME,
 * ADD10, DONE, SKIP, NEXT_EXERCISE, REP, HURT, PAIN, CANCEL, FINISH. Returns a new state; events that do not
 * apply to the current phase leave it as it was (with no cues).
 */
export function step(state, event) {
  const now = event.now;
  let s = { ...state, cues: [] };
  if (event.type !== 'TICK') s = advance(s, now);
  switch (event.type) {
    case 'TICK':
      return advance(s, now);
    case 'BEGIN':
      return s.phase === 'ready' ? beginEntry(s, now, false) : s;
    case 'PAUSE':
      if (['getReady', 'hold', 'rest', 'reps'].includes(s.phase)) {
        return {
          ...s,
          phase: 'paused',
          paused: { phase: s.phase, remainingMs: s.endsAt == null ? null : Math.max(0, s.endsAt - now) },
          endsAt: null,
          cues: ['pause'],
        };
      }
      return s;
    case 'RESUME':
      return s.phase === 'paused' ? resume(s, now) : s;
    case 'ADD10':
      if (['getReady', 'hold', 'rest'].includes(s.phase)) {
        return {
          ...s,
          endsAt: s.endsAt + 10000,
          durationMs: s.phase === 'hold' ? s.durationMs + 10000 : s.durationMs,
          fiveSecondsCued: s.endsAt + 10000 - now > s.options.fiveSecondsCue * 1000 ? false : s.fiveSecondsCued,
        };
      }
      if (s.phase === 'paused' && s.paused.remainingMs != null) {
        return {
          ...s,
          paused: { ...s.paused, remainingMs: s.paused.remainingMs + 10000 },
          durationMs: s.paused.phase === 'hold' ? s.durationMs + 10000 : s.durationMs,
        };
      }
      return s;
    case 'DONE':
      if (s.phase === 'hold') return afterItem(recordHold(s, heldMs(s, now), now), now);
      if (s.phase === 'reps') return afterItem(recordReps(s, now), now);
      if (s.phase === 'getReady' || s.phase === 'rest') return endPhase(s, now);
      return s;
    case 'SKIP':
      if (s.phase === 'hold' || s.phase === 'reps') return afterItem(skipItem(s), now);
      if (s.phase === 'getReady' || s.phase === 'rest') return endPhase(s, now);
      if (s.phase === 'painCheck') return nextEntry(s, now);
      return s;
    case 'NEXT_EXERCISE':
      if (['getReady', 'hold', 'reps', 'rest', 'paused', 'painCheck', 'stopped'].includes(s.phase)) {
        return nextEntry(s, now);
      }
      return s;
    case 'REP':
      if (s.phase === 'reps') return { ...s, count: Math.max(0, Math.min(200, s.count + (event.delta ?? 1))) };
      return s;
    case 'HURT':
      return hurt(s, now);
    case 'PAIN':
      return pain(s, event.value, now);
    case 'CANCEL':
      return s.phase === 'hurt' ? { ...s.resumeTo, cues: [] } : s;
    case 'FINISH':
      if (s.phase === 'finished') return s;
      return finish(s.phase === 'hold' ? recordHold(s, heldMs(s, now), now) : s.phase === 'reps' ? recordReps(s, now) : s);
    default:
      return s;
  }
}

// --- time --------------------------------------------------------------------------------------------------

/** Applies every deadline that has passed by now, each at its own time. */
function advance(state, now) {
  let s = state;
  for (let guard = 0; guard < 10000; guard++) {
    if (s.endsAt == null || now < s.endsAt) break;
    const at = s.endsAt;
    s = endPhase(s, at);
  }
  if (s.phase === 'hold' && !s.fiveSecondsCued && s.endsAt - now <= s.options.fiveSecondsCue * 1000 && s.durationMs > s.options.fiveSecondsCue * 1000) {
    s = { ...s, fiveSecondsCued: true, cues: [...s.cues, 'fiveSeconds'] };
  }
  return s;
}

/** The countdown of the current phase is over at `at` (its deadline, or now when the person ended it). */
function endPhase(s, at) {
  switch (s.phase) {
    case 'getReady':
      return startWork(s, at);
    case 'rest':
      return s.restLeadsTo === 'entry' ? beginEntry({ ...s, restLeadsTo: null }, at, false) : startWork(s, at);
    case 'hold':
      return afterItem(recordHold(s, s.durationMs, at), at);
    default:
      return { ...s, endsAt: null };
  }
}

function startWork(s, at) {
  const entry = currentEntry(s);
  if (entry.exercise.measurement === 'HOLD') {
    const durationMs = Math.max(1, entry.prescription.holdSeconds || 30) * 1000;
    return { ...s, phase: 'hold', endsAt: at + durationMs, durationMs, fiveSecondsCued: false, cues: [...s.cues, 'holdStart'] };
  }
  return { ...s, phase: 'reps', endsAt: null, durationMs: null, count: 0, cues: [...s.cues, 'repsStart'] };
}

function resume(s, now) {
  const p = s.paused;
  return {
    ...s,
    phase: p.phase,
    endsAt: p.remainingMs == null ? null : now + p.remainingMs,
    paused: null,
    cues: ['resume'],
  };
}

function heldMs(s, now) {
  return s.durationMs - Math.max(0, s.endsAt - now);
}

// --- moving through the plan -------------------------------------------------------------------------------

function beginEntry(s, at, announceSwitch) {
  const entry = currentEntry(s);
  return {
    ...s,
    phase: 'getReady',
    endsAt: at + s.options.getReadySeconds * 1000,
    durationMs: null,
    count: 0,
    cues: [...s.cues, announceSwitch ? 'switchSides' : 'exercise'],
    exerciseName: entry.exercise.name,
  };
}

/** The item is done (recorded or skipped): the next item of the entry, the other side, or the pain check. */
function afterItem(s, at) {
  const entry = currentEntry(s);
  const next = s.item + 1;
  if (next >= entry.items.length) {
    return { ...s, phase: 'painCheck', endsAt: null, durationMs: null, cues: [...s.cues, 'exerciseDone'] };
  }
  const switching = entry.items[next].side !== entry.items[s.item].side;
  const moved = { ...s, item: next, count: 0 };
  if (switching) return beginEntry(moved, at, true);
  const rest = s.options.restBetweenSetsSeconds;
  if (rest > 0) {
    return { ...moved, phase: 'rest', endsAt: at + rest * 1000, durationMs: null, restLeadsTo: 'work', cues: [...s.cues, 'rest'] };
  }
  return startWork(moved, at);
}

function nextEntry(s, at) {
  const next = s.entry + 1;
  if (next >= s.plan.length) return finish(s);
  const moved = { ...s, entry: next, item: 0, count: 0, paused: null, stoppedForPain: null };
  const rest = s.options.restBetweenExercisesSeconds;
  if (rest > 0) {
    // a rest, then the next exercise's get-ready, where its name is announced
    return { ...moved, phase: 'rest', endsAt: at + rest * 1000, durationMs: null, restLeadsTo: 'entry', cues: [...s.cues, 'rest'] };
  }
  return beginEntry(moved, at, false);
}

function finish(s) {
  return { ...s, phase: 'finished', endsAt: null, durationMs: null, paused: null, cues: [...s.cues, 'finished'] };
}

// --- recording ---------------------------------------------------------------------------------------------

function recordHold(s, ms, at) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return skipItem(s);
  const entry = currentEntry(s);
  const item = currentItem(s);
  const set = {
    exerciseId: entry.exercise.id,
    side: item.side,
    holdSeconds: Math.min(600, seconds),
    targetHoldSeconds: entry.prescription.holdSeconds || null,
    reps: null,
    targetReps: null,
    pain: null,
    recordedAt: at,
    entry: s.entry,
  };
  return { ...s, sets: [...s.sets, set], cues: [...s.cues, 'holdEnd'] };
}

function recordReps(s, at) {
  if (s.count < 1) return skipItem(s);
  const entry = currentEntry(s);
  const item = currentItem(s);
  const set = {
    exerciseId: entry.exercise.id,
    side: item.side,
    holdSeconds: null,
    targetHoldSeconds: null,
    reps: s.count,
    targetReps: entry.prescription.repsMax || entry.prescription.repsMin || null,
    pain: null,
    recordedAt: at,
    entry: s.entry,
  };
  return { ...s, sets: [...s.sets, set], count: 0, cues: [...s.cues, 'setDone'] };
}

function skipItem(s) {
  return { ...s, skipped: [...s.skipped, { entry: s.entry, item: s.item }] };
}

// --- pain ----------------------------------------------------------------------------------------------------

function hurt(s, now) {
  const active = ['getReady', 'hold', 'reps', 'rest', 'paused', 'painCheck'];
  if (!active.includes(s.phase)) return s;
  let resumeTo;
  if (s.phase === 'hold') {
    // the seconds really held are kept; the person picks up after this hold, when they are ready
    const after = afterItem(recordHold(s, heldMs(s, now), now), now);
    resumeTo = pausedAt(after, now);
  } else if (s.phase === 'reps') {
    resumeTo = pausedAt(afterItem(recordReps(s, now), now), now);
  } else if (s.phase === 'paused' || s.phase === 'painCheck') {
    resumeTo = s;
  } else {
    resumeTo = pausedAt(s, now);
  }
  return { ...s, phase: 'hurt', endsAt: null, resumeTo: { ...resumeTo, cues: [] }, sets: resumeTo.sets, cues: ['hurt'] };
}

function pausedAt(s, now) {
  if (!['getReady', 'hold', 'rest', 'reps'].includes(s.phase)) return s;
  return {
    ...s,
    phase: 'paused',
    paused: { phase: s.phase, remainingMs: s.endsAt == null ? null : Math.max(0, s.endsAt - now) },
    endsAt: null,
  };
}

function pain(s, value, now) {
  if (!Number.isInteger(value) || value < 0 || value > 10) return s;
  if (s.phase === 'painCheck') {
    return nextEntry(withPain(s, value), now);
  }
  if (s.phase === 'hurt') {
    const base = withPain({ ...s.resumeTo, cues: [] }, value);
    if (value >= PAIN_STOP_AT) {
      return {
        ...base,
        phase: 'stopped',
        endsAt: null,
        paused: null,
        stoppedForPain: { entry: s.entry, pain: value },
        painStops: [...base.painStops, s.entry],
        cues: ['stoppedForPain'],
      };
    }
    return { ...base, cues: [] };
  }
  return s;
}

/** The pain goes on the exercise's last set; with no set of it yet, into the session's notes. */
function withPain(s, value) {
  const index = lastIndex(s.sets, (set) => set.entry === s.entry);
  if (index < 0) {
    const name = currentEntry(s).exercise.name;
    return { ...s, notes: [...s.notes, `Pain ${value}/10 during ${name}.`] };
  }
  const sets = s.sets.slice();
  sets[index] = { ...sets[index], pain: Math.max(sets[index].pain ?? 0, value) };
  return { ...s, sets };
}

function lastIndex(list, test) {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}

// --- the session it leaves -----------------------------------------------------------------------------------

/**
 * The session as POST /sessions/import takes it. `clock` turns the player's monotonic times into wall-clock
 * instants: {toIso(ms)}. Each set gets its id here, once: the queued session keeps them, so every retry of the
 * upload carries the same ids. The state itself holds only plain data, so it can be stored as it is.
 */
export function sessionOf(state, details, clock, newId = () => crypto.randomUUID()) {
  const notes = [details.notes, ...state.notes].filter((n) => n && n.trim()).join('\n');
  return {
    id: details.id,
    routineId: details.routineId || null,
    startedAt: details.startedAt,
    endedAt: details.endedAt,
    timeZone: details.timeZone,
    painBefore: details.painBefore ?? null,
    painAfter: details.painAfter ?? null,
    notes: notes || null,
    sets: state.sets.map((set) => ({
      id: newId(),
      exerciseId: set.exerciseId,
      side: set.side,
      holdSeconds: set.holdSeconds,
      reps: set.reps,
      targetHoldSeconds: set.targetHoldSeconds,
      targetReps: set.targetReps,
      pain: set.pain,
      recordedAt: clock.toIso(set.recordedAt),
    })),
  };
}

/** What was done against the prescription, per exercise, for the summary. */
export function summaryOf(state) {
  return state.plan.map((entry, index) => {
    const sets = state.sets.filter((set) => set.entry === index);
    const hold = entry.exercise.measurement === 'HOLD';
    return {
      exercise: entry.exercise,
      prescribed: entry.items.length,
      done: sets.length,
      seconds: hold ? sets.reduce((sum, set) => sum + set.holdSeconds, 0) : null,
      targetSeconds: hold ? entry.items.length * (entry.prescription.holdSeconds || 30) : null,
      reps: hold ? null : sets.reduce((sum, set) => sum + set.reps, 0),
      maxPain: sets.reduce((max, set) => (set.pain == null ? max : Math.max(max ?? 0, set.pain)), null),
      stoppedForPain: state.painStops.includes(index),
    };
  });
}
