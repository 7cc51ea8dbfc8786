/**
 * A screen's section of messages arriving re-runs only what reads that section: when each arrival replaced
 * the whole message object, the backup and reminder texts loading after Today was drawn re-rendered every
 * text on the page, one long task each on a slow phone.
 */
import { flushSync } from 'svelte';
import { expect, test } from 'vitest';
import { LocaleState } from '../i18n/locale.svelte';

test('loading a section re-runs what reads it, not what reads the core messages', async () => {
  // An instance of its own: the DOM tests' setup loads every section into the app's.
  const i18n = new LocaleState();
  await i18n.use('en');
  const runs = { core: 0, backup: 0 };
  const stop = $effect.root(() => {
    $effect(() => {
      void i18n.t.today.title;
      runs.core += 1;
    });
    $effect(() => {
      void i18n.t.backup?.title;
      runs.backup += 1;
    });
  });
  flushSync();
  expect(runs).toEqual({ core: 1, backup: 1 });

  await i18n.need('backup');
  flushSync();
  expect(i18n.t.backup.title).toBe('Backup');
  expect(runs).toEqual({ core: 1, backup: 2 });

  // A language switch changes everything, and re-runs both.
  await i18n.use('zh-CN');
  flushSync();
  expect(i18n.t.today.title).not.toBe('Today');
  expect(i18n.t.backup.title).not.toBe('Backup');
  expect(runs.core).toBe(2);
  expect(runs.backup).toBeGreaterThanOrEqual(3);
  stop();
});
