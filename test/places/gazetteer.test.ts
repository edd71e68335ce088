import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { repoPath } from '../helpers.js';
import { km, loadGazetteer, overlayProblems } from '../../src/knowledge/places/index.js';
import { overlayFileSchema } from '../../src/knowledge/places/overlay.js';
import { foldKey } from '../../src/match/fold.js';
import { ROW_BIG, ROW_BIG_PLACE, ROW_COUNTRY, ROW_CURATED_OR_COUNTRY, ROW_JURISDICTION, ROW_SEAT, rowFlags } from '../../src/places/context.js';

const g = loadGazetteer();

function lookup(name: string) {
  return (g.matcher.get(foldKey(name)) ?? []).map((i) => g.entry(i));
}

test('every overlay file is valid and every alias target resolves', () => {
  const dir = repoPath('src', 'knowledge', 'places', 'overlay');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 3);
  for (const f of files) overlayFileSchema.parse(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
  assert.deepEqual(overlayProblems, []);
});

test('overlay slugs are unique across files', () => {
  const dir = repoPath('src', 'knowledge', 'places', 'overlay');
  const slugs: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const file = overlayFileSchema.parse(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
    for (const p of file.places ?? []) slugs.push(p.slug);
  }
  assert.ok(slugs.length > 40);
  assert.equal(new Set(slugs).size, slugs.length);
  for (const s of slugs) assert.ok(g.byId.has(`ov:${s}`), s);
});

test('French exonyms and transliterations reach the GeoNames town', () => {
  const cases: [string, string, number, number][] = [
    ['Alep', 'SY', 36.2, 37.16], ['Damas', 'SY', 33.51, 36.29], ['Palmyre', 'SY', 34.56, 38.28], ['Idleb', 'SY', 35.93, 36.63],
    ['Deraa', 'SY', 32.62, 36.1], ['Deir Ez Zor', 'SY', 35.34, 40.14], ['Rakka', 'SY', 35.95, 39.01], ['Lattaquié', 'SY', 35.52, 35.79],
    ['Mossoul', 'IQ', 36.34, 43.13], ['Bagdad', 'IQ', 33.34, 44.4], ['Beyrouth', 'LB', 33.89, 35.5], ['Marioupol', 'UA', 47.1, 37.55],
    ['Tombouctou', 'ML', 16.77, -3.0], ['Khan Younès', 'PS', 31.35, 34.31], ['Hodeïda', 'YE', 14.8, 42.95], ['Syrte', 'LY', 31.2, 16.59],
  ];
  for (const [name, cc, lat, lon] of cases) {
    const hits = lookup(name).filter((e) => e.country === cc);
    assert.ok(hits.length, `${name} not found`);
    assert.ok(hits.some((e) => km(e.lat, e.lon, lat, lon) < 30), `${name} too far: ${hits.map((e) => `${e.lat},${e.lon}`)}`);
  }
});

test('sub-town places carry their precision', () => {
  const castello = lookup('route du Castello')[0];
  assert.equal(castello.precision, 'point');
  assert.ok(km(castello.lat, castello.lon, 36.2, 37.16) < 20);
  const ghouta = lookup('Ghouta orientale')[0];
  assert.equal(ghouta.precision, 'region');
  const hmeimim = lookup('Hmeimim')[0];
  assert.equal(hmeimim.geoPrecision, 1);
  assert.ok(km(hmeimim.lat, hmeimim.lon, 35.4, 35.95) < 10);
});

test('countries carry French and English names, admin-1 regions their centroid', () => {
  for (const n of ['Syrie', 'Etats-Unis', 'États-Unis', 'Royaume-Uni', 'Arabie saoudite', 'Turkey', 'Jordanie']) {
    assert.ok(lookup(n).some((e) => e.fcode === 'PCLI'), n);
  }
  const idlibRegion = g.entry(g.byId.get('adm1:SY.12')!);
  assert.equal(idlibRegion.precision, 'region');
  assert.equal(idlibRegion.geoPrecision, 3);
  assert.ok(km(idlibRegion.lat, idlibRegion.lon, 35.8, 36.6) < 80);
});

test('countries know their demonyms in both languages', () => {
  const sy = g.countries.get('SY')!;
  assert.ok(sy.demonyms.fr.includes('Syrien'));
  assert.ok(sy.demonyms.en.includes('Syrian'));
  assert.equal(sy.fr, 'Syrie');
});

test('rowFlags says what some entry of a values list is (the same as looking at every entry)', () => {
  const g = loadGazetteer();
  let lists = 0;
  for (const name of ['Paris', 'Alep', 'Springfield', 'Texas', 'Syrie', 'Damas', 'La Défense', 'Saint-Denis', 'Idlib', 'Washington']) {
    const values = g.matcher.get(foldKey(name));
    if (!values) continue;
    lists++;
    const es = values.map((i) => g.entry(i));
    const f = rowFlags(g, values);
    assert.equal(rowFlags(g, values), f, 'the same bits the second time');
    assert.equal((f & ROW_CURATED_OR_COUNTRY) !== 0, es.some((e) => e.curated || e.fcode === 'PCLI'), name);
    assert.equal((f & ROW_JURISDICTION) !== 0, es.some((e) => e.curated || e.fcode === 'PCLI' || e.fcode === 'ADM1'), name);
    assert.equal((f & ROW_BIG) !== 0, es.some((e) => e.fcode === 'ADM1' || e.population >= 100000), name);
    assert.equal((f & ROW_BIG_PLACE) !== 0, es.some((e) => e.fcode === 'PCLI' || e.curated || e.population > 100000), name);
    assert.equal((f & ROW_COUNTRY) !== 0, es.some((e) => e.fcode === 'PCLI'), name);
    assert.equal((f & ROW_SEAT) !== 0, es.some((e) => ['PCLI', 'PPLC', 'PPLA', 'ADM1'].includes(e.fcode)), name);
  }
  assert.ok(lists >= 8);
});
