import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/locale.svelte';
import { notices } from '../../state/notices.svelte';
import NoticeBar from './NoticeBar.svelte';

beforeEach(async () => {
  await i18n.use('en');
  await i18n.need('reminders');
});

afterEach(() => {
  notices.dismiss();
});

describe('NoticeBar', () => {
  it('shows a notice with its action, runs the action once and goes away', async () => {
    const undo = vi.fn();
    render(NoticeBar);
    notices.show('Deleted.', 'Undo', undo);
    await fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(screen.queryByText('Deleted.')).not.toBeInTheDocument();
  });

  it('words a reminder notice in the language in use, even after a switch while it shows', async () => {
    render(NoticeBar);
    notices.show(
      () => i18n.t.reminders.notification.diaryTitle,
      () => i18n.t.nav.today,
      () => undefined,
    );
    expect(await screen.findByText('How was your skin today?')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Today' })).toBeInTheDocument();
    await i18n.use('zh-CN');
    expect(await screen.findByText(i18n.t.reminders.notification.diaryTitle)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: i18n.t.nav.today })).toBeInTheDocument();
    expect(screen.queryByText('How was your skin today?')).not.toBeInTheDocument();
  });

  it('keeps news waiting while an answer with Undo is up, and shows it after the Undo has answered', async () => {
    const restore = vi.fn(() => notices.show('Entry restored.'));
    render(NoticeBar);
    notices.show('Entry deleted.', 'Undo', restore);
    notices.tell('Ready to work offline.');
    expect(await screen.findByText('Entry deleted.')).toBeInTheDocument();
    expect(screen.queryByText('Ready to work offline.')).not.toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(restore).toHaveBeenCalledOnce();
    expect(await screen.findByText('Entry restored.')).toBeInTheDocument();
    expect(screen.queryByText('Ready to work offline.')).not.toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: i18n.t.pwa.dismiss }));
    expect(await screen.findByText('Ready to work offline.')).toBeInTheDocument();
  });

  it('shows news at once when nothing else is up, and an answer to a tap replaces it', async () => {
    vi.useFakeTimers();
    try {
      render(NoticeBar);
      notices.tell('A dose is due.');
      expect(await screen.findByText('A dose is due.')).toBeInTheDocument();
      notices.show('Saved.');
      expect(await screen.findByText('Saved.')).toBeInTheDocument();
      expect(screen.queryByText('A dose is due.')).not.toBeInTheDocument();
      // News waiting behind an answer comes up when the answer times out.
      notices.tell('Ready to work offline.');
      await vi.advanceTimersByTimeAsync(10_000);
      expect(screen.getByText('Ready to work offline.')).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
