import { expect } from 'chai';
import { parseDmn } from '../../../../engine/dmn/parse-dmn.js';
import { tableDmn } from './dmn-table.js';

async function problemsOf(xml: string) {
  const parsed = await parseDmn(xml);
  return parsed.ok ? [] : parsed.problems;
}

describe('DMN deployment validation', () => {
  it('accepts a valid table', async () => {
    expect((await parseDmn(tableDmn({ inputs: ['x'], outputs: [{ name: 'y' }], rules: [['> 1', '"big"']] }))).ok).to.equal(true);
  });


  it('names the entry whose unary test does not parse', async () => {
    const problems = await problemsOf(tableDmn({ inputs: ['x'], outputs: [{ name: 'y' }], rules: [['[1..', '"big"']] }));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ elementId: 'r1i1' });
    expect(problems[0]!.message).to.match(/failed to parse unary tests/);
  });


  it('names the output entry whose expression does not parse', async () => {
    const problems = await problemsOf(tableDmn({ inputs: ['x'], outputs: [{ name: 'y' }], rules: [['-', '1 +']] }));
    expect(problems[0]).to.include({ elementId: 'r1o2' });
  });


  it('refuses an aggregation without COLLECT, and PRIORITY without output values', async () => {
    expect((await problemsOf(tableDmn({ hitPolicy: 'FIRST', aggregation: 'SUM', inputs: ['x'], outputs: [{ name: 'y' }], rules: [] })))[0]!.message).to.match(/aggregation 'SUM'/);
    expect((await problemsOf(tableDmn({ hitPolicy: 'PRIORITY', inputs: ['x'], outputs: [{ name: 'y' }], rules: [] })))[0]!.message).to.match(/needs the output values/);
  });


  it('refuses a rule with the wrong number of entries', async () => {
    const problems = await problemsOf(tableDmn({ inputs: ['x', 'z'], outputs: [{ name: 'y' }], rules: [['-', '"a"']] }));
    expect(problems.map((p) => p.elementId)).to.include('rule1');
  });


  it('refuses a missing required decision and a cycle of requirements', async () => {
    const ns = 'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"';
    const literal = (id: string, requires: string[]) =>
      `<decision id="${id}" name="${id}">${requires.map((r) => `<informationRequirement id="ir-${id}-${r}"><requiredDecision href="#${r}"/></informationRequirement>`).join('')}<literalExpression id="le-${id}"><text>1</text></literalExpression></decision>`;
    const missing = await problemsOf(`<definitions ${ns} id="g" name="g" namespace="n">${literal('a', ['nope'])}</definitions>`);
    expect(missing[0]).to.include({ elementId: 'a' });
    expect(missing[0]!.message).to.include("requires decision 'nope'");
    const cycle = await problemsOf(`<definitions ${ns} id="g" name="g" namespace="n">${literal('a', ['b'])}${literal('b', ['a'])}</definitions>`);
    expect(cycle[0]!.message).to.match(/cycle: a → b → a/);
  });


  it('refuses broken XML and entity declarations', async () => {
    expect((await problemsOf('<definitions'))[0]!.message).to.match(/does not parse/);
    expect((await problemsOf('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "y">]><definitions/>'))[0]!.message).to.match(/DOCTYPE/);
  });
});
