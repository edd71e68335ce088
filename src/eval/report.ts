/** Readable renderings of a score: the measures table and the per-document findings. */
import { MEASURE_FAMILIES, familyOf, prf, pyRound3, type Counts, type Finding, type MeasureFamily, type ScoreResult } from './score.js';

/** What each measure counts, for the table's last column. */
const COUNT_WORDS: Record<string, [string, string]> = {
  actors: ['predicted actors match', 'gold actors found'],
  places: ['predicted places match', 'gold places found'],
  places_right: ['found places within tolerance', 'gold places within tolerance'],
  dates: ['gold dates right', 'gold dates right'],
  sources: ['attributions match', 'gold sources found'],
  events: ['predicted events matched', 'gold events matched'],
  event_subtype: ['matched with right sub-type', 'matched with right sub-type'],
  event_fine: ['predicted with right sub-type', 'gold sub-typed found and right'],
  event_actor1: ['matched with right actor1', 'matched with right actor1'],
  event_status: ['matched with right status', 'matched with right status'],
};

/** A fixed-width text table; numbers right-aligned. */
export function textTable(header: string[], rows: string[][], rightAlign: (col: number) => boolean = () => false): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAlign(i) ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function fmt3(x: number): string {
  return pyRound3(x).toFixed(3);
}

function countText(key: string, c: Counts): string {
  const w = COUNT_WORDS[key] ?? (key.startsWith('ner') ? ['predicted mentions right', 'gold mentions found'] : ['predicted right', 'gold found']);
  if (w[0] === w[1] && c.tpP === c.tpG && c.nP === c.nG) return `${c.tpG}/${c.nG} ${w[1]}`;
  return `${c.tpP}/${c.nP} ${w[0]}, ${c.tpG}/${c.nG} ${w[1]}`;
}

/** The measures table of `vigie eval`. */
export function measuresTable(res: ScoreResult, families?: readonly MeasureFamily[]): string {
  const rows: string[][] = [];
  for (const [k, c] of res.counts) {
    if (families && !families.includes(familyOf(k) as MeasureFamily)) continue;
    const v = prf(c);
    if (c.nP === 0 && c.nG === 0) rows.push([k, '-', '-', '-', 'nothing to score (reported as 0.0 in JSON)']);
    else rows.push([k, fmt3(v.p), fmt3(v.r), fmt3(v.f1), countText(k, c)]);
  }
  if (rows.length === 0) return '(no measure: the gold records hold none of the requested keys)';
  return textTable(['measure', 'P', 'R', 'F1', 'counts'], rows, (i) => i >= 1 && i <= 3);
}

/** Findings grouped by document, one line each ("  places  wrong   Idleb → Idlib (10, 10) 3000 km off"). */
export function findingsText(findings: Finding[], families?: readonly MeasureFamily[], missingIds: string[] = []): string {
  const byDoc = new Map<string, Finding[]>();
  for (const f of findings) {
    if (families && !families.includes(f.family)) continue;
    let l = byDoc.get(f.doc);
    if (!l) byDoc.set(f.doc, (l = []));
    l.push(f);
  }
  const missing = new Set(missingIds);
  const out: string[] = [];
  const label = { missed: 'missed', extra: 'false alarm', wrong: 'wrong' } as const;
  const order = Object.keys(MEASURE_FAMILIES);
  for (const [doc, list] of byDoc) {
    out.push(`${doc}${missing.has(doc) ? '  (no prediction for this document)' : ''}`);
    list.sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family) || kindRank(a.kind) - kindRank(b.kind));
    for (const f of list) {
      out.push(`  ${f.family.padEnd(8)} ${label[f.kind].padEnd(11)} ${f.item}${f.detail !== undefined ? `  → ${f.detail}` : ''}`);
    }
  }
  return out.join('\n');
}

function kindRank(k: Finding['kind']): number {
  return k === 'missed' ? 0 : k === 'wrong' ? 1 : 2;
}
