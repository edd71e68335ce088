/** Language data this stage reads, one JSON file per language: src/lang/<code>/attribution.json. */
export interface AttributionLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
}
