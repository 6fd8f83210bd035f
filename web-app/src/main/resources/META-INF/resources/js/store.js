// The browser's own storage, in IndexedDB: the finished sessions waiting to be uploaded (queue), the session in
// progress, and a few remembered answers (kv). No token is ever stored: the session cookie is HttpOnly.
const DB = 'backcare';
const VERSION = 1;
let opening;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return opening;
}

async function run(storeName, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const store = tx.objectStore(storeName);
    let result;
    Promise.resolve(work(store)).then((r) => { result = r; });
    // a write counts only once its transaction is committed (durable), never before
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('aborted'));
  });
}

function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export const queue = {
  /** Adds a finished session (an import body entry); resolves when it is on disk. */
  put: (entry) => run('queue', 'readwrite', (store) => { store.put(entry); }),
  all: () => run('queue', 'readonly', (store) => req(store.getAll())),
  remove: (id) => run('queue', 'readwrite', (store) => { store.delete(id); }),
  count: () => run('queue', 'readonly', (store) => req(store.count())),
};

export const kv = {
  get: (key) => run('kv', 'readonly', (store) => req(store.get(key))),
  set: (key, value) => run('kv', 'readwrite', (store) => { store.put(value, key); }),
  remove: (key) => run('kv', 'readwrite', (store) => { store.delete(key); }),
};
