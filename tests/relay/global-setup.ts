/** Starts one PostgreSQL for the whole run (tests/relay/ensure-postgres.mjs); each test file makes its own database in it. */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './ensure-postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database of the run's PostgreSQL from which a test creates its own (`CREATE DATABASE`). */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const postgres = await startPostgres();
  project.provide('postgresAdminUrl', postgres.adminUrl);
  return () => postgres.stop();
}
