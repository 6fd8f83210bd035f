// Unit tests of the guided player's state machine: every transition, with times given explicitly.
// Run by the build (PlayerStateMachineTest runs `node --test` on this folder).
import test from 'node:test';
import assert from 'node:assert/strict';
import { planOf, start, step, remainingMs, sessionOf, summaryOf, itemsOf, PAIN_STOP_AT } from '../../main/resources/META-INF/resources/js/player.js';

const chinToChest = { id: 'e1', name: 'Chin to chest', measurement: 'HOLD', sided: false };
const earToShoulder = { id: 'e2', name: 'Ear to shoulder', measurement: 'HOLD', sided: true };
const catCow = { id: 'e3', name: 'Cat-cow', measurement: 'REPS', sided: false };

const stretch = (holdSeconds, repsMin) => ({ holdSeconds, repsMin, repsMax: 10, sets: 1 });
const options = { getReadySeconds: 5, restBetweenSetsSeconds: 10, restBetweenExercisesSeconds: 20 };

function ids() {
  let n = 0;
  return () => `set-${++n}`;
}

function player(entries, opts = options) {
  return start(planOf(entries), opts);
}

const go = (s, type, now, extra = {}) => step(s, { type, now, ...extra });

test('a stretch is held for 30 seconds and repeated 5 times, as the article prescribes', () => {
  const items = itemsOf(chinToChest, stretch(30, 5));
  assert.equal(items.length, 5);
  assert.deepEqual(items[0], { side: null, number: 1, of: 5 });
});

test('a sided exercise is done on the left, then on the right', () => {
  const items = itemsOf(earToShoulder, stretch(30, 2));
  assert.deepEqual(items.map((i) => i.side), ['LEFT', 'LEFT', 'RIGHT', 'RIGHT']);
});

test('Begin starts a get-ready countdown, then the hold of the prescribed seconds', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  assert.equal(s.phase, 'ready');
  s = go(s, 'BEGIN', 1000);
  assert.equal(s.phase, 'getReady');
  assert.deepEqual(s.cues, ['exercise']);
  assert.equal(remainingMs(s, 1000), 5000);
  s = go(s, 'TICK', 6000);
  assert.equal(s.phase, 'hold');
  assert.ok(s.cues.includes('holdStart'));
  assert.equal(remainingMs(s, 6000), 30000);
});

test('a hold that runs out records the prescribed seconds at its end time, whenever the tick came', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  // a throttled background tab: one tick, 50 s late
  s = go(s, 'TICK', 85000);
  assert.equal(s.sets.length, 1);
  assert.equal(s.sets[0].holdSeconds, 30);
  assert.equal(s.sets[0].targetHoldSeconds, 30);
  assert.equal(s.sets[0].recordedAt, 35000, 'the hold ended at get-ready (5 s) + 30 s, not at the late tick');
  assert.equal(s.phase, 'painCheck');
});

test('deadlines chain from deadlines: irregular ticks do not stretch a hold (no drift)', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 3) }], { ...options, restBetweenSetsSeconds: 10 });
  s = go(s, 'BEGIN', 0);
  let now = 0;
  while (s.phase !== 'painCheck') {
    now += 977 + ((now / 7) % 400); // late, uneven ticks
    s = go(s, 'TICK', now);
  }
  assert.deepEqual(s.sets.map((x) => x.recordedAt), [35000, 75000, 115000]);
  assert.deepEqual(s.sets.map((x) => x.holdSeconds), [30, 30, 30]);
});

test('five seconds before the end of a hold the player cues it once', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 5000);
  s = go(s, 'TICK', 29000);
  assert.deepEqual(s.cues, []);
  s = go(s, 'TICK', 30000);
  assert.deepEqual(s.cues, ['fiveSeconds']);
  s = go(s, 'TICK', 31000);
  assert.deepEqual(s.cues, []);
});

test('a rest countdown comes between the holds of an exercise', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  assert.equal(s.phase, 'rest');
  assert.equal(remainingMs(s, 35000), 10000);
  s = go(s, 'TICK', 45000);
  assert.equal(s.phase, 'hold');
  assert.equal(s.item, 1);
});

test('Skip during a rest starts the next hold at once', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  s = go(s, 'SKIP', 36000);
  assert.equal(s.phase, 'hold');
  assert.equal(remainingMs(s, 36000), 30000);
});

