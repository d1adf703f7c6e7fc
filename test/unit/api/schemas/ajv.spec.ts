import { expect } from 'chai';
import { compileBodySchema, compileCoercingSchema, toFieldErrors } from '../../../../api/schemas/ajv.js';

describe('ajv schemas', () => {
  it('turns ajv errors into JSON pointers under the request part, naming missing and extra properties', () => {
    const validate = compileBodySchema({
      type: 'object',
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'integer' } } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(validate({ tags: [1, 'x'], extra: true })).to.equal(false);
    expect(toFieldErrors('body', validate.errors).map((e) => e.path)).to.have.members(['/body/name', '/body/tags/1', '/body/extra']);
  });


  it('coerces query strings to the declared types and fills defaults', () => {
    const validate = compileCoercingSchema({ type: 'object', properties: { page: { type: 'integer', default: 1 }, active: { type: 'boolean' } } });
    const query: Record<string, unknown> = { active: 'true' };
    expect(validate(query)).to.equal(true);
    expect(query).to.deep.equal({ page: 1, active: true });
  });


  it('accepts only real calendar dates in YYYY-MM-DD form', () => {
    const validate = compileBodySchema({ type: 'string', format: 'calendar-date' });
    expect(validate('2026-02-28')).to.equal(true);
    expect(validate('2026-13-01')).to.equal(false);
    expect(validate('2026-02-30')).to.equal(false);
    expect(validate('2028-02-29')).to.equal(true);
    expect(validate('2026-2-1')).to.equal(false);
  });
});
