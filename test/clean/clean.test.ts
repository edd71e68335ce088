import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc, type Doc } from '../../src/document.js';
import { cleanDoc, cleanStage } from '../../src/clean/index.js';
import { normalizeText } from '../../src/clean/normalize.js';
import { classifyMetaLine, normalizeDate, inlineDateline } from '../../src/clean/metadata.js';
import { cleanLexiconSchema } from '../../src/clean/lexicon.js';
import { PACKS } from '../../src/lang/language.js';
import { voteLanguage } from '../../src/clean/language.js';

const doc = (raw: string, init: Partial<Parameters<typeof newDoc>[0]> = {}): Doc =>
  cleanDoc(newDoc({ origin: { path: 't.txt', format: 'txt' }, raw, ...init }));

test('both clean lexicons validate against cleanLexiconSchema', () => {
  for (const p of Object.values(PACKS)) {
    const r = cleanLexiconSchema.safeParse(p.clean);
    assert.ok(r.success, `${p.code}: ${r.success ? '' : r.error.message}`);
    assert.ok(p.clean.furnitureWords.length > 30 && p.clean._about.length > 20);
  }
  assert.equal(cleanLexiconSchema.safeParse({ _about: 'x' }).success, false);
});

test('normalize: NFC, CRLF, junk removed, trailing spaces and blank runs collapsed; NBSP and ’ inside lines kept', () => {
  const raw = 'Cafe\u0301 d\u2019Alep\u00a0:\u00a0ok  \r\n\r\n\r\n\r\nSoft\u00adhyphen\u200b here\u00a0\n\u00a0\n\n\nEnd';
  assert.equal(normalizeText(raw), 'Café d\u2019Alep\u00a0:\u00a0ok\n\nSofthyphen here\n\nEnd');
});

const FR_PAGE = [
  'Accueil',
  'Monde',
  'Proche-Orient',
  'Météo',
  '',
  'Les forces gouvernementales reprennent la colline de Tamsar',
  '',
  'Les forces gouvernementales reprennent la colline de Tamsar',
  '',
  'Photo : Agence Imaginaire',
  'Partager',
  '',
  "TAMSAR (AFP) - Les forces gouvernementales ont repris mardi la colline de Tamsar, une position inventée pour ce test, après deux jours de combats contre un groupe armé, selon une source militaire.",
  '',
  "Les combats ont fait au moins six morts parmi les combattants, d'après un bilan provisoire.",
  '',
  'Lire aussi : Les négociations au point mort à Genève',
  '',
  'Auteur : Jeanne Martin',
  '',
  "Le gouverneur de la province a annoncé l'ouverture d'un couloir pour les civils.",
  '',
  '/ATS',
  'Partager',
  'Link',
  'Restez informé',
  '',
  "Pour tout savoir sur l'actualité, inscrivez-vous à notre newsletter et recevez chaque matin les titres du jour.",
  '',
  'Commentaires (3)',
  'Afficher tous les commentaires',
].join('\n');

test('boilerplate (fr): menus, widgets, credits, related links, newsletter and comment furniture removed; metadata kept', () => {
  const d = doc(FR_PAGE);
  assert.equal(d.title, 'Les forces gouvernementales reprennent la colline de Tamsar');
  assert.equal(d.text.split('Les forces gouvernementales reprennent la colline de Tamsar').length - 1, 1, 'title once');
  assert.ok(d.text.startsWith('Les forces gouvernementales reprennent la colline de Tamsar\n\nTAMSAR (AFP) - '), d.text.slice(0, 120));
  assert.ok(d.text.endsWith("ouverture d'un couloir pour les civils."), d.text.slice(-80));
  for (const junk of ['Accueil', 'Météo', 'Photo', 'Partager', 'Link', 'Restez', 'newsletter', 'Lire aussi', 'Auteur', '/ATS', 'Commentaires']) {
    assert.ok(!d.text.includes(junk), `left: ${junk}`);
  }
  assert.match(d.text, /six morts/);
  assert.equal(d.author, 'Jeanne Martin');
  assert.equal(d.outlet, 'AFP', 'the wire dateline comes first');
  assert.equal(d.dateline, 'TAMSAR (AFP)');
  assert.equal(d.lang, 'fr');
  assert.ok(d.langConfidence > 0.5);
  assert.ok(!/\n\n\n/.test(d.text));
});

