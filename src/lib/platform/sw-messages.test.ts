/** Tests of sw-messages.ts: the page and the worker recognise each other's messages and nothing else. */
import { describe, expect, it } from 'vitest';
import { isSwMessage, SW_MESSAGES } from './sw-messages';

describe('messages between the page and the service worker', () => {
  it('recognises each message by its type, and ignores anything else posted', () => {
    expect(new Set(Object.values(SW_MESSAGES)).size).toBe(Object.keys(SW_MESSAGES).length);
    expect(isSwMessage({ type: SW_MESSAGES.openToday }, SW_MESSAGES.openToday)).toBe(true);
    expect(isSwMessage({ type: SW_MESSAGES.openToday }, SW_MESSAGES.skipWaiting)).toBe(false);
    for (const junk of [null, undefined, SW_MESSAGES.openToday, 42, {}, { type: 7 }])
      expect(isSwMessage(junk, SW_MESSAGES.openToday)).toBe(false);
  });
});
