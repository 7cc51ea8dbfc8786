/**
 * How much of the layout viewport the on-screen keyboard covers, as the CSS variable `--keyboard-inset`
 * on the root element. Phones shrink only the visual viewport when the keyboard opens, so a bar stuck to
 * the bottom of the page would sit behind the keyboard; with this it can sit just above it.
 */

/** Keyboard height in CSS px from the two viewports; 0 without `visualViewport` or with the keyboard down. */
export function keyboardInsetPx(layoutHeight: number, visual: Pick<VisualViewport, 'height' | 'offsetTop'>): number {
  return Math.max(0, Math.round(layoutHeight - visual.height - visual.offsetTop));
}

let followers = 0;
let stopFollowing: (() => void) | undefined;

/** Keep `--keyboard-inset` up to date while any caller follows it; the returned function stops this caller. */
export function followKeyboardInset(): () => void {
  const visual = globalThis.visualViewport;
  if (!visual) return () => undefined;
  followers += 1;
  if (followers === 1) {
    const root = document.documentElement;
    // Written only when it changes: a custom property on the root element restyles the whole page.
    let insetPx = 0;
    const update = () => {
      const nextPx = keyboardInsetPx(innerHeight, visual);
      if (nextPx === insetPx) return;
      insetPx = nextPx;
      root.style.setProperty('--keyboard-inset', `${insetPx}px`);
    };
    visual.addEventListener('resize', update);
    visual.addEventListener('scroll', update);
    // Read the viewports when the frame is drawn, not now: reading them forces a layout, and a form
    // being mounted would pay for a layout of the page in the middle of its own (long) task.
    const firstRead = requestAnimationFrame(update);
    stopFollowing = () => {
      cancelAnimationFrame(firstRead);
      visual.removeEventListener('resize', update);
      visual.removeEventListener('scroll', update);
      root.style.removeProperty('--keyboard-inset');
    };
  }
  let isStopped = false;
  return () => {
    if (isStopped) return;
    isStopped = true;
    followers -= 1;
    if (followers === 0) stopFollowing?.();
  };
}
