/** English events conformance cases: made-up sentences written for Vigie's tests, fixed reference dates. */
import type { EventCase } from './cases.js';

const SAA = '[Syrian army|syria-military|military]';

export const casesEn: EventCase[] = [
  {
    name: 'state recaptures a town, taken from the former holder',
    text: `The ${SAA} recaptured {Kafr Nabl} from [rebels|rebels] on <Tuesday|2020-02-11|day>.`,
    published: '2020-02-16',
    expect: [{ type: 'Battles', subtype: 'Government regains territory', actor1: ['syria-military'], actor2: ['rebels'], place: 'gn:kafr-nabl', date: '2020-02-11', status: 'asserted' }],
    count: 1,
  },
  {
    name: 'non-state actor seizes a town',
    text: `[Islamic State|isis] fighters seized the town of {Tadmor} overnight.`,
    expect: [{ type: 'Battles', subtype: 'Non-state actor overtakes territory', actor1: ['isis'], place: 'gn:tadmor' }],
  },
  {
    name: 'seized weapons → Disrupted weapons use, not territory',
    text: `[Police|police|military] seized weapons and explosives in {Mombasa}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Disrupted weapons use', place: 'gn:mombasa' }],
  },
  {
    name: 'airstrike with its agent and a death toll in digits',
    text: `A [Russian|russia-military|military|demonym] airstrike killed 6 civilians in {Ariha}.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Air/drone strike', actor1: ['russia-military'], place: 'gn:ariha', fatalities: 6 }],
  },
  {
    name: 'drone strike',
    text: `A drone strike hit a convoy near {Marib}, killing three people.`,
    expect: [{ subtype: 'Air/drone strike', place: 'gn:marib', fatalities: 3 }],
  },
  {
    name: 'shelling with "dozens" = 12',
    text: `Shelling by the ${SAA} killed dozens of people in {Douma}.`,
    expect: [{ subtype: 'Shelling/artillery/missile attack', actor1: ['syria-military'], place: 'gn:douma', fatalities: 12 }],
  },
  {
    name: 'clashes between two actors',
    text: `Clashes broke out between the [SDF|sdf] and [Turkish forces|turkey-military|military] near {Manbij}.`,
    expect: [{ type: 'Battles', subtype: 'Armed clash', actor1: ['sdf'], actor2: ['turkey-military'], place: 'gn:manbij' }],
  },
  {
    name: 'passive voice with "by"',
    text: `[Rebel positions|rebels] were attacked by the ${SAA} in {Latakia}.`,
    expect: [{ type: 'Battles', actor1: ['syria-military'], actor2: ['rebels'], place: 'gn:latakia' }],
  },
  {
    name: 'attack on civilians → Violence against civilians',
    text: `[Gunmen|gunmen] attacked villagers in {Kumbo}, killing seven.`,
    expect: [{ type: 'Violence against civilians', subtype: 'Attack', actor1: ['gunmen'], place: 'gn:kumbo', fatalities: 7 }],
  },
  {
    name: 'suicide bombing, wounded not counted',
    text: `A suicide bomber blew himself up at a market in {Maiduguri}, killing 12 people and wounding 40.`,
    expect: [{ subtype: 'Suicide bomb', place: 'gn:maiduguri', fatalities: 12 }],
  },
  {
    name: 'roadside bomb (IED), "hundreds" are not deaths when they are wounded',
    text: `A roadside bomb exploded near {Kandahar}, killing two soldiers.`,
    expect: [{ subtype: 'Remote explosive/landmine/IED', place: 'gn:kandahar', fatalities: 2 }],
  },
  {
    name: 'grenade',
    text: `A grenade was thrown at a police post in {Bujumbura}.`,
    expect: [{ subtype: 'Grenade', place: 'gn:bujumbura' }],
  },
  {
    name: 'chemical weapon',
    text: `A chemical attack struck {Khan Shaykhun} on <April 4|2017-04-04|day>.`,
    published: '2017-04-05',
    expect: [{ subtype: 'Chemical weapon', place: 'gn:khan-shaykhun', date: '2017-04-04' }],
  },
  {
    name: 'abduction',
    text: `[Boko Haram|boko-haram] abducted 20 girls from a school in {Dapchi}.`,
    expect: [{ type: 'Violence against civilians', subtype: 'Abduction/forced disappearance', actor1: ['boko-haram'], place: 'gn:dapchi' }],
  },
  {
    name: 'sexual violence',
    text: `[Militiamen|militia] raped women in {Minova}.`,
    expect: [{ type: 'Violence against civilians', subtype: 'Sexual violence', actor1: ['militia'], place: 'gn:minova' }],
  },
  {
    name: 'arrests',
    text: `[Police|police|military] arrested five suspects in {Nairobi}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Arrests', actor1: ['police'], place: 'gn:nairobi' }],
  },
  {
    name: 'protest with intervention (tear gas)',
    text: `[Police|police|military] fired tear gas to disperse protesters in {Lagos}.`,
    expect: [{ type: 'Protests', subtype: 'Protest with intervention', place: 'gn:lagos' }],
  },
  {
    name: 'excessive force against protesters',
    text: `Security forces opened fire on protesters with live ammunition in {Khartoum}, killing four.`,
    expect: [{ type: 'Protests', subtype: 'Excessive force against protesters', place: 'gn:khartoum', fatalities: 4 }],
  },
  {
    name: 'peaceful protest',
    text: `Thousands of students held a peaceful protest in {Dhaka}.`,
    expect: [{ type: 'Protests', subtype: 'Peaceful protest', place: 'gn:dhaka' }],
  },
  {
    name: 'riot',
    text: `Rioters torched vehicles in {Karachi}.`,
    expect: [{ type: 'Riots', subtype: 'Violent demonstration', place: 'gn:karachi' }],
  },
  {
    name: 'mob violence',
    text: `A mob lynched a suspected thief in {Kaduna}.`,
    expect: [{ type: 'Riots', subtype: 'Mob violence', place: 'gn:kaduna' }],
  },
  {
    name: 'looting',
    text: `[Militiamen|militia] looted shops in {Bangui}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Looting/property destruction', actor1: ['militia'], place: 'gn:bangui' }],
  },
  {
    name: 'ceasefire agreement',
    text: `[Russia|russia|state] and [Turkey|turkey|state] signed a ceasefire agreement in {Moscow}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Agreement', place: 'gn:moscow' }],
  },
  {
    name: 'talks with an armed group → Agreement',
    text: `Talks began between the ${SAA} and [rebel groups|rebels] in {Douma}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Agreement', actor1: ['syria-military'], actor2: ['rebels'] }],
  },
  {
    name: 'diplomacy: meeting',
    text: `[Lavrov|lavrov|person] met [Cavusoglu|cavusoglu|person] in {Munich} on <February 15|2020-02-15|day>.`,
    published: '2020-02-16',
    expect: [{ type: 'Diplomacy', subtype: 'Consult', actor1: ['lavrov'], actor2: ['cavusoglu'], place: 'gn:munich', date: '2020-02-15' }],
  },
  {
    name: 'diplomacy: demand',
    text: `[Turkey|turkey|state] urged [Russia|russia|state] to halt the offensive.`,
    expect: [{ type: 'Diplomacy', subtype: 'Demand', actor1: ['turkey'], actor2: ['russia'] }],
  },
  {
    name: 'diplomacy: threat',
    text: `[Iran|iran|state] threatened [Israel|israel|state] with retaliation.`,
    expect: [{ type: 'Diplomacy', subtype: 'Threaten', actor1: ['iran'], actor2: ['israel'] }],
  },
  {
    name: 'diplomacy: accusation',
    text: `[Moscow|russia|state] accused [Washington|usa|state] of arming the rebels.`,
    expect: [{ type: 'Diplomacy', subtype: 'Accuse', actor1: ['russia'], actor2: ['usa'] }],
  },
  {
    name: 'diplomacy: rejection',
    text: `The [Malian government|mali|state] rejected the proposal.`,
    expect: [{ type: 'Diplomacy', subtype: 'Reject', actor1: ['mali'] }],
  },
  {
    name: 'negated: "did not take part"',
    text: `[Russian jets|russia-military|military] did not bomb {Idlib} on <Monday|2020-02-10|day>.`,
    published: '2020-02-12',
    expect: [{ subtype: 'Air/drone strike', status: 'negated' }],
  },
  {
    name: 'planned: "plans to launch an offensive"',
    text: `The ${SAA} plans to launch an offensive on {Idlib}.`,
    expect: [{ type: 'Battles', status: 'planned', actor1: ['syria-military'], place: 'gn:idlib' }],
  },
  {
    name: 'planned: "is expected to retake"',
    text: `The [Iraqi army|iraq-military|military] is expected to retake {Mosul} from [Islamic State|isis].`,
    expect: [{ subtype: 'Government regains territory', status: 'planned', actor1: ['iraq-military'], actor2: ['isis'] }],
  },
  {
    name: 'hearsay adverb → reported',
    text: `[Rebels|rebels] reportedly shelled {Aleppo}.`,
    expect: [{ subtype: 'Shelling/artillery/missile attack', status: 'reported', actor1: ['rebels'] }],
  },
  {
    name: 'withdrawal → Non-violent transfer of territory',
    text: `[Jihadist fighters|jihadists] withdrew from {Khan Tuman} towards the {Turkish border|gn:border|region}.`,
    expect: [{ subtype: 'Non-violent transfer of territory', actor1: ['jihadists'], place: 'gn:khan-tuman' }],
  },
  {
    name: 'deployment → Headquarters or base established',
    text: `[Iranian troops|iran-military|military] deployed in {Syria|cc:SY|country} last week.`,
    expect: [{ subtype: 'Headquarters or base established', actor1: ['iran-military'], place: 'cc:SY' }],
  },
  {
    name: 'no trigger, no event',
    text: `The minister opened a school in {Damascus}.`,
    expect: [],
    count: 0,
  },
  {
    name: 'no event: a trigger that is the object of "an end to" ("demand an end to the fighting")',
    text: `Hundreds of people protested in {Aleppo} to demand an end to the fighting.`,
    expect: [{ type: 'Protests', place: 'gn:aleppo' }],
    count: 1,
  },
  {
    name: 'no event: "called on X to halt the offensive" keeps the demand, not the offensive',
    text: `[Turkey|turkey|state] called on the ${SAA} to halt the offensive on {Idlib}.`,
    expect: [{ type: 'Diplomacy' }],
    count: 1,
  },
  {
    name: 'coreference: "the battle", "this battle" without a place of their own are the clash already reported',
    text: `Heavy fighting broke out between the ${SAA} and [rebels|rebels] in {Aleppo} on <Tuesday|2020-02-11|day>. The battle lasted all night. The outcome of this battle remains unclear.`,
    published: '2020-02-12',
    expect: [{ type: 'Battles', subtype: 'Armed clash', place: 'gn:aleppo', date: '2020-02-11' }],
    count: 1,
  },
  {
    name: 'coreference: a definite noun trigger with a place of its own is another event',
    text: `Heavy fighting broke out between the ${SAA} and [rebels|rebels] in {Aleppo}. The battle for {Kafr Nabl} resumed in the evening.`,
    expect: [{ type: 'Battles', place: 'gn:aleppo' }, { type: 'Battles', place: 'gn:kafr-nabl' }],
    count: 2,
  },
  {
    name: 'one event told twice: the mention without a place joins the one with a place',
    text: `Air strikes hit {Ariha} on <Monday|2020-02-10|day>.\n\nThe air strikes killed three civilians, rescuers said.`,
    published: '2020-02-12',
    expect: [{ subtype: 'Air/drone strike', place: 'gn:ariha', fatalities: 3 }],
    count: 1,
  },
  {
    name: 'one event told twice, once on a source\'s word: the attributed reading is its evidence (reported, with the source)',
    text: `Air strikes hit {Ariha} on <Monday|2020-02-10|day>.\n\nThe strikes killed three civilians, according to the [SOHR|sohr|ngo].`,
    published: '2020-02-12',
    expect: [{ subtype: 'Air/drone strike', place: 'gn:ariha', fatalities: 3, status: 'reported', sources: ['sohr'] }],
    count: 1,
  },
  {
    name: 'a strike of workers is a protest, not an air strike ("went on strike", "general strike")',
    text: `Thousands of garment workers went on strike in {Dhaka} on <Monday|2015-01-05|day>. A general strike paralysed {Chittagong}.`,
    published: '2015-01-06',
    expect: [{ type: 'Protests', subtype: 'Peaceful protest', place: 'gn:dhaka', date: '2015-01-05' }, { type: 'Protests', place: 'gn:chittagong' }],
    count: 2,
  },
  {
    name: 'what a crowd demands is part of its protest, not a diplomatic demand',
    text: `Hundreds of people protested in {Aleppo}, demanding unpaid wages.`,
    expect: [{ type: 'Protests', place: 'gn:aleppo' }],
    count: 1,
  },
  {
    name: 'weapons seized or defused: Disrupted weapons use, not an explosion',
    text: `[Police|police|military] seized grenades and improvised explosive devices in {Kandahar}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Disrupted weapons use', place: 'gn:kandahar' }],
    count: 1,
  },
];
