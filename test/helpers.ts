import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json), from src or from dist. */
export const REPO = (() => {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) d = dirname(d);
  return d;
})();

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return join(REPO, ...parts);
}
