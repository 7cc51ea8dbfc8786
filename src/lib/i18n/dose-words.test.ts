import { describe, expect, it } from 'vitest';
import type { Medication } from '../domain/medication';
import { doseNameWith, isolatedDoseNameWith } from './dose-words';
import { medicationsEn } from './medications.en';
import { medicationsZhCN } from './medications.zh-CN';

const FSI = '\u2068';
const PDI = '\u2069';
const override: Medication = { id: 'med-1', name: '\u202Egnp.exe', drugClass: 'other', color: '#d55e00' };
const upadacitinib: Medication = {
  id: 'med-2',
  name: 'Upadacitinib',
  presetId: 'upadacitinib',
  drugClass: 'jak1-selective',
  color: '#0072b2',
};
const fortyMg = { phase: { dose: { amount: 40, unit: 'mg' as const } } };

describe('a dose named in one piece of text (issue 12, item 9)', () => {
  it('puts the name between FSI and PDI, so an override in it ends before the dose', () => {
    expect(isolatedDoseNameWith(medicationsEn, 'en-GB', override, fortyMg)).toBe(`${FSI}\u202Egnp.exe${PDI} 40 mg`);
    // Without the isolate the override runs on into "40 mg" and a reader sees "gm 04".
    expect(doseNameWith(medicationsEn, 'en-GB', override, fortyMg)).toBe('\u202Egnp.exe 40 mg');
  });

  it('isolates the name in the patient’s language, and the name alone when there is no dose', () => {
    expect(isolatedDoseNameWith(medicationsZhCN, 'zh-CN', upadacitinib, fortyMg)).toBe(
      `${FSI}${medicationsZhCN.presetNames.upadacitinib}${PDI} ${medicationsZhCN.doseText('40', medicationsZhCN.units.mg, '')}`,
    );
    expect(isolatedDoseNameWith(medicationsEn, 'en-GB', override, { phase: { dose: undefined } })).toBe(
      `${FSI}\u202Egnp.exe${PDI}`,
    );
  });
});
