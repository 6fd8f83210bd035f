// Calls to the services through the web app (same origin). The browser holds no token: the session cookie is
// HttpOnly and the web app adds the access token on its side.
export class SignInRequired extends Error {
  constructor() { super('Your sign-in has expired. Sign in again; nothing waiting to sync is lost.'); }
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export class Offline extends Error {
  constructor() { super('You are offline.'); }
}

export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        'X-Requested-With': 'JavaScript',
        Accept: 'application/json, application/problem+json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
  } catch {
    throw new Offline();
  }
  if (response.status === 401 || response.status === 499 || response.type === 'opaqueredirect') {
    throw new SignInRequired();
  }
  if (response.status === 503 && response.headers.get('X-Offline') === '1') throw new Offline();
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* no body */ }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const catalog = (path) => `/api/catalog${path}`;
export const sessions = (path) => `/api/session${path}`;
export const progress = (path) => `/api/progress${path}`;
