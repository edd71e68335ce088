/** Language data this stage reads, one JSON file per language: src/lang/<code>/events.json. */
export interface EventLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
}
