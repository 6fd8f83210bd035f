// Today: the suggestion for today, the streak, this week against the target, hints and pain flags.
import { h, formatDate, plural } from '../dom.js';
import { flagText } from '../strings.js';
import { api, catalog, progress, Offline } from '../api.js';
import { signInCard } from '../app.js';
import { syncCard } from './sync-card.js';

export async function todayPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'Today'));
  if (!app.me) {
    main.append(
      h('p', {}, 'Guided stretches for your back: timed holds, both sides, and a stop whenever it hurts.'),
      signInCard());
    return;
  }
  const [summary, routines] = await Promise.all([
    api(progress('/progress/me')).catch((e) => (e instanceof Offline ? null : Promise.reject(e))),
    api(catalog('/routines?size=50')).catch(() => ({ items: [] })),
  ]);
  main.append(await syncCard());
  const suggestion = suggest(routines.items || [], summary);
  main.append(h('section', { class: 'card soft stack', 'aria-labelledby': 'suggestion' },
    h('h2', { id: 'suggestion' }, 'Suggested for today'),
    suggestion ? [h('p', {}, h('strong', {}, suggestion.name), ` · ${suggestion.entries.length} exercises`),
      h('p', { class: 'muted' }, suggestion.description)] : h('p', {}, 'Pick a routine to start.'),
    h('a', { class: 'button primary big', role: 'button', href: suggestion ? `#/session?routine=${suggestion.id}` : '#/routines' }, 'Start session'),
    h('a', { class: 'button', href: '#/routines' }, 'Choose another routine')));
  if (!summary) {
    main.append(h('p', { class: 'muted' }, 'You are offline: your progress shows when you are back online. You can still do a session.'));
    return;
  }
  const week = summary.week || {};
  main.append(h('div', { class: 'stats' },
    stat('Streak', plural(summary.streak.current, 'day'), `longest ${summary.streak.longest}`),
    stat('This week', `${week.sessions} of ${week.target}`, 'sessions against the target'),
    stat('All time', `${summary.totals.sessions}`, `sessions, ${summary.totals.sets} sets`)));
  if (summary.flags?.length) {
    main.append(h('section', { class: 'card warn', 'aria-labelledby': 'flags' },
      h('h2', { id: 'flags' }, 'Pain flags'),
      h('ul', {}, summary.flags.slice(0, 3).map((f) => h('li', {}, flagText(f, formatDate)))),
      summary.flags.length > 3 ? h('p', {}, h('a', { href: '#/progress' }, `All ${summary.flags.length} flags`)) : null));
  }
  if (summary.hints?.length) {
    main.append(h('section', { class: 'card', 'aria-labelledby': 'hints' },
      h('h2', { id: 'hints' }, 'Next targets'),
      h('ul', {}, summary.hints.slice(0, 5).map((hint) => h('li', {}, hint.message)))));
  }
}

function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('span', {}, label), h('b', {}, value), h('span', { class: 'muted' }, note));
}

/** The routine done least this week relative to its target; the neck and shoulder starter for a first session. */
function suggest(routines, summary) {
  const published = routines.filter((r) => r.status === 'PUBLISHED');
  if (!published.length) return null;
  if (!summary || !summary.totals.sessions) {
    return published.find((r) => r.slug === 'neck-and-shoulder-starter') || published[0];
  }
  const done = new Map((summary.week?.routines || []).map((r) => [r.routineId, r.sessions]));
  return published.slice().sort((a, b) => (done.get(a.id) || 0) / a.weeklyTarget - (done.get(b.id) || 0) / b.weeklyTarget)[0];
}
