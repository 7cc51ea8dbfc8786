/**
 * Whether the patient has unsaved input on screen. The "new version" prompt waits while this is true, so
 * an update never reloads the page under someone who is typing.
 */
import { SvelteSet } from 'svelte/reactivity';

class Editing {
  #dirtyForms = new SvelteSet<string>();

  get isTyping(): boolean {
    return this.#dirtyForms.size > 0;
  }

  mark(formId: string, isDirty: boolean): void {
    if (isDirty) this.#dirtyForms.add(formId);
    else this.#dirtyForms.delete(formId);
  }
}

export const editing = new Editing();
