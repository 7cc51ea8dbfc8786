/** The store a relay runs on: PostgreSQL when a database URL is given, else the SQLite file in the data folder. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { RelayStore } from './types';

export async function openStore(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<RelayStore> {
  let store: RelayStore;
  if (options.databaseUrl) store = new PostgresStore(options.databaseUrl);
  else {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    store = new SqliteStore(join(options.dataDir, 'relay.sqlite'));
  }
  await store.migrate();
  return store;
}
