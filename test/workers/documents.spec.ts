import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { documentFilePath } from '../../engine-workers/adapters/file-document-files.js';
import { documentTemplate } from '../../engine-workers/documents/document-template.js';
import { docxParts, pdfEmbeddedFonts, pdfText, withoutSpace } from './support/document-text.js';
import { SAMPLE_DOCUMENTS } from './support/sample-documents.js';
import { completed, newJob, useWorkerHarness } from './support/worker-harness.js';

interface FileOut {
  id: string;
  sha256: string;
  storagePath: string;
  byteSize: number;
}

describe('workers: generate-document', function () {
  const h = useWorkerHarness('generate-document');
  const issued = new Date('2026-03-02T10:00:00+08:00');


  for (const sample of Object.values(SAMPLE_DOCUMENTS)) {
    it(`generates ${sample.kind} as PDF and DOCX with every item the law requires, numbered and hashed`, async function () {
      this.timeout(60_000);
      // given
      const template = documentTemplate(sample.kind);
      const job = newJob('generate-document');

      // when
      const outcome = await h.run(job, { kind: sample.kind, bodyId: h.bodies.city, caseRef: 'CASE-2026-001', fields: sample.fields }, issued);

      // then: the output names the document and its files
      const document = completed(outcome).document as { number: string | null; title: string; issueDate: string; pdf: FileOut; docx: FileOut };
      expect(document).to.include({ title: template.title, issueDate: '2026-03-02' });
      const number = template.numbering ? `明城管${template.numbering.abbreviation}〔2026〕1号` : null;
      expect(document.number).to.equal(number);

      // and both files are recorded with their 文号 and SHA-256, which match the bytes on disk
      const rows = await h.db('app.documents').where({ job_key: job.key }).orderBy('format', 'desc');
      expect(rows.map((r) => [r.format, r.kind, r.number, r.case_ref])).to.deep.equal([
        ['pdf', sample.kind, number, 'CASE-2026-001'],
        ['docx', sample.kind, number, 'CASE-2026-001'],
      ]);
      for (const row of rows) {
        const bytes = await readFile(documentFilePath(h.dataDir, row.storage_path));
        expect(createHash('sha256').update(bytes).digest('hex'), `${row.format} hash`).to.equal(row.sha256);
        expect(bytes.byteLength).to.equal(row.byte_size);
        expect(row.storage_path).to.match(/^documents\/2026\/[0-9a-f]{2}\/[0-9a-f]{64}\.(pdf|docx)$/);
        expect((document[row.format as 'pdf' | 'docx'] as FileOut).sha256).to.equal(row.sha256);
      }

      // and the PDF reads back (pdf.js) with the labels and the case's values, in an embedded, subset CJK font
      const pdfBytes = await readFile(documentFilePath(h.dataDir, document.pdf.storagePath));
      const pdf = await pdfText(pdfBytes);
      for (const expected of [...sample.mustShow, '三明市城市管理局', '2026年3月2日', ...(number ? [number] : [])]) expect(pdf.text, `PDF shows ${expected}`).to.include(withoutSpace(expected));
      const fonts = pdfEmbeddedFonts(pdfBytes);
      expect(fonts.baseFonts.every((name) => /^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/.test(name)), fonts.baseFonts.join(', ')).to.equal(true);
      expect(fonts.fontFiles).to.equal(fonts.baseFonts.length);
      expect(pdfBytes.byteLength, 'subset font keeps the PDF small').to.be.below(200_000);

      // and the DOCX is a Word document with the same text
      const docx = docxParts(await readFile(documentFilePath(h.dataDir, document.docx.storagePath)));
      expect(docx.files).to.include.members(['[Content_Types].xml', 'word/document.xml']);
      for (const expected of [...sample.mustShow, '三明市城市管理局', '2026年3月2日', ...(number ? [number] : [])]) expect(docx.text, `DOCX shows ${expected}`).to.include(withoutSpace(expected));
      expect(docx.stylesXml, 'body text in 仿宋').to.include('w:eastAsia="仿宋"');
    });
  }


  it('numbers a body without a short name with its full name', async function () {
    this.timeout(60_000);
    const outcome = await h.run(newJob('generate-document'), { kind: 'enforcement-demand', bodyId: h.bodies.county, fields: SAMPLE_DOCUMENTS['enforcement-demand']!.fields }, issued);
    expect((completed(outcome).document as { number: string }).number).to.equal('三元区城市管理局催告〔2026〕1号');
  });


  it('uses the 文号 that assign-number gave, without taking another', async function () {
    this.timeout(60_000);
    // given
    const assigned = completed(await h.run(newJob('assign-number'), { bodyId: h.bodies.city, kind: 'hearing-notice' }, issued)).documentNumber as { number: string };

    // when
    const outcome = await h.run(newJob('generate-document'), { kind: 'hearing-notice', bodyId: h.bodies.city, number: assigned.number, fields: SAMPLE_DOCUMENTS['hearing-notice']!.fields }, issued);

    // then
    expect((completed(outcome).document as { number: string }).number).to.equal(assigned.number);
    const [sequence] = await h.db('app.document_number_sequences').where({ body_id: h.bodies.city, kind: 'hearing-notice', year: 2026 });
    expect(sequence.last_value).to.equal(2);
  });


  it('ends with HEARING_NOTICE_TOO_LATE when the hearing is less than 7 working days away, and writes nothing', async function () {
    // given: notice on Monday 28 September 2026, hearing on Tuesday 13 October (only 6 working days between, across National Day)
    const job = newJob('generate-document');
    const fields = { ...SAMPLE_DOCUMENTS['hearing-notice']!.fields, hearingTime: '2026-10-13T09:30:00+08:00' };

    // when
    const outcome = await h.run(job, { kind: 'hearing-notice', bodyId: h.bodies.city, issueDate: '2026-09-28', fields }, issued);

    // then
    expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'HEARING_NOTICE_TOO_LATE', variables: { earliestHearingDate: '2026-10-14' } });
    expect(await h.db('app.documents').where({ job_key: job.key })).to.have.length(0);
    const sequence = await h.db('app.document_number_sequences').where({ body_id: h.bodies.city, kind: 'hearing-notice', year: 2026 }).first();
    expect(sequence.last_value, 'no number taken').to.equal(2);
  });


  it('raises an incident naming the variable for a body that does not exist', async () => {
    const outcome = await h.run(newJob('generate-document'), { kind: 'service-receipt', bodyId: 999_999, fields: SAMPLE_DOCUMENTS['service-receipt']!.fields }, issued);
    expect(outcome).to.deep.include({ kind: 'incident' });
    expect((outcome as { message: string }).message).to.include("variable 'bodyId'").and.include('999999');
  });
});
