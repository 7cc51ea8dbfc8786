/**
 * axe-core on a screen as it is, in light and then dark: one way for every browser test to scan, so each
 * names its findings the same way and a failure says which screen, which scheme, which element and why.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { AXE_COLOR_RULES, AXE_TAGS } from './axe-tags.mjs';

export const COLOR_SCHEMES = ['light', 'dark'] as const;

/**
 * Every violation axe finds on the page in `schemes` (light and dark unless told), one string each naming
 * `screen`, the scheme, the rule and each element with axe's reason: every rule of AXE_TAGS in light, and
 * in dark after light only the colour rules (AXE_COLOR_RULES). The page is left in light.
 */
export async function axeViolations(
  page: Page,
  screen: string,
  schemes: readonly (typeof COLOR_SCHEMES)[number][] = COLOR_SCHEMES,
): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    // What draws itself (the Trends chart) redraws in the new colours in the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    // Legacy mode runs axe.run() in the page itself. The default runs axe in each frame and then finishes in
    // a blank page it opens for the purpose, which doubled each scan (measured: 530-950 ms against 170-480
    // ms a scan, tests/tools/axe-cost.mjs) for frames from other origins the app never has (its CSP allows
    // none).
    const builder = new AxeBuilder({ page }).setLegacyMode();
    const coloursOnly = scheme === 'dark' && schemes.includes('light');
    const results = await (coloursOnly ? builder.withRules(AXE_COLOR_RULES) : builder.withTags(AXE_TAGS)).analyze();
    for (const violation of results.violations) {
      const targets = violation.nodes
        .map((node) => {
          const why = [...node.any, ...node.all, ...node.none].map((check) => check.message).join(' ');
          return `      ${node.target.join(' ')}${why ? ` (${why})` : ''}`;
        })
        .join('\n');
      found.push(`${screen} [${scheme}] ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n${targets}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
