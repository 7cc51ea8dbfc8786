/** Work that must not delay the first screen: run it once the page has loaded and the browser is idle. */
export function afterFirstScreen(): Promise<void> {
  return new Promise((resolve) => {
    const begin = () => {
      if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 2000 });
      else setTimeout(resolve, 200);
    };
    if (document.readyState === 'complete') begin();
    else addEventListener('load', begin, { once: true });
  });
}
