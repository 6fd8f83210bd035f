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
  const coachName = h('input', { type: 'text', id: 'coach-name', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  main.append(status,
    h('section', { class: 'card', 'aria-labelledby': 'coaches' },
      h('h2', { id: 'coaches' }, 'Coaches who see your progress'),
      shares.items.length ? h('ul', { class: 'plain' }, shares.items.map((s) => h('li', { class: 'row' },
        h('span', {}, `${s.coachName || 'A coach'} · since ${formatDateTime(s.sharedAt)}`),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          await api(progress(`/progress/me/coaches/${encodeURIComponent(s.coachUserId)}`), { method: 'DELETE' });
          await sharingPage({ app, main });
          document.getElementById('sharing-status').textContent = `${s.coachName || 'The coach'} no longer sees your progress.`;
        } , 'aria-label': `Revoke ${s.coachName || 'this coach'}` }, 'Revoke')))) : h('p', {}, 'You share with nobody.'),
      h('form', { class: 'stack', onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          const share = await api(progress('/progress/me/coaches'), { method: 'POST', body: { coach: coachName.value.trim() } });
          await sharingPage({ app, main });
          document.getElementById('sharing-status').textContent = `You now share your progress with ${share.coachName}.`;
        } catch (e) {
          status.textContent = e.problem?.violations?.[0]?.message ? `Not shared: ${e.problem.violations[0].message}.` : e.message;
        }
      } },
        h('label', { class: 'field', for: 'coach-name' }, 'Coach’s user name or e-mail'), coachName,
        h('p', { class: 'muted' }, 'Your coach sees your progress and reports, never your notes; you can revoke it here at any time.'),
        h('button', { type: 'submit', class: 'primary' }, 'Share'))));
  if (app.me.roles.includes('coach')) {
    const people = await api(progress('/progress/coaching'));
    main.append(h('section', { class: 'card', 'aria-labelledby': 'people' },
      h('h2', { id: 'people' }, 'People who share with you'),
      people.items.length ? h('ul', { class: 'plain' }, people.items.map((p) => h('li', {},
        h('a', { href: `#/person/${encodeURIComponent(p.userId)}` }, p.userName || 'A person who shares with you'),
        ` · since ${formatDateTime(p.sharedAt)}`))) : h('p', {}, 'Nobody shares with you yet.')));
  }
}

export async function personPage({ app, main, route }) {
  main.replaceChildren(h('h1', {}, 'Progress'));
  if (!app.me) { main.append(signInCard()); return; }
  const id = decodeURIComponent(route.params[0] || '');
  main.append(h('p', {}, h('a', { href: '#/sharing' }, 'Back to sharing')));
  return progressView(main, `/progress/users/${encodeURIComponent(id)}`, 'Their');
}
