// @ts-check
/**
 * Vigie web UI: plain JavaScript, no framework, no network but this server's JSON API
 * (/api/...). Views are chosen by the URL hash:
 *   #/events?type=…&place=…   events table + map, with filters
 *   #/event/<id>?doc=<doc>    one event: each report's evidence highlighted in its text, outlets
 *   #/document/<id>           one document with all its annotations
 *   #/search?q=…              full-text search
 *   #/outlets                 per-outlet framing
 * Every piece of data is inserted with textContent / createElement (never as HTML).
 */

const PAGE = 50;
const FILTERS = ['type', 'subtype', 'actor', 'place', 'from', 'to', 'outlet'];
const SVG = 'http://www.w3.org/2000/svg';

/** @type {HTMLElement} */
const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const errorBox = /** @type {HTMLElement} */ (document.getElementById('error'));

// ------------------------------------------------------------------ helpers

/**
 * Creates an element. attrs: properties/attributes (on*: listeners); children: nodes or text.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k in el && typeof v !== 'string') /** @type {any} */ (el)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {any[]} children */
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * @param {string} tag
 * @param {Record<string, string|number>} [attrs]
 * @returns {SVGElement}
 */
function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return /** @type {SVGElement} */ (el);
}

/** @param {string} path @param {Record<string, string|number|undefined|null>} [params] */
async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const url = path + (q.size ? '?' + q.toString() : '');
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : `${res.status} ${res.statusText}`;
    const err = new Error(msg);
    /** @type {any} */ (err).status = res.status;
    throw err;
  }
  return body;
}

/** Replaces the main content (null/false children are skipped). @param {...any} children */
function show(...children) {
  main.replaceChildren();
  append(main, children);
}

/** @param {unknown} e */
function showError(e) {
  errorBox.hidden = false;
  errorBox.textContent = 'Error: ' + (e instanceof Error ? e.message : String(e));
}
function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

/** @param {{name:string}[]} xs */
const names = (xs) => xs.map((x) => x.name).join('; ');
/** @param {any} p */
const placeText = (p) => (p ? `${p.name}${p.country ? ` (${p.country})` : ''}` : '');

/** The hash route: ['events', {type:…}] etc. */
function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const qi = raw.indexOf('?');
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const params = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : '');
  const [view, ...rest] = path.split('/');
  return { view: view || 'events', arg: rest.length ? decodeURIComponent(rest.join('/')) : '', params };
}

/** @param {string} view @param {string} [arg] @param {Record<string,string|undefined|null>} [params] */
function href(view, arg, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  return `#/${view}${arg ? '/' + encodeURIComponent(arg) : ''}${q.size ? '?' + q.toString() : ''}`;
}

/** @param {any} ev */
const eventHref = (ev) => href('event', ev.id ?? ev.event_id, { doc: ev.doc_id });

/** @param {string} title */
function setTitle(title) {
  document.title = `${title} — Vigie`;
}

/** Marks the current section in the navigation. @param {string} view */
function markNav(view) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    const cur = a.getAttribute('data-nav') === (view === 'event' || view === 'document' ? 'events' : view);
    if (cur) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ------------------------------------------------------------------ stats (shared)

/** @type {Promise<any>|null} */
let statsPromise = null;
function stats() {
  statsPromise ??= api('/api/stats').catch((e) => {
    statsPromise = null;
    throw e;
  });
  return statsPromise;
}

// ------------------------------------------------------------------ highlighted text

