/** Language data this stage reads, one JSON file per language: src/lang/<code>/entities.json. */
export interface EntityLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
}
