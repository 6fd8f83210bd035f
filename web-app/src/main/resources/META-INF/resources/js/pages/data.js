// Your data: download everything the services hold about the person in one file, or erase all of it.
import { h, announce } from '../dom.js';
import { api, sessions, progress } from '../api.js';
import { queue, kv } from '../store.js';
import { refreshSyncState } from '../sync.js';
import { signInCard } from '../app.js';

/** The word the person types to confirm the erasure. */
export const ERASE_WORD = 'erase';

/** True when what was typed confirms the erasure (the word, in any case, spaces around it ignored). */
export function confirmsErasure(typed) {
  return String(typed || '').trim().toLowerCase() === ERASE_WORD;
}

/** Today's date as the person's calendar says it, for the file name. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function download(app, status, button) {
  button.disabled = true;
  status.textContent = 'Collecting your data…';
  try {
    const [sessionData, progressData, waiting] = await Promise.all([
      api(sessions('/me/data')),
      api(progress('/progress/me/data')),
      queue.all(),
    ]);
    const file = {
      about: 'Everything Back care holds about you: your sessions and sets as the session service keeps them, '
        + 'your progress and sharing as the progress service keeps them, and the finished sessions this browser '
        + 'has not uploaded yet.',
      exportedAt: new Date().toISOString(),
      person: { userId: app.me.userId, name: app.me.name, username: app.me.username },
      sessions: sessionData,
      progress: progressData,
      waitingInThisBrowser: waiting.map((entry) => entry.session),
    };
    const name = `backcare-data-${today()}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    const link = h('a', { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `Downloaded ${name}.`;
  } catch (e) {
    status.textContent = `Not downloaded: ${e.message}`;
  } finally {
    button.disabled = false;
  }
}

/** "1 session", "3 sessions", "no sessions". */
function count(n, noun) {
  const many = `${noun}s`;
  if (!n) return `no ${many}`;
  return n === 1 ? `1 ${noun}` : `${n} ${many}`;
}

async function erase(main, status) {
  status.textContent = 'Erasing your data…';
  try {
    const erased = await api(sessions('/me'), { method: 'DELETE' });
    // what this browser holds goes too: the sessions waiting to upload and the session in progress
    for (const entry of await queue.all()) await queue.remove(entry.id);
    for (const key of ['current', 'one-off']) await kv.remove(key);
    await refreshSyncState();
    main.replaceChildren(
      h('h1', {}, 'Your data'),
      h('section', { class: 'card stack', 'aria-labelledby': 'erased' },
        h('h2', { id: 'erased', tabindex: '-1' }, 'Your data is erased'),
        h('p', {}, `${count(erased?.sessions, 'session')} and ${count(erased?.sets, 'set')} are gone from the session service, `
          + 'and this browser holds nothing of yours any more. Your progress, reports and shares follow within a minute.'),
        h('p', {}, 'Your sign-in account itself stays, so you can start afresh; signing out ends this visit.'),
        h('a', { class: 'button primary big', href: '/logout', role: 'button' }, 'Sign out')));
    main.querySelector('#erased').focus();
    announce('Your data is erased.');
  } catch (e) {
    status.textContent = `Nothing was erased: ${e.message}`;
  }
}

export async function dataPage({ app, main }) {
  main.replaceChildren(h('h1', {}, 'Your data'));
  if (!app.me) { main.append(signInCard()); return; }
  const downloadStatus = h('p', { role: 'status', id: 'download-status' });
  const eraseStatus = h('p', { role: 'status', id: 'erase-status' });
  const downloadButton = h('button', { type: 'button', class: 'primary big' }, 'Download my data');
  downloadButton.addEventListener('click', () => download(app, downloadStatus, downloadButton));
  const confirmation = h('input', {
    type: 'text', id: 'erase-confirm', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
    'aria-describedby': 'erase-hint',
  });
  const eraseButton = h('button', { type: 'submit', class: 'danger primary big', disabled: true }, 'Erase my data');
  confirmation.addEventListener('input', () => { eraseButton.disabled = !confirmsErasure(confirmation.value); });
  const waiting = await queue.count();
  main.append(
    h('section', { class: 'card stack', 'aria-labelledby': 'download' },
      h('h2', { id: 'download' }, 'Download'),
      h('p', {}, 'One file with every session, set, pain score and note you recorded, your progress and who you share it with.'),
      downloadButton, downloadStatus),
    h('section', { class: 'card warn stack', 'aria-labelledby': 'erase' },
      h('h2', { id: 'erase' }, 'Erase everything'),
      h('p', {}, 'Erasing removes your sessions, sets, pain scores and notes, your progress and reports, and every share with a coach, '
        + 'from every service. It cannot be undone: download your data first if you want to keep it.'),
      waiting ? h('p', {}, `${waiting} finished ${waiting === 1 ? 'session' : 'sessions'} waiting to sync in this browser ${waiting === 1 ? 'is' : 'are'} erased too.`) : null,
      h('form', { class: 'stack', onsubmit: (ev) => {
        ev.preventDefault();
        if (confirmsErasure(confirmation.value)) erase(main, eraseStatus);
      } },
        h('label', { class: 'field', for: 'erase-confirm' }, `Type “${ERASE_WORD}” to confirm`),
        confirmation,
        h('p', { class: 'muted', id: 'erase-hint' }, 'The button works once the word is typed.'),
        eraseButton),
      eraseStatus));
}
