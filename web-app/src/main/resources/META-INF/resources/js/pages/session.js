// Session: before (tips, the exercises, pain now), the guided player, after (pain after, notes, the summary).
import { h, announce, painScale, minutes, plural } from '../dom.js';
import { api, catalog, progress } from '../api.js';
import { kv } from '../store.js';
import { enqueue, syncNow, syncState } from '../sync.js';
import { planOf, start, step, remainingMs, currentEntry, currentItem, sessionOf, summaryOf } from '../player.js';
import { RULES, TIPS, PHASES, SIDES, SPOKEN, prescriptionText } from '../strings.js';
import { beep, say, keepScreenOn, letScreenSleep, unlockAudio, cueSettings } from '../cues.js';

const clock = {
  now: () => performance.timeOrigin + performance.now(),
  toIso: (ms) => new Date(Math.round(ms)).toISOString(),
};

const SETTINGS_KEY = 'player-settings';
const DEFAULT_SETTINGS = { getReadySeconds: 5, restBetweenSetsSeconds: 10, restBetweenExercisesSeconds: 20, sound: true, voice: true };

export async function sessionPage({ app, main, route, navigate }) {
  main.replaceChildren(h('h1', {}, 'Session'));
  if (!app.me) {
    main.append(h('p', {}, 'Sign in first, so your session is stored as yours.'), h('a', { class: 'button primary big', href: '/login', role: 'button' }, 'Sign in'));
    return;
  }
  const unfinished = await kv.get('current');
  if (unfinished && !route.query.get('routine') && !route.query.get('oneoff')) {
    return runPlayer(main, restore(unfinished), navigate);
  }
  const plan = await loadPlan(route.query);
  if (!plan) {
    main.append(h('p', {}, 'Choose a routine first.'), h('a', { class: 'button primary', href: '#/routines' }, 'Routines'));
    return;
  }
  if (unfinished) {
    main.append(h('div', { class: 'card soft stack' },
      h('p', {}, 'You have an unfinished session on this device.'),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => runPlayer(main, restore(unfinished), navigate) }, 'Resume it'),
        h('button', { type: 'button', onclick: async () => { await kv.remove('current'); prepare(main, plan, navigate); } }, 'Discard it'))));
    return;
  }
  return prepare(main, plan, navigate);
}

async function loadPlan(query) {
  const all = await api(catalog('/exercises?size=100'));
  const byId = new Map(all.items.map((e) => [e.id, e]));
  if (query.get('routine')) {
    const routine = await api(catalog(`/routines/${encodeURIComponent(query.get('routine'))}`));
    return {
      routineId: routine.id,
      name: routine.name,
      entries: routine.entries.map((e) => ({ exercise: byId.get(e.exerciseId) || { id: e.exerciseId, name: e.name, measurement: e.measurement, sided: e.sided, instructions: [], safetyCues: [] }, prescription: e.prescription })),
    };
  }
  if (query.get('oneoff')) {
    const ids = (await kv.get('one-off')) || [];
    const entries = ids.map((id) => byId.get(id)).filter(Boolean).map((exercise) => ({ exercise, prescription: exercise.prescription }));
    return entries.length ? { routineId: null, name: 'One-off session', entries } : null;
  }
  return null;
}

// --- before ---------------------------------------------------------------------------------------------------

