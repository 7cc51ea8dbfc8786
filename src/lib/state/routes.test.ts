import { describe, expect, it } from 'vitest';
import { isViewerHash, parseRoute, paths } from './routes';

describe('parseRoute', () => {
  it('reads every screen from the fragment', () => {
    expect(parseRoute('')).toEqual({ name: 'today' });
    expect(parseRoute('#/')).toEqual({ name: 'today' });
    expect(parseRoute('#/diary')).toEqual({ name: 'diary', month: undefined });
    expect(parseRoute('#/diary/2026-03')).toEqual({ name: 'diary', month: '2026-03' });
    expect(parseRoute('#/day/2026-03-12')).toEqual({ name: 'day', date: '2026-03-12', isValidDate: true });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
  });

  it('turns bad input into a route, never an exception', () => {
    expect(parseRoute('#/day/2026-02-30')).toEqual({ name: 'day', date: '2026-02-30', isValidDate: false });
    expect(parseRoute('#/day/%E0%A4%A')).toMatchObject({ name: 'day', isValidDate: false });
    expect(parseRoute('#/diary/2026-13')).toEqual({ name: 'not-found' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found' });
    expect(parseRoute(`#/day/${'9'.repeat(5000)}`)).toMatchObject({ name: 'day', isValidDate: false });
  });

  it('parses what paths builds', () => {
    expect(parseRoute(paths.day('2026-01-05'))).toMatchObject({ name: 'day', date: '2026-01-05' });
    expect(parseRoute(paths.diary('2026-01'))).toEqual({ name: 'diary', month: '2026-01' });
    expect(parseRoute(paths.settings())).toEqual({ name: 'settings' });
    expect(parseRoute(paths.today())).toEqual({ name: 'today' });
  });

  it('reads the summary, visits and viewer routes; the viewer payload stays opaque and capped', () => {
    expect(parseRoute(paths.summary())).toEqual({ name: 'summary' });
    expect(parseRoute(paths.visits())).toEqual({ name: 'visits' });
    expect(parseRoute('#/v/1.abc_-DEF')).toEqual({ name: 'viewer', payload: '1.abc_-DEF' });
    expect(parseRoute(paths.viewer('1.a/b%zz?x'))).toEqual({ name: 'viewer', payload: '1.a/b%zz?x' });
    expect(parseRoute('#/v/')).toEqual({ name: 'viewer', payload: '' });
    const huge = parseRoute(`#/v/1.${'A'.repeat(50_000)}`);
    expect(huge.name === 'viewer' && huge.payload.length).toBe(10_000);
    expect(isViewerHash('#/v/1.x')).toBe(true);
    expect(isViewerHash('#/visits')).toBe(false);
  });
});
