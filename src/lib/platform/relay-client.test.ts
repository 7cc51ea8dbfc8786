import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  defaultRelayUrl,
  deleteRelayReminder,
  fetchVapidKey,
  isRelayAllowed,
  relayUrlOf,
  RelayError,
} from './relay-client';

const credential = { id: 'a'.repeat(22), secret: 'b'.repeat(43) };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the relay’s address', () => {
  it('is ./relay/ beside the app unless the build names another origin', () => {
    expect(defaultRelayUrl('https://clinic.example/hs-diary/')).toBe('https://clinic.example/hs-diary/relay/');
    expect(defaultRelayUrl('https://clinic.example/')).toBe('https://clinic.example/relay/');
  });

  it('reads what the patient enters as the relay’s API base, and nothing that is not http(s)', () => {
    const base = 'https://clinic.example/';
    expect(relayUrlOf('relay.example.org', base)).toBe('https://relay.example.org/relay/');
    expect(relayUrlOf('https://relay.example.org/relay', base)).toBe('https://relay.example.org/relay/');
    expect(relayUrlOf(' https://relay.example.org/relay/?x=1#y ', base)).toBe('https://relay.example.org/relay/');
    expect(relayUrlOf('http://127.0.0.1:8787', base)).toBe('http://127.0.0.1:8787/relay/');
    expect(relayUrlOf('javascript:alert(1)', base)).toBeNull();
    expect(relayUrlOf('', base)).toBeNull();
  });

  it('is reachable only on the app’s own origin without a build setting', async () => {
    expect(isRelayAllowed('https://clinic.example/relay/', 'https://clinic.example')).toBe(true);
    expect(isRelayAllowed('https://relay.example.org/relay/', 'https://clinic.example')).toBe(false);
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await expect(fetchVapidKey('https://relay.elsewhere.example/relay/')).rejects.toMatchObject({
      kind: 'not-allowed',
    });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('talking to the relay', () => {
  it('takes a VAPID key only from an answer that looks like one', async () => {
    const url = new URL('./relay/', location.href).href;
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ publicKey: 'B'.repeat(87) })));
    expect(await fetchVapidKey(url)).toBe('B'.repeat(87));
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>', { status: 200 })));
    await expect(fetchVapidKey(url)).rejects.toBeInstanceOf(RelayError);
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ publicKey: 'not a key' })));
    await expect(fetchVapidKey(url)).rejects.toMatchObject({ kind: 'unreachable' });
  });

  it('counts a reminder as gone once the relay deleted it or no longer has it, and keeps it after a failure', async () => {
    const answer = (status: number) => vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status })));
    for (const status of [204, 404, 403]) {
      answer(status);
      expect(await deleteRelayReminder('https://r.example/relay/', credential), String(status)).toBe(true);
    }
    for (const status of [429, 500, 503]) {
      answer(status);
      expect(await deleteRelayReminder('https://r.example/relay/', credential), String(status)).toBe(false);
    }
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await deleteRelayReminder('https://r.example/relay/', credential)).toBe(false);
  });
});