test('the sided switch: after the last left hold, a get-ready with the "switch sides" cue', () => {
  let s = player([{ exercise: earToShoulder, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  assert.equal(s.phase, 'getReady');
  assert.ok(s.cues.includes('switchSides'));
  assert.equal(s.sets[0].side, 'LEFT');
  s = go(s, 'TICK', 70000);
  assert.equal(s.sets[1].side, 'RIGHT');
  assert.equal(s.sets[1].recordedAt, 70000);
  assert.equal(s.phase, 'painCheck');
});

test('Done ends a hold early and records the seconds really held', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'DONE', 5000 + 12400);
  assert.equal(s.sets[0].holdSeconds, 12);
  assert.equal(s.sets[0].targetHoldSeconds, 30);
  assert.equal(s.phase, 'rest');
});

test('Skip in a hold moves on without recording it', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'SKIP', 10000);
  assert.equal(s.sets.length, 0);
  assert.equal(s.phase, 'rest');
  assert.equal(s.item, 1);
});

test('Pause keeps the time left and Resume gives it back', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'PAUSE', 15000);
  assert.equal(s.phase, 'paused');
  assert.equal(remainingMs(s, 99999), 20000);
  s = go(s, 'TICK', 500000);
  assert.equal(s.phase, 'paused', 'time does not run while paused');
  s = go(s, 'RESUME', 600000);
  assert.equal(s.phase, 'hold');
  s = go(s, 'TICK', 620000);
  assert.equal(s.sets[0].holdSeconds, 30);
  assert.equal(s.sets[0].recordedAt, 620000);
});

test('a Pause that arrives after the hold ran out applies the end first: the hold is recorded whole', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 34900);
  s = go(s, 'PAUSE', 36000);
  assert.equal(s.sets.length, 1);
  assert.equal(s.sets[0].holdSeconds, 30);
  assert.equal(s.sets[0].recordedAt, 35000);
  assert.equal(s.phase, 'paused');
  assert.equal(s.paused.phase, 'rest');
  assert.equal(s.paused.remainingMs, 9000);
});

test('+10 s lengthens the hold and the recorded seconds', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'ADD10', 20000);
  s = go(s, 'TICK', 45000);
  assert.equal(s.sets[0].holdSeconds, 40);
  assert.equal(s.sets[0].recordedAt, 45000);
});

test('+10 s while paused adds to the time left', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'PAUSE', 25000);
  s = go(s, 'ADD10', 26000);
  assert.equal(remainingMs(s, 26000), 20000);
  s = go(s, 'RESUME', 30000);
  s = go(s, 'TICK', 50000);
  assert.equal(s.sets[0].holdSeconds, 40);
});

test('a REPS exercise counts taps and records them against the target range', () => {
  let s = player([{ exercise: catCow, prescription: { repsMin: 5, repsMax: 10, sets: 2 } }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 5000);
  assert.equal(s.phase, 'reps');
  for (let i = 0; i < 7; i++) s = go(s, 'REP', 6000 + i, { delta: 1 });
  s = go(s, 'REP', 7000, { delta: -1 });
  s = go(s, 'DONE', 8000);
  assert.equal(s.sets[0].reps, 6);
  assert.equal(s.sets[0].targetReps, 10);
  assert.equal(s.phase, 'rest');
  s = go(s, 'SKIP', 9000);
  assert.equal(s.phase, 'reps');
  assert.equal(s.count, 0);
});

test('Done on a REPS set with no tap records nothing', () => {
  let s = player([{ exercise: catCow, prescription: { repsMin: 5, repsMax: 10, sets: 1 } }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 5000);
  s = go(s, 'DONE', 6000);
  assert.equal(s.sets.length, 0);
  assert.equal(s.phase, 'painCheck');
});

test('the quick pain tap after an exercise goes on its last set, then a rest before the next exercise', () => {
  let s = player([
    { exercise: chinToChest, prescription: stretch(30, 2) },
    { exercise: catCow, prescription: { repsMin: 5, repsMax: 10, sets: 1 } },
  ]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 75000);
  assert.equal(s.phase, 'painCheck');
  s = go(s, 'PAIN', 75500, { value: 2 });
  assert.deepEqual(s.sets.map((x) => x.pain), [null, 2]);
  assert.equal(s.phase, 'rest');
  assert.equal(s.entry, 1);
  s = go(s, 'TICK', 95500);
  assert.equal(s.phase, 'getReady');
  assert.ok(s.cues.includes('exercise'));
});

test('It hurts with pain of 7 or more stops the exercise, keeps the seconds held and the pain', () => {
  let s = player([
    { exercise: chinToChest, prescription: stretch(30, 5) },
    { exercise: catCow, prescription: { repsMin: 5, repsMax: 10, sets: 1 } },
  ]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'HURT', 5000 + 8000);
  assert.equal(s.phase, 'hurt');
  assert.equal(s.sets.length, 1);
  assert.equal(s.sets[0].holdSeconds, 8);
  s = go(s, 'PAIN', 14000, { value: 8 });
  assert.equal(s.phase, 'stopped');
  assert.deepEqual(s.stoppedForPain, { entry: 0, pain: 8 });
  assert.equal(s.sets[0].pain, 8);
  assert.ok(8 >= PAIN_STOP_AT);
  s = go(s, 'NEXT_EXERCISE', 20000);
  assert.equal(s.entry, 1);
  assert.equal(s.sets.length, 1, 'nothing more of the stopped exercise is recorded');
  assert.equal(summaryOf(s)[0].stoppedForPain, true);
});

test('It hurts with pain under 7 records it and waits, paused, where the person was', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  s = go(s, 'HURT', 38000);
  s = go(s, 'PAIN', 39000, { value: 4 });
  assert.equal(s.phase, 'paused');
  assert.equal(s.paused.phase, 'rest');
  assert.equal(s.sets[0].pain, 4);
  s = go(s, 'RESUME', 50000);
  assert.equal(s.phase, 'rest');
  assert.equal(remainingMs(s, 50000), 7000);
});

test('It hurts before any set of the exercise keeps the pain in the session notes', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'HURT', 2000);
  s = go(s, 'PAIN', 3000, { value: 9 });
  assert.equal(s.phase, 'stopped');
  assert.deepEqual(s.notes, ['Pain 9/10 during Chin to chest.']);
});

