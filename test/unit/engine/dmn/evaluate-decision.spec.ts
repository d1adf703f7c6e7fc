import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { parseDmn } from '../../../../engine/dmn/parse-dmn.js';
import { evaluateDecision } from '../../../../engine/dmn/evaluate-decision.js';
import type { DecisionRequirementsGraph } from '../../../../engine/dmn/dmn-model.js';
import { tableDmn } from './dmn-table.js';

async function graphOf(xml: string): Promise<DecisionRequirementsGraph> {
  const parsed = await parseDmn(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.graph;
}

async function evaluate(options: Parameters<typeof tableDmn>[0], variables: Record<string, unknown>) {
  return evaluateDecision(await graphOf(tableDmn(options)), 'd', variables);
}

const SCORE = { inputs: ['score'], outputs: [{ name: 'grade' }], rules: [['>= 90', '"A"'], ['>= 60', '"B"'], ['< 60', '"C"'], ['>= 80', '"B+"']] };

describe('DMN decision evaluation', () => {
  describe('hit policies', () => {
    it('UNIQUE returns the one matching rule', async () => {
      const result = await evaluate({ ...SCORE, rules: [['>= 60', '"pass"'], ['< 60', '"fail"']] }, { score: 70 });
      expect(result).to.deep.include({ ok: true, output: 'pass' });
    });


    it('UNIQUE fails when two rules match, naming them', async () => {
      const result = await evaluate(SCORE, { score: 95 });
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.failedDecisionId).to.equal('d');
        expect(result.failureMessage).to.equal("Expected to evaluate decision 'd', but expected at most one rule to match for hit policy UNIQUE, but rules 'rule1', 'rule2', 'rule4' matched");
      }
    });


    it('UNIQUE and FIRST give null when nothing matches', async () => {
      expect(await evaluate({ ...SCORE, rules: [['> 100', '"X"']] }, { score: 5 })).to.deep.include({ ok: true, output: null });
      expect(await evaluate({ ...SCORE, hitPolicy: 'FIRST', rules: [['> 100', '"X"']] }, { score: 5 })).to.deep.include({ ok: true, output: null });
    });


    it('FIRST returns the first matching rule in table order', async () => {
      const result = await evaluate({ ...SCORE, hitPolicy: 'FIRST' }, { score: 95 });
      expect(result).to.deep.include({ ok: true, output: 'A' });
      if (result.ok) expect(result.evaluated[0]!.matchedRules.map((r) => r.ruleIndex)).to.deep.equal([1]);
    });


    it('ANY accepts several matches with the same output and refuses different ones', async () => {
      const same = await evaluate({ ...SCORE, hitPolicy: 'ANY', rules: [['>= 60', '"pass"'], ['>= 50', '"pass"']] }, { score: 70 });
      expect(same).to.deep.include({ ok: true, output: 'pass' });
      const different = await evaluate({ ...SCORE, hitPolicy: 'ANY' }, { score: 95 });
      expect(different.ok).to.equal(false);
    });


    it('PRIORITY returns the match whose output comes first in the output values', async () => {
      const outputs = [{ name: 'grade', values: '"A","B+","B","C"' }];
      expect(await evaluate({ ...SCORE, hitPolicy: 'PRIORITY', outputs }, { score: 85 })).to.deep.include({ ok: true, output: 'B+' });
      expect(await evaluate({ ...SCORE, hitPolicy: 'PRIORITY', outputs }, { score: 95 })).to.deep.include({ ok: true, output: 'A' });
    });


    it('OUTPUT ORDER lists all matches by priority; RULE ORDER by rule order', async () => {
      const outputs = [{ name: 'grade', values: '"A","B+","B","C"' }];
      expect(await evaluate({ ...SCORE, hitPolicy: 'OUTPUT ORDER', outputs }, { score: 85 })).to.deep.include({ ok: true, output: ['B+', 'B'] });
      expect(await evaluate({ ...SCORE, hitPolicy: 'RULE ORDER' }, { score: 95 })).to.deep.include({ ok: true, output: ['A', 'B', 'B+'] });
    });


    it('COLLECT lists the outputs, or aggregates them with SUM, MIN, MAX and COUNT', async () => {
      const fees = { inputs: ['kind'], outputs: [{ name: 'fee' }], rules: [['"a","b"', '10'], ['"a"', '25'], ['"c"', '7']] };
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT' }, { kind: 'a' })).to.deep.include({ ok: true, output: [10, 25] });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'SUM' }, { kind: 'a' })).to.deep.include({ ok: true, output: 35 });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'MIN' }, { kind: 'a' })).to.deep.include({ ok: true, output: 10 });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'MAX' }, { kind: 'a' })).to.deep.include({ ok: true, output: 25 });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'COUNT' }, { kind: 'a' })).to.deep.include({ ok: true, output: 2 });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'COUNT' }, { kind: 'z' })).to.deep.include({ ok: true, output: 0 });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT', aggregation: 'SUM' }, { kind: 'z' })).to.deep.include({ ok: true, output: null });
      expect(await evaluate({ ...fees, hitPolicy: 'COLLECT' }, { kind: 'z' })).to.deep.include({ ok: true, output: [] });
    });


    it('returns a context per rule when the table has several outputs', async () => {
      const result = await evaluate(
        { hitPolicy: 'FIRST', inputs: ['amount'], outputs: [{ name: 'level' }, { name: 'approver' }], rules: [['> 1000', '"high"', '"head"'], ['-', '"low"', '"officer"']] },
        { amount: 5000 },
      );
      expect(result).to.deep.include({ ok: true, output: { level: 'high', approver: 'head' } });
    });
  });


  describe('unary tests and inputs', () => {
    it('matches ranges, lists, negation and comparisons with other variables', async () => {
      const table = { hitPolicy: 'RULE ORDER', inputs: ['n'], outputs: [{ name: 'r' }], rules: [['[1..5]', '"range"'], ['not(3)', '"not-three"'], ['2,4,6', '"even"'], ['< limit', '"below-limit"']] };
      expect(await evaluate(table, { n: 4, limit: 10 })).to.deep.include({ output: ['range', 'not-three', 'even', 'below-limit'] });
      expect(await evaluate(table, { n: 3, limit: 1 })).to.deep.include({ output: ['range'] });
    });


    it('evaluates FEEL in input and output expressions', async () => {
      const result = await evaluate({ inputs: ['amount * 2'], outputs: [{ name: 'r' }], rules: [['> 100', 'amount * 0.03']] }, { amount: 100 });
      expect(result).to.deep.include({ ok: true, output: 3 });
    });


    it('records the evaluated inputs and the matched rules with their outputs', async () => {
      const result = await evaluate({ hitPolicy: 'FIRST', inputs: ['score'], outputs: [{ name: 'grade' }], rules: [['>= 90', '"A"']] }, { score: 93 });
      expect(result.ok).to.equal(true);
      if (result.ok) {
        expect(result.evaluated).to.deep.equal([
          {
            decisionId: 'd', decisionName: 'Decision', decisionType: 'DECISION_TABLE', output: 'A',
            evaluatedInputs: [{ inputId: 'in1', inputName: 'score', inputValue: 93 }],
            matchedRules: [{ ruleId: 'rule1', ruleIndex: 1, evaluatedOutputs: [{ outputId: 'out1', outputName: 'grade', outputValue: 'A' }] }],
          },
        ]);
      }
    });
  });


  describe('required decisions', () => {
    it('evaluates required decisions first and passes their results by decision id (听证权利)', async () => {
      // given
      const graph = await graphOf(await readFile('test/fixtures/dmn/hearing-right.dmn', 'utf8'));

      // when
      const large = evaluateDecision(graph, 'hearing-right', { partyType: 'natural-person', fine: 20000, penaltyKind: 'fine' });
      const small = evaluateDecision(graph, 'hearing-right', { partyType: 'organisation', fine: 20000, penaltyKind: 'fine' });
      const revocation = evaluateDecision(graph, 'hearing-right', { partyType: 'organisation', fine: 0, penaltyKind: 'licence-revocation' });

      // then
      expect(large).to.deep.include({ ok: true, output: true });
      expect(small).to.deep.include({ ok: true, output: false });
      expect(revocation).to.deep.include({ ok: true, output: true });
      if (large.ok) expect(large.evaluated.map((d) => [d.decisionId, d.output])).to.deep.equal([['fine-class', 'larger'], ['hearing-right', true]]);
    });


    it('fails the evaluation when an input does not have its declared type, instead of comparing loosely', async () => {
      // given the fine-class input declared as typeRef="number"
      const graph = await graphOf(await readFile('test/fixtures/dmn/hearing-right.dmn', 'utf8'));

      // when
      const result = evaluateDecision(graph, 'hearing-right', { partyType: 'natural-person', fine: 'abc', penaltyKind: 'fine' });

      // then
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.failedDecisionId).to.equal('fine-class');
        expect(result.failureMessage).to.equal(`Expected to evaluate decision 'fine-class', but input '罚款金额' should be of type 'number' and is "abc"`);
      }
    });
  });
});
