import { expect } from 'chai';
import { variableParser } from '../../../engine-workers/variables.js';

describe('engine-workers: variableParser', () => {
  const parse = variableParser<{ bodyId: number; party: { name: string }; issueDate?: string; items?: string[] }>('test-job', {
    type: 'object',
    required: ['bodyId', 'party'],
    properties: {
      bodyId: { type: 'integer', minimum: 1 },
      party: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
      issueDate: { type: 'string', format: 'calendar-date' },
      items: { type: 'array', items: { type: 'string', minLength: 1 } },
      level: { type: 'string', enum: ['near-due', 'overdue'], default: 'near-due' },
    },
  });


  it('returns the typed input, with defaults, when the variables are valid', () => {
    // given
    const variables = { bodyId: 3, party: { name: '某公司' }, otherProcessVariable: true };

    // when
    const parsed = parse(variables);

    // then
    expect(parsed).to.deep.equal({ ok: true, input: { bodyId: 3, party: { name: '某公司' }, otherProcessVariable: true, level: 'near-due' } });
    expect(variables).to.not.have.property('level');
  });


  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a missing variable', { party: { name: 'x' } }, "variable 'bodyId' is missing"],
    ['a missing nested variable', { bodyId: 1, party: {} }, "variable 'party.name' is missing"],
    ['a wrong type', { bodyId: 'seven', party: { name: 'x' } }, "variable 'bodyId' must be of type integer, but got \"seven\""],
    ['a bad format', { bodyId: 1, party: { name: 'x' }, issueDate: '2026-02-30' }, "variable 'issueDate' must be a date (YYYY-MM-DD), but got \"2026-02-30\""],
    ['a bad list item', { bodyId: 1, party: { name: 'x' }, items: ['a', ''] }, "variable 'items[1]'"],
    ['a value outside the enum', { bodyId: 1, party: { name: 'x' }, level: 'late' }, "variable 'level' must be one of 'near-due', 'overdue', but got \"late\""],
  ];
  for (const [what, variables, named] of cases) {
    it(`raises an incident that names the variable for ${what}`, () => {
      // when
      const parsed = parse(variables);

      // then
      expect(parsed.ok).to.equal(false);
      if (parsed.ok) return;
      expect(parsed.outcome.kind).to.equal('incident');
      expect(parsed.outcome.message).to.match(/^Expected the variables of job type 'test-job' to be valid, but /);
      expect(parsed.outcome.message).to.include(named);
    });
  }
});


describe('engine-workers: variableParser with custom headers and other names', () => {
  const parse = variableParser<{ kind: string; length: number; start?: string }>(
    'test-job',
    { type: 'object', required: ['kind', 'length'], properties: { kind: { type: 'string' }, length: { type: 'integer' }, start: { type: 'string' } } },
    { headers: { kind: 'string', numberKind: 'string', length: 'integer' }, aliases: { numberKind: 'kind' } },
  );


  it('takes static configuration from the task\'s custom headers, read as their type', () => {
    expect(parse({}, { kind: 'penalty-decision', length: '15' })).to.deep.equal({ ok: true, input: { kind: 'penalty-decision', length: 15 } });
  });


  it('lets a process variable win over a header', () => {
    expect(parse({ length: 5 }, { kind: 'x', length: '15' })).to.deep.include({ ok: true, input: { kind: 'x', length: 5 } });
  });


  it('accepts a variable under another name, from a header too', () => {
    expect(parse({ length: 1 }, { numberKind: 'case-number' })).to.deep.include({ ok: true, input: { kind: 'case-number', numberKind: 'case-number', length: 1 } });
  });


  it('treats a null variable (a FEEL mapping of a missing path) as absent', () => {
    expect(parse({ kind: 'x', length: 2, start: null })).to.deep.equal({ ok: true, input: { kind: 'x', length: 2 } });
  });


  it('names the variable when a header does not read as its type', () => {
    const parsed = parse({}, { kind: 'x', length: 'fifteen' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'length' must be of type integer, but got \"fifteen\"");
  });
});
