import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalKind } from '../../../../engine-workers/documents/document-kinds.js';
import { documentText, layoutDocument, tidy } from '../../../../engine-workers/documents/document-layout.js';
import { documentTemplate, documentTemplates, loadDocumentTemplates } from '../../../../engine-workers/documents/document-template.js';
import { DocumentTemplateError } from '../../../../engine-workers/errors.js';
import { parseVariables } from '../../../../engine-workers/jobs/generate-document.js';
import { SAMPLE_DOCUMENTS } from '../../../workers/support/sample-documents.js';

const PROCESSES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'processes');

/** The fields as generate-document hands them to the layout: validated, defaults filled in. */
function validFields(kind: string): Record<string, unknown> {
  const parsed = parseVariables({ kind, bodyId: 1, fields: SAMPLE_DOCUMENTS[kind]!.fields });
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  const fields = parsed.input.fields;
  return kind === 'seizure-decision' ? { ...fields, periodDays: 30 } : fields;
}

describe('engine-workers: document templates and layout', () => {
  it('has a template for each legal document the procedures issue', () => {
    // every kind a diagram of processes/ passes to generate-document (a literal, or each branch of an if)
    const issued = new Set<string>();
    for (const file of readdirSync(PROCESSES).filter((name) => name.endsWith('.bpmn'))) {
      const xml = readFileSync(path.join(PROCESSES, file), 'utf8');
      for (const task of xml.matchAll(/<bpmn:serviceTask id="[^"]+"[\s\S]*?<\/bpmn:serviceTask>/g)) {
        if (!task[0].includes('type="generate-document"')) continue;
        const kind = /<zeebe:input source="([^"]*)" target="kind" \/>/.exec(task[0])?.[1]?.replace(/&quot;/g, '"') ?? '';
        for (const literal of kind.matchAll(/"([a-z]+(?:-[a-z]+)+)"/g)) issued.add(canonicalKind(literal[1]!));
      }
    }
    expect(issued.size).to.be.greaterThan(20);
    expect([...documentTemplates().keys()]).to.include.members([...issued, 'service-receipt']);
    expect(documentTemplate('penalty-decision')).to.include({ title: '行政处罚决定书', basis: '《中华人民共和国行政处罚法》第五十九条' });
    expect(documentTemplate('service-receipt').numbering).to.equal(null);
  });


  for (const sample of Object.values(SAMPLE_DOCUMENTS)) {
    it(`lays out ${sample.kind} with every item the law requires`, () => {
      // given
      const template = documentTemplate(sample.kind);

      // when
      const document = layoutDocument(template, { fields: validFields(sample.kind), number: template.numbering ? `明城管${template.numbering.abbreviation}〔2026〕7号` : null, authority: '三明市城市管理局', issueDate: '2026-03-02' });

      // then
      const text = documentText(document).join('\n');
      for (const expected of sample.mustShow) expect(text, expected).to.include(expected);
      expect(text).to.include('三明市城市管理局');
      expect(text).to.include('2026年3月2日');
      if (template.numbering) expect(text).to.include(`明城管${template.numbering.abbreviation}〔2026〕7号`);
    });
  }


  it('numbers the headings in order and leaves out the parts whose field is empty', () => {
    // given: no hearing right, no evidence list
    const fields = { ...validFields('penalty-advance-notice'), hearingApplicable: false, evidence: undefined };

    // when
    const document = layoutDocument(documentTemplate('penalty-advance-notice'), { fields, number: null, authority: '三明市城市管理局', issueDate: '2026-03-02' });

    // then
    const headings = document.blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).to.deep.equal(['一、违法事实', '二、拟作出行政处罚的理由和依据', '三、拟作出的行政处罚', '四、陈述、申辩的权利']);
    expect(documentText(document).join('')).to.not.include('听证');
  });


  it('ends sentences once, however the officer typed them', () => {
    expect(tidy('经查，当事人占道经营')).to.equal('经查，当事人占道经营。');
    expect(tidy('经查，当事人占道经营。。')).to.equal('经查，当事人占道经营。');
    expect(tidy('以上事实有下列证据证明：')).to.equal('以上事实有下列证据证明：');
  });


  it('refuses a template that uses a field it does not declare', () => {
    // given
    const dir = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    try {
      writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({
        kind: 'broken', title: '坏模板', basis: '无', numbering: null,
        fields: [{ name: 'partyName', label: '当事人', type: 'text', required: true }],
        blocks: [{ type: 'paragraph', text: '{{partyName}}于{{violationDate}}违法' }],
      }));

      // when / then
      expect(() => loadDocumentTemplates(dir)).to.throw(DocumentTemplateError, "uses '{{violationDate}}', which is not a field");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });


  it('refuses a template that shows an optional field without a condition', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    try {
      writeFileSync(path.join(dir, 'loose.json'), JSON.stringify({
        kind: 'loose', title: '松模板', basis: '无', numbering: null,
        fields: [{ name: 'note', label: '备注', type: 'text' }],
        blocks: [{ type: 'paragraph', text: '备注：{{note}}' }],
      }));
      expect(() => loadDocumentTemplates(dir)).to.throw(DocumentTemplateError, "uses optional field 'note' without \"when\"");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
