/**
 * Numbers as the app's two languages write them (en-GB and zh-CN both group thousands with "," and mark
 * decimals with "."), without Intl: the first Intl object a page makes costs 20-50 ms of main-thread time,
 * and Today shows dose amounts as it starts. The output is what `Intl.NumberFormat` gives with
 * `maximumFractionDigits` for those tags (plain-numbers.test.ts compares them); other tags use Intl.
 */

/** The Intl tags whose digits, grouping and decimal mark are written here. */
const PLAIN_TAGS = new Set(['en-GB', 'zh-CN']);

export function formatDecimal(value: number, maximumFractionDigits: number, intlTag: string): string {
  // JavaScript's shortest decimal form of the number ("31.8385"), which Intl rounds (half away from zero).
  const shortest = String(Math.abs(value));
  if (!PLAIN_TAGS.has(intlTag) || !/^\d+(\.\d+)?$/.test(shortest)) {
    return new Intl.NumberFormat(intlTag, { maximumFractionDigits }).format(value);
  }
  const [whole = '0', fraction = ''] = shortest.split('.');
  const kept = fraction.slice(0, maximumFractionDigits).padEnd(maximumFractionDigits, '0');
  const roundsUp = Number(fraction[maximumFractionDigits] ?? '0') >= 5;
  const scaled = (BigInt(whole + kept) + (roundsUp ? 1n : 0n)).toString().padStart(maximumFractionDigits + 1, '0');
  const wholeDigits = scaled.slice(0, scaled.length - maximumFractionDigits);
  const fractionDigits = scaled.slice(scaled.length - maximumFractionDigits).replace(/0+$/, '');
  const grouped = wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped}${fractionDigits ? `.${fractionDigits}` : ''}`;
}
