/**
 * Checking one row from outside against its zod schema, with the first problem described for a patient:
 * which field (a dotted path) and what is wrong with it. Shared by the backup format and the app state it
 * carries in `meta` (./backup-format.ts, ./backup-meta-state.ts).
 */
import { DAY_CHECKS, type DayCheck } from './day';

/** What is wrong with one value of a row, for the screen to word. */
export type RowIssue =
  | { kind: 'missing' }
  | { kind: 'too-big'; limit: number; unit: 'number' | 'characters' | 'items' }
  | { kind: 'too-small'; limit: number; unit: 'number' | 'characters' | 'items' }
  | { kind: 'not-whole-number' }
  | { kind: 'wrong-type' }
  | { kind: 'not-allowed' }
  | { kind: 'bad-format' }
  | { kind: 'not-a-date' }
  | { kind: 'duplicate-entries' }
  | { kind: 'regions-without-flare' }
  | { kind: 'unknown-medication' }
  /** A moment later than this device's clock allows (see ./timestamps.ts). */
  | { kind: 'in-the-future' }
  | { kind: 'invalid' };

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  expected?: string;
  /** Set by a check of our own (see `DAY_CHECKS`). */
  params?: { check?: unknown };
}

export function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let value = row;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function unitOf(origin: string | undefined): 'number' | 'characters' | 'items' {
  if (origin === 'string') return 'characters';
  if (origin === 'array' || origin === 'set') return 'items';
  return 'number';
}

/** What each of the day's own checks means to a patient; a new check fails the type check until it is here. */
const DAY_CHECK_ISSUES: Readonly<Record<DayCheck, RowIssue>> = {
  [DAY_CHECKS.notADate]: { kind: 'not-a-date' },
  [DAY_CHECKS.duplicateEntries]: { kind: 'duplicate-entries' },
  [DAY_CHECKS.regionsWithoutFlare]: { kind: 'regions-without-flare' },
};

const isDayCheck = (value: unknown): value is DayCheck =>
  typeof value === 'string' && Object.hasOwn(DAY_CHECK_ISSUES, value);

/** One zod issue as a field and an issue a patient can be told about. */
function describeIssue(issue: IssueLike, row: unknown): { field: string; issue: RowIssue } {
  const field = issue.path.map(String).join('.');
  const value = valueAt(row, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { field, issue: { kind: 'missing' } };
      if (issue.expected === 'int' && typeof value === 'number') return { field, issue: { kind: 'not-whole-number' } };
      return { field, issue: { kind: 'wrong-type' } };
    case 'too_big':
      return { field, issue: { kind: 'too-big', limit: Number(issue.maximum), unit: unitOf(issue.origin) } };
    case 'too_small':
      return { field, issue: { kind: 'too-small', limit: Number(issue.minimum), unit: unitOf(issue.origin) } };
    case 'invalid_value':
      return { field, issue: { kind: value === undefined ? 'missing' : 'not-allowed' } };
    case 'invalid_format':
      return { field, issue: { kind: 'bad-format' } };
    case 'custom': {
      const check = issue.params?.check;
      return { field, issue: isDayCheck(check) ? DAY_CHECK_ISSUES[check] : { kind: 'invalid' } };
    }
    default:
      return { field, issue: { kind: 'invalid' } };
  }
}

export type RowCheck<T> = { ok: true; row: T } | { ok: false; field: string; issue: RowIssue };

interface ParseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

/** Check `row` against `schema`; a problem's field is its path in `row`, after `prefix` (where `row` sits). */
export function checkWith<T>(schema: ParseSchema<T>, row: unknown, prefix: PropertyKey[] = []): RowCheck<T> {
  const result = schema.safeParse(row);
  if (result.success) return { ok: true, row: result.data };
  const first = result.error.issues[0];
  if (!first) return { ok: false, field: prefix.map(String).join('.'), issue: { kind: 'invalid' } };
  const described = describeIssue(first, row);
  const field = [...prefix.map(String), ...(described.field ? [described.field] : [])].join('.');
  return { ok: false, field, issue: described.issue };
}
