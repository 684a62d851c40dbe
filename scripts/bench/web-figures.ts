/**
 * "Pool figures on screen", defined once for the benchmark: the farms page shows a card for each
 * pool of its first page (50), and every card shows numbers, an APR such as "12.34%" and the liquidity staked such as
 * "$1.23M", where a page still loading shows nothing, "—" or "new".
 *
 * These run inside the page, so they are kept as text: a TypeScript loader may wrap functions in
 * helpers that exist only on the Node side.
 */

/** Cards on the farms page's first screen: a page of them (frontend/src/views/FarmsView.vue). */
const CARDS_PER_PAGE = 50;

/** A JavaScript expression: whether the first page's cards all show an APR and a staked-liquidity figure. */
export function figuresShown(poolCount: number): string {
  const pools = Math.min(poolCount, CARDS_PER_PAGE);
  return `(() => {
    const aprs = [...document.querySelectorAll("[data-test=apr]")];
    const tvls = [...document.querySelectorAll("[data-test=pool-tvl]")];
    return aprs.length === ${pools} && tvls.length === ${pools}
      && aprs.every((el) => /^[<>]?-?[\\d,]+(\\.\\d+)?%/.test(el.innerText.trim()))
      && tvls.every((el) => /^<?\\$[\\d,]+(\\.\\d+)?[MB]?$/.test(el.innerText.trim()));
  })()`;
}

/**
 * An init script (it runs before the app's own) that sets `window.__figuresAt` to the time, in ms
 * since navigation began (`performance.now()`), of the first frame that paints the figures: a
 * MutationObserver sees the change that completes them, the next animation frame paints it.
 */
export function stampFigures(pools: number): string {
  return `(() => {
    const observer = new MutationObserver(() => {
      if (!${figuresShown(pools)}) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.__figuresAt = performance.now(); });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  })();`;
}