const EN_PAGE = [
  'Skip to content',
  'Home | World | Middle East',
  '',
  'By Daniel Hart',
  '',
  'Rebels and army trade fire across the Ostra river, a made-up frontier, as a local truce collapses after only three days.',
  '',
  'Residents of the invented village of Kelm said artillery fire began before dawn on Sunday and lasted for several hours.',
  '',
  'Photo credit: Invented Images',
  '',
  'Aid groups said they had suspended deliveries to the area until further notice.',
  '',
  '— Reuters',
  '',
  'Share this article',
  'Facebook',
  'Twitter',
  'Email',
  '',
  'Sign up for our daily newsletter and get the latest headlines delivered straight to your inbox.',
  '',
  '12 comments',
  'Leave a reply',
].join('\n');

test('boilerplate (en): same rules in English', () => {
  const d = doc(EN_PAGE);
  assert.ok(d.text.startsWith('Rebels and army trade fire'), d.text.slice(0, 60));
  assert.ok(d.text.endsWith('until further notice.'), d.text.slice(-60));
  for (const junk of ['Skip', 'Home', 'By Daniel', 'Photo', 'Reuters', 'Share', 'Facebook', 'newsletter', 'comments', 'reply']) {
    assert.ok(!d.text.includes(junk), `left: ${junk}`);
  }
  assert.equal(d.author, 'Daniel Hart');
  assert.equal(d.outlet, 'Reuters');
  assert.equal(d.lang, 'en');
});

test('body text that merely mentions furniture words is kept', () => {
  const d = doc(
    [
      'Le porte-parole a refusé tout commentaire sur les frappes de la nuit, qui ont touché un dépôt inventé.',
      '',
      'Coordination',
      '',
      "Les deux armées ont partagé des informations sur la météo avant l'opération, a-t-il ajouté.",
    ].join('\n'),
  );
  assert.match(d.text, /refusé tout commentaire/);
  assert.match(d.text, /\nCoordination\n/);
  assert.match(d.text, /partagé des informations sur la météo/);
});

test('metadata lines: author, agency marks, sources, credits, datelines', () => {
  assert.deepEqual(classifyMetaLine('Auteur: RT France'), { kind: 'author', author: 'RT France', outlet: 'RT France' });
  assert.deepEqual(classifyMetaLine('/ATS'), { kind: 'agency', outlet: 'ATS' });
  assert.deepEqual(classifyMetaLine('(AFP)'), { kind: 'agency', outlet: 'AFP' });
  assert.deepEqual(classifyMetaLine('ats/afp'), { kind: 'agency', outlet: 'ATS/AFP' });
  assert.deepEqual(classifyMetaLine('— Reuters'), { kind: 'agency', outlet: 'Reuters' });
  assert.deepEqual(classifyMetaLine('Source: Divers'), { kind: 'source' });
  assert.deepEqual(classifyMetaLine('Sources : Reuters'), { kind: 'source', outlet: 'Reuters' });
  assert.deepEqual(classifyMetaLine('Avec AFP'), { kind: 'source', outlet: 'AFP' });
  assert.deepEqual(classifyMetaLine('Photo: Keystone'), { kind: 'credit' });
  assert.deepEqual(classifyMetaLine('© Agence Fictive 2031'), { kind: 'credit' });
  assert.deepEqual(classifyMetaLine('Par Jeanne Martin, AFP'), { kind: 'author', author: 'Jeanne Martin', outlet: 'AFP' });
  assert.deepEqual(classifyMetaLine('By Jane Roe and John Doe'), { kind: 'author', author: 'Jane Roe and John Doe' });
  assert.deepEqual(classifyMetaLine('Gazettefile\u00a0Reportage\u00a0Exclusif 15\u00a0Janvier 2031, 8:28 PM (IDT)'), {
    kind: 'dateline',
    dateline: 'Gazettefile Reportage Exclusif 15 Janvier 2031, 8:28 PM (IDT)',
    published: '2031-01-15',
    outlet: 'Gazettefile',
  });
  assert.deepEqual(classifyMetaLine('Publié le 3 mars 2031 à 10h45'), { kind: 'dateline', dateline: 'Publié le 3 mars 2031 à 10h45', published: '2031-03-03' });
  assert.deepEqual(classifyMetaLine('Updated: March 4, 2031 at 9:10 am GMT'), { kind: 'dateline', dateline: 'Updated: March 4, 2031 at 9:10 am GMT', published: '2031-03-04' });
  // Sentences are not metadata.
  assert.equal(classifyMetaLine('Par ailleurs, les combats ont repris.'), null);
  assert.equal(classifyMetaLine('By nightfall the town had fallen.'), null);
  assert.equal(classifyMetaLine('Le 15 janvier 2031, les troupes sont entrées dans la ville.'), null);
  assert.equal(classifyMetaLine('Source de tensions, la frontière reste fermée.'), null);
  assert.deepEqual(inlineDateline('BEYROUTH (AFP) - Le texte.'), { outlet: 'AFP', dateline: 'BEYROUTH (AFP)', place: 'BEYROUTH' });
  assert.equal(inlineDateline('Le Hezbollah (parti chiite) - a dit'), null);
});

