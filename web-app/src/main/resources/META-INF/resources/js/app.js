// The app: a router over hash paths, the header (who is signed in, what waits to sync) and the pages.
import { h } from './dom.js';
import { api, SignInRequired, Offline } from './api.js';
import { kv } from './store.js';
import { syncNow, onSyncChange, refreshSyncState, syncState } from './sync.js';
import { todayPage } from './pages/today.js';
import { routinesPage } from './pages/routines.js';
import { sessionPage } from './pages/session.js';
import { historyPage } from './pages/history.js';
import { progressPage } from './pages/progress.js';
import { sharingPage, personPage } from './pages/sharing.js';
import { catalogPage } from './pages/catalog.js';
import { dataPage } from './pages/data.js';

const routes = {
  today: todayPage,
  routines: routinesPage,
  session: sessionPage,
  history: historyPage,
  progress: progressPage,
  sharing: sharingPage,
  person: personPage,
  catalog: catalogPage,
  data: dataPage,
};

const app = { me: null, online: navigator.onLine, cleanup: null };

/** Who is signed in: asked of the server, remembered for offline use (a name and roles, never a token). */
async function whoAmI() {
  try {
    app.me = await api('/api/me');
    await kv.set('me', app.me);
  } catch (e) {
    if (e instanceof SignInRequired) {
      app.me = null;
      await kv.remove('me');
    } else if (e instanceof Offline) {
      app.me = (await kv.get('me')) || null;
      app.offlineMe = true;
    } else {
      throw e;
    }
  }
  renderWho();
  return app.me;
}

function renderWho() {
  const admin = document.querySelector('.tabs a[data-route="catalog"]');
  if (admin) admin.hidden = !(app.me && app.me.roles.includes('admin'));
  const who = document.getElementById('who');
  who.replaceChildren();
  if (app.me) {
    who.append(h('span', {}, `Hi, ${app.me.givenName || app.me.name}`), ' ', h('a', { href: '#/data' }, 'Your data'), ' ',
      h('a', { href: '/logout' }, 'Sign out'));
  }
}

function renderSyncBadge(state) {
  const badge = document.getElementById('sync-badge');
  if (!state.waiting) {
    badge.hidden = true;
    return;
  }
  badge.hidden = false;
  badge.textContent = `${state.waiting} to sync`;
  badge.setAttribute('aria-label', `${state.waiting} ${state.waiting === 1 ? 'session' : 'sessions'} waiting to sync`);
}

export function signInCard(message) {
  return h('div', { class: 'card soft stack' },
    h('p', {}, message || 'Sign in to record your sessions and see your progress.'),
    h('a', { class: 'button primary big', href: '/login', role: 'button' }, 'Sign in'));
}

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '') || 'today';
  const [path, query = ''] = hash.split('?');
  const [name, ...rest] = path.split('/');
  return { name: routes[name] ? name : 'today', params: rest, query: new URLSearchParams(query) };
}

let renders = 0;

async function render() {
  const generation = ++renders;
  const route = parseRoute();
  if (app.cleanup) {
    try { app.cleanup(); } catch { /* the page is gone anyway */ }
    app.cleanup = null;
  }
  document.querySelectorAll('.tabs a').forEach((a) => {
    if (a.dataset.route === route.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = document.getElementById('main');
  // each page draws into a view of its own: a page still loading when the person moves on draws into a view
  // nobody sees, never into the next page
  const view = h('div', { class: 'page' });
  main.replaceChildren(view);
  const page = routes[route.name];
  try {
    const result = await page({ app, main: view, route, navigate });
    if (generation !== renders) {
      if (typeof result === 'function') result();
      return;
    }
    if (typeof result === 'function') app.cleanup = result;
  } catch (e) {
    if (generation !== renders) return;
    view.replaceChildren(h('h1', {}, 'Something went wrong'), e instanceof SignInRequired ? signInCard(e.message) : h('p', {}, e.message));
  }
  const heading = view.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Back care` : 'Back care';
  if (app.rendered) main.focus({ preventScroll: true });
  app.rendered = true;
}

export function navigate(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

async function boot() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(() => { /* the app works online without it */ });
  }
  onSyncChange(renderSyncBadge);
  window.addEventListener('hashchange', render);
  window.addEventListener('online', () => { app.online = true; syncNow(); });
  window.addEventListener('offline', () => { app.online = false; });
  await whoAmI().catch(() => null);
  await refreshSyncState();
  await render();
  if (app.me) syncNow().then(() => { if (syncState.signInNeeded) render(); });
}

boot();
