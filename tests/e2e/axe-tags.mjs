/** WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices: what every browser test scans for. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Of those, the rules whose answer can change with the colour scheme (axe's colour category): a scan in dark
 * runs these alone. Dark mode changes only colours: src/app.css's dark block sets colour custom properties
 * and nothing else, and the Trends chart draws on a canvas, which axe does not read; the other rules (names,
 * roles, structure, targets) would find in dark what they found in light. tests/color-scheme.test.ts keeps
 * both true.
 */
export const AXE_COLOR_RULES = ['color-contrast', 'link-in-text-block'];