test('published: input field normalized and wins; else dateline; else null', () => {
  const body = 'Un article inventé sur une ville imaginaire, assez long pour être lu.\n\nGazettefile Reportage 15 Janvier 2031, 8:28 PM (IDT)';
  assert.equal(doc(body).published, '2031-01-15');
  assert.equal(doc(body).dateline, 'Gazettefile Reportage 15 Janvier 2031, 8:28 PM (IDT)');
  assert.equal(doc(body).outlet, 'Gazettefile');
  assert.ok(!doc(body).text.includes('Gazettefile'));
  const given = doc(body, { published: '2031-02-01T23:30:00-05:00', outlet: 'Le Relais' });
  assert.equal(given.published, '2031-02-01');
  assert.equal(given.outlet, 'Le Relais', 'input outlet wins');
  assert.equal(doc('Un texte sans date, inventé pour le test.').published, null);
  const bad = doc('Un texte inventé.', { published: 'bientôt' });
  assert.equal(bad.published, null);
  assert.match(bad.warnings.join(), /unreadable published date/);
  assert.equal(normalizeDate('Wed, 07 Oct 2031 23:30:00 +0200'), '2031-10-07');
  assert.equal(normalizeDate('7 octobre 2031'), '2031-10-07');
  assert.equal(normalizeDate('October 7, 2031'), '2031-10-07');
  assert.equal(normalizeDate('07/10/2031'), '2031-10-07');
  assert.equal(normalizeDate('2031-02-30'), null);
  assert.equal(normalizeDate('20310207'), '2031-02-07');
});

test('language: fr, en, other with confidence; an input lang wins', () => {
  const fr = doc("Les habitants du village ont fui vers le nord après les bombardements de la nuit dernière, selon les secours.");
  assert.equal(fr.lang, 'fr');
  assert.ok(fr.langConfidence > 0.5 && fr.langConfidence < 1);
  const en = doc('Residents of the village fled north after overnight shelling, rescue workers said on Tuesday.');
  assert.equal(en.lang, 'en');
  const de = doc('Die Bewohner des Dorfes flohen nach dem nächtlichen Beschuss in den Norden, sagten die Helfer.');
  assert.equal(de.lang, 'other');
  assert.match(de.warnings.join(), /language de/);
  const forced = doc('Residents fled north after overnight shelling, rescue workers said.', { lang: 'fr' });
  assert.equal(forced.lang, 'fr');
  assert.equal(forced.langConfidence, 1);
});

