// History: past sessions with their sets. A mistaken set can be corrected (seconds, repetitions, pain) or deleted,
// and a whole session deleted, also after it was completed; the progress follows.
import { h, formatDateTime, plural } from '../dom.js';
import { api, catalog, sessions } from '../api.js';
import { signInCard } from '../app.js';
import { syncCard } from './sync-card.js';

export async function historyPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'History'));
  if (!app.me) { main.append(signInCard()); return; }
  main.append(await syncCard());
  const [page, exercises] = await Promise.all([
    api(sessions('/sessions?size=20')),
    api(catalog('/exercises?size=100')).catch(() => ({ items: [] })),
  ]);
  const byId = new Map(exercises.items.map((e) => [e.id, e]));
  if (!page.items.length) {
    main.append(h('p', {}, 'No sessions yet. '), h('a', { class: 'button primary', href: '#/today' }, 'Start your first'));
    return;
  }
  const status = h('p', { role: 'status', id: 'history-status' });
  main.append(status, h('p', { class: 'muted' }, `${page.total} sessions in all; the latest ${page.items.length} here.`));
  const list = h('ul', { class: 'plain' });
  const ctx = { byId, status, reload: (message) => historyPage({ app, main }).then(() => { document.getElementById('history-status').textContent = message; }) };
  for (const session of page.items) list.append(sessionItem(session, ctx));
  main.append(list);
}

function sessionItem(session, ctx) {
  const when = formatDateTime(session.startedAt, session.timeZone);
  return h('li', {},
    h('details', { dataset: { session: session.id } },
      h('summary', {}, h('strong', {}, when), ` · ${plural(session.sets.length, 'set')}`,
        session.painBefore != null ? ` · pain ${session.painBefore} → ${session.painAfter ?? '?'}` : '',
        session.status === 'IN_PROGRESS' ? ' · not completed' : ''),
      session.notes ? h('p', { class: 'muted' }, session.notes) : null,
      h('ul', { class: 'plain' }, session.sets.map((set) => setItem(session, set, ctx))),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Delete the whole session of ${when} with its ${plural(session.sets.length, 'set')}? Your progress will no longer count it.`)) return;
        try {
          await api(sessions(`/sessions/${session.id}`), { method: 'DELETE' });
          ctx.reload('The session was deleted.');
        } catch (e) { ctx.status.textContent = e.message; }
      } }, 'Delete session')));
}

function setItem(session, set, ctx) {
  const exercise = ctx.byId.get(set.exerciseId);
  const name = `${exercise?.name || 'Exercise'}${set.side ? ` (${set.side.toLowerCase()})` : ''}`;
  const done = set.holdSeconds != null ? `${set.holdSeconds} s` : plural(set.reps, 'rep');
  const row = h('li', { class: 'stack', dataset: { set: set.id } });
  const show = () => {
    row.replaceChildren(
      h('div', {}, h('strong', {}, name), ` · ${done}`, set.pain != null ? ` · pain ${set.pain}` : ''),
      h('div', { class: 'row' },
        h('button', { type: 'button', 'aria-label': `Correct ${name} ${done}`, onclick: edit }, 'Correct'),
        h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${name} ${done}`, onclick: remove }, 'Delete')));
  };
  const edit = () => {
    const hold = set.holdSeconds != null;
    const amount = h('input', { type: 'number', id: `amount-${set.id}`, min: 1, max: hold ? 600 : 200, value: hold ? set.holdSeconds : set.reps, inputmode: 'numeric' });
    const pain = h('input', { type: 'number', id: `pain-${set.id}`, min: 0, max: 10, value: set.pain ?? '', inputmode: 'numeric' });
    const error = h('p', { class: 'muted', role: 'alert' });
    row.replaceChildren(
      h('strong', {}, name),
      h('label', { class: 'field', for: amount.id }, hold ? 'Seconds held' : 'Repetitions'), amount,
      h('label', { class: 'field', for: pain.id }, 'Pain (0 to 10)'), pain,
      error,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: async () => {
          const body = hold ? { holdSeconds: Number(amount.value) } : { reps: Number(amount.value) };
          if (pain.value !== '') body.pain = Number(pain.value);
          try {
            await api(sessions(`/sessions/${session.id}/sets/${set.id}`), { method: 'PATCH', body });
            ctx.reload('The set was corrected; your progress follows.');
          } catch (e) {
            error.textContent = e.problem?.violations?.map((v) => `${v.field}: ${v.message}`).join('; ') || e.message;
          }
        } }, 'Save correction'),
        h('button', { type: 'button', onclick: show }, 'Cancel')));
    amount.focus();
  };
  const remove = async () => {
    if (!confirm(`Delete this set (${name}, ${done})? Your progress will no longer count it.`)) return;
    try {
      await api(sessions(`/sessions/${session.id}/sets/${set.id}`), { method: 'DELETE' });
      ctx.reload('The set was deleted.');
    } catch (e) { ctx.status.textContent = e.message; }
  };
  show();
  return row;
}
