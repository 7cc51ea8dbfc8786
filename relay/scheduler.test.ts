/**
 * The scheduler over a real SQLite store with a scripted push sender: what it does with each answer, that a
 * due time is pushed once however often it ticks, and that a relay dying mid-send leaves the push to the
 * next one after its lease, not before.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeDataPlace, newReminderId, TestClock, type TestDataPlace, everyDay } from '../tests/relay/harness';
import { firstDueMs, type PushOutcome } from './policy';
import type { PushSender } from './push-sender';
import { Scheduler } from './scheduler';
import type { RelayStore, SendJob } from './store/types';

const utc = (iso: string) => Date.parse(iso);
let place: TestDataPlace;
let store: RelayStore;
let clock: TestClock;

/** A sender that records each push and answers what `answer` says (201 by default). */
function scriptedSender(answer: (job: SendJob) => PushOutcome | Promise<PushOutcome> = () => ({ status: 201 })) {
  const sent: { reminderId: string; dueMs: number }[] = [];
  const sender: PushSender = {
    send: (job) => {
      sent.push({ reminderId: job.reminderId, dueMs: job.dueMs });
      return Promise.resolve(answer(job));
    },
  };
  return { sender, sent };
}

async function addReminder(times = ['08:00']): Promise<string> {
  const id = newReminderId();
  const schedule = everyDay(times, 'Europe/London');
  await store.putReminder(
    { id, secretHash: 'hash', subscription: { endpoint: 'https://push.example/1', p256dh: 'p', auth: 'a' }, schedule },
    () => true,
    (sentThroughMs) => firstDueMs(schedule, sentThroughMs, clock.nowMs),
  );
  return id;
}

beforeEach(async () => {
  clock = new TestClock('2026-01-10T07:00:00Z');
  place = await makeDataPlace('sqlite', '');
  store = await place.open();
});
afterEach(async () => {
  await store.close();
  await place.remove();
});

it('pushes a due time once, however many ticks come, overlapping or not', async () => {
  const id = await addReminder();
  let release: () => void = () => undefined;
  const { sender, sent } = scriptedSender(
    () => new Promise<PushOutcome>((resolve) => (release = () => resolve({ status: 201 }))),
  );
  const scheduler = new Scheduler(store, sender, { clock: clock.now });
  clock.set('2026-01-10T08:00:00Z');
  const first = scheduler.tick();
  const second = scheduler.tick();
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  expect(await first).toMatchObject({ scheduled: 1, sent: 1 });
  expect(await second).toBe(await first);
  for (let index = 0; index < 5; index++) {
    clock.advance(10_000);
    await scheduler.tick();
  }
  expect(sent).toEqual([{ reminderId: id, dueMs: utc('2026-01-10T08:00:00Z') }]);
});

it('drops the reminder on 404, keeps it after a refused push (400), and gives up after the last retry', async () => {
  const gone = await addReminder();
  const refused = await addReminder();
  const flaky = await addReminder();
  const { sender, sent } = scriptedSender((job) =>
    job.reminderId === gone ? { status: 404 } : job.reminderId === refused ? { status: 400 } : { status: 500 },
  );
  const log: string[] = [];
  const scheduler = new Scheduler(store, sender, { clock: clock.now, random: () => 0, log: (line) => log.push(line) });
  clock.set('2026-01-10T08:00:00Z');
  expect(await scheduler.tick()).toMatchObject({ scheduled: 3, gone: 1, gaveUp: 1, retried: 1 });
  for (let minute = 0; minute < 120; minute++) {
    clock.advance(60_000);
    await scheduler.tick();
  }
  expect(sent.filter((push) => push.reminderId === flaky)).toHaveLength(10);
  expect(log).toEqual([
    `reminder ${refused}: gave up (push service answered 400)`,
    `reminder ${flaky}: gave up (no success after 10 attempts)`,
  ]);
  expect((await place.rows('reminders')).map((row) => row.id).sort()).toEqual([refused, flaky].sort());
  expect(await place.rows('sends')).toEqual([]);

  // The next day both kept reminders are pushed again; the dropped one is not.
  clock.set('2026-01-11T08:00:00Z');
  sent.length = 0;
  await scheduler.tick();
  expect(sent.map((push) => push.reminderId).sort()).toEqual([refused, flaky].sort());
});

it('leaves a send whose relay died mid-push to the next relay once the lease has run out', async () => {
  const id = await addReminder();
  const dying = scriptedSender(() => new Promise<PushOutcome>(() => undefined));
  const doomed = new Scheduler(store, dying.sender, { clock: clock.now, leaseMs: 120_000 });
  clock.set('2026-01-10T08:00:00Z');
  void doomed.tick(); // never finishes: the process is gone
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(dying.sent).toHaveLength(1);

  const { sender, sent } = scriptedSender();
  const next = new Scheduler(store, sender, { clock: clock.now });
  clock.set('2026-01-10T08:01:59Z');
  await next.tick();
  expect(sent).toEqual([]);
  clock.set('2026-01-10T08:02:00Z');
  await next.tick();
  expect(sent).toEqual([{ reminderId: id, dueMs: utc('2026-01-10T08:00:00Z') }]);
});

it('pushes each batch of due reminders before planning the next, so a crowded minute starts at once', async () => {
  for (let index = 0; index < 5; index++) await addReminder();
  const events: string[] = [];
  const watched: RelayStore = {
    kind: store.kind,
    migrate: () => store.migrate(),
    vapidKeys: (make) => store.vapidKeys(make),
    putReminder: (...args) => store.putReminder(...args),
    deleteReminder: (...args) => store.deleteReminder(...args),
    dropReminder: (id) => store.dropReminder(id),
    async scheduleDue(nowMs, limit, plan) {
      const claimed = await store.scheduleDue(nowMs, limit, plan);
      events.push(`planned ${claimed}`);
      return claimed;
    },
    leaseSends: (...args) => store.leaseSends(...args),
    finishSend: (...args) => store.finishSend(...args),
    retrySend: (...args) => store.retrySend(...args),
    close: () => store.close(),
  };
  const { sender } = scriptedSender(() => {
    events.push('pushed');
    return { status: 201 };
  });
  const scheduler = new Scheduler(watched, sender, { clock: clock.now, batchSize: 2, concurrency: 1 });
  clock.set('2026-01-10T08:00:00Z');
  expect(await scheduler.tick()).toMatchObject({ scheduled: 5, sent: 5 });
  expect(events).toEqual(['planned 2', 'pushed', 'pushed', 'planned 2', 'pushed', 'pushed', 'planned 1', 'pushed']);
});

it('leases each send from when it is taken, so a long pass never leaves a send to another relay mid-way', async () => {
  for (let index = 0; index < 3; index++) await addReminder();
  const pushes: string[] = [];
  const otherSender = scriptedSender(() => {
    pushes.push('other relay');
    return { status: 201 };
  });
  const other = new Scheduler(store, otherSender.sender, { clock: clock.now, leaseMs: 1500 });
  const slow = scriptedSender(async () => {
    pushes.push('first relay');
    clock.advance(1000); // a slow push service
    if (pushes.length === 3) await other.tick();
    return { status: 201 };
  });
  const first = new Scheduler(store, slow.sender, { clock: clock.now, leaseMs: 1500, concurrency: 1 });
  clock.set('2026-01-10T08:00:00Z');
  await first.tick();
  expect(pushes).toEqual(['first relay', 'first relay', 'first relay']);
});
