/** One short message at a time at the foot of the screen, with an optional action such as Undo. */
export interface Notice {
  id: number;
  message: string;
  actionLabel?: string;
  action?: () => void | Promise<void>;
}

/** Long enough to read the message and reach the Undo button, short enough not to linger. */
const NOTICE_MS = 10_000;

class Notices {
  current = $state<Notice | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;

  show(message: string, actionLabel?: string, action?: () => void | Promise<void>): void {
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
