/**
 * The body map for a patient in pain: with a flare open on Today, every control (the map's regions too) is a
 * touch target of at least 44x44 CSS px, at 390 and 320 px wide and at 16 and 32 px text; the map's hit areas
 * never overlap and cover every mapped region between the front and the back; a tap on the map ticks the
 * region and folds the 16-row list away, so Save stays close.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { REGION_IDS } from '../../src/lib/domain/regions';
import { HsDiary } from './page-models/hs-diary';
import { useE2E } from './support';
import { MIN_TARGET_PX, smallTargets } from './touch-targets';

const e2e = useE2E();

interface HitArea {
  region: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The map's hit areas on the side now shown, in CSS px. */
function hitAreas(page: Page): Promise<HitArea[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<SVGElement>('.body-map [data-region]')].map((element) => {
      const box = element.getBoundingClientRect();
      return {
        region: element.dataset.region ?? '',
        left: box.left,
        top: box.top,
        width: box.width,
        height: box.height,
      };
    }),
  );
}

function overlapPx2(a: HitArea, b: HitArea): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return width > 0 && height > 0 ? width * height : 0;
}

describe('body map', () => {
  test('every control and every body-map region is at least 44x44 px, and no hit areas overlap', async () => {
    const { context, page } = await e2e.open('#/', { serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url);
    const devtools = await context.newCDPSession(page);
    const problems: string[] = [];
    const mapped = new Set<string>();
    for (const textPx of [16, 32]) {
      await devtools.send('Page.setFontSizes', { fontSizes: { standard: textPx, fixed: 13 } });
      for (const widthPx of [390, 320]) {
        await page.setViewportSize({ width: widthPx, height: 844 });
        await app.goto('#/');
        await app.form.flare(true).check({ force: true });
        await page.locator('.body-map svg').waitFor();
        const where = `${widthPx} px, ${textPx} px text`;
        for (const small of await smallTargets(page))
          problems.push(`${where}: "${small.text}" <${small.tag}> is ${small.width}x${small.height}`);
        for (const side of [app.t.form.bodyMapFront, app.t.form.bodyMapBack]) {
          await page.locator('.body-map .sides button').filter({ hasText: side }).click();
          const areas = await hitAreas(page);
          for (const area of areas) {
            mapped.add(area.region);
            if (area.width + 0.5 < MIN_TARGET_PX || area.height + 0.5 < MIN_TARGET_PX)
              problems.push(
                `${where}, ${side}: ${area.region} is ${Math.round(area.width)}x${Math.round(area.height)} px`,
              );
          }
          areas.forEach((area, index) => {
            for (const other of areas.slice(index + 1))
              if (overlapPx2(area, other) > 0.5)
                problems.push(`${where}, ${side}: ${area.region} overlaps ${other.region}`);
          });
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
    expect([...mapped].sort()).toEqual(REGION_IDS.filter((region) => region !== 'other').sort());
  });

  test('a tap on the map ticks the region and folds the list away; the list still opens and agrees', async () => {
    const { page } = await e2e.open('#/', { serviceWorkers: 'block' });
    const app = new HsDiary(page, e2e.url);
    await app.form.flare(true).check({ force: true });
    const list = page.locator('.where details');
    await expect.poll(() => list.evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);

    await page.locator('.body-map .sides button').filter({ hasText: app.t.form.bodyMapBack }).click();
    await page.locator('.body-map [data-region="perianal"]').click();
    await expect.poll(() => list.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    await expect(page.locator('.body-map .region.selected').count()).resolves.toBe(1);

    await list.locator('summary').click();
    await expect(app.form.region('perianal').isChecked()).resolves.toBe(true);
    await expect(app.form.region('buttocks').isChecked()).resolves.toBe(false);
  });
});
