/** A tiny key-value store on IndexedDB (one database, one object store): enough for the saved workspace. */
const DB = 'argo-sandbox';
const STORE = 'kv';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export class KeyValueStore {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly name = DB) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(this.name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB is not available'));
    });
    return this.db;
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await request((await this.store('readonly')).get(key))) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await request((await this.store('readwrite')).put(value, key));
  }

  async delete(key: string): Promise<void> {
    await request((await this.store('readwrite')).delete(key));
  }
}