test('title: a short first line followed by a blank line or a repeat is the title, kept once; a first sentence is not', () => {
  const a = doc('Trêve à Norvelle\n\nUne trêve inventée a été conclue hier soir entre les deux camps, selon un médiateur.');
  assert.equal(a.title, 'Trêve à Norvelle');
  assert.ok(a.text.startsWith('Trêve à Norvelle\n\nUne trêve'));
  const b = doc('Une trêve inventée a été conclue hier soir.\nLes deux camps la respectent, selon un médiateur.');
  assert.equal(b.title, null);
  // A given title repeated in the body stays once.
  const c = doc('Trêve à Norvelle\nTrêve à Norvelle\n\nUne trêve inventée a été conclue hier soir.', { title: 'Trêve à Norvelle' });
  assert.equal(c.text.split('Trêve à Norvelle').length - 1, 1);
});

test('hash: stable, whitespace-insensitive, and re-cleaning gives identical output', () => {
  const a = doc(FR_PAGE);
  const b = doc(FR_PAGE.replace(/\n/g, '\r\n') + '\n\n\n');
  assert.match(a.hash, /^[0-9a-f]{64}$/);
  assert.equal(a.hash, b.hash);
  assert.equal(a.text, b.text);
  const again = cleanDoc(a);
  assert.equal(again.hash, b.hash);
  assert.equal(again.text, b.text);
  assert.notEqual(doc('Un autre texte inventé.').hash, a.hash);
  // The stage object runs the same code.
  const viaStage = newDoc({ origin: { path: '-', format: 'txt' }, raw: FR_PAGE });
  cleanStage.run(viaStage, { pack: PACKS.fr });
  assert.equal(viaStage.hash, a.hash);
  assert.match(viaStage.simhash, /^[0-9a-f]{16}$/);
});

test('sentences are filled and point into the text', () => {
  const d = doc('Titre inventé\n\nM. Dupont est arrivé. Il a parlé au Gén. Martin à 9 h. Fin.');
  assert.deepEqual(
    d.sentences.map((s) => d.text.slice(s.start, s.end)),
    ['Titre inventé', 'M. Dupont est arrivé.', 'Il a parlé au Gén. Martin à 9 h.', 'Fin.'],
  );
});

test('empty or furniture-only input leaves no text and says so', () => {
  const d = doc('Partager\nLink\nMétéo');
  assert.equal(d.text, '');
  assert.match(d.warnings.join(), /no text left/);
  assert.match(d.hash, /^[0-9a-f]{64}$/);
});

test('wire datelines: place, date and an outlet that is no known agency; a place before a comma is not an outlet', () => {
  assert.deepEqual(inlineDateline('NORVELLE, Nov 10, 2031 (Eastmoor Wire) - Troops began withdrawing on Thursday.'), {
    outlet: 'Eastmoor Wire',
    dateline: 'NORVELLE, Nov 10, 2031 (Eastmoor Wire)',
    place: 'NORVELLE',
    published: '2031-11-10',
  });
  assert.deepEqual(inlineDateline('Tamsar, 3 mars 2031 (Le Relais du Nord) - Les combats ont repris.'), {
    outlet: 'Le Relais du Nord',
    dateline: 'Tamsar, 3 mars 2031 (Le Relais du Nord)',
    place: 'Tamsar',
    published: '2031-03-03',
  });
  // Not a wire dateline: a name with a gloss in parentheses, no date, no capitals.
  assert.equal(inlineDateline('Le Hezbollah (parti chiite) - a dit'), null);
  assert.equal(inlineDateline('Tamsar (Le Relais du Nord) - Les combats ont repris.'), null);
  // A dateline line "Place, date": the place is not the outlet.
  assert.deepEqual(classifyMetaLine('Norvelle, 11 septembre 2031'), { kind: 'dateline', dateline: 'Norvelle, 11 septembre 2031', published: '2031-09-11', place: 'Norvelle' });
  assert.deepEqual(classifyMetaLine('NORVELLE, Nov 10, 2031'), { kind: 'dateline', dateline: 'NORVELLE, Nov 10, 2031', published: '2031-11-10', place: 'NORVELLE' });
  // A byline naming an organization after the author.
  assert.deepEqual(classifyMetaLine('By Jane Roe, Eastmoor Wire'), { kind: 'author', author: 'Jane Roe', outlet: 'Eastmoor Wire' });
  const d = doc('Troops pull back from Norvelle\nBy Jane Roe, Eastmoor Wire\n\nNORVELLE, Nov 10, 2031 (Eastmoor Wire) - Troops began withdrawing from the invented town of Norvelle on Thursday, officials said.\n\nResidents said the roads were still mined.');
  assert.equal(d.outlet, 'Eastmoor Wire');
  assert.equal(d.published, '2031-11-10');
  assert.equal(d.author, 'Jane Roe');
  assert.equal(d.dateline, 'NORVELLE, Nov 10, 2031 (Eastmoor Wire)');
  const k = doc('Norvelle de nouveau bombardée\nNorvelle, 11 septembre 2031\n\nLes forces ont repris samedi le contrôle de la ville inventée de Norvelle, a annoncé un porte-parole.');
  assert.equal(k.outlet, null, 'a city is not an outlet');
  assert.equal(k.published, '2031-09-11');
  assert.ok(!k.text.includes('11 septembre 2031'));
  // Offsets still point into the cleaned text.
  for (const s of d.sentences) assert.ok(s.end <= d.text.length);
});

