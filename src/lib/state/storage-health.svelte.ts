/**
 * Is the diary safe here? For the warnings on Today and in Settings: the database's state (a newer build,
 * another tab upgrading, storage refused), whether the browser may clear our storage (not persisted, or a
 * plain Safari tab on iOS), and the backup status the reminders follow.
 *
 * It also decides what this page does when another tab upgrades the database: the connection stays open
 * while the patient has unsaved input, so their entry can still be saved; as soon as nothing is being
 * typed, the connection is closed (the other tab's upgrade goes ahead) and the page reloads into the new
 * version. A reload with a draft on screen would lose what was typed, and this way nothing is lost.
 */
import type { BackupStatus } from '../db/backup-repository';
import type { backupNudge, BackupNudge } from '../domain/backup-nudge';
import { diaryDb, lifecycleOf, updateSettings, type DatabaseLifecycle, type DatabaseState } from '../db';
import { daysBetween, localDateOf, type IsoDate } from '../domain/dates';
import { i18n } from '../i18n/locale.svelte';
import { nowMs } from '../platform/clock';
import { readStorageStatus, type StorageStatus } from '../platform/storage';
import { editing } from './editing.svelte';

interface NavigatorLike {
  userAgent: string;
  maxTouchPoints?: number;
  /** Only Safari on iOS has it: true in a Home Screen app, false in a tab. */
  standalone?: boolean;
}

/** A plain Safari tab on iPhone or iPad, whose storage WebKit may clear after days without a visit. */
export function isIosBrowserTab(nav: NavigatorLike): boolean {
  if (nav.standalone !== false) return false;
  const isIPadAsMac = /Macintosh/.test(nav.userAgent) && (nav.maxTouchPoints ?? 0) > 1;
  return /iPhone|iPad|iPod/.test(nav.userAgent) || isIPadAsMac;
}

type NudgeOf = typeof backupNudge;

export class StorageHealth {
  database = $state<DatabaseState>('idle');
  storage = $state.raw<StorageStatus | null>(null);
  isIosTab = $state(false);
  backup = $state.raw<BackupStatus | null>(null);
  /** How the page reloads; tests replace it. */
  reloadPage: () => void = () => location.reload();
  readonly #lifecycle: DatabaseLifecycle;
  #nudgeOf: NudgeOf = (): BackupNudge => 'none';
  #followers = 0;
  #stopWatching: (() => void) | undefined;

  constructor(lifecycle: DatabaseLifecycle) {
    this.#lifecycle = lifecycle;
    this.database = lifecycle.state;
    lifecycle.keepOpenForUpgradeWhile(() => editing.isTyping);
    lifecycle.subscribe((state) => this.#onState(state));
  }

  /** The browser may clear the diary: storage not persisted, or a plain Safari tab on iOS. */
  get isAtRisk(): boolean {
    return this.storage?.persisted === false || this.isIosTab;
  }

  /** The last backup as the patient reads it ("12 days ago", and its date), or undefined when never. */
  lastBackup(today: IsoDate): { ago: string; date: string } | undefined {
    const at = this.backup?.settings.lastBackupAt;
    if (at === undefined) return undefined;
    // A one-off conversion of a stored instant to its local date, never mutated.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const date = localDateOf(new Date(at));
    const days = Math.max(0, daysBetween(date, today));
    const ago = new Intl.RelativeTimeFormat(i18n.intlTag, { numeric: 'auto' }).format(-days, 'day');
    return { ago, date: i18n.formatDate(date, 'long') };
  }

  /** Whether Today should suggest a backup now. */
  get nudge(): BackupNudge {
    const backup = this.backup;
    if (!backup) return 'none';
    return this.#nudgeOf({
      nowMs: nowMs(),
      lastBackupAt: backup.settings.lastBackupAt,
      lastBackupReminderAt: backup.settings.lastBackupReminderAt,
      hasChangesSinceBackup: backup.hasChangesSinceBackup,
      loggedDays: backup.loggedDays,
      isStorageAtRisk: this.isAtRisk,
    });
  }

  /** Follow everything above; call inside `$effect` (several components may follow at once). */
  follow(): () => void {
    this.#followers += 1;
    void this.refreshStorage();
    if (this.#followers === 1) this.#startWatching();
    return () => {
      this.#followers -= 1;
      if (this.#followers === 0) {
        this.#stopWatching?.();
        this.#stopWatching = undefined;
      }
    };
  }

  async refreshStorage(): Promise<void> {
    if (typeof navigator !== 'undefined') this.isIosTab = isIosBrowserTab(navigator);
    this.storage = await readStorageStatus();
  }

  /** Put off the backup reminder on Today for another 30 days. */
  async putOffBackupReminder(): Promise<void> {
    await updateSettings(diaryDb, { lastBackupReminderAt: nowMs() });
  }

  /** "No thanks" to importing a backup on first run; it is not offered again. */
  async dismissFirstRunImport(): Promise<void> {
    await updateSettings(diaryDb, { firstRunImportDismissed: true });
  }

  /** Close the connection for the upgrade another tab asked for, and reload. */
  reloadForUpdate(): void {
    if (this.#lifecycle.state === 'upgrade-requested') this.#lifecycle.releaseForUpgrade();
    else this.reloadPage();
  }

  #startWatching(): void {
    let isStopped = false;
    let unsubscribe: (() => void) | undefined;
    this.#stopWatching = () => {
      isStopped = true;
      unsubscribe?.();
    };
    // Opening here tells a first start what state the database is in (private window, newer build).
    this.#lifecycle.ensureOpen().catch(() => undefined);
    // The backup module is not needed to draw Today, so it loads after.
    void Promise.all([import('../db/backup-repository'), import('../domain/backup-nudge')]).then(
      ([{ watchBackupStatus }, { backupNudge }]) => {
        if (isStopped) return;
        this.#nudgeOf = backupNudge;
        unsubscribe = watchBackupStatus(
          diaryDb,
          (status) => (this.backup = status),
          () => undefined,
        );
      },
    );
  }

  #onState(state: DatabaseState): void {
    this.database = state;
    if (state === 'upgrade-requested') this.#releaseOnceSaved();
    if (state === 'closed-for-upgrade') this.reloadPage();
  }

  /** Wait until nothing unsaved is on screen, then let the other tab's upgrade go ahead. */
  #releaseOnceSaved(): void {
    const stop = $effect.root(() => {
      $effect(() => {
        if (editing.isTyping || this.database !== 'upgrade-requested') return;
        queueMicrotask(() => {
          stop();
          if (this.#lifecycle.state === 'upgrade-requested') this.#lifecycle.releaseForUpgrade();
        });
      });
    });
  }
}

export const storageHealth = new StorageHealth(lifecycleOf(diaryDb));
