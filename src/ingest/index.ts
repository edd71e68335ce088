/**
 * Ingest: turns paths (files, directories walked recursively, "-" for standard input) into
 * Docs, one per article, and InputErrors for what cannot be read. Never throws for bad input:
 * every refusal is yielded with the file and the reason, and the batch goes on.
 * (Skeleton: the real readers live beside this file.)
 */
import type { Doc, InputError } from '../document.js';

export interface ReadOptions {
  /** Largest file accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
}

export async function* readInputs(paths: string[], _opts: ReadOptions = {}): AsyncGenerator<Doc | InputError> {
  void paths;
}
