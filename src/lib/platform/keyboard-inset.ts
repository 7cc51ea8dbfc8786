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
    const update = () => root.style.setProperty('--keyboard-inset', `${keyboardInsetPx(innerHeight, visual)}px`);
    visual.addEventListener('resize', update);
    visual.addEventListener('scroll', update);
    update();
    stopFollowing = () => {
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
