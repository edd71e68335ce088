/**
 * The benchmark: `npm run bench` (node --expose-gc dist/bench/bench.js [--n 10000] [--stages]).
 *
 * Generates a deterministic corpus of distinct made-up articles (bench/corpus.ts), writes it
 * as JSON Lines files in a temp folder, and measures in one run:
 *   startup   load the knowledge base (first fr and en document; its own < 1 s budget)
 *   floor     read the same files and split the texts into word tokens
 *   read      the ingest readers alone (readInputs)
 *   annotate  readers + every stage of src/pipeline.ts, timed per stage
 *   ingest    the same + the store (SQLite on a temp file, or --store postgres://… in a fresh
 *             schema dropped afterwards; batches of 500)
 * and prints articles/s, MB/s, the ratio to the floor, peak memory, CPU time (articles per CPU
 * second of all the process's threads: the rate per core), the share of garbage-collection
 * pauses and per-stage time; writes bench/out/latest.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import v8 from 'node:v8';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newDoc, type Doc } from '../src/document.js';
import { readInputs } from '../src/ingest/index.js';
import { BATCH_DOCS, PASSES, STAGES } from '../src/pipeline.js';
import { packFor } from '../src/lang/language.js';
import { AFTER_CLEAN, ensureIdentity, isInputError } from '../src/cli/process.js';
import { loadStoreModule } from '../src/cli/common.js';
import { generateCorpus, toJsonl } from './corpus.js';
import { INLINING_BUDGET, SEMI_SPACE_FLAG, tuneCompiler, tuneHeap } from '../src/cli/heap.js';

// The garbage collector as `vigie` sets it (src/cli/heap.ts); npm run bench passes the
// semi-space flag on node's command line, as the bin's shebang does.
const heap = tuneHeap();
const inlining = tuneCompiler();

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const argOf = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const N = Number(argOf('--n') ?? 10000);
const STAGES_ONLY = argv.includes('--stages');
const BATCH = Number(argOf('--batch') ?? 500);
/** Documents per annotation batch (src/pipeline.ts BATCH_DOCS); --batch-docs 1 takes each document through every stage alone. */
const BATCH_DOCS_RUN = Number(argOf('--batch-docs') ?? BATCH_DOCS);
/** --store postgres://user@host/db: run the ingest phase on PostgreSQL (a fresh schema, dropped at the end). */
const STORE = argOf('--store');
const PER_FILE = 500;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(BATCH_DOCS_RUN) || BATCH_DOCS_RUN < 1) {
  console.error('usage: bench [--n 10000] [--stages] [--batch 500] [--batch-docs 64] [--store postgres://…]');
  process.exit(1);
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const now = (): number => Number(process.hrtime.bigint()) / 1e6; // ms
const mb = (b: number): number => b / 1048576;
let peakRss = 0;
const sampleRss = (): void => {
  const r = process.memoryUsage.rss();
  if (r > peakRss) peakRss = r;
};

// ------------------------------------------------------------------ corpus
const t0 = now();
const articles = generateCorpus(N);
const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'));
const files: string[] = [];
let bytes = 0;
for (let i = 0; i < articles.length; i += PER_FILE) {
  const f = join(dir, `corpus-${String(i / PER_FILE).padStart(4, '0')}.jsonl`);
  const s = toJsonl(articles.slice(i, i + PER_FILE));
  writeFileSync(f, s);
  files.push(f);
}
for (const a of articles) bytes += Buffer.byteLength(a.text);
const distinct = new Set(articles.map((a) => a.text)).size;
const genMs = now() - t0;
articles.length = 0; // free the in-memory copy: every phase reads the files
gc();

interface Phase {
  name: string;
  docs: number;
  ms: number;
  peakRssMB: number;
  /** CPU time of the whole process (every thread: the main one, the collector's and compiler's helpers). */
  cpuMs: number;
  /** CPU time of the main thread alone (Linux; null elsewhere). */
  mainCpuMs: number | null;
  /** Garbage-collection pauses of the main thread, in all and of young-generation collections (scavenges), ms. */
  gcMs: number;
  gcMinorMs: number;
  note?: string;
}
const phases: Phase[] = [];

/** CPU ms of the main thread (its /proc task entry, clock ticks of 10 ms), or null when unavailable. */
function mainThreadCpuMs(): number | null {
  try {
    const st = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return null;
  }
}
const processCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function phase(name: string, fn: () => Promise<number> | number, note?: string): Promise<Phase> {
  gc();
  peakRss = 0;
  sampleRss();
  // garbage-collection pauses of the main thread: v8.GCProfiler gives each collection's cost in
  // µs (perf_hooks 'gc' entries are lost while a phase only awaits promises)
  const profiler = new v8.GCProfiler();
  profiler.start();
  const cpu0 = processCpuMs();
  const main0 = mainThreadCpuMs();
  const s = now();
  const docs = await fn();
  const ms = now() - s;
  const cpuMs = processCpuMs() - cpu0;
  const main1 = mainThreadCpuMs();
  let gcMs = 0;
  let gcMinorMs = 0;
  for (const g of profiler.stop().statistics) {
    gcMs += g.cost / 1000;
    if (g.gcType === 'Scavenge' || g.gcType === 'MinorMarkCompact') gcMinorMs += g.cost / 1000;
  }
  const p: Phase = {
    name,
    docs,
    ms,
    peakRssMB: 0,
    cpuMs,
    mainCpuMs: main0 === null || main1 === null ? null : main1 - main0,
    gcMs,
    gcMinorMs,
    note,
  };
  sampleRss();
  p.peakRssMB = mb(peakRss);
  phases.push(p);
  return p;
}

// ------------------------------------------------------------------ start-up
// Loading the knowledge base (registry, gazetteer index — built on first use —, language packs,
// lexicons) happens on the first document of each language. It has its own budget (< 1 s,
// issues #3/#4), so it is timed here, on two made-up sentences, and not billed to the
// throughput of the annotate phase; the report also gives annotate with it included.
const startupPhase = await phase('startup', () => {
  const texts: Array<[string, 'fr' | 'en']> = [
    ["Des frappes aériennes ont visé mardi la ville d'Alep, selon l'Observatoire syrien des droits de l'homme.", 'fr'],
    ['Shelling hit the town of Marib on Monday, killing three people, local officials said.', 'en'],
  ];
  for (const [raw, lang] of texts) {
    const doc = newDoc({ id: `startup-${lang}`, origin: { path: 'startup', format: 'txt' }, raw, lang, published: '2024-03-05' });
    for (const st of STAGES) st.run(doc, { pack: packFor(doc.lang) });
  }
  return 0;
});

// ------------------------------------------------------------------ floor
// The cheapest reading of the same files: the bytes, each line decoded on its own (as the JSONL
// reader does), parsed, its text split into word tokens. Not readFileSync(f, 'utf8') nor a
// whole-file transcode: both decode each file into one file-sized string (and buffer) in fresh
// memory, several times slower on this corpus, which made the floor slow and every ×floor
// ratio look better than it is.
const WORD = /[\p{L}\p{N}]+/gu;
await phase('floor', () => {
  let docs = 0;
  let tokens = 0;
  for (const f of files) {
    const b = readFileSync(f);
    for (let s = 0; s < b.length; ) {
      let e = b.indexOf(10, s);
      if (e < 0) e = b.length;
      if (e > s) {
        const o = JSON.parse(b.toString('utf8', s, e)) as { text: string };
        tokens += (o.text.match(WORD) ?? []).length;
        docs++;
      }
      s = e + 1;
    }
    sampleRss();
  }
  if (tokens === 0) throw new Error('floor found no tokens');
  return docs;
});

// ------------------------------------------------------------------ read (ingest readers)
const readPhase = await phase('read', async () => {
  let docs = 0;
  for await (const item of readInputs(files)) {
    if (!isInputError(item)) docs++;
    if (docs % 250 === 0) sampleRss();
  }
  return docs;
});
/** When the readers do not deliver the corpus (not written yet), build Docs directly from the lines. */
const readersWork = readPhase.docs >= N * 0.99;
async function* source(): AsyncGenerator<Doc> {
  if (readersWork) {
    for await (const item of readInputs(files)) if (!isInputError(item)) yield item as Doc;
    return;
  }
  for (const f of files) {
    let line = 0;
    for (const s of readFileSync(f, 'utf8').split('\n')) {
      line++;
      if (!s) continue;
      const o = JSON.parse(s) as { id: string; text: string; title: string; outlet: string; published: string; lang: 'fr' | 'en' };
      yield newDoc({ id: o.id, origin: { path: f, format: 'jsonl', line }, raw: o.text, title: o.title, outlet: o.outlet, published: o.published, lang: o.lang });
    }
  }
}
const sourceNote = readersWork ? undefined : `readers delivered ${readPhase.docs}/${N}: documents built from the lines directly`;

// ------------------------------------------------------------------ annotate, per stage
const stageMs = new Map<string, number>(STAGES.map((s) => [s.name, 0]));
/** The second half of the annotate phase, timed apart: the rate once the JIT and the per-word memos are warm. */
const halfN = Math.floor(N / 2);
let halfAt = now();
let halfDocs = 0;
const stageErrors = new Map<string, string>();
/**
 * Stages [from, to) over a group of documents as src/pipeline.ts runBatch does it (pass by pass,
 * see PASSES), each stage timed; a stage that throws is recorded and the document goes on.
 */
function runTimed(group: readonly Doc[], from: number, to: number, time: boolean): void {
  let at = 0;
  for (const pass of PASSES) {
    const lo = Math.max(from, at);
    const hi = Math.min(to, at + pass.length);
    for (let g = 0; lo < hi && g < group.length; g++) {
      const doc = group[g];
      for (let i = lo; i < hi; i++) {
        const st = pass[i - at];
        const s = time ? now() : 0;
        try {
          st.run(doc, { pack: packFor(doc.lang) });
        } catch (e) {
          if (time && !stageErrors.has(st.name)) stageErrors.set(st.name, `${(e as Error).message} (doc ${doc.id})`);
        }
        if (time) stageMs.set(st.name, stageMs.get(st.name)! + now() - s);
      }
    }
    at += pass.length;
  }
}
const annotatePhase = await phase(
  'annotate',
  async () => {
    let docs = 0;
    let group: Doc[] = [];
    const runGroup = (): void => {
      runTimed(group, 0, STAGES.length, true);
      docs += group.length;
      group = [];
      if (halfDocs === 0 && docs >= halfN) {
        halfAt = now();
        halfDocs = docs;
      }
      sampleRss();
    };
    for await (const doc of source()) {
      group.push(doc);
      if (group.length >= BATCH_DOCS_RUN) runGroup();
    }
    if (group.length) runGroup();
    return docs;
  },
  [sourceNote, `${BATCH_DOCS_RUN} document${BATCH_DOCS_RUN === 1 ? '' : 's'} per batch`].filter(Boolean).join('; '),
);
const warmMs = now() - halfAt;

// ------------------------------------------------------------------ ingest (store)
let storeMs = 0;
let stored = 0;
let storeNote: string | undefined;
if (!STAGES_ONLY) {
  let mod: Awaited<ReturnType<typeof loadStoreModule>> | null = null;
  try {
    mod = await loadStoreModule();
  } catch (e) {
    storeNote = `store not available: ${(e as Error).message.split('\n')[0]}`;
  }
  if (mod) {
    const dbFile = join(dir, 'bench.db');
    const pgSchema = `vigie_bench_${process.pid}`;
    const storeUrl = STORE ? `${STORE}${STORE.includes('?') ? '&' : '?'}schema=${pgSchema}` : `sqlite:${dbFile}`;
    const store = await mod.openStore(storeUrl);
    await phase(
      'ingest',
      async () => {
        let docs = 0;
        let batch: Doc[] = [];
        // As `vigie ingest`: one batch written while the next is annotated. storeMs counts the
        // time the loop waits for the store (the call, waiting for the previous write, the
        // duplicate check); work the store does between documents shows in the phase's wall time.
        let writing: Promise<void> | null = null;
        let writeDone = true;
        const settle = async (): Promise<void> => {
          if (!writing) return;
          const s = now();
          await writing;
          writing = null;
          storeMs += now() - s;
        };
        const flush = async (): Promise<void> => {
          await settle();
          const docs = batch;
          batch = [];
          writeDone = false;
          const s = now();
          writing = store.putDocuments(docs).then((r) => {
            writeDone = true;
            stored += r.inserted;
            sampleRss();
          });
          storeMs += now() - s;
        };
        // As `vigie ingest` (src/cli/run.ts): clean a group of documents, ask the store once
        // which hashes it holds, annotate and batch the others.
        const seen = new Set<string>();
        let cleaned: Doc[] = [];
        const annotateCleaned = async (): Promise<void> => {
          const group = cleaned;
          cleaned = [];
          const s = now();
          const storedHashes = await store.hasHashes(group.map((d) => d.hash).filter((h) => !seen.has(h)));
          storeMs += now() - s;
          const todo: Doc[] = [];
          for (const doc of group) {
            if (seen.has(doc.hash) || storedHashes.has(doc.hash)) continue;
            seen.add(doc.hash);
            todo.push(doc);
          }
          for (let k = 0; k < todo.length; k += BATCH_DOCS_RUN) {
            const part = todo.slice(k, k + BATCH_DOCS_RUN);
            runTimed(part, AFTER_CLEAN, STAGES.length, false); // errors: counted in the annotate phase
            for (const doc of part) {
              batch.push(doc);
              if (batch.length >= BATCH) await flush();
            }
            if (!writeDone) await new Promise<void>((r) => setImmediate(r));
          }
        };
        for await (const doc of source()) {
          docs++;
          for (let i = 0; i < AFTER_CLEAN; i++) STAGES[i].run(doc, { pack: packFor(doc.lang) });
          ensureIdentity(doc);
          cleaned.push(doc);
          if (cleaned.length >= BATCH) await annotateCleaned();
        }
        if (cleaned.length) await annotateCleaned();
        if (batch.length) await flush();
        await settle();
        return docs;
      },
      [sourceNote, STORE ? `store: ${store.kind}` : undefined].filter(Boolean).join('; ') || undefined,
    );
    await store.close();
    if (STORE) {
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: STORE });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
      await c.end();
    }
  }
}

