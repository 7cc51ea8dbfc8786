// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectSources, relayOriginSetting } from './relay-origin';

describe('the build-time relay origin', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('takes an https origin (http only on this machine) and refuses anything more or less', () => {
    expect(relayOriginSetting(undefined)).toBeUndefined();
    expect(relayOriginSetting('  ')).toBeUndefined();
    expect(relayOriginSetting('https://relay.example.org')).toBe('https://relay.example.org');
    expect(relayOriginSetting('https://relay.example.org/')).toBe('https://relay.example.org');
    expect(relayOriginSetting('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(() => relayOriginSetting('http://relay.example.org')).toThrow(/https/);
    expect(() => relayOriginSetting('https://relay.example.org/relay/')).toThrow(/origin alone/);
    expect(() => relayOriginSetting("https://a.example 'unsafe-inline'")).toThrow(/origin/);
    expect(() => relayOriginSetting('relay.example.org')).toThrow(/origin/);
  });

  it('adds exactly that origin to connect-src, and nothing without it', () => {
    expect(connectSources(undefined)).toBe("connect-src 'self'");
    expect(connectSources('https://relay.example.org')).toBe("connect-src 'self' https://relay.example.org");
  });

  it('reaches the build’s policy, its host headers and the app', async () => {
    vi.stubEnv('VITE_RELAY_ORIGIN', 'https://relay.example.org');
    const config = await import('../../../vite.config');
    expect(config.CONTENT_SECURITY_POLICY).toContain("connect-src 'self' https://relay.example.org;");
    expect(config.headersFile()).toContain("connect-src 'self' https://relay.example.org;");
    expect(config.nginxSnippet()).toContain("connect-src 'self' https://relay.example.org;");
    const defined = (config.default as { define?: Record<string, string> }).define;
    expect(defined?.['import.meta.env.VITE_RELAY_ORIGIN']).toBe('"https://relay.example.org"');

    vi.unstubAllEnvs();
    vi.resetModules();
    const plain = await import('../../../vite.config');
    expect(plain.CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(plain.CONTENT_SECURITY_POLICY).not.toContain('relay.example.org');
  });
});
