import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstScreenDrawn } from '../../platform/idle';
import { rememberedHeight, rememberHeight } from '../../platform/layout-memory';
import DosesDue from './DosesDue.svelte';

afterEach(() => localStorage.clear());

describe('DosesDue', () => {
  it('keeps the space the doses took last time until they are known, then lets it go and remembers theirs', async () => {
    rememberHeight('today-doses', innerWidth, 'en', 180);
    render(DosesDue);
    const space = screen.getByTestId('doses-space');
    expect(space.style.minHeight).toBe('180px');
    expect(space).toHaveClass('reserved');

    // Today is drawn: reminders start, the doses load (none in this empty diary) and the space is let go.
    firstScreenDrawn();
    await vi.waitFor(() => expect(space.style.minHeight).toBe(''), { timeout: 10_000 });
    expect(space).not.toHaveClass('reserved');
    // jsdom lays nothing out: the doses' measured height is 0, so the next start keeps no space.
    expect(rememberedHeight('today-doses', innerWidth, 'en')).toBe(0);
  });

  it('keeps no space when nothing is remembered for this width and language', () => {
    rememberHeight('today-doses', innerWidth + 100, 'en', 180);
    rememberHeight('today-doses-other', innerWidth, 'en', 180);
    render(DosesDue);
    expect(screen.getByTestId('doses-space').style.minHeight).toBe('');
  });
});
