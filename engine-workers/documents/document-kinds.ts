import { documentTemplates } from './document-template.js';

/** Other names the procedures use for a document kind (processes/*.bpmn headers), mapped to the template's kind. */
export const DOCUMENT_KIND_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  'advance-notice': 'penalty-advance-notice',
  'demand-notice': 'enforcement-demand',
});

/**
 * 文号 abbreviations of numbered kinds that have no template here yet (their documents come later), so that their
 * numbers can already be taken with assign-number. Defaults: an agency's own abbreviations may differ (U).
 */
export const OTHER_NUMBERED_KINDS: Readonly<Record<string, string>> = Object.freeze({
  'case-number': '立',
  'on-the-spot-decision': '当罚',
  'no-penalty-decision': '不罚',
  'enforcement-decision': '强执',
  'freeze-decision': '冻',
  'criminal-transfer-letter': '移',
});

export function canonicalKind(kind: string): string {
  return DOCUMENT_KIND_ALIASES[kind] ?? kind;
}

/** Kind → 文号 abbreviation, for every kind that is numbered. */
export function numberAbbreviations(): ReadonlyMap<string, string> {
  const abbreviations = new Map<string, string>();
  for (const template of documentTemplates().values()) if (template.numbering) abbreviations.set(template.kind, template.numbering.abbreviation);
  for (const [kind, abbreviation] of Object.entries(OTHER_NUMBERED_KINDS)) if (!abbreviations.has(kind)) abbreviations.set(kind, abbreviation);
  return abbreviations;
}
