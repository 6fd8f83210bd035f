// History: past sessions with their sets; a mistaken set can be deleted.
import { h, formatDateTime, painScale } from '../dom.js';
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
  const names = new Map(exercises.items.map((e) => [e.id, e.name]));
  if (!page.items.length) {
    main.append(h('p', {}, 'No sessions yet. '), h('a', { class: 'button primary', href: '#/today' }, 'Start your first'));
    return;
  }
  const status = h('p', { role: 'status', id: 'history-status' });
  main.append(status, h('p', { class: 'muted' }, `${page.total} sessions in all; the latest ${page.items.length} here.`));
  const list = h('ul', { class: 'plain' });
  for (const session of page.items) list.append(sessionItem(session, names, status, () => historyPage({ app, main })));
  main.append(list);
}

function sessionItem(session, names, status, reload) {
  const when = formatDateTime(session.startedAt, session.timeZone);
  return h('li', {},
    h('details', {},
      h('summary', {}, h('strong', {}, when), ` · ${session.sets.length} sets`,
        session.painBefore != null ? ` · pain ${session.painBefore} → ${session.painAfter ?? '?'}` : '',
        session.status === 'IN_PROGRESS' ? ' · not completed' : ''),
      session.notes ? h('p', { class: 'muted' }, session.notes) : null,
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Exercise'), h('th', { scope: 'col' }, 'Done'), h('th', { scope: 'col' }, 'Pain'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, session.sets.map((set) => h('tr', {},
          h('td', {}, names.get(set.exerciseId) || 'Exercise', set.side ? ` (${set.side.toLowerCase()})` : ''),
          h('td', {}, set.holdSeconds != null ? `${set.holdSeconds} s` : `${set.reps} reps`),
          h('td', {}, set.pain ?? '–'),
          h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Delete set: ${names.get(set.exerciseId) || 'exercise'} ${set.holdSeconds != null ? `${set.holdSeconds} s` : `${set.reps} reps`}`,
            onclick: async () => {
              if (!confirm('Delete this set? Your progress will no longer count it.')) return;
              try {
                await api(sessions(`/sessions/${session.id}/sets/${set.id}`), { method: 'DELETE' });
                status.textContent = 'The set was deleted.';
                reload();
              } catch (e) {
                status.textContent = e.status === 409 ? 'This session is completed; its sets cannot be changed yet.' : e.message;
              }
            } }, 'Delete'))))))));
}

export { painScale };
