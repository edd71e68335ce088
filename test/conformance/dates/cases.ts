/**
 * Conformance cases for the dates stage: made-up sentences, one concept per case, with a FIXED
 * reference (publication) date. `expect` lists the mentions that must be found (a mention covering the text,
 * value, and precision/flags when given); `absent` lists surfaces that must NOT be read as dates.
 */
export interface DateCase {
  concept: string;
  text: string;
  published: string | null;
  expect: { text: string; value: string | null; precision?: 'day' | 'week' | 'month' | 'year'; flags?: string[] }[];
  absent?: string[];
}

// 2016-11-02 is a Wednesday; 2015-10-07 is a Wednesday; 2020-02-16 is a Sunday.
export const FR: DateCase[] = [
  { concept: 'day-month, past year', text: 'Les combats ont repris le 25 janvier près de la ville.', published: '2020-02-16', expect: [{ text: '25 janvier', value: '2020-01-25', precision: 'day' }] },
  { concept: 'day-month-year, capitalized month', text: 'Publié le 15 Janvier 2017 à midi.', published: '2017-01-20', expect: [{ text: '15 Janvier 2017', value: '2017-01-15' }] },
  { concept: 'late month with year', text: 'Le groupe s’est retiré fin juillet 2016 de la région.', published: '2016-11-02', expect: [{ text: 'fin juillet 2016', value: '2016-07', precision: 'month', flags: ['late'] }] },
  { concept: 'early year', text: 'Le conflit a commencé début 2012 dans le nord.', published: '2016-11-02', expect: [{ text: 'début 2012', value: '2012', precision: 'year', flags: ['early'] }] },
  { concept: 'mid month', text: 'Les frappes ont cessé à la mi-mars dans la province.', published: '2016-11-02', expect: [{ text: 'à la mi-mars', value: '2016-03', precision: 'month' }] },
  { concept: 'en + year', text: 'La ville avait été prise en 2016 par les insurgés.', published: '2018-05-01', expect: [{ text: 'en 2016', value: '2016', precision: 'year' }] },
  { concept: 'depuis + year', text: 'La région est assiégée depuis 2012 selon l’ONG.', published: '2016-11-02', expect: [{ text: 'depuis 2012', value: '2012', precision: 'year', flags: ['since'] }] },
  { concept: 'letter O for zero', text: 'Le soulèvement a débuté en mars 2O11 dans le sud.', published: '2016-11-02', expect: [{ text: 'mars 2O11', value: '2011-03', precision: 'month', flags: ['letter-o-for-zero'] }] },
  { concept: 'first of the month', text: 'Le convoi est arrivé le 1er novembre au poste.', published: '2016-11-02', expect: [{ text: '1er novembre', value: '2016-11-01' }] },
  { concept: 'numeric date', text: 'Le communiqué daté du 28/10/2016 fait état de pertes.', published: '2016-11-02', expect: [{ text: '28/10/2016', value: '2016-10-28' }] },
  { concept: 'weekday = publication weekday', text: 'Mercredi, des tirs ont visé le marché.', published: '2015-10-07', expect: [{ text: 'Mercredi', value: '2015-10-07', precision: 'day' }] },
  { concept: 'weekday in the past', text: 'Lundi, deux obus sont tombés sur le quartier.', published: '2015-10-07', expect: [{ text: 'Lundi', value: '2015-10-05' }] },
  { concept: 'hier', text: 'Hier, l’armée a annoncé un cessez-le-feu.', published: '2016-11-02', expect: [{ text: 'Hier', value: '2016-11-01' }] },
  { concept: 'aujourd’hui', text: 'Les négociations reprennent aujourd’hui à Genève.', published: '2016-11-02', expect: [{ text: 'aujourd’hui', value: '2016-11-02' }] },
  { concept: 'last week → ISO week', text: 'La semaine dernière, trois villages ont été bombardés.', published: '2015-10-07', expect: [{ text: 'La semaine dernière', value: '2015-W40', precision: 'week' }] },
  { concept: 'day-month dernier', text: 'Le barrage avait été détruit le 28 octobre dernier.', published: '2016-11-02', expect: [{ text: '28 octobre dernier', value: '2016-10-28' }] },
  { concept: 'dernier forces the past', text: 'Les rebelles étaient entrés dans la ville le 5 novembre dernier.', published: '2016-11-02', expect: [{ text: '5 novembre dernier', value: '2015-11-05' }] },
  { concept: 'weekday prochain', text: 'Le vote aura lieu dimanche prochain dans tout le pays.', published: '2016-11-02', expect: [{ text: 'dimanche prochain', value: '2016-11-06' }] },
  { concept: 'last month', text: 'Le mois dernier, l’aide n’a pas pu entrer.', published: '2016-11-02', expect: [{ text: 'Le mois dernier', value: '2016-10', precision: 'month' }] },
  { concept: 'last year', text: 'L’année dernière, la ville comptait encore des milliers d’habitants.', published: '2016-11-02', expect: [{ text: 'L’année dernière', value: '2015', precision: 'year' }] },
  { concept: 'lendemain (anaphora)', text: 'L’attaque a eu lieu mercredi 11 janvier. Le lendemain, l’armée a riposté.', published: '2017-01-15', expect: [{ text: 'mercredi 11 janvier', value: '2017-01-11' }, { text: 'Le lendemain', value: '2017-01-12' }] },
  { concept: 'veille (anaphora)', text: 'Le 25 janvier, un drone a frappé la base. La veille, des tirs avaient été signalés.', published: '2020-02-16', expect: [{ text: 'La veille', value: '2020-01-24' }] },
  { concept: 'veille de + date', text: 'La veille du 25 janvier, les routes ont été coupées.', published: '2020-02-16', expect: [{ text: 'La veille', value: '2020-01-24' }] },
  { concept: 'ce + day-month (announced, future)', text: 'Une réunion est prévue ce 17 février à Moscou.', published: '2020-02-16', expect: [{ text: 'ce 17 février', value: '2020-02-17' }] },
  { concept: 'day-month a few days ahead', text: 'Les délégations se retrouvent le 20 février à Genève.', published: '2020-02-16', expect: [{ text: '20 février', value: '2020-02-20' }] },
  { concept: 'future cue (future tense)', text: 'Le contingent quittera la base le 30 mars selon le ministère.', published: '2020-02-16', expect: [{ text: '30 mars', value: '2020-03-30' }] },
  { concept: 'weekday contradicts the date', text: 'Les frappes ont repris jeudi 20 janvier à l’aube.', published: '2017-01-15', expect: [{ text: 'jeudi 20 janvier', value: '2017-01-20', flags: ['weekday-mismatch'] }] },
  { concept: 'weekday chooses the year', text: 'La trêve a été signée le lundi 2 novembre.', published: '2016-11-02', expect: [{ text: 'lundi 2 novembre', value: '2015-11-02' }] },
  { concept: 'time does not change the day precision', text: 'DEBKAfile Reportage Exclusif 15 Janvier 2017, 8:28 PM (IDT)', published: null, expect: [{ text: '15 Janvier 2017, 8:28 PM', value: '2017-01-15', precision: 'day' }] },
  { concept: 'non-breaking space', text: 'Le 3\u00a0mars\u00a02015, la colonne est entrée dans la ville.', published: null, expect: [{ text: '3\u00a0mars\u00a02015', value: '2015-03-03' }] },
  { concept: 'no publication date: day-month', text: 'Les combats du 28 octobre ont fait des victimes.', published: null, expect: [{ text: '28 octobre', value: 'XXXX-10-28', precision: 'day' }] },
  { concept: 'no publication date: weekday', text: 'Mercredi, la ville a été encerclée.', published: null, expect: [{ text: 'Mercredi', value: null, precision: 'day' }] },
  { concept: 'no publication date: relative', text: 'Hier, un convoi a été attaqué.', published: null, expect: [{ text: 'Hier', value: null }] },
  { concept: 'no publication date: lendemain of a year-less day', text: 'Le 4 mars, la ville est tombée. Le lendemain, les civils ont fui.', published: null, expect: [{ text: 'Le lendemain', value: 'XXXX-03-05' }] },
  { concept: 'month without year, past', text: 'En juillet, l’offensive a échoué.', published: '2016-11-02', expect: [{ text: 'juillet', value: '2016-07', precision: 'month' }] },
  { concept: 'month dernier', text: 'En novembre dernier, l’armée a reculé.', published: '2016-11-20', expect: [{ text: 'novembre dernier', value: '2015-11' }] },
  { concept: 'season with year', text: 'Pendant l’été 2015, la région a été reprise.', published: null, expect: [{ text: 'l’été 2015', value: '2015', precision: 'year', flags: ['season:SU'] }] },
  { concept: 'range: each end', text: 'Les pourparlers se sont tenus du 19 au 23 juillet 2016.', published: null, expect: [{ text: '19', value: '2016-07-19' }, { text: '23 juillet 2016', value: '2016-07-23' }] },
  { concept: 'durations are not dates', text: 'Les combats ont duré pendant trois jours, et le siège dure depuis deux ans.', published: '2016-11-02', expect: [], absent: ['pendant trois jours', 'depuis deux ans'] },
  { concept: 'a quantity is not a year', text: 'Plus de 2000 soldats et 1500 miliciens ont été déployés.', published: '2016-11-02', expect: [], absent: ['2000', '1500'] },
  { concept: 'été (participle) is not a season', text: 'Le pont a été détruit.', published: '2016-11-02', expect: [], absent: ['été'] },
  // chrono reads weekday abbreviations; alone they are other words
  { concept: 'a weekday abbreviation alone is not a date', text: 'La flotte de la mer Noire a visé mardi des positions, les intérêts en jeu sont considérables.', published: '2016-11-02', expect: [{ text: 'mardi', value: '2016-11-01' }], absent: ['mer', 'jeu'] },
  { concept: 'a weekday abbreviation within a date', text: 'Une trêve est prévue le ven 4 novembre.', published: '2016-11-02', expect: [{ text: 'ven 4 novembre', value: '2016-11-04', precision: 'day' }] },
];

