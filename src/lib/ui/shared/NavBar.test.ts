import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/locale.svelte';
import NavBar from './NavBar.svelte';

const currentLinks = () =>
  screen
    .getAllByRole('link')
    .filter((link) => link.hasAttribute('aria-current'))
    .map((link) => [link.textContent?.trim(), link.getAttribute('aria-current')]);

describe('NavBar', () => {
  it('marks the screen’s own link as the current page', () => {
    render(NavBar, { route: 'summary' });
    expect(currentLinks()).toEqual([[i18n.t.nav.summary, 'page']]);
  });

  it('marks the section of a screen inside one as current, not as the page shown', () => {
    render(NavBar, { route: 'visits' });
    expect(currentLinks()).toEqual([[i18n.t.nav.summary, 'true']]);
  });

  it('marks the Diary for a day, and nothing for a screen outside the nav', () => {
    const view = render(NavBar, { route: 'day' });
    expect(currentLinks()).toEqual([[i18n.t.nav.diary, 'true']]);
    view.unmount();
    render(NavBar, { route: 'viewer' });
    expect(currentLinks()).toEqual([]);
  });
});
