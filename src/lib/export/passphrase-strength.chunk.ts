/**
 * How guessable a backup passphrase is, by zxcvbn-ts (a well-kept estimator modelled on how passwords are
 * really cracked: common passwords, words, keyboard patterns, dates, repeats), rather than a rule of our
 * own. Its dictionaries are large, so this chunk loads only on the backup screen.
 */
import { ZxcvbnFactory, type Score } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's 3: "safely unguessable: moderate protection from offline slow-hash attacks", as PBKDF2 is. */
export const MIN_PASSPHRASE_SCORE = 3;

/** zxcvbn's warning keys (no translations are loaded, so it returns keys; the screen words them). */
export const PASSPHRASE_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const;
export type PassphraseWarning = (typeof PASSPHRASE_WARNINGS)[number];

export interface PassphraseVerdict {
  isStrongEnough: boolean;
  score: Score;
  /** Why it is guessable, when the estimator can say; `null` when it is only too short or too simple. */
  warning: PassphraseWarning | null;
}

/** Words anyone would try against an HS Diary backup, on top of the dictionaries. */
const APP_WORDS = ['hs', 'diary', 'hsdiary', 'hidradenitis', 'suppurativa', 'backup', 'upadacitinib', 'rinvoq'];

let estimator: ZxcvbnFactory | undefined;

function isWarning(value: string): value is PassphraseWarning {
  return (PASSPHRASE_WARNINGS as readonly string[]).includes(value);
}

/** The verdict on a passphrase; `personal` words (the patient's name, say) count as guessable. */
export function checkPassphrase(passphrase: string, personal: readonly string[] = []): PassphraseVerdict {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  const result = estimator.check(passphrase.normalize('NFC'), [...APP_WORDS, ...personal.filter(Boolean)]);
  const warning = result.feedback.warning;
  return {
    isStrongEnough: result.score >= MIN_PASSPHRASE_SCORE,
    score: result.score,
    warning: warning && isWarning(warning) ? warning : null,
  };
}
