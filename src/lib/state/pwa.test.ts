import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n/locale.svelte';
import type { ServiceWorkerEvents } from '../platform/sw-bridge';
import { noticeText, notices } from './notices.svelte';
import { pwa } from './pwa.svelte';

const worker = vi.hoisted(() => ({ events: null as ServiceWorkerEvents | null }));
vi.mock('../platform/idle', () => ({ afterFirstScreen: () => Promise.resolve() }));
vi.mock('../platform/sw-bridge', () => ({
  registerServiceWorker: (events: ServiceWorkerEvents) => {
    worker.events = events;
    return Promise.resolve();
  },
}));

beforeEach(async () => {
  await i18n.use('en');
  pwa.start();
  await vi.waitFor(() => expect(worker.events).not.toBeNull());
});

afterEach(() => {
  notices.dismiss();
  pwa.postponeUpdate();
});

describe('pwa', () => {
  it('says at the foot of the screen, not above the form, that the app now works offline', async () => {
    worker.events?.onOfflineReady();
    expect(noticeText(notices.current?.message ?? '')).toBe(i18n.t.pwa.offlineReady);
    await i18n.use('zh-CN');
    expect(noticeText(notices.current?.message ?? '')).toBe(i18n.t.pwa.offlineReady);
    expect(pwa.isUpdateReady).toBe(false);
  });

  it('holds a waiting update until the patient applies it', () => {
    const applyUpdate = vi.fn();
    worker.events?.onUpdateReady(applyUpdate);
    expect(pwa.isUpdateReady).toBe(true);
    pwa.applyUpdate();
    expect(applyUpdate).toHaveBeenCalledOnce();
    expect(pwa.isUpdateReady).toBe(false);
  });
});
