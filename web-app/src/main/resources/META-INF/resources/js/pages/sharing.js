// Sharing: the coaches a person shares their progress with; for a coach, the people who share with them.
import { h, formatDateTime } from '../dom.js';
import { api, progress } from '../api.js';
import { signInCard } from '../app.js';
import { progressView } from './progress.js';

export async function sharingPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'Sharing'));
  if (!app.me) { main.append(signInCard()); return; }
  const status = h('p', { role: 'status', id: 'sharing-status' });
  const shares = await api(progress('/progress/me/coaches'));
  const coachId = h('input', { type: 'text', id: 'coach-id', autocomplete: 'off' });
  main.append(status,
    h('section', { class: 'card', 'aria-labelledby': 'coaches' },
      h('h2', { id: 'coaches' }, 'Coaches who see your progress'),
      shares.items.length ? h('ul', { class: 'plain' }, shares.items.map((s) => h('li', { class: 'row' },
        h('span', {}, `${s.coachUserId} · since ${formatDateTime(s.sharedAt)}`),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          await api(progress(`/progress/me/coaches/${encodeURIComponent(s.coachUserId)}`), { method: 'DELETE' });
          sharingPage({ app, main });
        } }, 'Revoke')))) : h('p', {}, 'You share with nobody.'),
      h('label', { class: 'field', for: 'coach-id' }, 'Coach’s user id'), coachId,
      h('button', { type: 'button', class: 'primary', onclick: async () => {
        try {
          await api(progress(`/progress/me/coaches/${encodeURIComponent(coachId.value.trim())}`), { method: 'PUT' });
          sharingPage({ app, main });
        } catch (e) { status.textContent = e.message; }
      } }, 'Share')));
  if (app.me.roles.includes('coach')) {
    const people = await api(progress('/progress/coaching'));
    main.append(h('section', { class: 'card', 'aria-labelledby': 'people' },
      h('h2', { id: 'people' }, 'People who share with you'),
      people.items.length ? h('ul', { class: 'plain' }, people.items.map((p) => h('li', {},
        h('a', { href: `#/person/${encodeURIComponent(p.userId)}` }, p.userId)))) : h('p', {}, 'Nobody shares with you yet.')));
  }
}

export async function personPage({ app, main, route }) {
  main.replaceChildren(h('h1', {}, 'Progress'));
  if (!app.me) { main.append(signInCard()); return; }
  const id = decodeURIComponent(route.params[0] || '');
  main.append(h('p', {}, h('a', { href: '#/sharing' }, 'Back to sharing')));
  return progressView(main, `/progress/users/${encodeURIComponent(id)}`, 'Their');
}
