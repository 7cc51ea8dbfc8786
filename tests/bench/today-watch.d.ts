// What run.mjs's WATCH_TODAY leaves on the page: when Today was first ready and when the first save showed.
export {};

declare global {
  interface Window {
    __todayReadyAt?: number;
    __todaySavedAt?: number;
  }
}
