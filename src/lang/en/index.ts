import type { LanguagePack } from '../language.js';
import clean from './clean.json' with { type: 'json' };
import entities from './entities.json' with { type: 'json' };
import dates from './dates.json' with { type: 'json' };
import events from './events.json' with { type: 'json' };
import attribution from './attribution.json' with { type: 'json' };
import framing from './framing.json' with { type: 'json' };

export const en: LanguagePack = {
  code: 'en',
  name: 'English',
  clean: clean as LanguagePack['clean'],
  entities: entities as LanguagePack['entities'],
  dates: dates as LanguagePack['dates'],
  events: events as LanguagePack['events'],
  attribution: attribution as LanguagePack['attribution'],
  framing: framing as LanguagePack['framing'],
};
