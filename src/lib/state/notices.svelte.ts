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
  readonly #waiting: Notice[] = [];

  /** The answer to something the patient just did ("Saved.", "Deleted." with Undo): shown at once. */
  show(message: NoticeText, actionLabel?: NoticeText, action?: () => void | Promise<void>): void {
    this.#put(this.#make(message, actionLabel, action));
  }

  /**
   * News the patient did not ask for just now (ready to work offline, a dose fell due): it waits while
   * another notice is up, so it never takes away an answer, or its Undo, before the patient has read it.
   */
  tell(message: NoticeText, actionLabel?: NoticeText, action?: () => void | Promise<void>): void {
    const notice = this.#make(message, actionLabel, action);
    if (this.current) this.#waiting.push(notice);
    else this.#put(notice);
  }

  dismiss(id?: number): void {
    if (id !== undefined && this.current?.id !== id) return;
    this.#clear();
    this.#showWaiting();
  }

  async runAction(): Promise<void> {
    const notice = this.current;
    this.#clear();
    try {
      await notice?.action?.();
    } finally {
      // The action may have answered with a notice of its own ("Restored."); waiting news comes after it.
      if (!this.current) this.#showWaiting();
    }
  }

  #make(message: NoticeText, actionLabel?: NoticeText, action?: () => void | Promise<void>): Notice {
    const notice: Notice = { id: this.#nextId++, message };
    if (actionLabel && action) Object.assign(notice, { actionLabel, action });
    return notice;
  }

  #put(notice: Notice): void {
    clearTimeout(this.#timer);
    this.current = notice;
    this.#timer = setTimeout(() => this.dismiss(notice.id), NOTICE_MS);
  }

  #clear(): void {
    clearTimeout(this.#timer);
    this.current = null;
  }

  #showWaiting(): void {
    const next = this.#waiting.shift();
    if (next) this.#put(next);
  }
}

export const notices = new Notices();
