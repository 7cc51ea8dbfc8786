import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { i18n } from '../../i18n/locale.svelte';
import { editing } from '../../state/editing.svelte';
import { pwa } from '../../state/pwa.svelte';
import UpdatePrompt from './UpdatePrompt.svelte';

beforeEach(async () => {
  await i18n.use('en');
  editing.mark('form', false);
  pwa.isUpdateReady = false;
});

describe('UpdatePrompt', () => {
  it('waits while the patient has unsaved input, and appears once it is saved', () => {
    render(UpdatePrompt);
    editing.mark('form', true);
    pwa.isUpdateReady = true;
    flushSync();
    expect(screen.queryByText(en.pwa.updateReady)).not.toBeInTheDocument();
    editing.mark('form', false);
    flushSync();
    expect(screen.getByText(en.pwa.updateReady)).toBeInTheDocument();
  });

  it('can be put off, and then stays out of the way', async () => {
    render(UpdatePrompt);
    pwa.isUpdateReady = true;
    flushSync();
    await userEvent.setup().click(screen.getByRole('button', { name: en.pwa.later }));
    expect(screen.queryByText(en.pwa.updateReady)).not.toBeInTheDocument();
  });
});
