import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { dayFactory } from '../../../../tests/factories/day-factory';
import { PAIN_COLORS } from '../../domain/pain-scale';
import { i18n } from '../../i18n/locale.svelte';
import MonthCalendar from './MonthCalendar.svelte';

beforeEach(async () => {
  await i18n.use('en');
});

describe('MonthCalendar', () => {
  it('shades logged days by pain, shows the number, and links every past day', () => {
    const days = new Map([['2026-11-03', dayFactory.build({ date: '2026-11-03', pain: 9 })]]);
    render(MonthCalendar, { month: '2026-11', today: '2026-11-26', days });
    const logged = screen.getByRole('link', { name: '3 November 2026: pain 9' });
    expect(logged).toHaveAttribute('href', '#/day/2026-11-03');
    expect(logged).toHaveTextContent(/^3\s*9$/);
    expect(logged.style.backgroundColor).toBe(hexToRgb(PAIN_COLORS[9]));
    expect(screen.getByRole('link', { name: '4 November 2026: no entry' })).toHaveAttribute('href', '#/day/2026-11-04');
    expect(screen.getByRole('link', { name: /^26 November 2026/ })).toHaveAttribute('aria-current', 'date');
    // Days after today are shown but cannot be opened.
    expect(screen.queryByRole('link', { name: /^27 November 2026/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(26);
  });

  it('marks a flare day with a shape and in its name, not by colour alone', () => {
    const days = new Map([
      ['2026-11-03', dayFactory.build({ date: '2026-11-03', pain: 6, flare: true, regions: ['axilla-left'] })],
      ['2026-11-04', dayFactory.build({ date: '2026-11-04', pain: 6 })],
    ]);
    render(MonthCalendar, { month: '2026-11', today: '2026-11-26', days });
    const flare = screen.getByRole('link', { name: '3 November 2026: pain 6, flare' });
    const calm = screen.getByRole('link', { name: '4 November 2026: pain 6' });
    expect(flare).toHaveTextContent('▲');
    expect(calm).not.toHaveTextContent('▲');
  });

  it('labels days and weekdays in Chinese', async () => {
    await i18n.use('zh-CN');
    render(MonthCalendar, { month: '2026-11', today: '2026-11-26', days: new Map() });
    expect(screen.getByRole('link', { name: '2026年11月4日：无记录' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '周一' })).toBeInTheDocument();
  });
});

function hexToRgb(hex: string): string {
  const [red, green, blue] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return `rgb(${red}, ${green}, ${blue})`;
}
