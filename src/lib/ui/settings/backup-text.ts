/** How a backup's problems and an import's failures read in the patient's language: what is wrong, and where. */
import { DATA_TABLES, type BackupProblem } from '../../domain/backup-format';
import { differing, importedCounts, keptByMerge, type ImportMode, type ImportPlan } from '../../domain/import-plan';
import { isIsoDate, localDateOf } from '../../domain/dates';
import { ownValue } from '../../domain/own-key';
import { i18n } from '../../i18n/locale.svelte';
import type { BackupFailure } from '../../state/backup.svelte';

/** A backup problem in the patient's words: what is wrong and where, and that nothing was imported. */
export function backupProblemText(problem: BackupProblem): string {
  const t = i18n.t.backup;
  switch (problem.kind) {
    case 'too-large':
      return t.problems.tooLarge(i18n.formatBytes(problem.bytes), i18n.formatBytes(problem.maxBytes));
    case 'not-backup':
      return t.problems.notBackup;
    case 'spreadsheet':
      return t.problems.spreadsheet;
    case 'damaged':
      return problem.table ? t.problems.damagedTable(t.tables[problem.table]) : t.problems.damaged;
    case 'newer-version':
      return t.problems.newerVersion;
    case 'made-in-the-future':
      return t.problems.madeInTheFuture(i18n.formatDate(localDateOf(new Date(problem.exportedAt)), 'long'));
    case 'too-many-rows':
      return t.problems.tooManyRows(t.tables[problem.table], i18n.formatNumber(problem.maxRows, 0));
    case 'bad-row': {
      const table = t.tables[problem.table];
      if (problem.field === '') return t.problems.unreadableRow(problem.row, table);
      const head = problem.field.split('.')[0] ?? problem.field;
      const detail = t.rowIssue(ownValue(t.fields, head) ?? head, problem.issue);
      return t.problems.badRow(problem.row, table, detail, problem.otherBadRows);
    }
    case 'duplicate-row':
      return t.problems.duplicateRow(problem.row, t.tables[problem.table], problem.firstRow, problem.key);
    case 'impossible-history': {
      const date = isIsoDate(problem.date) ? i18n.formatDate(problem.date, 'long') : problem.date;
      const why = i18n.t.medications.problems[problem.problem];
      return problem.where === 'backup'
        ? t.problems.impossibleHistory(problem.medication, date, why)
        : t.problems.historyConflict(problem.medication, date, why);
    }
    case 'wrong-passphrase':
      return t.problems.wrongPassphrase;
    case 'unsupported-encryption':
      return t.problems.unsupportedEncryption;
  }
}

/** Why an import stopped, in the patient's words: the file's problem, or the storage's. */
export function backupFailureText(failure: BackupFailure): string {
  if (failure.source === 'backup') return backupProblemText(failure.problem);
  const messages = i18n.t.backup.importStorage;
  return failure.kind === 'blocked' && failure.detail === 'newer-database' ? messages.newer : messages[failure.kind];
}

/**
 * Which way the entries that differ go in this mode, one sentence per table: in a merge, the backup's
 * newer ones replace this device's and this device's newer (or undated) ones are kept; when the backup
 * wins, every one takes the backup's version. A replace needs none (its confirmation says what is lost).
 */
export function importDirections(plan: ImportPlan, mode: ImportMode): string[] {
  const t = i18n.t.backup;
  if (mode === 'replace') return [];
  return DATA_TABLES.flatMap((table) => {
    const changes = plan.tables[table];
    const rows = (count: number) => t.rowCount(table, count);
    if (mode === 'backup-wins') {
      const count = differing(changes);
      return count === 0 ? [] : [t.preview.backupTakes(rows(count), count, changes.newerHere.length)];
    }
    const sentences: string[] = [];
    const { newerInBackup, newerHere, undated } = changes;
    if (newerInBackup.length > 0)
      sentences.push(t.preview.newerInBackup(rows(newerInBackup.length), newerInBackup.length));
    if (newerHere.length > 0) sentences.push(t.preview.newerHere(rows(newerHere.length), newerHere.length));
    if (undated.length > 0) sentences.push(t.preview.undated(rows(undated.length), undated.length));
    return sentences.length === 0 ? [] : [sentences.join(' ')];
  });
}

/** What an import did, counted per kind of entry: "New in your diary: 3 diary days, 1 medicine and 12 doses." */
export function importDoneText(plan: ImportPlan, mode: ImportMode): string {
  const t = i18n.t.backup;
  const counts = importedCounts(plan, mode);
  const list = (pick: 'added' | 'changed') =>
    i18n.formatList(counts.filter((row) => row[pick] > 0).map((row) => t.rowCount(row.table, row[pick])));
  const kept = mode === 'merge' ? DATA_TABLES.reduce((sum, table) => sum + keptByMerge(plan.tables[table]), 0) : 0;
  return t.done(list('added'), list('changed'), kept);
}
