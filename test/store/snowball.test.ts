import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rewrittenSource, snowball, type Snowball } from '../../src/store/snowball.js';

const require = createRequire(import.meta.url);
const original = require('snowball-stemmers') as Snowball;
const root = join(import.meta.dirname, '..', '..', '..');

/** Words of the repository's examples and language data, as written, lower-cased and unaccented. */
function repoWords(): Set<string> {
  const out = new Set<string>();
  const add = (text: string): void => {
    for (const w of text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
      const low = w.toLowerCase();
      out.add(w);
      out.add(low);
      out.add(low.normalize('NFD').replace(/\p{M}/gu, ''));
    }
  };
  for (const f of readdirSync(join(root, 'examples'))) add(readFileSync(join(root, 'examples', f), 'utf8'));
  for (const lang of ['fr', 'en']) {
    const dir = join(root, 'src', 'lang', lang);
    for (const f of readdirSync(dir)) if (f.endsWith('.json')) add(readFileSync(join(dir, f), 'utf8'));
  }
  return out;
}

/** Made-up words: roots with French and English suffixes, and random letter strings (accents, y, i, u between vowels…). */
function madeUpWords(): string[] {
  const roots = ['libér', 'frapp', 'attaqu', 'bombard', 'combat', 'kill', 'destroy', 'happ', 'nation', 'gouvern', 'ra', 'y', 'qu', 'guid', 'ouï', 'naï', 'pays', 'ennuy', 'cr', 'agré', 'bless', 'tir', 'arm'];
  const suffixes = [
    '', 'e', 'es', 'é', 'ée', 'ées', 'és', 'er', 'ers', 'ez', 'ent', 'ant', 'ante', 'ants', 'ance', 'ances', 'ence', 'ement', 'ements', 'issement', 'issements', 'ation', 'ations',
    'ateur', 'atrice', 'ité', 'ités', 'if', 'ive', 'ives', 'eaux', 'aux', 'euse', 'euses', 'eux', 'ique', 'iques', 'isme', 'iste', 'able', 'ible', 'logie', 'usion', 'ution', 'amment', 'emment',
    'ment', 'ments', 'irent', 'issons', 'issez', 'ions', 'iez', 'aient', 'assent', 'âmes', 'âtes', 'èrent', 'erai', 'eras', 'era', 'erons', 'eront', 'ier', 'ière', 'Ier', 'Y', 'yer', 'uer', 'iqUe',
    'ing', 'ings', 'ed', 'edly', 'ingly', 'ly', 'ness', 'ful', 'fulness', 'ousness', 'iveness', 'ational', 'tional', 'alism', 'aliti', 'biliti', 'enci', 'anci', 'izer', 'ization', 'ative', 'alize',
    'icate', 'iciti', 'ical', 'ement', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic', 'able', 'ible', 'ant', 'ies', 'ied', 'us', 'ss', 's', "'s", 'eed', 'eedly', 'y',
  ];
  const out: string[] = [];
  for (const r of roots) for (const s of suffixes) out.push(r + s, (r + s).toUpperCase());
  let seed = 12345;
  const rnd = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const letters = 'aeiouyéèêëàâîïôûùüçœæbcdfghjklmnpqrstvwxzYIU0123456789\'';
  for (let k = 0; k < 40000; k++) {
    let w = '';
    for (let n = 1 + rnd(13); n > 0; n--) w += letters[rnd(letters.length)];
    out.push(w);
  }
  return out;
}

test('the rewritten snowball-stemmers source is the one loaded, and it stems every word as the package does', () => {
  const { snowball: fast, fast: rewritten } = snowball();
  assert.equal(rewritten, true, 'snowball-stemmers 0.6.0 should be loaded rewritten');
  const words = [...repoWords(), ...madeUpWords()];
  assert.ok(words.length > 50000);
  for (const lang of ['french', 'english']) {
    const a = original.newStemmer(lang);
    const b = fast.newStemmer(lang);
    let differ = 0;
    let first = '';
    for (const w of words) {
      if (a.stem(w) !== b.stem(w)) {
        if (!differ) first = `${w}: ${a.stem(w)} / ${b.stem(w)}`;
        differ++;
      }
    }
    assert.equal(differ, 0, `${lang}: ${differ} words stem differently, first ${first}`);
  }
});

test('another source (not the expected rewrites) is not rewritten', () => {
  assert.equal(rewrittenSource('module.exports = {};'), null);
  const src = readFileSync(require.resolve('snowball-stemmers'), 'utf8');
  assert.notEqual(rewrittenSource(src), null);
  // One accessor fewer than expected: refused (the package is then loaded as it is).
  assert.equal(rewrittenSource(src.replace(/key: 'cursor',\s*get:/, "key: 'cursor', get :")), null);
});