// ------------------------------------------------------------------ report
const floor = phases.find((p) => p.name === 'floor')!;
const rows = phases.filter((p) => p.name !== 'startup').map((p) => ({
  phase: p.name,
  docs: p.docs,
  seconds: +(p.ms / 1000).toFixed(3),
  articlesPerSec: Math.round(p.docs / (p.ms / 1000)),
  mbPerSec: +(mb(bytes) / (p.ms / 1000)).toFixed(2),
  ratioToFloor: +(p.ms / floor.ms).toFixed(2),
  peakRssMB: +p.peakRssMB.toFixed(0),
  cpuSeconds: +(p.cpuMs / 1000).toFixed(3),
  articlesPerCpuSec: Math.round(p.docs / (p.cpuMs / 1000)),
  mainThreadCpuSeconds: p.mainCpuMs === null ? null : +(p.mainCpuMs / 1000).toFixed(2),
  gcPauseShare: +((100 * p.gcMs) / p.ms).toFixed(1),
  scavengeShare: +((100 * p.gcMinorMs) / p.ms).toFixed(1),
  note: p.note,
}));
const stageRows = [...stageMs].map(([name, ms]) => ({
  stage: name,
  ms: +ms.toFixed(1),
  usPerDoc: +((ms * 1000) / Math.max(1, annotatePhase.docs)).toFixed(1),
  share: +((100 * ms) / annotatePhase.ms).toFixed(1),
  error: stageErrors.get(name),
}));
const stagesTotal = [...stageMs.values()].reduce((a, b) => a + b, 0);
stageRows.push({ stage: '(readers + loop)', ms: +(annotatePhase.ms - stagesTotal).toFixed(1), usPerDoc: +(((annotatePhase.ms - stagesTotal) * 1000) / Math.max(1, annotatePhase.docs)).toFixed(1), share: +((100 * (annotatePhase.ms - stagesTotal)) / annotatePhase.ms).toFixed(1), error: undefined });
if (storeMs) stageRows.push({ stage: '(store, in ingest)', ms: +storeMs.toFixed(1), usPerDoc: +((storeMs * 1000) / Math.max(1, stored)).toFixed(1), share: NaN, error: undefined });

