/** WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices: what every browser test scans for. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
