/**
 * Medications HS patients commonly take, with their usual doses and frequencies, so adding
 * one is a tap. The ids are stable keys for the translated names; a custom medication has none.
 */
import type { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES } from './medication';

export interface DoseOption {
  amount: number;
  unit: (typeof DOSE_UNITS)[number];
  frequency: (typeof FREQUENCIES)[number];
}

export interface MedicationPreset {
  id: string;
  name: string;
  drugClass: (typeof DRUG_CLASSES)[number];
  doses: DoseOption[];
}

export const MEDICATION_PRESETS: readonly MedicationPreset[] = [
  {
    id: 'upadacitinib',
    name: 'Upadacitinib',
    drugClass: 'jak1-selective',
    doses: [
      { amount: 15, unit: 'mg', frequency: 'once-daily' },
      { amount: 30, unit: 'mg', frequency: 'once-daily' },
    ],
  },
  {
    id: 'tofacitinib',
    name: 'Tofacitinib',
    drugClass: 'jak1-jak3',
    doses: [
      { amount: 5, unit: 'mg', frequency: 'twice-daily' },
      { amount: 11, unit: 'mg', frequency: 'once-daily' },
    ],
  },
  {
    id: 'ivarmacitinib',
    name: 'Ivarmacitinib',
    drugClass: 'jak1-selective',
    doses: [
      { amount: 4, unit: 'mg', frequency: 'once-daily' },
      { amount: 8, unit: 'mg', frequency: 'once-daily' },
    ],
  },
  {
    id: 'povorcitinib',
    name: 'Povorcitinib',
    drugClass: 'jak1-selective',
    doses: [
      { amount: 45, unit: 'mg', frequency: 'once-daily' },
      { amount: 75, unit: 'mg', frequency: 'once-daily' },
    ],
  },
  { id: 'adalimumab', name: 'Adalimumab', drugClass: 'tnf', doses: [{ amount: 40, unit: 'mg', frequency: 'weekly' }] },
  {
    id: 'secukinumab',
    name: 'Secukinumab',
    drugClass: 'il-17',
    doses: [
      { amount: 300, unit: 'mg', frequency: 'every-2-weeks' },
      { amount: 300, unit: 'mg', frequency: 'every-4-weeks' },
    ],
  },
  {
    id: 'bimekizumab',
    name: 'Bimekizumab',
    drugClass: 'il-17',
    doses: [
      { amount: 320, unit: 'mg', frequency: 'every-2-weeks' },
      { amount: 320, unit: 'mg', frequency: 'every-4-weeks' },
    ],
  },
  {
    id: 'doxycycline',
    name: 'Doxycycline',
    drugClass: 'antibiotic',
    doses: [
      { amount: 100, unit: 'mg', frequency: 'once-daily' },
      { amount: 100, unit: 'mg', frequency: 'twice-daily' },
    ],
  },
  {
    id: 'clindamycin-rifampicin',
    name: 'Clindamycin + rifampicin',
    drugClass: 'antibiotic',
    doses: [{ amount: 300, unit: 'mg', frequency: 'twice-daily' }],
  },
];

/**
 * One colour per medication, shared by the list, the chart lines and bands, the PDF and the viewer. The
 * Okabe-Ito palette stays distinguishable for the common kinds of colour blindness.
 */
export const MEDICATION_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#000000',
  '#f0e442',
] as const;

/** The first palette colour not yet used by another medication (cycling when all are taken). */
export function nextMedicationColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((color) => color.toLowerCase()));
  return (
    MEDICATION_COLORS.find((color) => !used.has(color)) ??
    (MEDICATION_COLORS[usedColors.length % MEDICATION_COLORS.length] as string)
  );
}