async function prepare(main, plan, navigate) {
  const settings = { ...DEFAULT_SETTINGS, ...((await kv.get(SETTINGS_KEY)) || {}) };
  const tipsSeen = await kv.get('tips-seen');
  let painBefore = null;
  main.replaceChildren(h('h1', {}, 'Session'), h('p', { class: 'lead' }, h('strong', {}, plan.name), ` · ${plan.entries.length} exercises`));
  if (!tipsSeen) {
    main.append(h('section', { class: 'card soft', 'aria-labelledby': 'tips' },
      h('h2', { id: 'tips' }, 'Before your first session'),
      h('ul', {}, TIPS.map((t) => h('li', {}, t)))));
  }
  main.append(h('section', { 'aria-labelledby': 'exercises' },
    h('h2', { id: 'exercises' }, 'The exercises'),
    h('ol', { class: 'plain' }, plan.entries.map((e) => h('li', {},
      h('details', {},
        h('summary', {}, h('strong', {}, e.exercise.name), ` · ${prescriptionText(e.exercise, e.prescription)}`),
        h('ol', {}, (e.exercise.instructions || []).map((s) => h('li', {}, s))),
        (e.exercise.safetyCues || []).length ? h('ul', { class: 'muted' }, e.exercise.safetyCues.map((c) => h('li', {}, c))) : null))))));
  const begin = h('button', { type: 'button', class: 'primary big', onclick: async () => {
    unlockAudio();
    await kv.set('tips-seen', true);
    await kv.set(SETTINGS_KEY, settings);
    const details = {
      id: crypto.randomUUID(),
      routineId: plan.routineId,
      name: plan.name,
      startedAt: new Date().toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      painBefore,
      progressBefore: await api(progress('/progress/me')).then((p) => p.totals).catch(() => null),
    };
    let state = start(planOf(plan.entries), settings);
    state = step(state, { type: 'BEGIN', now: clock.now() });
    runPlayer(main, { details, state }, navigate);
  } }, 'Begin');
  main.append(
    painScale('pain-now', 'Pain now', null, (v) => { painBefore = v; }),
    settingsPanel(settings),
    h('p', { class: 'muted' }, RULES.neverStrain, ' ', RULES.noBouncing),
    begin);
}

function settingsPanel(settings) {
  const number = (key, label, max) => {
    const input = h('input', { type: 'number', id: `set-${key}`, min: 0, max, value: settings[key], inputmode: 'numeric',
      onchange: () => { settings[key] = Math.max(0, Math.min(max, Number(input.value) || 0)); } });
    return h('label', { class: 'field', for: `set-${key}` }, label, input);
  };
  const check = (key, label) => {
    const input = h('input', { type: 'checkbox', id: `set-${key}`, checked: settings[key], onchange: () => { settings[key] = input.checked; } });
    return h('div', { class: 'row' }, input, h('label', { for: `set-${key}` }, label));
  };
  return h('details', { class: 'settings card' },
    h('summary', {}, 'Timing and sound'),
    h('div', { class: 'row' },
      number('getReadySeconds', 'Get ready (seconds)', 60),
      number('restBetweenSetsSeconds', 'Rest between sets (seconds)', 300),
      number('restBetweenExercisesSeconds', 'Rest between exercises (seconds)', 600)),
    check('sound', 'Beeps (off: silent mode)'),
    check('voice', 'Spoken cues'));
}

// --- the player -------------------------------------------------------------------------------------------------

function restore(saved) {
  return { details: saved.details, state: saved.state };
}

/** The session in progress survives a closed tab: it is stored at every change of phase. */
async function save(details, state) {
  await kv.set('current', { details, state });
}

