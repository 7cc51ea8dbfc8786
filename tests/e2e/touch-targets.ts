/** Touch targets: every control a finger may hit is at least 44x44 CSS px (WCAG 2.5.5, Apple and Material guidance). */
import type { Page } from 'playwright-core';

export const MIN_TARGET_PX = 44;

export interface SmallTarget {
  text: string;
  tag: string;
  width: number;
  height: number;
}

/**
 * Every visible button, link, disclosure summary and radio/checkbox (measured by its label, which is what a
 * finger hits, since several inputs are visually hidden inside theirs) smaller than `min` in either direction.
 * Skipped: anything inside an <svg> (the body map is a pointer convenience beside an accessible checklist) and
 * inline links inside running text.
 */
export async function smallTargets(page: Page, min = MIN_TARGET_PX): Promise<SmallTarget[]> {
  return page.evaluate((minimum) => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, a[href], summary, input[type="radio"], input[type="checkbox"]',
    );
    const measured = new Set<Element>();
    const small: SmallTarget[] = [];
    for (const control of controls) {
      if (control.closest('svg')) continue;
      const isChoice = control instanceof HTMLInputElement;
      const target: HTMLElement = isChoice ? (control.labels?.[0] ?? control) : control;
      if (measured.has(target)) continue;
      measured.add(target);
      if (!target.checkVisibility({ visibilityProperty: true })) continue;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (target instanceof HTMLAnchorElement && getComputedStyle(target).display === 'inline') {
        const parentText = target.parentElement?.textContent?.trim() ?? '';
        if (parentText.length > (target.textContent?.trim().length ?? 0)) continue;
      }
      if (box.width + 0.5 < minimum || box.height + 0.5 < minimum) {
        small.push({
          text: (target.getAttribute('aria-label') ?? target.textContent ?? '').replace(/\s+/g, ' ').trim(),
          tag: target.tagName.toLowerCase(),
          width: Math.round(box.width * 10) / 10,
          height: Math.round(box.height * 10) / 10,
        });
      }
    }
    return small;
  }, min);
}

/** Measure screen after screen; `offenders` lists, by screen, every target found too small. */
export function touchTargetAudit(page: Page): {
  measure: (screen: string) => Promise<void>;
  offenders: Record<string, SmallTarget[]>;
} {
  const offenders: Record<string, SmallTarget[]> = {};
  return {
    offenders,
    async measure(screen) {
      const small = await smallTargets(page);
      if (small.length > 0) offenders[screen] = small;
    },
  };
}
