/** The clinic visits, newest first, following the database; with the verbs the Visits screen needs. */
import type { Visit } from '../domain/visit';
import { diaryDb } from '../db';
import { deleteVisit, saveVisit, watchVisits } from '../db/visits-repository';

export class VisitsData {
  #visits = $state.raw<Visit[] | null>(null);
  error = $state.raw<unknown>(null);

  /** Call inside `$effect`. */
  follow(): () => void {
    return watchVisits(
      diaryDb,
      (visits) => {
        this.#visits = visits;
        this.error = null;
      },
      (error) => (this.error = error),
    );
  }

  get isLoaded(): boolean {
    return this.#visits !== null;
  }

  /** Newest first. */
  get items(): Visit[] {
    return this.#visits ?? [];
  }

  save(visit: Visit): Promise<Visit> {
    return saveVisit(diaryDb, visit);
  }

  remove(id: string): Promise<Visit | undefined> {
    return deleteVisit(diaryDb, id);
  }
}