export const EN: DateCase[] = [
  { concept: 'day-month, past year', text: 'Fighting resumed on January 25 near the town.', published: '2020-02-16', expect: [{ text: 'January 25', value: '2020-01-25', precision: 'day' }] },
  { concept: 'day-month-year', text: 'Posted on 15 January 2017 at noon.', published: '2017-01-20', expect: [{ text: '15 January 2017', value: '2017-01-15' }] },
  { concept: 'late month with year', text: 'The group withdrew in late July 2016 from the area.', published: '2016-11-02', expect: [{ text: 'late July 2016', value: '2016-07', precision: 'month', flags: ['late'] }] },
  { concept: 'early year', text: 'The conflict began in early 2012 in the north.', published: '2016-11-02', expect: [{ text: 'early 2012', value: '2012', precision: 'year' }] },
  { concept: 'in + year', text: 'The town was taken in 2016 by insurgents.', published: '2018-05-01', expect: [{ text: 'in 2016', value: '2016', precision: 'year' }] },
  { concept: 'since + year', text: 'The region has been besieged since 2012, the group said.', published: '2016-11-02', expect: [{ text: 'since 2012', value: '2012', flags: ['since'] }] },
  { concept: 'letter O for zero', text: 'The uprising began in March 2O11 in the south.', published: '2016-11-02', expect: [{ text: 'March 2O11', value: '2011-03', precision: 'month' }] },
  { concept: 'weekday = publication weekday', text: 'On Wednesday, shells hit the market.', published: '2015-10-07', expect: [{ text: 'On Wednesday', value: '2015-10-07' }] },
  { concept: 'yesterday', text: 'The army announced a ceasefire yesterday.', published: '2016-11-02', expect: [{ text: 'yesterday', value: '2016-11-01' }] },
  { concept: 'last week → ISO week', text: 'Last week, three villages were bombed.', published: '2015-10-07', expect: [{ text: 'Last week', value: '2015-W40', precision: 'week' }] },
  { concept: 'next weekday', text: 'The vote will be held next Sunday across the country.', published: '2016-11-02', expect: [{ text: 'next Sunday', value: '2016-11-06' }] },
  { concept: 'last month', text: 'Last month, aid could not get in.', published: '2016-11-02', expect: [{ text: 'Last month', value: '2016-10', precision: 'month' }] },
  { concept: 'last year', text: 'Last year, the town still had thousands of residents.', published: '2016-11-02', expect: [{ text: 'Last year', value: '2015', precision: 'year' }] },
  { concept: 'the next day (anaphora)', text: 'The attack took place on Wednesday, January 11. The next day, the army struck back.', published: '2017-01-15', expect: [{ text: 'The next day', value: '2017-01-12' }] },
  { concept: 'the day before (anaphora)', text: 'A drone hit the base on January 25. The day before, gunfire had been reported.', published: '2020-02-16', expect: [{ text: 'The day before', value: '2020-01-24' }] },
  { concept: 'future cue', text: 'The contingent will leave the base on March 30, the ministry said.', published: '2020-02-16', expect: [{ text: 'March 30', value: '2020-03-30' }] },
  { concept: 'weekday contradicts the date', text: 'Strikes resumed on Thursday, January 20 at dawn.', published: '2017-01-15', expect: [{ text: 'Thursday, January 20', value: '2017-01-20', flags: ['weekday-mismatch'] }] },
  { concept: 'time does not change the day precision', text: 'Updated January 15, 2017 8:28 PM', published: null, expect: [{ text: 'January 15, 2017 8:28 PM', value: '2017-01-15', precision: 'day' }] },
  { concept: 'no publication date: day-month', text: 'The fighting on October 28 caused casualties.', published: null, expect: [{ text: 'October 28', value: 'XXXX-10-28' }] },
  { concept: 'no publication date: weekday', text: 'On Wednesday the town was surrounded.', published: null, expect: [{ text: 'On Wednesday', value: null, precision: 'day' }] },
  { concept: 'durations are not dates', text: 'The fighting lasted for three days.', published: '2016-11-02', expect: [], absent: ['for three days'] },
  { concept: 'a quantity is not a year', text: 'More than 2000 troops were deployed.', published: '2016-11-02', expect: [], absent: ['2000'] },
  { concept: 'march the verb, may the modal', text: 'They march on the capital and may arrive soon.', published: '2016-11-02', expect: [], absent: ['march', 'may'] },
  { concept: 'in May (month after a trigger)', text: 'The offensive stalled in May.', published: '2016-11-02', expect: [{ text: 'May', value: '2016-05', precision: 'month' }] },
  // chrono reads weekday abbreviations; alone they are other words
  { concept: 'a weekday abbreviation alone is not a date', text: 'The court sat on Monday, The Sun reported.', published: '2016-11-02', expect: [{ text: 'Monday', value: '2016-10-31' }], absent: ['sat', 'Sun'] },
  { concept: 'weekend is still a date', text: 'Clashes resumed this weekend near the border.', published: '2016-11-02', expect: [{ text: 'this weekend', value: '2016-11-05' }] },
];
