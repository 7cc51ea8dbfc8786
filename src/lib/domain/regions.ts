/** Body regions where HS lesions appear, as the body map draws them; the ids are stored, so never rename one. */
export const REGION_IDS = [
  'axilla-left',
  'axilla-right',
  'inframammary-left',
  'inframammary-right',
  'chest',
  'abdomen',
  'groin-left',
  'groin-right',
  'pubic-genital',
  'inner-thigh-left',
  'inner-thigh-right',
  'buttocks',
  'perianal',
  'back',
  'head-neck',
  'other',
] as const;

export type RegionId = (typeof REGION_IDS)[number];

export function isRegionId(value: string): value is RegionId {
  return (REGION_IDS as readonly string[]).includes(value);
}
