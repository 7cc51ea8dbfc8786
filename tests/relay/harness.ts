/**
 * What the relay's tests share: a clock they move by hand, stores of both kinds that can be closed and
 * opened again (a restart), a relay pointed at the fake push service, and a raw HTTP client for the API
 * (Node's fetch would not let a test set Origin and Host, nor send an over-long chunked body).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { RelaySchedule } from '../../src/lib/domain/relay-schedule';
import { startRelay, type Relay, type RelayOptions } from '../../relay/relay';
import { openStore } from '../../relay/store/open-store';
import type { RelayStore } from '../../relay/store/types';
import type { FakePushService, SubscriptionJson } from './fake-push-service';

export type StoreKind = 'sqlite' | 'postgres';

/** The relay's clock, moved by the test. */
export class TestClock {
  nowMs: number;
  constructor(iso: string) {
    this.nowMs = Date.parse(iso);
  }
  readonly now = () => this.nowMs;
  set(iso: string): void {
    this.nowMs = Date.parse(iso);
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A place a relay keeps its data, which outlives the relay: a SQLite folder or a PostgreSQL database. */
export interface TestDataPlace {
  kind: StoreKind;
  /** The PostgreSQL database's name (none for SQLite). */
  databaseName?: string;
  open(): Promise<RelayStore>;
  /** Rows of a table, read around the relay (the test looks at what it stores). */
  rows(table: string): Promise<Record<string, unknown>[]>;
  /** Every table and its columns. */
  columns(): Promise<Record<string, string[]>>;
  remove(): Promise<void>;
}

export async function makeDataPlace(kind: StoreKind, postgresAdminUrl: string): Promise<TestDataPlace> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hs-relay-test-'));
    const { default: Database } = await import('better-sqlite3');
    const read = <T>(work: (db: InstanceType<typeof Database>) => T): T => {
      const db = new Database(join(dir, 'relay.sqlite'), { readonly: true });
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      kind,
      open: () => openStore({ dataDir: dir }),
      rows: (table) =>
        Promise.resolve(read((db) => db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[])),
      columns: () =>
        Promise.resolve(
          read((db) => {
            const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
              name: string;
            }[];
            return Object.fromEntries(
              tables.map(({ name }) => [
                name,
                (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((column) => column.name),
              ]),
            );
          }),
        ),
      remove: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `relay_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  return {
    kind,
    databaseName: name,
    open: () => openStore({ databaseUrl: url.href, dataDir: '/nonexistent' }),
    rows: (table) => query(`SELECT * FROM ${table}`),
    async columns() {
      const rows = await query(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
          ORDER BY table_name, ordinal_position`,
      );
      const tables: Record<string, string[]> = {};
      for (const row of rows) (tables[String(row.table_name)] ??= []).push(String(row.column_name));
      return tables;
    },
    async remove() {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A relay on `store` that sends to the fake push service (and nowhere else) on the test's clock. */
export async function startTestRelay(
  store: RelayStore,
  push: FakePushService,
  clock: TestClock,
  options: Partial<RelayOptions> = {},
): Promise<Relay> {
  const relay = await startRelay({
    store,
    clock: clock.now,
    isPushEndpoint: (url) => url.origin === push.url,
    vapidSubject: 'mailto:relay-test@example.invalid',
    rateLimit: { requests: 10_000, windowMs: 60_000 },
    ...options,
    scheduler: { random: () => 0.5, ...options.scheduler },
  });
  push.vapidPublicKey = relay.vapidPublicKey;
  return relay;
}

export const newReminderId = () => randomBytes(16).toString('base64url');
export const newSecret = () => randomBytes(32).toString('base64url');

export interface ApiAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One HTTP request to the relay, with full say over the headers. */
export function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && !options.chunked)
      headers['content-length'] = String(Buffer.byteLength(options.body));
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
    });
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    request.end();
  });
}

/** PUT a reminder as the app does: its subscription's JSON and its schedule, with its secret. */
export function putReminder(
  relay: Relay,
  id: string,
  secret: string,
  subscription: SubscriptionJson,
  schedule: RelaySchedule,
): Promise<ApiAnswer> {
  return call(relay.url, 'PUT', `/relay/reminders/${id}`, {
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subscription, schedule }),
  });
}

export function deleteReminder(relay: Relay, id: string, secret: string): Promise<ApiAnswer> {
  return call(relay.url, 'DELETE', `/relay/reminders/${id}`, { headers: { authorization: `Bearer ${secret}` } });
}

export const everyDay = (times: string[], timeZone: string): RelaySchedule => ({
  times,
  days: { weekdays: [0, 1, 2, 3, 4, 5, 6] },
  timeZone,
});
