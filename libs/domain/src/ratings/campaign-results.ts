import { mosStatistics, studentTCdf } from '@loris/metrics';
import { compareClips } from './clip-page';

/**
 * A campaign's scores from its counted votes (issue 17 "Results"), pure: MOS per system with a 95% t
 * interval, votes and raters, MOS per clip, pairwise Welch t-tests with a Bonferroni correction, and the
 * P.808 toolkit's per-clip and per-condition CSV shapes (condition_name / file_url, n, MOS, std, 95%CI).
 */

export interface CountedVote {
  systemId: string;
  /** The clip's opaque id (the stimulus id), shown to owners only. */
  clipId: string;
  itemOrdinal: number;
  sessionId: string;
  score: number;
}

export interface SystemRef {
  id: string;
  label: string;
}

export interface MosRow {
  n: number;
  mos: number | null;
  std: number | null;
  ci95: number | null;
  low: number | null;
  high: number | null;
}

export interface SystemResult extends MosRow {
  systemId: string;
  label: string;
  raters: number;
}

export interface ClipResult extends MosRow {
  clipId: string;
  systemId: string;
  label: string;
  itemOrdinal: number;
}

export interface PairwiseResult {
  a: string;
  b: string;
  /** Mean of a minus mean of b. */
  difference: number;
  t: number | null;
  df: number | null;
  p: number | null;
  /** p x the number of comparisons, at most 1. */
  pBonferroni: number | null;
  significant: boolean;
}

export interface CampaignResults {
  systems: SystemResult[];
  clips: ClipResult[];
  pairwise: PairwiseResult[];
  votes: number;
  raters: number;
}

export function mosRow(scores: number[]): MosRow {
  if (scores.length === 0) return { n: 0, mos: null, std: null, ci95: null, low: null, high: null };
  const s = mosStatistics(scores, 0.95);
  return {
    n: s.n,
    mos: s.mean,
    std: s.std,
    ci95: s.halfWidth,
    low: s.interval?.[0] ?? null,
    high: s.interval?.[1] ?? null,
  };
}

export function campaignResults(systems: SystemRef[], votes: CountedVote[], alpha = 0.05): CampaignResults {
  const bySystem = new Map<string, CountedVote[]>(systems.map((s) => [s.id, []]));
  for (const vote of votes) bySystem.get(vote.systemId)?.push(vote);
  const systemResults = systems.map((s): SystemResult => {
    const own = bySystem.get(s.id) ?? [];
    return {
      systemId: s.id,
      label: s.label,
      raters: new Set(own.map((v) => v.sessionId)).size,
      ...mosRow(own.map((v) => v.score)),
    };
  });
  const byClip = new Map<string, CountedVote[]>();
  for (const vote of votes) byClip.set(vote.clipId, [...(byClip.get(vote.clipId) ?? []), vote]);
  const labels = new Map(systems.map((s) => [s.id, s.label]));
  const clips = [...byClip.entries()]
    .map(([clipId, own]): ClipResult => ({
      clipId,
      systemId: own[0].systemId,
      label: labels.get(own[0].systemId) ?? '',
      itemOrdinal: own[0].itemOrdinal,
      ...mosRow(own.map((v) => v.score)),
    }))
    .sort(compareClips);
  const pairs: Array<[SystemRef, SystemRef]> = [];
  for (let i = 0; i < systems.length; i++)
    for (let j = i + 1; j < systems.length; j++) pairs.push([systems[i], systems[j]]);
  const pairwise = pairs.map(([a, b]) => {
    const test = welchT(
      (bySystem.get(a.id) ?? []).map((v) => v.score),
      (bySystem.get(b.id) ?? []).map((v) => v.score),
    );
    const pBonferroni = test.p === null ? null : Math.min(1, test.p * pairs.length);
    return {
      a: a.id,
      b: b.id,
      ...test,
      pBonferroni,
      significant: pBonferroni !== null && pBonferroni < alpha,
    };
  });
  return {
    systems: systemResults,
    clips,
    pairwise,
    votes: votes.length,
    raters: new Set(votes.map((v) => v.sessionId)).size,
  };
}

/**
 * Welch's unequal-variance t-test, two-sided. Null statistics when a side has fewer than 2 votes; a
 * zero-variance pair with different means gives p = 0 (the difference is certain), equal means p = 1.
 */
export function welchT(
  a: number[],
  b: number[],
): { difference: number; t: number | null; df: number | null; p: number | null } {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  if (a.length < 2 || b.length < 2) {
    const difference = a.length && b.length ? mean(a) - mean(b) : 0;
    return { difference, t: null, df: null, p: null };
  }
  const ma = mean(a);
  const mb = mean(b);
  const va = a.reduce((s, v) => s + (v - ma) ** 2, 0) / (a.length - 1);
  const vb = b.reduce((s, v) => s + (v - mb) ** 2, 0) / (b.length - 1);
  const sa = va / a.length;
  const sb = vb / b.length;
  const difference = ma - mb;
  if (sa + sb === 0) return { difference, t: null, df: null, p: difference === 0 ? 1 : 0 };
  const t = difference / Math.sqrt(sa + sb);
  const df = (sa + sb) ** 2 / ((sa * sa) / (a.length - 1) + (sb * sb) / (b.length - 1));
  const p = 2 * (1 - studentTCdf(Math.abs(t), df));
  return { difference, t, df, p: Math.min(1, Math.max(0, p)) };
}

/** P.808's per-condition file: one row per system. */
export function perConditionCsv(results: CampaignResults): string {
  const rows = results.systems.map((s) => [s.label, s.n, s.mos, s.std, s.ci95]);
  return toCsv(['condition_name', 'n', 'MOS', 'std', '95%CI'], rows);
}

/** P.808's per-clip file: one row per clip, named by its opaque id, with its condition. */
export function perClipCsv(results: CampaignResults): string {
  const rows = results.clips.map((c) => [c.clipId, c.label, c.n, c.mos, c.std, c.ci95]);
  return toCsv(['file_url', 'condition_name', 'n', 'MOS', 'std', '95%CI'], rows);
}

function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4);
    // Quoted when it holds a separator, a quote or a line break; a leading formula sign is neutralised.
    const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
