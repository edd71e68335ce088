/** Language data this stage reads, one JSON file per language: src/lang/<code>/dates.json. */
export interface DateLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
}