const pad = (s: string | number, w: number, left = false): string => (left ? String(s).padEnd(w) : String(s).padStart(w));
console.log(`\nVigie benchmark — ${N} generated articles (${distinct} distinct texts), ${mb(bytes).toFixed(2)} MB of text, ${files.length} JSONL files`);
console.log(`node ${process.version}${process.execArgv.length ? ` ${process.execArgv.join(' ')}` : ''}, ${cpus()[0]?.model ?? 'cpu?'}; corpus generated in ${(genMs / 1000).toFixed(2)} s`);
console.log(`garbage collector: ${heap.semiSpace ? `semi-space size given to node (vigie passes ${SEMI_SPACE_FLAG})` : `default semi-spaces (node run without ${SEMI_SPACE_FLAG}, which vigie passes: slower than vigie)`}, old generation ${heap.growingPercent === null ? 'growth as given on the command line' : `grows ${heap.growingPercent} % past its live size`}, allocation-site pretenuring ${heap.pretenuring ? 'on (as given on the command line)' : 'off'}`);
console.log(`optimizing compiler: inlining budget ${inlining === null ? 'as given on the command line' : `${inlining} bytecodes`} (vigie sets ${INLINING_BUDGET}; V8's default 920)\n`);
console.log(`${pad('phase', 10, true)}${pad('docs', 8)}${pad('s', 9)}${pad('art/s', 9)}${pad('MB/s', 8)}${pad('×floor', 8)}${pad('peakRSS MB', 12)}${pad('CPU s', 8)}${pad('art/CPU s', 11)}${pad('GC %', 7)}`);
for (const r of rows) {
  console.log(`${pad(r.phase, 10, true)}${pad(r.docs, 8)}${pad(r.seconds.toFixed(2), 9)}${pad(r.articlesPerSec, 9)}${pad(r.mbPerSec.toFixed(2), 8)}${pad(r.ratioToFloor.toFixed(1), 8)}${pad(r.peakRssMB, 12)}${pad(r.cpuSeconds.toFixed(2), 8)}${pad(r.articlesPerCpuSec, 11)}${pad(r.gcPauseShare.toFixed(1), 7)}${r.note ? `  (${r.note})` : ''}`);
}
console.log('(CPU s: every thread of the process, so the collector\'s and compiler\'s helper threads count; GC %: the main thread\'s collection pauses, share of the phase\'s wall time)');
if (storeNote) console.log(`ingest    skipped: ${storeNote}`);
const warmDocs = annotatePhase.docs - halfDocs;
const warmRate = warmDocs > 0 && warmMs > 0 ? Math.round(warmDocs / (warmMs / 1000)) : 0;
const withStartupRate = Math.round(annotatePhase.docs / ((annotatePhase.ms + startupPhase.ms) / 1000));
console.log(`\nstart-up (knowledge base loaded on the first fr and en documents): ${startupPhase.ms.toFixed(0)} ms, peak RSS ${startupPhase.peakRssMB.toFixed(0)} MB`);
console.log(`annotate with start-up included: ${withStartupRate} art/s; second half of annotate alone (warm JIT and memos): ${warmRate} art/s`);
console.log(`\n${pad('stage', 20, true)}${pad('ms', 10)}${pad('µs/doc', 10)}${pad('% annotate', 12)}`);
for (const s of stageRows) {
  console.log(`${pad(s.stage, 20, true)}${pad(s.ms.toFixed(0), 10)}${pad(s.usPerDoc.toFixed(1), 10)}${pad(Number.isNaN(s.share) ? '' : s.share.toFixed(1), 12)}${s.error ? `  ERROR: ${s.error}` : ''}`);
}
const ann = rows.find((r) => r.phase === 'annotate')!;
const ing = rows.find((r) => r.phase === 'ingest');
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak RSS of the whole run (incl. corpus generation): ${maxRssMB.toFixed(0)} MB`);
const met = (r: (typeof rows)[number]): string => (r.articlesPerSec >= 2000 && r.articlesPerCpuSec >= 2000 && r.ratioToFloor <= 7 ? 'MET' : 'not met');
console.log(`goal: ≥ 2000 articles/s per core (wall and per CPU second) and ≤ 7× floor — annotate: ${ann.articlesPerSec} art/s, ${ann.articlesPerCpuSec} art/CPU s, ${ann.ratioToFloor}× ${met(ann)}${ing ? `; ingest: ${ing.articlesPerSec} art/s, ${ing.articlesPerCpuSec} art/CPU s, ${ing.ratioToFloor}× ${met(ing)}` : ''}`);

const outDir = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) && dirname(d) !== d) d = dirname(d);
  return join(d, 'bench', 'out');
})();
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? null,
  n: N,
  distinct,
  megabytes: +mb(bytes).toFixed(3),
  readersWork,
  phases: rows,
  startupMs: +startupPhase.ms.toFixed(1),
  annotateWithStartupPerSec: withStartupRate,
  annotateSecondHalfPerSec: warmRate,
  stages: stageRows.map((s) => ({ ...s, share: Number.isNaN(s.share) ? null : s.share })),
  storedInIngest: stored,
  storeNote: storeNote ?? null,
  peakRssWholeRunMB: +maxRssMB.toFixed(0),
  heap,
  inliningBudget: inlining,
  goal: { articlesPerSec: 2000, ratioToFloor: 7 },
};
try {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`wrote ${join(outDir, 'latest.json')}`);
} catch (e) {
  console.error(`could not write bench/out/latest.json: ${(e as Error).message}`);
}
rmSync(dir, { recursive: true, force: true });
