import { expect } from 'chai';
import { useEngine } from './support/engine-harness.js';

/**
 * One decision table per hit policy, deployed and evaluated through zeebe-node (EvaluateDecision). The table maps a
 * fine to the discretion grades whose range contains it; grades overlap on purpose so several rules match.
 */
const RULES: Array<[string, string, number]> = [
  // input test, output grade, output amount
  ['< 1000', '"轻微"', 200],
  ['[500..5000]', '"一般"', 1000],
  ['>= 3000', '"较重"', 3000],
];

function table(id: string, hitPolicy: string, aggregation?: string): string {
  const outputs = aggregation ? '<output id="o-amount-' + id + '" name="amount" typeRef="number" />' : '<output id="o-grade-' + id + '" name="grade" typeRef="string"><outputValues><text>"较重","一般","轻微"</text></outputValues></output>';
  const rules = RULES.map(([test, grade, amount], i) => `<rule id="r${i}-${id}"><inputEntry id="i${i}-${id}"><text>${test.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</text></inputEntry><outputEntry id="e${i}-${id}"><text>${aggregation ? amount : grade}</text></outputEntry></rule>`).join('');
  return `<decision id="${id}" name="${id}"><decisionTable id="t-${id}" hitPolicy="${hitPolicy}"${aggregation ? ` aggregation="${aggregation}"` : ''}>
    <input id="in-${id}" label="fine"><inputExpression id="ie-${id}" typeRef="number"><text>fine</text></inputExpression></input>${outputs}${rules}</decisionTable></decision>`;
}

const DECISIONS: Array<[string, string, string?]> = [
  ['unique', 'UNIQUE'],
  ['first', 'FIRST'],
  ['priority', 'PRIORITY'],
  ['any', 'ANY'],
  ['collect', 'COLLECT'],
  ['collect-sum', 'COLLECT', 'SUM'],
  ['collect-min', 'COLLECT', 'MIN'],
  ['collect-max', 'COLLECT', 'MAX'],
  ['collect-count', 'COLLECT', 'COUNT'],
  ['rule-order', 'RULE ORDER'],
  ['output-order', 'OUTPUT ORDER'],
];

describe('decision tables: one per hit policy, through EvaluateDecision', () => {
  const h = useEngine('hit-policies');

  before(async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="hit-policies" name="hit policies" namespace="http://camunda.org/schema/1.0/dmn">
${DECISIONS.map(([id, policy, aggregation]) => table(id, policy, aggregation)).join('\n')}
</definitions>`;
    await h.deployMany([{ name: 'hit-policies.dmn', content: Buffer.from(xml) }]);
  });

  async function evaluate(decisionId: string, fine: number): Promise<{ output: unknown; failure: string }> {
    const res = await h.client.evaluateDecision({ decisionId, variables: { fine } } as never);
    return { output: res.decisionOutput === '' ? undefined : JSON.parse(res.decisionOutput), failure: res.failureMessage };
  }

  // fine 4000 matches 一般 (rule 1) and 较重 (rule 2); 100 matches 轻微 only; 600 matches 轻微 and 一般
  const cases: Array<[string, number, unknown]> = [
    ['unique', 100, '轻微'],
    ['first', 4000, '一般'],
    ['priority', 4000, '较重'],
    ['priority', 600, '一般'],
    ['collect', 4000, ['一般', '较重']],
    ['collect-sum', 4000, 4000],
    ['collect-min', 600, 200],
    ['collect-max', 4000, 3000],
    ['collect-count', 600, 2],
    ['rule-order', 600, ['轻微', '一般']],
    ['output-order', 600, ['一般', '轻微']],
    ['any', 100, '轻微'],
  ];
  for (const [decisionId, fine, expected] of cases) {
    it(`${decisionId}: fine ${fine} → ${JSON.stringify(expected)}`, async () => {
      const { output, failure } = await evaluate(decisionId, fine);
      expect(failure).to.equal('');
      expect(output).to.deep.equal(expected);
    });
  }

  it('UNIQUE with two matching rules fails the evaluation, naming the rules', async () => {
    const { failure } = await evaluate('unique', 4000);
    expect(failure).to.match(/r1-unique/).and.to.match(/r2-unique/);
  });

  it('ANY with matching rules of different outputs fails the evaluation', async () => {
    const { failure } = await evaluate('any', 4000);
    expect(failure).to.not.equal('');
  });
});
