import type { Command } from 'commander';

/** Registers `vigie eval` on the CLI program. (Skeleton.) */
export function addEvalCommand(program: Command): void {
  void program;
}
