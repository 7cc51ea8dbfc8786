/**
 * What the page and the service worker say to each other, defined once for both sides: the messages they
 * post and the tag the background check runs under. Plain constants, so the worker's own build can use them.
 */

export const SW_MESSAGES = {
  /** Worker to page: a notification itself was tapped, so show Today. */
  openToday: 'open-today',
  /** Page to worker (workbox-window's `messageSkipWaiting` posts it): take over now, after Update. */
  skipWaiting: 'SKIP_WAITING',
} as const;

export type SwMessageType = (typeof SW_MESSAGES)[keyof typeof SW_MESSAGES];

export interface SwMessage {
  type: SwMessageType;
}

/** Whether posted data is the message `type`; anything else posted is not ours and is ignored. */
export function isSwMessage(data: unknown, type: SwMessageType): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

/** The tag Periodic Background Sync runs the missed-doses check under: the page registers it, the worker answers. */
export const BACKGROUND_CHECK_TAG = 'hs-diary-missed-doses';