test('title: a plain-text headline ending with a period is the title when it stands alone before a longer paragraph', () => {
  const a = doc('La trêve tient à Norvelle.\n\nUne trêve inventée conclue hier soir entre les deux camps tient depuis douze heures, selon un médiateur régional.');
  assert.equal(a.title, 'La trêve tient à Norvelle.');
  assert.equal(a.text.split('La trêve tient à Norvelle.').length - 1, 1, 'kept once');
  // Two sentences, or no blank line, or no longer paragraph after it: not a title.
  assert.equal(doc('La trêve tient. Les deux camps se parlent.\n\nUne trêve inventée conclue hier soir entre les deux camps tient depuis douze heures, selon un médiateur.').title, null);
  assert.equal(doc('Une trêve inventée a été conclue hier soir.\nLes deux camps la respectent, selon un médiateur.').title, null);
  assert.equal(doc('La trêve tient à Norvelle.\n\nElle tient.').title, null);
  // An ellipsis is not a headline end either.
  assert.equal(doc('Et maintenant...\n\nUne trêve inventée conclue hier soir entre les deux camps tient depuis douze heures, selon un médiateur.').title, null);
});

test('language: the function-word vote decides French and English; other languages and short texts go to eld', () => {
  const fr = voteLanguage("Les forces gouvernementales ont repris mardi la colline de Tamsar, une position inventée pour ce test, après deux jours de combats contre un groupe armé, selon une source militaire qui a demandé l'anonymat.");
  assert.equal(fr?.lang, 'fr');
  assert.ok(fr!.confidence > 0.5 && fr!.confidence < 1);
  const en = voteLanguage('Residents of the invented village of Kelm said that artillery fire began before dawn on Sunday and that it was heard for several hours, according to aid workers who have been in the area since the truce.');
  assert.equal(en?.lang, 'en');
  // Neighbour languages share a few function words, never enough: no decision.
  assert.equal(voteLanguage('Le forze governative hanno ripreso la collina di Tamsar dopo due giorni di combattimenti contro un gruppo armato, secondo una fonte militare che ha chiesto di non essere nominata.'), null);
  assert.equal(voteLanguage('Las fuerzas del gobierno retomaron la colina de Tamsar tras dos días de combates contra un grupo armado, según una fuente militar que pidió el anonimato y que les habló entre otros.'), null);
  assert.equal(voteLanguage('De bewoners van het dorp zeiden dat het was begonnen voor zonsopgang en dat het uren heeft geduurd, volgens hulpverleners die in het gebied waren.'), null);
  assert.equal(voteLanguage('Les forces.'), null, 'too short to vote');
  const it = doc('Le forze governative hanno ripreso la collina di Tamsar dopo due giorni di combattimenti contro un gruppo armato, secondo una fonte militare.');
  assert.equal(it.lang, 'other');
  assert.match(it.warnings.join(), /language it/);
});