/**
 * Renders `text` with highlighted spans. Overlapping spans are split into segments; a
 * segment inside a span with `mark: true` is wrapped in <mark>.
 * @param {string} text
 * @param {{start:number,end:number,cls:string,title?:string,mark?:boolean,id?:string}[]} spans
 */
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  const ok = spans.filter((sp) => sp.start >= 0 && sp.end <= text.length && sp.start < sp.end);
  for (const sp of ok) {
    cuts.add(sp.start);
    cuts.add(sp.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  /** @type {Set<string>} */
  const started = new Set();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const active = ok.filter((sp) => sp.start <= a && sp.end >= b);
    if (!active.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const classes = [...new Set(active.map((sp) => sp.cls))].join(' ');
    const titles = [...new Set(active.map((sp) => sp.title).filter(Boolean))].join(' · ');
    const isMark = active.some((sp) => sp.mark);
    const el = h(isMark ? 'mark' : 'span', { class: classes, title: titles || undefined }, piece);
    for (const sp of active) {
      if (sp.id && !started.has(sp.id)) {
        started.add(sp.id);
        el.id = sp.id;
      }
    }
    frag.append(el);
  }
  return frag;
}

// ------------------------------------------------------------------ map

/** @type {Promise<any>|null} */
let worldPromise = null;

/**
 * An SVG map of event points over simplified country outlines (no tiles), fitted to the points.
 * @param {any[]} features GeoJSON Point features of events
 * @param {string} label
 */
async function eventMap(features, label) {
  worldPromise ??= api('/api/world').catch((e) => {
    worldPromise = null;
    throw e;
  });
  const figure = h('figure', { class: 'map' });
  const pts = features.filter((f) => f.geometry && f.geometry.type === 'Point');
  let minX = 180, maxX = -180, minY = 90, maxY = -90;
  for (const f of pts) {
    const [x, y] = f.geometry.coordinates;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x);
    minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  if (!pts.length) {
    minX = -180; maxX = 180; minY = -60; maxY = 80;
  }
  // At least 12° wide and a 2:1 frame, padded.
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  let w = Math.max(maxX - minX, 12) * 1.2;
  let hgt = Math.max(maxY - minY, 6) * 1.2;
  if (w / hgt < 2) w = hgt * 2; else hgt = w / 2;
  const vb = [cx - w / 2, -(cy + hgt / 2), w, hgt];
  const svg = s('svg', { viewBox: vb.join(' '), role: 'group', 'aria-label': label, class: 'mapsvg', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(Object.assign(s('title'), { textContent: label }));
  svg.append(s('rect', { x: vb[0], y: vb[1], width: vb[2], height: vb[3], class: 'sea' }));
  try {
    const world = await worldPromise;
    const g = s('g', { class: 'land' });
    for (const f of world.features) {
      let d = '';
      for (const poly of f.geometry.coordinates) {
        for (const ring of poly) {
          d += 'M' + ring.map((/** @type {number[]} */ p) => `${p[0]},${-p[1]}`).join('L') + 'Z';
        }
      }
      const path = s('path', { d });
      path.append(Object.assign(s('title'), { textContent: f.properties.name }));
      g.append(path);
    }
    svg.append(g);
  } catch {
    // outlines unavailable: the graticule and points still show
  }
  const step = w > 120 ? 30 : w > 40 ? 10 : w > 15 ? 5 : 2;
  const grat = s('g', { class: 'graticule' });
  for (let x = Math.ceil(vb[0] / step) * step; x <= vb[0] + vb[2]; x += step) grat.append(s('line', { x1: x, x2: x, y1: vb[1], y2: vb[1] + vb[3] }));
  for (let y = Math.ceil(vb[1] / step) * step; y <= vb[1] + vb[3]; y += step) grat.append(s('line', { x1: vb[0], x2: vb[0] + vb[2], y1: y, y2: y }));
  svg.append(grat);
  const r = w / 180;
  const dots = s('g', { class: 'points' });
  for (const f of pts) {
    const [x, y] = f.geometry.coordinates;
    const p = f.properties;
    const a = s('a', { href: eventHref({ id: p.id, doc_id: p.doc_id }) });
    const c = s('circle', { cx: x, cy: -y, r: r * (p.fatalities ? Math.min(3, 1 + Math.log10(1 + p.fatalities)) : 1), class: `pt t-${slug(p.type)}` });
    a.append(Object.assign(s('title'), { textContent: `${p.date ?? 'date unknown'} — ${p.type} / ${p.subtype} — ${p.place}${p.outlet ? ' — ' + p.outlet : ''}` }));
    a.append(c);
    dots.append(a);
  }
  svg.append(dots);
  figure.append(svg);
  figure.append(h('figcaption', {}, `${pts.length} event${pts.length === 1 ? '' : 's'} with coordinates. Equirectangular plot over simplified country outlines; each dot links to its event.`));
  return figure;
}

/** @param {string} t */
const slug = (t) => String(t).toLowerCase().replace(/[^a-z]+/g, '-');

// ------------------------------------------------------------------ events view

/** @param {URLSearchParams} params */
async function viewEvents(params) {
  setTitle('Events');
  const st = await stats();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? '']));
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);

  const field = (/** @type {string} */ name, /** @type {string} */ label, /** @type {HTMLElement} */ control, /** @type {string} */ hint = '') =>
    h('div', { class: 'field' }, h('label', { for: `f-${name}` }, label), control, hint ? h('small', { id: `f-${name}-hint` }, hint) : null);
  const select = (/** @type {string} */ name, /** @type {Record<string, number>} */ counts, /** @type {string} */ any) => {
    const sel = /** @type {HTMLSelectElement} */ (h('select', { id: `f-${name}`, name }));
    sel.append(h('option', { value: '' }, any));
    for (const [k, n] of Object.entries(counts).sort((a, b) => a[0].localeCompare(b[0]))) {
      if (k === '(unknown)') continue;
      sel.append(h('option', { value: k }, `${k} (${n})`));
    }
    sel.value = filter[name];
    if (filter[name] && sel.value !== filter[name]) {
      sel.append(h('option', { value: filter[name] }, filter[name]));
      sel.value = filter[name];
    }
    return sel;
  };
  const input = (/** @type {string} */ name, /** @type {Record<string,string>} */ extra = {}) =>
    h('input', { id: `f-${name}`, name, type: 'text', value: filter[name], ...extra });

  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter events' },
    h('fieldset', {},
      h('legend', {}, 'Filter events'),
      field('type', 'Event type', select('type', st.byEventType, 'any type')),
      field('subtype', 'Sub-event type', input('subtype', { placeholder: 'e.g. Air/drone strike' })),
      field('actor', 'Actor', input('actor', { placeholder: 'name, alias or id' })),
      field('place', 'Place', input('place', { placeholder: 'e.g. Alep, Aleppo' })),
      field('from', 'From', input('from', { placeholder: 'YYYY[-MM[-DD]]', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', 'aria-describedby': 'f-from-hint' }), 'inclusive, e.g. 2016-07'),
      field('to', 'To', input('to', { placeholder: 'YYYY[-MM[-DD]]', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', 'aria-describedby': 'f-to-hint' }), 'inclusive'),
      field('outlet', 'Outlet', select('outlet', st.byOutlet, 'any outlet')),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit' }, 'Apply filters'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = href('events'); } }, 'Reset')),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const fd = new FormData(/** @type {HTMLFormElement} */ (form));
    /** @type {Record<string,string>} */
    const p = {};
    for (const k of FILTERS) {
      const v = String(fd.get(k) ?? '').trim();
      if (v) p[k] = v;
    }
    const next = href('events', '', p);
    if (location.hash === next) render();
    else location.hash = next;
  });

  const active = FILTERS.filter((k) => filter[k]);
  const q = { ...Object.fromEntries(active.map((k) => [k, filter[k]])) };
  const [page, geo] = await Promise.all([
    api('/api/events', { ...q, limit: PAGE, offset }),
    api('/api/events', { ...q, limit: 5000, format: 'geojson' }),
  ]);

  // The map request (up to 5000 rows) also tells the total when it saw the last row.
  const total = page.next_offset === null ? offset + page.count : geo.vigie && geo.vigie.next_offset === null ? geo.vigie.count : null;
  const summary = `${offset + 1}–${offset + page.count}${total !== null ? ` of ${total}` : ' of more than 5000'} events` +
    (active.length ? ` matching ${active.map((k) => `${k} = "${filter[k]}"`).join(', ')}` : '');
  const table = h('table', { class: 'events' },
    h('caption', {}, page.count ? summary : 'No event matches these filters.'),
    h('thead', {}, h('tr', {}, ...['Date', 'Event', 'Actor 1', 'Actor 2', 'Place', 'Fatalities', 'Status', 'Outlet'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...page.events.map((/** @type {any} */ ev) =>
      h('tr', {},
        h('td', { class: 'nowrap' }, ev.date ?? '—'),
        h('th', { scope: 'row' }, h('a', { href: eventHref(ev) }, `${ev.type} / ${ev.subtype}`)),
        h('td', {}, names(ev.actor1) || '—'),
        h('td', {}, names(ev.actor2) || '—'),
        h('td', {}, placeText(ev.place) || '—'),
        h('td', { class: 'num' }, ev.fatalities ?? ''),
        h('td', {}, h('span', { class: `status s-${ev.status}` }, ev.status)),
        h('td', {}, ev.outlet ?? '—'),
      ))),
  );
  const pager = h('nav', { class: 'pager', 'aria-label': 'Event pages' },
    offset > 0 ? h('a', { href: href('events', '', { ...q, offset: String(Math.max(0, offset - PAGE)) || undefined }), rel: 'prev' }, '← Previous') : null,
    page.next_offset !== null ? h('a', { href: href('events', '', { ...q, offset: String(page.next_offset) }), rel: 'next' }, 'Next →') : null,
  );
  const mapLabel = `Map of ${geo.features.length} filtered events with coordinates`;
  const map = await eventMap(geo.features, mapLabel);

  show(
    h('h1', {}, 'Events'),
    form,
    h('div', { class: 'events-layout' },
      h('section', { 'aria-labelledby': 'map-h', class: 'map-section' }, h('h2', { id: 'map-h' }, 'Map'), map,
        geo.vigie && geo.vigie.without_place ? h('p', { class: 'note' }, `${geo.vigie.without_place} of these events have no place and are not drawn.`) : null,
        geo.vigie && geo.vigie.next_offset !== null ? h('p', { class: 'note' }, `The map shows the first ${geo.vigie.limit} matching events; narrow the filters to see the others.`) : null),
      h('section', { 'aria-labelledby': 'table-h', class: 'table-section' }, h('h2', { id: 'table-h' }, 'Table'), table, pager),
    ),
  );
}

// ------------------------------------------------------------------ event view

/** @param {string} id @param {URLSearchParams} params */
async function viewEvent(id, params) {
  const d = await api('/api/events/' + encodeURIComponent(id), { doc: params.get('doc') });
  const ev = d.event;
  setTitle(`${ev.type} / ${ev.subtype}`);
  const fields = h('dl', { class: 'facts' },
    h('dt', {}, 'Date'), h('dd', {}, ev.date ?? 'unknown'),
    h('dt', {}, 'Place'), h('dd', {}, ev.place ? `${placeText(ev.place)} — ${ev.place.lat.toFixed(3)}, ${ev.place.lon.toFixed(3)}` : 'unknown'),
    h('dt', {}, 'Actor 1'), h('dd', {}, names(ev.actor1) || '—'),
    h('dt', {}, 'Actor 2'), h('dd', {}, names(ev.actor2) || '—'),
    h('dt', {}, 'Fatalities'), h('dd', {}, ev.fatalities ?? 'unknown'),
    h('dt', {}, 'Status'), h('dd', {}, h('span', { class: `status s-${ev.status}` }, ev.status)),
    h('dt', {}, 'According to'), h('dd', {}, names(ev.sources) || '—'),
  );
  const rel = { this: 'this report', copy: 'copy (same story)', corroborating: 'independent report' };
  const outletList = h('ul', { class: 'outlets' }, ...d.outlets.map((/** @type {any} */ o) =>
    h('li', {}, h('strong', {}, o.outlet), ` — ${rel[/** @type {'this'} */ (o.relation)]}${o.reports > 1 ? ` (${o.reports} reports)` : ''}`)));
  const corroboration = h('section', { 'aria-labelledby': 'corr-h', class: 'corroboration' },
    h('h2', { id: 'corr-h' }, 'Who reports it'),
    h('p', {}, d.independent_reports
      ? `${d.independent_reports} independent source${d.independent_reports > 1 ? 's' : ''} (other documents; copies of one dispatch count once) report a matching event (same kind of event, same or nearby place, compatible dates).` +
        (d.omitted_reports ? ` ${d.omitted_reports} weaker matches are not shown.` : '')
      : 'No other stored document reports a matching event.',
      d.story ? ` This document belongs to a story of ${d.story.size} near-identical copies.` : ''),
    outletList,
    h('p', { class: 'note' }, 'Matching is a heuristic shown with its reasons; copies of one dispatch are not independent corroboration.'),
  );
  show(
    h('p', { class: 'back' }, h('a', { href: '#/events' }, '← All events')),
    h('h1', {}, `${ev.type} / ${ev.subtype}`),
    fields,
    corroboration,
    h('h2', {}, `Reports (${d.reports.length})`),
    ...d.reports.map((/** @type {any} */ r, /** @type {number} */ i) => reportView(r, i)),
  );
  const first = document.getElementById('evidence-0');
  if (first) first.scrollIntoView({ block: 'center' });
}

/** @param {any} r @param {number} i */
function reportView(r, i) {
  const rel = { this: 'Source document', copy: 'Copy of the same dispatch', corroborating: 'Independent report' };
  const spans = [
    { start: r.evidence.start, end: r.evidence.end, cls: 'evidence', title: 'evidence sentence', mark: true, id: `evidence-${i}` },
  ];
  if (r.trigger) spans.push({ start: r.trigger.start, end: r.trigger.end, cls: 'trigger', title: 'trigger', mark: true, id: '' });
  for (const a of r.attributions) spans.push({ start: a.start, end: a.end, cls: 'attribution', title: `attribution: ${a.source_text} (${a.cue})`, mark: false, id: '' });
  for (const f of r.framing) spans.push({ start: f.start, end: f.end, cls: 'framing', title: `loaded term: ${f.term}${f.stance ? ` (${f.stance})` : ''}`, mark: false, id: '' });
  const headingId = `report-${i}-h`;
  return h('article', { class: `report r-${r.relation}`, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${rel[/** @type {'this'} */ (r.relation)]}: ${r.outlet ?? 'unknown outlet'}`),
    h('p', { class: 'meta' },
      h('a', { href: href('document', r.doc_id) }, r.title ?? r.doc_id),
      r.published ? ` — published ${r.published}` : '',
      r.url ? [' — ', h('span', { class: 'url' }, r.url)] : ''),
    r.match ? h('p', { class: 'match' }, `Matched: ${r.match.kind}; ${r.match.place}; ${r.match.date}${r.match.sentence ? '; identical evidence sentence' : ''}.`) : null,
    r.relation === 'corroborating' && r.story_id ? h('p', { class: 'match' }, 'This document has near-identical copies: they count as one source.') : null,
    r.story_similarity !== null ? h('p', { class: 'match' }, `Near-duplicate, similarity ${Math.round(r.story_similarity * 100)}%.`) : null,
    h('p', { class: 'as-read' }, `Read as: ${r.type} / ${r.subtype}, ${r.date ?? 'date unknown'}, ${placeText(r.place) || 'place unknown'}, status ${r.status}` +
      (r.fatalities !== null ? `, ${r.fatalities} killed` : '') + (r.sources.length ? `, according to ${names(r.sources)}` : '') + '.'),
    r.attributions.length
      ? h('div', {}, h('h4', {}, 'Attributions'), h('ul', {}, ...r.attributions.map((/** @type {any} */ a) =>
          h('li', {}, `${a.source_text} — “${a.cue}”${a.anonymous ? ' (anonymous)' : ''}`))))
      : null,
    r.framing.length
      ? h('div', {}, h('h4', {}, 'Loaded terms in this document'), h('ul', { class: 'chips' }, ...r.framing.map((/** @type {any} */ f) =>
          h('li', { class: f.in_evidence ? 'in-evidence' : '' }, `${f.text} `, h('small', {}, `${f.term}${f.stance ? ' · ' + f.stance : ''}${f.in_evidence ? ' · in the evidence' : ''}`)))))
      : null,
    h('h4', {}, 'Text'),
    h('div', { class: 'doctext', tabindex: '0', role: 'region', 'aria-label': `Text of ${r.title ?? r.doc_id}, evidence highlighted` }, highlighted(r.text, spans)),
    h('p', { class: 'legend' }, h('mark', { class: 'evidence' }, 'evidence'), ' ', h('mark', { class: 'evidence trigger' }, 'trigger'), ' ',
      h('span', { class: 'attribution' }, 'attribution'), ' ', h('span', { class: 'framing' }, 'loaded term')),
  );
}

// ------------------------------------------------------------------ document view

/** @param {string} id */
async function viewDocument(id) {
  const d = await api('/api/documents/' + encodeURIComponent(id));
  setTitle(d.title ?? d.id);
  const layers = [
    { key: 'entities', label: 'Actors', cls: 'entity' },
    { key: 'places', label: 'Places', cls: 'place' },
    { key: 'dates', label: 'Dates', cls: 'date' },
    { key: 'attributions', label: 'Attributions', cls: 'attribution' },
    { key: 'framing', label: 'Loaded terms', cls: 'framing' },
    { key: 'events', label: 'Event evidence', cls: 'evidence' },
  ];
  /** @type {Set<string>} */
  const on = new Set(layers.map((l) => l.key));
  const box = h('div', { class: 'doctext', tabindex: '0', role: 'region', 'aria-label': 'Document text with annotations' });
  const draw = () => {
    /** @type {any[]} */
    const spans = [];
    if (on.has('entities')) for (const e of d.entities) for (const m of e.mentions) spans.push({ start: m.start, end: m.end, cls: 'entity', title: `actor: ${e.name}` });
    if (on.has('places')) for (const p of d.places) for (const m of p.mentions) spans.push({ start: m.start, end: m.end, cls: 'place', title: `place: ${p.name}` });
    if (on.has('dates')) for (const x of d.dates) spans.push({ start: x.start, end: x.end, cls: 'date', title: `date: ${x.value ?? '?'}` });
    if (on.has('attributions')) for (const a of d.attributions) spans.push({ start: a.start, end: a.end, cls: 'attribution', title: `attribution: ${a.source_text}` });
    if (on.has('framing')) for (const f of d.framing) spans.push({ start: f.start, end: f.end, cls: 'framing', title: `loaded term: ${f.term}` });
    if (on.has('events')) for (const ev of d.events) spans.push({ start: ev.evidence.start, end: ev.evidence.end, cls: 'evidence', title: `event: ${ev.type} / ${ev.subtype}`, mark: true });
    box.replaceChildren(highlighted(d.text, spans));
  };
  const toggles = h('fieldset', { class: 'layers' }, h('legend', {}, 'Highlight'),
    ...layers.map((l) => h('label', { class: l.cls },
      h('input', { type: 'checkbox', checked: true, onchange: (/** @type {Event} */ e) => {
        if (/** @type {HTMLInputElement} */ (e.target).checked) on.add(l.key); else on.delete(l.key);
        draw();
      } }), ` ${l.label} (${d[l.key].length})`)));
  draw();
  show(
    h('p', { class: 'back' }, h('a', { href: '#/events' }, '← All events')),
    h('h1', {}, d.title ?? d.id),
    h('p', { class: 'meta' }, [d.outlet, d.published, d.lang, d.url].filter(Boolean).join(' — ')),
    d.story ? h('p', { class: 'note' }, `Part of a story of ${d.story.size} near-identical documents: `, ...d.story.members.filter((/** @type {any} */ m) => m.id !== d.id).map((/** @type {any} */ m) => [h('a', { href: href('document', m.id) }, m.id), ' '])) : null,
    h('section', { 'aria-labelledby': 'doc-events-h' }, h('h2', { id: 'doc-events-h' }, `Events (${d.events.length})`),
      h('ul', {}, ...d.events.map((/** @type {any} */ ev) => h('li', {}, h('a', { href: href('event', ev.id, { doc: d.id }) }, `${ev.type} / ${ev.subtype}`), ` — ${ev.date ?? 'date unknown'} — ${d.places.find((/** @type {any} */ p) => p.id === ev.place)?.name ?? 'place unknown'} — ${ev.status}`)))),
    h('section', { 'aria-labelledby': 'doc-text-h' }, h('h2', { id: 'doc-text-h' }, 'Text'), toggles, box),
  );
}

// ------------------------------------------------------------------ search view

/** @param {URLSearchParams} params */
async function viewSearch(params) {
  const q = params.get('q') ?? '';
  setTitle(q ? `Search: ${q}` : 'Search');
  const input = /** @type {HTMLInputElement} */ (h('input', { id: 'q', name: 'q', type: 'search', value: q, required: true, placeholder: 'e.g. hopital, "frappes aériennes", bombard*' }));
  const form = h('form', { role: 'search', class: 'searchform', 'aria-label': 'Search articles' },
    h('label', { for: 'q' }, 'Search the stored articles'), ' ', input, ' ', h('button', { type: 'submit' }, 'Search'),
    h('p', { class: 'note' }, 'Accent- and case-insensitive, French and English word forms; "quoted phrases"; prefix*. Every word is required.'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (v) location.hash = href('search', '', { q: v });
  });
  /** @type {any[]} */
  let nodes = [];
  if (q) {
    const r = await api('/api/search', { q, limit: 50 });
    nodes = [
      h('h2', { id: 'results-h' }, `${r.count} result${r.count === 1 ? '' : 's'} for “${q}”`),
      h('ol', { class: 'results', 'aria-labelledby': 'results-h' }, ...r.hits.map((/** @type {any} */ hit) =>
        h('li', {},
          h('a', { href: href('document', hit.id) }, hit.title ?? hit.id),
          hit.outlet || hit.published ? h('span', { class: 'meta' }, ' — ', [hit.outlet, hit.published].filter(Boolean).join(', ')) : null,
          h('p', { class: 'snippet' }, snippet(hit.snippet))))),
    ];
  }
  show(h('h1', {}, 'Search'), form, ...nodes);
  if (!q) input.focus();
}

/** The store marks matched words [like this]. @param {string} text */
function snippet(text) {
  const frag = document.createDocumentFragment();
  const re = /\[([^\]]+)\]/g;
  let last = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    frag.append(document.createTextNode(text.slice(last, m.index)));
    frag.append(h('mark', {}, m[1]));
    last = m.index + m[0].length;
  }
  frag.append(document.createTextNode(text.slice(last)));
  return frag;
}

// ------------------------------------------------------------------ outlets view

async function viewOutlets() {
  setTitle('Outlets & framing');
  const d = await api('/api/outlets');
  const statuses = ['asserted', 'reported', 'planned', 'negated'];
  const summary = h('table', { class: 'outlets-table' },
    h('caption', {}, `${d.outlets.length} outlets: documents, events and how they are presented, loaded vocabulary, sources cited`),
    h('thead', {}, h('tr', {},
      ...['Outlet', 'Documents', 'Events', ...statuses.map((x) => `Events ${x}`), 'Loaded terms / 1,000 words', 'Loaded terms used', 'Sources cited most'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...d.outlets.map((/** @type {any} */ o) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: href('events', '', { outlet: o.outlet === '(unknown)' ? '' : o.outlet }) }, o.outlet)),
      h('td', { class: 'num' }, o.documents),
      h('td', { class: 'num' }, o.events),
      ...statuses.map((x) => h('td', { class: 'num' }, o.by_status[x] ?? 0)),
      h('td', { class: 'num' }, o.terms_per_1000_words),
      h('td', {}, o.terms.length ? h('ul', { class: 'chips' }, ...o.terms.slice(0, 6).map((/** @type {any} */ t) =>
        h('li', {}, `${t.forms.map((/** @type {any} */ f) => f.text).slice(0, 2).join(', ')} `, h('small', {}, `${t.term} ×${t.count}`)))) : '—'),
      h('td', {}, o.sources.length ? o.sources.slice(0, 3).map((/** @type {any} */ x) => `${x.source} (${x.count})`).join('; ') : '—'),
    ))),
  );
  const top = d.terms.slice(0, 14);
  const withTerms = d.outlets.filter((/** @type {any} */ o) => o.framing_terms > 0);
  const matrix = h('table', { class: 'matrix' },
    h('caption', {}, 'Loaded terms by outlet (number of uses). Each camp\u2019s vocabulary is listed; the lexicon is even-handed, counting is not endorsing.'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Outlet'), ...top.map((/** @type {any} */ t) => h('th', { scope: 'col', title: t.stance ?? '' }, t.term)))),
    h('tbody', {}, ...withTerms.map((/** @type {any} */ o) => {
      const counts = new Map(o.terms.map((/** @type {any} */ t) => [t.term, t.count]));
      return h('tr', {}, h('th', { scope: 'row' }, o.outlet), ...top.map((/** @type {any} */ t) => {
        const n = counts.get(t.term) ?? 0;
        return h('td', { class: `num heat h${Math.min(4, /** @type {number} */ (n))}` }, n || '');
      }));
    })),
  );
  show(
    h('h1', {}, 'Outlets & framing'),
    h('p', {}, 'How each outlet tells the story: how much it asserts versus attributes, whom it quotes, which loaded words it uses.'),
    summary,
    h('h2', {}, 'Vocabulary compared'),
    top.length ? matrix : h('p', {}, 'No loaded term found in the stored documents.'),
  );
}

// ------------------------------------------------------------------ router

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  const { view, arg, params } = route();
  markNav(view);
  clearError();
  main.setAttribute('aria-busy', 'true');
  try {
    if (view === 'events') await viewEvents(params);
    else if (view === 'event') await viewEvent(arg, params);
    else if (view === 'document') await viewDocument(arg);
    else if (view === 'search') await viewSearch(params);
    else if (view === 'outlets') await viewOutlets();
    else {
      show(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/events' }, 'Go to the events')));
    }
  } catch (e) {
    if (seq === renderSeq) showError(e);
  } finally {
    if (seq === renderSeq) main.setAttribute('aria-busy', 'false');
  }
}

async function header() {
  try {
    const st = await stats();
    const el = document.getElementById('store-summary');
    if (el) el.textContent = `${st.documents} documents · ${st.events} events · ${st.stories} stories`;
  } catch (e) {
    showError(e);
  }
}

let previousView = '';
window.addEventListener('hashchange', () => {
  const v = route().view;
  render().then(() => {
    // Move focus to the new content when the section changes (not when paging a table).
    if (v !== previousView) {
      if (v !== 'event') window.scrollTo(0, 0);
      main.focus({ preventScroll: true });
    }
    previousView = v;
  });
});
previousView = route().view;
header();
render();
