/**
 * The curated actor registry (src/knowledge/actors): schema, references, renamings, alias
 * uniqueness after folding, id conventions, and the coverage the stages rely on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import { repoPath } from '../helpers.js';
import { ACTOR_KINDS, actorFileSchema, actorEntrySchema, type ActorEntry } from '../../src/knowledge/actors/schema.js';
import { DATA_FILES, actorById, allAliases, loadActorFiles, loadActors } from '../../src/knowledge/actors/index.js';
import { foldKey } from '../../src/match/fold.js';

const actors = loadActors();

/** Asserts an empty list of problems, printing the first ones (no deep diff of long lists). */
function none(problems: string[], what = 'problems'): void {
  assert.ok(problems.length === 0, `${problems.length} ${what}:\n  ${problems.slice(0, 60).join('\n  ')}`);
}
const ids = new Map(actors.map((a) => [a.id, a]));

test('every JSON file of data/ is listed by the loader, and validates against the schema on disk', () => {
  const onDisk = readdirSync(repoPath('src/knowledge/actors/data')).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(Object.keys(DATA_FILES).sort(), onDisk);
  for (const f of onDisk) {
    const raw = JSON.parse(readFileSync(repoPath('src/knowledge/actors/data', f), 'utf8'));
    const r = actorFileSchema.safeParse(raw);
    assert.ok(r.success, `${f}: ${r.success ? '' : r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    assert.ok(r.data._about.length > 20, `${f}: _about describes the file`);
    assert.ok(r.data.actors.length > 0, `${f}: not empty`);
    // The statically imported copy is the same data as the file on disk.
    assert.deepEqual(DATA_FILES[f], raw);
  }
});

test('the schema rejects malformed entries (unknown field, bad id, bad country, bad date)', () => {
  const ok = { id: 'x-ok', name: 'Ok Group', kind: 'armed_group', country: 'SY', inter: 2, aliases: { fr: ['x'], en: [] } };
  assert.ok(actorEntrySchema.safeParse(ok).success);
  assert.ok(!actorEntrySchema.safeParse({ ...ok, extra: 1 }).success);
  assert.ok(!actorEntrySchema.safeParse({ ...ok, id: 'Bad Id' }).success);
  assert.ok(!actorEntrySchema.safeParse({ ...ok, country: 'sy' }).success);
  assert.ok(!actorEntrySchema.safeParse({ ...ok, validFrom: '2016/07' }).success);
  assert.ok(!actorEntrySchema.safeParse({ ...ok, kind: 'militia' }).success);
});

test('the loader merges every file, caches, and finds entries by id', () => {
  const total = loadActorFiles().reduce((s, f) => s + f.actors.length, 0);
  assert.equal(actors.length, total);
  assert.equal(loadActors(), actors, 'cached: the same array on the second call');
  assert.equal(actorById('military-sy')?.name, 'Military Forces of Syria');
  assert.equal(actorById('no-such-actor'), undefined);
  assert.deepEqual(allAliases({ id: 'a', name: 'A B', kind: 'org', country: null, inter: null, aliases: { fr: ['A B', 'c'], en: ['d'] } }), ['A B', 'c', 'd']);
});

test('at least 450 entries, ids unique', () => {
  assert.ok(actors.length >= 450, `only ${actors.length} entries`);
  assert.equal(ids.size, actors.length, 'duplicate ids');
});

test('parent, members, allies, memberOf, renamedFrom and renamedTo point to existing ids (and never to themselves)', () => {
  const bad: string[] = [];
  for (const a of actors) {
    const refs: [string, string | null | undefined][] = [
      ['parent', a.parent], ['memberOf', a.memberOf], ['renamedFrom', a.renamedFrom], ['renamedTo', a.renamedTo],
      ...(a.members ?? []).map((m): [string, string] => ['members', m]),
      ...(a.allies ?? []).map((m): [string, string] => ['allies', m]),
    ];
    for (const [field, ref] of refs) {
      if (ref == null) continue;
      if (!ids.has(ref)) bad.push(`${a.id}.${field} → ${ref} (missing)`);
      if (ref === a.id) bad.push(`${a.id}.${field} → itself`);
    }
  }
  none(bad);
});

test('parent chains have no cycles', () => {
  for (const a of actors) {
    const seen = new Set<string>();
    let cur: ActorEntry | undefined = a;
    while (cur?.parent) {
      assert.ok(!seen.has(cur.id), `cycle through ${a.id}`);
      seen.add(cur.id);
      cur = ids.get(cur.parent);
    }
  }
});

test('renaming chains are symmetric and their dates consistent', () => {
  const bad: string[] = [];
  for (const a of actors) {
    if (a.validFrom && a.validTo && a.validFrom > a.validTo) bad.push(`${a.id}: validFrom ${a.validFrom} > validTo ${a.validTo}`);
    if (a.renamedTo) {
      const b = ids.get(a.renamedTo);
      if (!b) continue;
      if (b.renamedFrom !== a.id) bad.push(`${a.id} → ${b.id}: ${b.id}.renamedFrom is ${b.renamedFrom}`);
      if (!a.validTo) bad.push(`${a.id}: renamed but no validTo`);
      if (!b.validFrom) bad.push(`${b.id}: renamed from ${a.id} but no validFrom`);
      // The new name starts when (the month) the old one ends.
      if (a.validTo && b.validFrom && b.validFrom.slice(0, 7) < a.validTo.slice(0, 7)) bad.push(`${a.id}.validTo ${a.validTo} after ${b.id}.validFrom ${b.validFrom}`);
      if (a.validFrom && b.validFrom && a.validFrom >= b.validFrom) bad.push(`${a.id} starts after its successor ${b.id}`);
    }
    if (a.renamedFrom) {
      const b = ids.get(a.renamedFrom);
      if (b && b.renamedTo !== a.id) bad.push(`${a.id} ← ${b.id}: ${b.id}.renamedTo is ${b.renamedTo}`);
    }
    if ((a.validFrom || a.validTo) && !a.note) bad.push(`${a.id}: dates without a note giving their source`);
  }
  none(bad);
});

test('Jabhat al-Nusra → Jabhat Fatah al-Sham → Hayat Tahrir al-Sham, with dates', () => {
  const nusra = ids.get('jabhat-al-nusra');
  const jfs = ids.get('jabhat-fatah-al-sham');
  const hts = ids.get('hts');
  assert.ok(nusra && jfs && hts);
  assert.equal(nusra.renamedTo, 'jabhat-fatah-al-sham');
  assert.equal(jfs.renamedFrom, 'jabhat-al-nusra');
  assert.equal(jfs.renamedTo, 'hts');
  assert.equal(hts.renamedFrom, 'jabhat-fatah-al-sham');
  assert.equal(nusra.validFrom?.slice(0, 4), '2012');
  assert.equal(jfs.validFrom?.slice(0, 7), '2016-07');
  assert.equal(hts.validFrom?.slice(0, 7), '2017-01');
  for (const [e, names] of [
    [nusra, ['Front al-Nosra', 'al-Nosra', 'Jabhat al-Nusra', 'al-Nusra Front', 'Nusra']],
    [jfs, ['Fatah al-Cham', 'Jabhat Fateh al-Sham']],
    [hts, ['Hayat Tahrir al-Cham', "Hay'at Tahrir al-Sham", 'HTS']],
  ] as const) {
    const keys = new Set(allAliases(e).map(foldKey));
    for (const n of names) assert.ok(keys.has(foldKey(n)), `${e.id} lacks ${n}`);
  }
});

test('no folded alias is shared by two entries unless each of them marks it ambiguous', () => {
  const owners = new Map<string, { id: string; amb: boolean }[]>();
  for (const a of actors) {
    const amb = new Set((a.ambiguous ?? []).map(foldKey));
    for (const k of new Set(allAliases(a).map(foldKey))) {
      const list = owners.get(k) ?? [];
      list.push({ id: a.id, amb: amb.has(k) });
      owners.set(k, list);
    }
  }
  const clashes: string[] = [];
  for (const [k, list] of owners) {
    if (list.length > 1 && list.some((o) => !o.amb)) clashes.push(`"${k}": ${list.map((o) => o.id + (o.amb ? '(amb)' : '')).join(', ')}`);
  }
  none(clashes);
});

test('every ambiguous alias is an alias of its entry, and no alias folds to nothing', () => {
  const bad: string[] = [];
  for (const a of actors) {
    const keys = new Set([...a.aliases.fr, ...a.aliases.en].map(foldKey));
    for (const x of a.ambiguous ?? []) if (!keys.has(foldKey(x))) bad.push(`${a.id}: ambiguous "${x}" is not in its aliases`);
    for (const x of allAliases(a)) if (!foldKey(x)) bad.push(`${a.id}: alias "${x}" folds to nothing`);
  }
  none(bad);
});

test('loaded labels are never unambiguous aliases, and canonical names are neutral', () => {
  const loaded = ['terroristes', 'terroriste', 'groupes terroristes', 'takfiristes', 'jihadistes', 'djihadistes', 'miliciens', 'milices', 'terrorists', 'jihadists', 'forces du regime', 'regime forces', 'loyalistes', 'regime syrien', 'regime'];
  const L = new Set(loaded.map(foldKey));
  const bad: string[] = [];
  for (const a of actors) {
    const amb = new Set((a.ambiguous ?? []).map(foldKey));
    for (const x of [...a.aliases.fr, ...a.aliases.en]) if (L.has(foldKey(x)) && !amb.has(foldKey(x))) bad.push(`${a.id}: "${x}"`);
    if (/\b(regime|régime|terrorist|terroriste|takfiri|puppet|occupiers?|occupation forces|crusaders?|rats?)\b/i.test(a.name)) bad.push(`${a.id}: name "${a.name}"`);
  }
  none(bad);
});

test('no alias folds to a common French or English word (the matcher strips leading articles and ignores case)', () => {
  // "Le Monde" → "monde", "Le Point" → "point", "LeT" → "let", "ToI" → "toi": such keys would fire on ordinary text.
  const common = new Set(['monde', 'point', 'liberation', 'temps', 'soir', 'presse', 'parisien', 'express', 'times', 'independent', 'guardian', 'toi', 'let', 'platform', 'plateforme',
    'colons', 'settlers', 'marines', 'califat', 'caliphate', 'tigre', 'tiger', 'rada', 'azov', 'amnesty', 'memorial', 'smart', 'petra', 'saba', 'sabah', 'fars', 'mehr', 'aman', 'qods',
    'emirats', 'emirates', 'russie', 'syrie', 'russia', 'syria', 'iran', 'irak', 'iraq', 'turquie', 'turkey', 'france', 'ukraine', 'israel', 'liban', 'lebanon', 'damas', 'moscou', 'ankara', 'washington']);
  const bad: string[] = [];
  for (const a of actors) for (const x of allAliases(a)) if (common.has(foldKey(x))) bad.push(`${a.id}: "${x}"`);
  none(bad);
});

test('every entry has at least one French alias (the canonical name counts as English)', () => {
  const bad = actors.filter((a) => a.aliases.fr.length === 0).map((a) => a.id);
  none(bad);
});

test('id conventions: state-/military-/rebels-<cc>, person-, media-; countries valid; inter codes by kind', () => {
  const bad: string[] = [];
  for (const a of actors) {
    if (a.country && !countries.isValid(a.country) && a.country !== 'XK') bad.push(`${a.id}: country ${a.country}`);
    const m = /^(state|military|rebels)-([a-z]{2})$/.exec(a.id);
    if (m) {
      const cc = m[2].toUpperCase();
      if (a.country !== cc) bad.push(`${a.id}: country ${a.country}`);
      const want = { state: ['state', 1], military: ['military', 1], rebels: ['armed_group', 2] }[m[1] as 'state' | 'military' | 'rebels'];
      if (a.kind !== want[0] || a.inter !== want[1]) bad.push(`${a.id}: ${a.kind}/${a.inter}`);
    }
    if (/^(state|military)-[a-z]{2}-/.test(a.id) && !a.parent) bad.push(`${a.id}: sub-entity without parent`);
    if (a.id.startsWith('person-') !== (a.kind === 'person')) bad.push(`${a.id}: person id/kind`);
    if (a.id.startsWith('media-') !== (a.kind === 'media')) bad.push(`${a.id}: media id/kind`);
    if (['state', 'military'].includes(a.kind) && a.inter !== 1) bad.push(`${a.id}: ${a.kind} with inter ${a.inter}`);
    if (a.kind === 'armed_group' && ![2, 3, 4, 8].includes(a.inter ?? 0)) bad.push(`${a.id}: armed group with inter ${a.inter}`);
    if (['media', 'ngo', 'person'].includes(a.kind) && a.inter !== null && a.inter !== 7 && a.inter !== 8) bad.push(`${a.id}: ${a.kind} inter ${a.inter}`);
    if (a.kind === 'person' && !a.role) bad.push(`${a.id}: person without role`);
    if (a.stateOwned !== undefined && a.kind !== 'media') bad.push(`${a.id}: stateOwned on a non-media entry`);
    if (!(ACTOR_KINDS as readonly string[]).includes(a.kind)) bad.push(a.id);
  }
  none(bad);
});

test('every country with a government entry has a military entry, and the reverse', () => {
  const states = actors.filter((a) => /^state-[a-z]{2}$/.test(a.id)).map((a) => a.id.slice(6));
  const mil = actors.filter((a) => /^military-[a-z]{2}$/.test(a.id)).map((a) => a.id.slice(9));
  assert.ok(states.length >= 60, `${states.length} states`);
  assert.deepEqual(states.filter((c) => !mil.includes(c)), []);
  assert.deepEqual(mil.filter((c) => !states.includes(c)), []);
  for (const c of ['sy', 'iq', 'lb', 'tr', 'ir', 'il', 'ps', 'ye', 'ly', 'ml', 'bf', 'ne', 'td', 'ng', 'ru', 'ua', 'us', 'gb', 'fr', 'de', 'cn', 'sa', 'ae', 'qa', 'eg', 'jo', 'dz', 'ma', 'sd', 'ss', 'so', 'et', 'af', 'pk', 'in', 'az', 'am', 'ge', 'by', 'cd', 'cf', 'mz', 'mm']) {
    assert.ok(states.includes(c), `state-${c} missing`);
  }
});

test('the focus regions are deep: armed groups per country', () => {
  const groups = (cc: string) => actors.filter((a) => a.country === cc && a.kind === 'armed_group').length;
  const want: Record<string, number> = { SY: 25, IQ: 8, LB: 3, PS: 5, YE: 3, LY: 4, ML: 5, NG: 2, UA: 3, RU: 3, TR: 2 };
  for (const [cc, n] of Object.entries(want)) assert.ok(groups(cc) >= n, `${cc}: ${groups(cc)} armed groups, want ≥ ${n}`);
  for (const cc of ['SY', 'IQ', 'LY', 'YE', 'ML']) assert.ok(ids.has(`rebels-${cc.toLowerCase()}`), `rebels-${cc.toLowerCase()} missing`);
});

/** The entry whose aliases (name included) contain this name after folding, or undefined. */
function owner(name: string): ActorEntry[] {
  const k = foldKey(name);
  return actors.filter((a) => allAliases(a).some((x) => foldKey(x) === k));
}

test('names found in conflict news resolve to the expected entry', () => {
  const expect: [string, string][] = [
    ['armée syrienne', 'military-sy'], ['armée arabe syrienne', 'military-sy'], ['Syrian Arab Army', 'military-sy'],
    ['Hezbollah', 'hezbollah'], ['Hizbollah', 'hezbollah'], ['Hizballah', 'hezbollah'],
    ['Jaïsh al-Fateh', 'jaysh-al-fatah'], ['Army of Conquest', 'jaysh-al-fatah'], ['Armée de la conquête', 'jaysh-al-fatah'],
    ['Ahrar al-Cham', 'ahrar-al-sham'], ['Ahrar ash-Sham', 'ahrar-al-sham'],
    ['Fastaqim Kama Umirt', 'fastaqim-kama-umirt'], ['Jaïsh al-Moujahidine', 'jaysh-al-mujahideen'], ['Levant Front', 'levant-front'], ['al-Jabha al-Shamiya', 'levant-front'],
    ['Abou Hussein al-Ourdoni', 'person-abu-hussein-al-urduni'],
    ['OSDH', 'sohr'], ["Observatoire syrien des droits de l'homme", 'sohr'], ['SOHR', 'sohr'],
    ['Russian Aerospace Forces', 'military-ru-aerospace'], ['aviation russe', 'military-ru-aerospace'],
    ['ministère russe de la Défense', 'state-ru-mod'], ['Russian Defence Ministry', 'state-ru-mod'],
    ['force Al-Qods', 'irgc-quds-force'], ['Quds Force', 'irgc-quds-force'],
    ['Qassem Soleimani', 'person-qasem-soleimani'], ['Bachar al-Assad', 'person-bashar-al-assad'], ['Bachar el-Assad', 'person-bashar-al-assad'],
    ['Igor Konachenkov', 'person-igor-konashenkov'], ['Sergueï Lavrov', 'person-sergei-lavrov'], ['Vladimir Poutine', 'person-vladimir-putin'],
    ['Mevlüt Çavuşoğlu', 'person-mevlut-cavusoglu'], ['Mevlut Cavusoglu', 'person-mevlut-cavusoglu'], ['James Mattis', 'person-james-mattis'], ['Donald Trump', 'person-donald-trump'],
    ['Pentagone', 'state-us-mod'], ['CENTCOM', 'military-us-centcom'], ['coalition internationale', 'coalition-oir'],
    ['Daech', 'islamic-state'], ['Daesh', 'islamic-state'], ['État islamique', 'islamic-state'], ['Etat Islamique', 'islamic-state'], ['ISIS', 'islamic-state'], ['ISIL', 'islamic-state'],
    ['al-Qaïda', 'al-qaeda'], ['Al-Qaeda', 'al-qaeda'],
    ['SANA', 'media-sana'], ['Syrian Arab News Agency', 'media-sana'], ['RT France', 'media-rt-france'], ['Sputnik', 'media-sputnik'], ['Reuters', 'media-reuters'],
    ['al-Masdar News', 'media-al-masdar-news'], ['As-Safir', 'media-as-safir'], ['Assafir', 'media-as-safir'], ['Al Akhbar', 'media-al-akhbar'],
    ['Debkafile', 'media-debkafile'], ['JForum', 'media-jforum'], ['Media de guerre', 'media-hezbollah-war-media'], ['War Media', 'media-hezbollah-war-media'],
    ['Tsahal', 'military-il'], ['FAMa', 'military-ml'], ['JNIM', 'jnim'], ['Boko Haram', 'boko-haram'], ['Houthis', 'houthis'], ['Ansar Allah', 'houthis'],
    ['Hachd al-Chaabi', 'pmf'], ['Popular Mobilization Forces', 'pmf'], ['Kataeb Hezbollah', 'kataib-hezbollah'], ['YPG', 'ypg'], ['FDS', 'sdf'], ['PKK', 'pkk'],
    ['groupe Wagner', 'wagner-group'], ['régiment Azov', 'azov'], ['Casques blancs', 'white-helmets'], ['CICR', 'icrc'], ['MSF', 'msf'],
    ['Hamas', 'hamas'], ['Brigades Ezzedine al-Qassam', 'qassam-brigades'], ['Jihad islamique', 'palestinian-islamic-jihad'],
    ['Armée nationale libyenne', 'lna'], ['Khalifa Haftar', 'person-khalifa-haftar'], ['Volodymyr Zelensky', 'person-volodymyr-zelensky'], ['Zelensky', 'person-volodymyr-zelensky'],
  ];
  const bad: string[] = [];
  for (const [name, id] of expect) {
    const o = owner(name).map((a) => a.id);
    if (!o.includes(id)) bad.push(`${name} → [${o.join(', ')}], want ${id}`);
  }
  none(bad);
});

test('generic designations: neutral ones plain, loaded ones ambiguous, on the focus-country entries', () => {
  const sy = ids.get('military-sy')!;
  const amb = new Set((sy.ambiguous ?? []).map(foldKey));
  const keys = new Set(allAliases(sy).map(foldKey));
  for (const n of ['armée syrienne', 'armée arabe syrienne', 'forces gouvernementales syriennes', 'troupes syriennes']) {
    assert.ok(keys.has(foldKey(n)) && !amb.has(foldKey(n)), `${n} plain on military-sy`);
  }
  for (const n of ['forces du régime', 'forces régulières', 'armée régulière', 'loyalistes', 'troupes régulières']) {
    assert.ok(keys.has(foldKey(n)) && amb.has(foldKey(n)), `${n} ambiguous on military-sy`);
  }
  const rebels = ids.get('rebels-sy')!;
  const ramb = new Set((rebels.ambiguous ?? []).map(foldKey));
  for (const n of ['rebelles', 'insurgés', 'opposition armée', 'takfiristes', 'terroristes', 'miliciens']) {
    assert.ok(ramb.has(foldKey(n)), `${n} ambiguous on rebels-sy`);
  }
  // "EI" and "IS" are ambiguous on the Islamic State.
  const is = ids.get('islamic-state')!;
  const iamb = new Set((is.ambiguous ?? []).map(foldKey));
  assert.ok(iamb.has('ei') && iamb.has('is'));
});

test('sub-forces and ministries hang under their state; persons belong to an existing organisation', () => {
  assert.equal(ids.get('military-ru-aerospace')?.parent, 'military-ru');
  assert.equal(ids.get('state-ru-mod')?.parent, 'state-ru');
  assert.equal(ids.get('irgc-quds-force')?.parent, 'irgc');
  assert.equal(ids.get('person-sergei-lavrov')?.memberOf, 'state-ru-mfa');
  const persons = actors.filter((a) => a.kind === 'person');
  assert.ok(persons.length >= 60, `${persons.length} persons`);
  assert.ok(persons.filter((p) => p.memberOf).length >= persons.length * 0.8, 'most persons have memberOf');
  const media = actors.filter((a) => a.kind === 'media');
  assert.ok(media.length >= 50, `${media.length} media`);
  for (const id of ['media-sana', 'media-rt', 'media-tass', 'media-irna', 'media-press-tv', 'media-anadolu']) assert.equal(ids.get(id)?.stateOwned, true, id);
  for (const id of ['media-reuters', 'media-le-monde']) assert.equal(ids.get(id)?.stateOwned, false, id);
});

test('coalitions list their members', () => {
  const jf = ids.get('jaysh-al-fatah')!;
  for (const m of ['jabhat-al-nusra', 'ahrar-al-sham']) assert.ok(jf.members?.includes(m), `jaysh-al-fatah lacks ${m}`);
  assert.ok((ids.get('pmf')?.members ?? []).includes('kataib-hezbollah'));
  assert.ok((ids.get('sdf')?.members ?? []).includes('ypg'));
  assert.ok((ids.get('jnim')?.members ?? []).includes('ansar-dine'));
});
