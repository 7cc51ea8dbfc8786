/** One short message at a time at the foot of the screen, with an optional action such as Undo. */

/**
 * A notice's words: a string, or a function that words it in the language in use, for notices that are not
 * the answer to a tap (a reminder) and so may still be showing when the patient switches language.
 */
export type NoticeText = string | (() => string);

export interface Notice {
  id: number;
  message: NoticeText;
  actionLabel?: NoticeText;
  action?: () => void | Promise<void>;
}

export const noticeText = (text: NoticeText): string => (typeof text === 'function' ? text() : text);

/** Long enough to read the message and reach the Undo button, short enough not to linger. */
const NOTICE_MS = 10_000;

class Notices {
  current = $state<Notice | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;

  show(message: NoticeText, actionLabel?: NoticeText, action?: () => void | Promise<void>): void {
    clearTimeout(this.#timer);
    const notice: Notice = { id: this.#nextId++, message };
    if (actionLabel && action) Object.assign(notice, { actionLabel, action });
    this.current = notice;
    this.#timer = setTimeout(() => this.dismiss(notice.id), NOTICE_MS);
  }

  dismiss(id?: number): void {
    if (id === undefined || this.current?.id === id) this.current = null;
  }

  async runAction(): Promise<void> {
    const notice = this.current;
    this.dismiss();
    await notice?.action?.();
  }
}

export const notices = new Notices();