test('It hurts can be cancelled: the player is back where it was, paused', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'HURT', 2000);
  s = go(s, 'CANCEL', 2500);
  assert.equal(s.phase, 'paused');
  assert.equal(s.paused.phase, 'getReady');
});

test('a pain outside 0 to 10 is ignored', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  assert.equal(go(s, 'PAIN', 36000, { value: 11 }).phase, 'painCheck');
  assert.equal(go(s, 'PAIN', 36000, { value: 2.5 }).phase, 'painCheck');
});

test('the end of the routine: after the last pain check the player is finished', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 35000);
  s = go(s, 'SKIP', 36000);
  assert.equal(s.phase, 'finished');
  assert.ok(s.cues.includes('finished'));
  assert.deepEqual(go(s, 'TICK', 99999).phase, 'finished');
});

test('Finish during a hold keeps what was held so far', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 3) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'FINISH', 5000 + 20000);
  assert.equal(s.phase, 'finished');
  assert.equal(s.sets[0].holdSeconds, 20);
});

test('the state is plain data: it survives a structured clone (IndexedDB) mid-hurt', () => {
  let s = player([{ exercise: chinToChest, prescription: stretch(30, 2) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'HURT', 9000);
  const copy = structuredClone(s);
  assert.deepEqual(go(copy, 'PAIN', 9500, { value: 3 }).sets, go(s, 'PAIN', 9500, { value: 3 }).sets);
});

test('events that do not apply to the phase change nothing', () => {
  const s = player([{ exercise: chinToChest, prescription: stretch(30, 1) }]);
  for (const type of ['PAUSE', 'RESUME', 'DONE', 'SKIP', 'ADD10', 'REP', 'CANCEL']) {
    assert.equal(go(s, type, 100).phase, 'ready', type);
  }
});

test('the session for the upload carries every set with its target and a wall-clock time', () => {
  let s = player([{ exercise: earToShoulder, prescription: stretch(30, 1) }]);
  s = go(s, 'BEGIN', 0);
  s = go(s, 'TICK', 70000);
  s = go(s, 'PAIN', 70100, { value: 1 });
  const session = sessionOf(
    s,
    { id: 's1', routineId: 'r1', startedAt: '2026-12-01T07:00:00Z', endedAt: '2026-12-01T07:02:00Z', timeZone: 'Europe/Berlin', painBefore: 3, painAfter: 2, notes: ' ' },
    { toIso: (ms) => new Date(Date.UTC(2026, 11, 1, 7, 0, 0) + ms).toISOString() },
    ids(),
  );
  assert.deepEqual(session.sets.map((x) => x.id), ['set-1', 'set-2']);
  assert.equal(session.notes, null);
  assert.deepEqual(session.sets.map((x) => [x.side, x.holdSeconds, x.targetHoldSeconds, x.pain, x.recordedAt]), [
    ['LEFT', 30, 30, null, '2026-12-01T07:00:35.000Z'],
    ['RIGHT', 30, 30, 1, '2026-12-01T07:01:10.000Z'],
  ]);
  assert.equal(Object.hasOwn(session.sets[0], 'entry'), false, 'nothing of the player leaks into the upload');
  const summary = summaryOf(s);
  assert.deepEqual([summary[0].done, summary[0].prescribed, summary[0].seconds, summary[0].targetSeconds], [2, 2, 60, 60]);
});
