/**
 * Wide tables scroll sideways inside their own box on a phone. A box that scrolls must be reachable by
 * keyboard (axe: scrollable-region-focusable), but one that does not scroll should not be a tab stop, so the
 * box becomes focusable only while its content is wider than it.
 */
import type { Attachment } from 'svelte/attachments';

export const focusableWhenScrolling: Attachment<HTMLElement> = (element) => {
  const update = () => {
    if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
    else element.removeAttribute('tabindex');
  };
  update();
  // Every browser the app supports has it; a DOM without layout (the component tests) has neither it nor widths.
  if (typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(update);
  observer.observe(element);
  for (const child of element.children) observer.observe(child);
  return () => observer.disconnect();
};