function runPlayer(main, { details, state: initial }, navigate) {
  let state = initial;
  cueSettings.sound = state.options.sound !== false;
  cueSettings.voice = state.options.voice !== false;
  keepScreenOn();
  const timer = h('div', { class: 'timer', role: 'timer', 'aria-label': 'Time left' });
  const bar = h('div');
  const view = h('div', { class: 'player' });
  main.replaceChildren(h('h1', {}, 'Session'), view);
  let shownPhase = null;

  const dispatch = (event) => {
    const before = state;
    state = step(state, { ...event, now: clock.now() });
    playCues(state);
    if (state.phase !== before.phase || state.entry !== before.entry || state.item !== before.item || event.type === 'REP') {
      draw();
      save(details, state);
    } else {
      drawTime();
    }
    if (state.phase === 'finished') finishView();
  };

  const drawTime = () => {
    const left = remainingMs(state, clock.now());
    const seconds = Math.ceil(left / 1000);
    timer.textContent = state.endsAt == null && state.phase !== 'paused' ? '' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    timer.className = `timer ${state.phase}`;
    const total = state.phase === 'hold' ? state.durationMs : null;
    bar.style.width = total ? `${Math.min(100, 100 * (1 - left / total))}%` : '0';
  };

  const button = (label, type, cls = '', extra = {}) =>
    h('button', { type: 'button', class: cls, onclick: () => dispatch({ type, ...extra }) }, label);

  const draw = () => {
    if (state.phase === 'finished') return;
    const focused = document.activeElement && view.contains(document.activeElement) ? document.activeElement.textContent : null;
    const entry = currentEntry(state);
    const item = currentItem(state);
    const p = entry.prescription;
    const phase = state.phase === 'paused' ? 'paused' : state.phase;
    const inner = state.phase === 'paused' ? state.paused.phase : state.phase;
    const children = [
      h('p', { class: 'muted' }, `Exercise ${state.entry + 1} of ${state.plan.length}`),
      h('h2', { class: 'exercise-name' }, entry.exercise.name),
      h('p', {}, prescriptionText(entry.exercise, p)),
      item.side ? h('p', {}, h('span', { class: 'side' }, SIDES[item.side])) : null,
      h('p', { class: 'phase' }, PHASES[phase] || phase,
        ['hold', 'reps', 'rest'].includes(inner) ? ` · ${entry.exercise.measurement === 'HOLD' ? 'hold' : 'set'} ${item.number} of ${item.of}` : ''),
    ];
    if (['getReady', 'hold', 'rest', 'paused'].includes(state.phase)) {
      children.push(timer, h('div', { class: 'progress-line', 'aria-hidden': 'true' }, bar));
    }
    if (state.phase === 'getReady') {
      children.push(h('div', { class: 'controls' }, button('Pause', 'PAUSE'), button('+10 s', 'ADD10'), button('Skip', 'SKIP', 'wide')));
      if (entry.exercise.instructions?.length) children.push(h('ol', { class: 'settings' }, entry.exercise.instructions.map((s) => h('li', {}, s))));
    } else if (state.phase === 'hold') {
      children.push(h('div', { class: 'controls' }, button('Pause', 'PAUSE'), button('+10 s', 'ADD10'), button('Done', 'DONE', 'primary'), button('Skip', 'SKIP')));
    } else if (state.phase === 'reps') {
      children.push(
        h('p', {}, `Target: ${p.repsMin === p.repsMax ? p.repsMin : `${p.repsMin} to ${p.repsMax}`} repetitions`),
        h('p', { class: 'reps-count', 'aria-live': 'polite' }, String(state.count)),
        h('div', { class: 'controls' },
          h('button', { type: 'button', class: 'primary big wide', 'aria-label': 'Add a repetition', onclick: () => dispatch({ type: 'REP', delta: 1 }) }, '+1 repetition'),
          h('button', { type: 'button', 'aria-label': 'Take one repetition off', onclick: () => dispatch({ type: 'REP', delta: -1 }) }, '−1'),
          button('Pause', 'PAUSE'), button('Done', 'DONE', 'primary'), button('Skip', 'SKIP')));
    } else if (state.phase === 'rest') {
      children.push(h('div', { class: 'controls' }, button('Pause', 'PAUSE'), button('+10 s', 'ADD10'), button('Skip', 'SKIP', 'wide')));
    } else if (state.phase === 'paused') {
      children.push(h('div', { class: 'controls' }, button('Resume', 'RESUME', 'primary wide'), button('+10 s', 'ADD10'), button('Next exercise', 'NEXT_EXERCISE')));
    } else if (state.phase === 'painCheck') {
      children.push(
        painScale('pain-exercise', 'Pain', null, (v) => dispatch({ type: 'PAIN', value: v })),
        h('div', { class: 'controls' }, button('Skip', 'SKIP', 'wide')));
    } else if (state.phase === 'hurt') {
      children.push(
        h('div', { class: 'card warn' }, h('p', {}, RULES.neverStrain)),
        painScale('pain-hurts', 'How much does it hurt?', null, (v) => dispatch({ type: 'PAIN', value: v })),
        h('div', { class: 'controls' }, button('Cancel', 'CANCEL', 'wide')));
    } else if (state.phase === 'stopped') {
      children.push(h('section', { class: 'card warn stack', role: 'alert' },
        h('h3', {}, `Stopped: pain ${state.stoppedForPain.pain} of 10`),
        h('p', {}, RULES.stopAndEaseOff),
        h('p', {}, RULES.neverStrain),
        h('p', {}, RULES.noBouncing)),
      h('div', { class: 'controls' }, button('Next exercise', 'NEXT_EXERCISE', 'primary'), button('Finish', 'FINISH', 'danger')));
    }
    if (!['hurt', 'stopped'].includes(state.phase)) {
      children.push(h('div', { class: 'hurts' }, h('button', { type: 'button', class: 'danger primary big', onclick: () => dispatch({ type: 'HURT' }) }, 'It hurts')));
      children.push(h('details', { class: 'settings' }, h('summary', {}, 'More'),
        h('div', { class: 'controls' }, button('Next exercise', 'NEXT_EXERCISE'), button('End session', 'FINISH', 'danger'))));
    }
    view.replaceChildren(...children.filter(Boolean));
    drawTime();
    if (shownPhase !== `${state.phase}/${state.entry}/${state.item}`) {
      announce(`${state.cues.includes('switchSides') ? `${SPOKEN.switchSides}. ` : ''}${describe(state)}`);
      shownPhase = `${state.phase}/${state.entry}/${state.item}`;
    }
    if (focused) {
      const again = [...view.querySelectorAll('button')].find((b) => b.textContent === focused);
      if (again) again.focus();
    }
  };

  const finishView = () => {
    stopped = true;
    clearTimeout(ticker);
    letScreenSleep();
    finish(main, details, state, navigate);
  };

  // the next tick comes at the next whole second of the countdown or at its end, whichever is first, so the
  // display changes on time and a phase ends within a few milliseconds of its deadline
  let ticker = null;
  let stopped = false;
  const schedule = () => {
    clearTimeout(ticker);
    if (stopped || state.phase === 'finished') return;
    const left = state.endsAt == null ? 250 : state.endsAt - clock.now();
    const delay = state.endsAt == null ? 250 : Math.min(left, (left % 1000) || 1000);
    ticker = setTimeout(() => { dispatch({ type: 'TICK' }); schedule(); }, Math.max(0, delay) + 1);
  };
  const onVisible = () => { if (!document.hidden) { dispatch({ type: 'TICK' }); schedule(); } };
  document.addEventListener('visibilitychange', onVisible);
  view.addEventListener('click', () => schedule());
  draw();
  playCues(state); // what Begin (or the resumed state) asked for: the first exercise's name
  schedule();
  if (state.phase === 'finished') finishView();
  return () => {
    stopped = true;
    clearTimeout(ticker);
    document.removeEventListener('visibilitychange', onVisible);
    letScreenSleep();
  };
}

