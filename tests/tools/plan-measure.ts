// Micro-measure of the relay's planning per reminder (issue 15, item 5): read the row back through the
// schedule schema (isTimeZone) and plan its sends. Run: npx tsx tests/tools/plan-measure.ts
import { isTimeZone } from '../../src/lib/domain/relay-schedule';
import { planDue } from '../../relay/policy';
import { scheduleColumns, scheduleOf } from '../../relay/store/rows';

const schedule = { times: ['08:00', '20:00'], days: { everyDays: 1, anchor: '2026-01-01' }, timeZone: 'Europe/London' };
const columns = scheduleColumns(schedule);
const nowMs = Date.parse('2026-03-29T07:00:00Z');
const N = 5000;

function measure(label: string, work: () => void): void {
  for (let i = 0; i < 200; i++) work();
  const start = performance.now();
  for (let i = 0; i < N; i++) work();
  console.log(`${label}: ${(((performance.now() - start) / N) * 1000).toFixed(1)} µs per reminder`);
}

measure('isTimeZone', () => isTimeZone('Europe/London'));
measure('read row (schema)', () => scheduleOf(columns));
measure('read + plan', () =>
  planDue({ id: 'x', schedule: scheduleOf(columns), nextDueMs: nowMs - 1000, sentThroughMs: null }, nowMs),
);
// Reminders at 1,440 different minutes of the day, so few instants repeat.
const spread = Array.from({ length: 1440 }, (_, minute) => {
  const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return scheduleColumns({ ...schedule, times: [time] });
});
let index = 0;
measure('read + plan, 1,440 different times', () => {
  const row = spread[index++ % spread.length];
  if (row) planDue({ id: 'x', schedule: scheduleOf(row), nextDueMs: nowMs - 1000, sentThroughMs: null }, nowMs);
});
