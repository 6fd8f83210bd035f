// What is waiting to sync, shown on every page that matters, with "Sync now".
import { h, formatDateTime, plural } from '../dom.js';
import { queue } from '../store.js';
import { syncNow, syncState, discard } from '../sync.js';

export async function syncCard() {
  const card = h('section', { class: 'card soft', 'aria-labelledby': 'sync-heading', id: 'sync-card' });
  const draw = async () => {
    const entries = await queue.all();
    card.hidden = entries.length === 0 && !syncState.signInNeeded;
    card.replaceChildren(...[
      h('h2', { id: 'sync-heading' }, 'Waiting to sync'),
      h('p', { id: 'sync-status' }, entries.length === 0 ? 'Everything is saved.' :
        `${entries.length} finished ${entries.length === 1 ? 'session is' : 'sessions are'} stored on this device and not yet uploaded.`),
      syncState.signInNeeded ? h('p', {}, 'Your sign-in has expired. ', h('a', { href: '/login' }, 'Sign in'), ' again to upload; nothing is lost.') : null,
      syncState.offline ? h('p', { class: 'muted' }, 'You are offline. They upload by themselves when the network is back.') : null,
      h('ul', { class: 'plain' }, entries.map((e) => h('li', {},
        `${formatDateTime(e.session.startedAt, e.session.timeZone)} · ${plural(e.session.sets.length, 'set')}`,
        e.rejected ? [h('p', { class: 'muted' }, `Refused by the server: ${e.rejected}`),
          h('button', { type: 'button', class: 'danger', onclick: async () => { await discard(e.id); draw(); } }, 'Discard')] : null))),
      entries.length ? h('button', { type: 'button', class: 'primary', onclick: async (ev) => {
        ev.target.disabled = true;
        await syncNow();
        await draw();
      } }, 'Sync now') : null].filter(Boolean));
  };
  await draw();
  return card;
}