function describe(state) {
  const entry = currentEntry(state);
  const item = currentItem(state);
  const side = item.side ? `, ${SIDES[item.side].toLowerCase()}` : '';
  switch (state.phase) {
    case 'getReady': return `Get ready: ${entry.exercise.name}${side}`;
    case 'hold': return `Hold ${item.number} of ${item.of}${side}, ${Math.round(state.durationMs / 1000)} seconds`;
    case 'reps': return `Set ${item.number} of ${item.of}${side}: tap for each repetition`;
    case 'rest': return 'Rest';
    case 'paused': return 'Paused';
    case 'painCheck': return `How did ${entry.exercise.name} feel? Choose your pain, 0 to 10`;
    case 'hurt': return 'How much does it hurt? Choose 0 to 10';
    case 'stopped': return `Stopped. ${RULES.stopAndEaseOff}`;
    default: return '';
  }
}

function playCues(state) {
  for (const cue of state.cues) {
    switch (cue) {
      case 'exercise': beep('start'); say(currentEntry(state).exercise.name); break;
      case 'switchSides': beep('start'); say(SPOKEN.switchSides); break;
      case 'holdStart': beep('start'); break;
      case 'holdEnd': case 'setDone': beep('end'); break;
      case 'fiveSeconds': beep('tick'); say(SPOKEN.fiveSeconds); announce(SPOKEN.fiveSeconds); break;
      case 'rest': say(SPOKEN.rest); break;
      case 'stoppedForPain': beep('warn'); say(SPOKEN.stoppedForPain); break;
      case 'finished': beep('end'); say(SPOKEN.finished); break;
      default: break;
    }
  }
}

