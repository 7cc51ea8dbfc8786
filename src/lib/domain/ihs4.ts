/**
 * IHS4, the International Hidradenitis Suppurativa Severity Score System: a clinician's score from the
 * lesions they counted. It is entered by the clinician (or from their counts), never computed from the
 * patient's own counts.
 */
export const IHS4_BANDS = ['mild', 'moderate', 'severe'] as const;
export type Ihs4Band = (typeof IHS4_BANDS)[number];

export interface Ihs4Counts {
  nodules: number;
  abscesses: number;
  drainingTunnels: number;
}

/** IHS4 = nodules + 2 × abscesses + 4 × draining tunnels. */
export function ihs4Score(counts: Ihs4Counts): number {
  return counts.nodules + 2 * counts.abscesses + 4 * counts.drainingTunnels;
}

/** Mild ≤ 3, moderate 4–10, severe ≥ 11. */
export function ihs4Band(score: number): Ihs4Band {
  if (score <= 3) return 'mild';
  if (score <= 10) return 'moderate';
  return 'severe';
}
