/**
 * Who a visit summary is about: the name, date of birth and clinic number the patient may enter, so that
 * the clinic can file the report. All optional, kept on the device, and checked here whether they come
 * from the form, the database or a backup.
 */
import * as z from 'zod/mini';
import { isIsoDate, type IsoDate } from './dates';

export const PATIENT_LIMITS = { nameChars: 100, clinicNumberChars: 40 } as const;

// Control characters (line breaks, bidi overrides) have no place in a name on a report.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

const text = (maxChars: number) =>
  z.string().check(
    z.minLength(1),
    z.maxLength(maxChars),
    z.refine((value) => !CONTROL.test(value) && value === value.trim()),
  );

export const patientDetailsSchema = z.lazy(() =>
  z.object({
    name: z.optional(text(PATIENT_LIMITS.nameChars)),
    dateOfBirth: z.optional(z.string().check(z.refine(isIsoDate))),
    clinicNumber: z.optional(text(PATIENT_LIMITS.clinicNumberChars)),
    /** The patient chose to let the QR code carry their name; off unless they turn it on. */
    nameInQr: z.optional(z.boolean()),
  }),
);
export type PatientDetails = z.infer<typeof patientDetailsSchema>;

export interface PatientForm {
  name: string;
  dateOfBirth: string;
  clinicNumber: string;
  nameInQr: boolean;
}

export type PatientField = 'name' | 'dateOfBirth' | 'clinicNumber';
export type PatientProblem = 'too-long' | 'control-characters' | 'not-a-date' | 'in-the-future';

export type PatientFormResult =
  { ok: true; details: PatientDetails } | { ok: false; problems: Partial<Record<PatientField, PatientProblem>> };

/** Spaces run together and trimmed, as a name is printed. */
function tidy(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function checkText(value: string, maxChars: number): PatientProblem | null {
  if (CONTROL.test(value)) return 'control-characters';
  return [...value].length > maxChars ? 'too-long' : null;
}

/** The form as typed, tidied and checked; empty fields are left out. `today` bounds the date of birth. */
export function parsePatientForm(form: PatientForm, today: IsoDate): PatientFormResult {
  const name = tidy(form.name);
  const clinicNumber = tidy(form.clinicNumber);
  const dateOfBirth = form.dateOfBirth.trim();
  const problems: Partial<Record<PatientField, PatientProblem>> = {};
  const nameProblem = checkText(name, PATIENT_LIMITS.nameChars);
  if (nameProblem) problems.name = nameProblem;
  const numberProblem = checkText(clinicNumber, PATIENT_LIMITS.clinicNumberChars);
  if (numberProblem) problems.clinicNumber = numberProblem;
  if (dateOfBirth && !isIsoDate(dateOfBirth)) problems.dateOfBirth = 'not-a-date';
  else if (dateOfBirth > today) problems.dateOfBirth = 'in-the-future';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const details: PatientDetails = {
    ...(name && { name }),
    ...(dateOfBirth && { dateOfBirth }),
    ...(clinicNumber && { clinicNumber }),
    ...(form.nameInQr && { nameInQr: true }),
  };
  return { ok: true, details };
}

/** The form's starting values from what is saved. */
export function patientFormOf(details: PatientDetails | undefined): PatientForm {
  return {
    name: details?.name ?? '',
    dateOfBirth: details?.dateOfBirth ?? '',
    clinicNumber: details?.clinicNumber ?? '',
    nameInQr: details?.nameInQr ?? false,
  };
}

/** Whether anything identifies the patient: the report's header is left out when nothing does. */
export function hasPatientDetails(details: PatientDetails | undefined): boolean {
  return Boolean(details?.name || details?.dateOfBirth || details?.clinicNumber);
}
