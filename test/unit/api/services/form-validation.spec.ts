import { expect } from 'chai';
import { formToJsonSchema, isHidden, loadForm, validateFormData, type FormSchema } from '../../../../api/services/form-validation.js';

async function form(id: string): Promise<FormSchema> {
  const loaded = await loadForm(id);
  if (!loaded) throw new Error(`Expected processes/forms/${id}.form`);
  return loaded;
}

function paths(result: ReturnType<typeof validateFormData>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.path).sort();
}

describe('form validation (processes/forms → JSON Schema → ajv)', () => {
  describe('loadForm', () => {
    it('reads a form of processes/forms by its id', async () => {
      expect((await form('approve')).id).to.equal('approve');
    });


    it('finds no form for unknown ids or ids that try to leave the folder', async () => {
      for (const id of ['no-such-form', '../package', '..%2Fpackage', 'forms/approve', 'APPROVE', '']) {
        expect(await loadForm(id), id).to.equal(undefined);
      }
    });
  });


  describe('approve (审批)', () => {
    it('accepts an approval without a reason: the reason is hidden when approved', async () => {
      // given
      const approve = await form('approve');
      // when
      const result = validateFormData(approve, { approved: true, opinion: '同意', decidedAt: '2026-11-26T10:00:00+08:00' });
      // then
      expect(result).to.deep.equal({ ok: true, data: { approved: true, opinion: '同意', decidedAt: '2026-11-26T10:00:00+08:00' } });
    });


    it('drops a hidden reason that was filled in before approving', async () => {
      const result = validateFormData(await form('approve'), { approved: true, rejectionReason: '先前填写', decidedAt: '2026-11-26T10:00:00+08:00' });
      expect(result.ok && result.data).to.deep.equal({ approved: true, decidedAt: '2026-11-26T10:00:00+08:00' });
    });


    it('requires the reason and the time when not approved', async () => {
      const result = validateFormData(await form('approve'), { approved: false });
      expect(paths(result)).to.deep.equal(['/body/variables/decidedAt', '/body/variables/rejectionReason']);
    });


    it('refuses an empty reason, a time that is not a date-time and keys the form does not have', async () => {
      const result = validateFormData(await form('approve'), { approved: false, rejectionReason: '', decidedAt: '明天', bodyId: 99 });
      expect(paths(result)).to.deep.equal(['/body/variables/bodyId', '/body/variables/decidedAt', '/body/variables/rejectionReason']);
    });
  });


  describe('decision (作出处理决定): radio options and a nested penalty group', () => {
    const base = { basis: '《城市道路管理条例》第四十二条', reasons: '事实清楚', decidedAt: '2026-11-26T10:00:00+08:00' };

    it('accepts a penalty with its group under `penalty`', async () => {
      const result = validateFormData(await form('decision'), { ...base, outcome: 'penalty', penalty: { kinds: ['fine'], fine: 500, confiscationValue: null, performance: '十五日内缴纳' } });
      expect(result.ok).to.equal(true);
    });


    it('refuses an outcome that is not one of the options, and penalty kinds that are not', async () => {
      const result = validateFormData(await form('decision'), { ...base, outcome: 'fine', penalty: { kinds: ['flogging'] } });
      expect(paths(result)).to.deep.equal(['/body/variables/outcome']);
      const kinds = validateFormData(await form('decision'), { ...base, outcome: 'penalty', penalty: { kinds: ['flogging'], fine: '500' } });
      expect(paths(kinds)).to.deep.equal(['/body/variables/penalty/fine', '/body/variables/penalty/kinds/0']);
    });


    it('drops the hidden penalty group and requires the receiving authority for a transfer of jurisdiction', async () => {
      const result = validateFormData(await form('decision'), { ...base, outcome: 'transfer-jurisdiction', penalty: { kinds: ['fine'] } });
      expect(paths(result)).to.deep.equal(['/body/variables/receivingAuthority']);
      const ok = validateFormData(await form('decision'), { ...base, outcome: 'no-penalty-minor', penalty: { kinds: ['fine'] } });
      expect(ok.ok && ok.data).to.not.have.property('penalty');
    });
  });


  describe('enforcement-decision (行政强制执行决定): min and a condition with `or`', () => {
    const base = { route: 'enforce', method: 'substitute', executeAt: '2026-12-01T09:00:00+08:00', substituteObject: '拆除违法搭建', substituteExecutor: '某某工程公司', reasons: '逾期不履行', decidedAt: '2026-11-26T10:00:00+08:00' };

    it('refuses a substitute-performance cost below zero', async () => {
      const result = validateFormData(await form('enforcement-decision'), { ...base, substituteCost: -1 });
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.errors).to.deep.equal([{ path: '/body/variables/substituteCost', message: 'must be >= 0', keyword: 'minimum' }]);
    });


    it('does not require the substitute fields when the method is not substitute performance', async () => {
      const form_ = await form('enforcement-decision');
      const methods = ((form_.components.find((c) => c.key === 'method')?.values ?? []) as Array<{ value: string }>).map((v) => v.value).filter((v) => v !== 'substitute');
      const result = validateFormData(form_, { route: 'enforce', method: methods[0], executeAt: base.executeAt, reasons: base.reasons, decidedAt: base.decidedAt });
      expect(result.ok).to.equal(true);
    });
  });


  describe('filing (立案审批): a taglist whose options are a task variable', () => {
    const variables = { availableOfficers: ['sanyuan-officer', 'sanyuan-officer2'] };

    it('accepts officers from availableOfficers and refuses others', async () => {
      const filing = await form('filing');
      expect(validateFormData(filing, { fileCase: true, officers: ['sanyuan-officer', 'sanyuan-officer2'], filedAt: '2026-11-26T10:00:00+08:00' }, variables).ok).to.equal(true);
      const result = validateFormData(filing, { fileCase: true, officers: ['shaxian-officer'], filedAt: '2026-11-26T10:00:00+08:00' }, variables);
      expect(paths(result)).to.deep.equal(['/body/variables/officers/0']);
    });


    it('requires at least one officer when the case is filed, and only the reason when it is not', async () => {
      const filing = await form('filing');
      expect(paths(validateFormData(filing, { fileCase: true, officers: [], filedAt: '2026-11-26T10:00:00+08:00' }, variables))).to.deep.equal(['/body/variables/officers']);
      expect(paths(validateFormData(filing, { fileCase: false }, variables))).to.deep.equal(['/body/variables/reason']);
    });
  });


  describe('on-site-record (现场检查笔录): dynamic list, evidence picker, signature, location group', () => {
    const base = { startedAt: '2026-11-26T09:00:00+08:00', partyPresent: true, findings: '未发现问题' };

    it('accepts rows, evidence ids and a signature evidence id', async () => {
      const result = validateFormData(await form('on-site-record'), {
        ...base, checklist: [{ item: '门前三包', result: (await firstOption('on-site-record', 'result')) }], photos: [11, 12], location: { latitude: 26.27, longitude: 117.63 }, signed: true, partySignature: 13,
      });
      expect(result.ok, JSON.stringify(result)).to.equal(true);
    });


    it('points at the row, the evidence id and the signature that are wrong', async () => {
      const result = validateFormData(await form('on-site-record'), { ...base, checklist: [{ item: '' , result: 'maybe' }], photos: ['photo.jpg'], location: { latitude: 91 }, signed: true });
      expect(paths(result)).to.deep.equal([
        '/body/variables/checklist/0/item', '/body/variables/checklist/0/result', '/body/variables/location/latitude', '/body/variables/partySignature', '/body/variables/photos/0',
      ]);
    });


    it('requires no signature when the party did not sign, and drops one given', async () => {
      const result = validateFormData(await form('on-site-record'), { ...base, signed: false, partySignature: 13, refusalNoted: '当事人拒绝签字' });
      expect(result.ok && result.data).to.deep.equal({ ...base, signed: false, refusalNoted: '当事人拒绝签字' });
    });
  });


  it('evaluates conditions with the task variables when the form data does not have them', () => {
    expect(isHidden({ type: 'textfield', conditional: { hide: '=party.type = "organisation"' } }, { party: { type: 'organisation' } })).to.equal(true);
    expect(isHidden({ type: 'textfield', conditional: { hide: '=not a feel (expression' } }, {})).to.equal(false);
  });


  it('converts every form of processes/forms to a schema ajv compiles and that accepts nothing unknown', async () => {
    const { readdir } = await import('node:fs/promises');
    const { FORMS_DIR } = await import('../../../../api/services/form-validation.js');
    const ids = (await readdir(FORMS_DIR)).filter((f) => f.endsWith('.form')).map((f) => f.slice(0, -5));
    expect(ids.length).to.be.greaterThan(30);
    for (const id of ids) {
      const f = await form(id);
      const schema = formToJsonSchema(f, {});
      expect(schema.additionalProperties, id).to.equal(false);
      const result = validateFormData(f, { notAField: 1 });
      expect(paths(result), id).to.include('/body/variables/notAField');
    }
  });
});

async function firstOption(formId: string, key: string): Promise<unknown> {
  const f = await loadForm(formId);
  const find = (list: FormSchema['components']): unknown => {
    for (const c of list) {
      if (c.key === key && c.values) return c.values[0]!.value;
      if (c.components) {
        const inner = find(c.components);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return find(f!.components);
}