// --- after ---------------------------------------------------------------------------------------------------------

function finish(main, details, state, navigate) {
  let painAfter = null;
  const notes = h('textarea', { id: 'notes', maxlength: 1500 });
  main.replaceChildren(
    h('h1', {}, 'Session'),
    h('p', { class: 'lead' }, 'Well done. How is your back now?'),
    painScale('pain-after', 'Pain after', null, (v) => { painAfter = v; }),
    h('label', { class: 'field', for: 'notes' }, 'Notes (optional)'), notes,
    h('button', { type: 'button', class: 'primary big', onclick: async (ev) => {
      ev.target.disabled = true;
      const endedAt = new Date().toISOString();
      const session = sessionOf(state, { ...details, endedAt, painAfter, notes: notes.value }, clock);
      await enqueue(session);
      await kv.remove('current');
      const result = await syncNow();
      await summary(main, details, state, session, result, navigate);
    } }, 'Finish'));
  main.querySelector('h1').focus?.();
}

async function summary(main, details, state, session, result, navigate) {
  const rows = summaryOf(state);
  const stored = result.uploaded?.includes(session.id);
  const after = stored ? await waitForProgress(details.progressBefore) : null;
  main.replaceChildren(
    h('h1', {}, 'Session'),
    h('h2', {}, 'Summary'),
    h('p', { id: 'summary-status', role: 'status' }, stored ? 'Saved.' :
      syncState.signInNeeded ? 'Saved on this device. Sign in again to upload it.' : 'Saved on this device; it uploads when you are back online.'),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Exercise'), h('th', { scope: 'col' }, 'Done'), h('th', { scope: 'col' }, 'Prescribed'))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.exercise.name, r.stoppedForPain ? ' (stopped for pain)' : ''),
        h('td', {}, r.seconds != null ? `${plural(r.done, 'hold')}, ${minutes(r.seconds)}` : `${plural(r.done, 'set')}, ${plural(r.reps, 'rep')}`),
        h('td', {}, r.targetSeconds != null ? `${plural(r.prescribed, 'hold')}, ${minutes(r.targetSeconds)}` : plural(r.prescribed, 'set')))))),
    after ? h('div', { class: 'card soft', id: 'progress-change' },
      h('h2', {}, 'Your progress'),
      h('p', {}, `Sessions: ${after.totals.sessions}`, details.progressBefore ? ` (was ${details.progressBefore.sessions})` : ''),
      h('p', {}, `Hold time: ${minutes(after.totals.holdSeconds)}`, details.progressBefore ? ` (was ${minutes(details.progressBefore.holdSeconds)})` : ''),
      h('p', {}, `Streak: ${after.streak.current} ${after.streak.current === 1 ? 'day' : 'days'}`)) : null,
    h('div', { class: 'row' },
      h('a', { class: 'button primary', href: '#/today' }, 'Back to Today'),
      h('a', { class: 'button', href: '#/progress' }, 'See progress')));
  document.getElementById('main').focus();
}

/** The progress-service applies the session's events within a second or so: wait for the new totals, briefly. */
async function waitForProgress(before) {
  for (let i = 0; i < 20; i++) {
    const now = await api(progress('/progress/me')).catch(() => null);
    if (!now) return null;
    if (!before || now.totals.sessions > before.sessions) return now;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return api(progress('/progress/me')).catch(() => null);
}

