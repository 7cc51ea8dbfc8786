/**
 * What the relay keeps, and the one interface both stores (SQLite file, PostgreSQL) answer. A reminder is
 * its push subscription, its schedule (times, days, zone, end date) and the hash of its capability secret;
 * `nextDueMs` and `sentThroughMs` are the scheduler's bookkeeping, derived from the schedule. A send is a
 * due instant moved out of a reminder into the outbox: it is kept until the push service took it, so a
 * restart neither misses it nor sends it again.
 */
import type { RelaySchedule } from '../../src/lib/domain/relay-schedule';

export interface PushSubscriptionRecord {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface ReminderRecord {
  id: string;
  secretHash: string;
  subscription: PushSubscriptionRecord;
  schedule: RelaySchedule;
}

/** A reminder the scheduler is moving on: its schedule and how far it has been sent. */
export interface DueReminder {
  id: string;
  schedule: RelaySchedule;
  nextDueMs: number;
  sentThroughMs: number | null;
}

/** What to do with a due reminder: these instants go to the outbox, and the reminder next falls due then. */
export interface DuePlan {
  sendDueMs: number[];
  nextDueMs: number | null;
  sentThroughMs: number;
}

/** One push to send: a leased outbox row with its subscription. */
export interface SendJob {
  reminderId: string;
  dueMs: number;
  attempts: number;
  subscription: PushSubscriptionRecord;
}

export type PutResult = 'created' | 'replaced' | 'forbidden';
export type DeleteResult = 'deleted' | 'forbidden' | 'missing';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface RelayStore {
  /** `sqlite` or `postgres`, for logs and the bench. */
  readonly kind: string;
  /** Apply the migrations this database has not seen; safe when several relays start at once. */
  migrate(): Promise<void>;
  /** The stored VAPID keys, or `make()`'s, stored first (the first relay to start wins). */
  vapidKeys(make: () => VapidKeys): Promise<VapidKeys>;
  /**
   * Create the reminder, or replace it when `isOwner` accepts the stored secret hash. `nextDue` gets how
   * far it has been sent (`null` for a new one) and says when it falls due next.
   */
  putReminder(
    record: ReminderRecord,
    isOwner: (storedHash: string) => boolean,
    nextDue: (sentThroughMs: number | null) => number | null,
  ): Promise<PutResult>;
  deleteReminder(id: string, isOwner: (storedHash: string) => boolean): Promise<DeleteResult>;
  /** Delete a reminder whose push subscription is gone (the push service said 404 or 410). */
  dropReminder(id: string): Promise<void>;
  /**
   * Claim up to `limit` reminders due by `nowMs` (each by one relay only), move `plan`'s instants to the
   * outbox and store the next due time, in one transaction. Returns how many reminders were claimed.
   */
  scheduleDue(nowMs: number, limit: number, plan: (due: DueReminder) => DuePlan): Promise<number>;
  /** Lease up to `limit` sends whose time has come until `leaseUntilMs`, so no other relay takes them meanwhile. */
  leaseSends(nowMs: number, limit: number, leaseUntilMs: number): Promise<SendJob[]>;
  /** The push service took it, or it is given up: the send leaves the outbox. */
  finishSend(reminderId: string, dueMs: number): Promise<void>;
  /** Try again at `nextAttemptMs`. */
  retrySend(reminderId: string, dueMs: number, attempts: number, nextAttemptMs: number): Promise<void>;
  close(): Promise<void>;
}
