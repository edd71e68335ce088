/**
 * Country outlines for the map, drawn without tiles: the per-country GeoJSON shipped in the
 * `world-countries` package (already a dependency; ODbL), simplified once (Douglas–Peucker)
 * and rounded so the whole world weighs a few hundred kB. Built on first request and kept.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface WorldOutlines {
  type: 'FeatureCollection';
  attribution: string;
  features: { type: 'Feature'; id: string; properties: { cca2: string; name: string }; geometry: { type: 'MultiPolygon'; coordinates: Ring[][] } }[];
}

function perpendicular(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker, iterative (rings can have thousands of points). */
export function simplify(points: Ring, tolerance: number): Ring {
  if (points.length <= 3) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    let best = -1;
    let dmax = tolerance;
    for (let k = i + 1; k < j; k++) {
      const d = perpendicular(points[k], points[i], points[j]);
      if (d > dmax) {
        dmax = d;
        best = k;
      }
    }
    if (best >= 0) {
      keep[best] = 1;
      stack.push([i, best], [best, j]);
    }
  }
  return points.filter((_, k) => keep[k]);
}

const round = (x: number): number => Math.round(x * 100) / 100;

let cached: WorldOutlines | null = null;

export function worldOutlines(tolerance = 0.08): WorldOutlines {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('world-countries/package.json')), 'data');
  const names = new Map<string, string>();
  for (const c of require('world-countries') as { cca2: string; name: { common: string } }[]) names.set(c.cca2.toUpperCase(), c.name.common);
  const features: WorldOutlines['features'] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.geo.json')).sort()) {
    const fc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { features: { properties?: { cca2?: string }; geometry: Geometry | null }[] };
    for (const f of fc.features) {
      if (!f.geometry) continue;
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const out: Ring[][] = [];
      for (const poly of polys) {
        const rings = poly
          .map((r) => simplify(r, tolerance).map(([x, y]) => [round(x), round(y)] as [number, number]))
          .filter((r) => r.length >= 4);
        if (rings.length) out.push(rings);
      }
      if (!out.length) continue;
      const cca2 = (f.properties?.cca2 ?? file.slice(0, 2)).toUpperCase();
      features.push({ type: 'Feature', id: cca2, properties: { cca2, name: names.get(cca2) ?? cca2 }, geometry: { type: 'MultiPolygon', coordinates: out } });
    }
  }
  cached = {
    type: 'FeatureCollection',
    attribution: 'Country outlines: world-countries (mledoze/countries), ODbL-1.0, simplified.',
    features,
  };
  return cached;
}
