import { expect } from 'chai';
import { fieldOfError, splitErrors } from '../../../../web/api/problem.js';

describe('console problem+json handling', () => {
  it('maps an error path to its form field', () => {
    expect(fieldOfError({ path: '/body/name', message: 'x', keyword: 'minLength' })).to.equal('name');
    expect(fieldOfError({ path: '/body/roles/0', message: 'x', keyword: 'enum' })).to.equal('roles');
  });


  it('puts errors of known fields on the fields and keeps the rest apart', () => {
    const split = splitErrors(
      { type: 't', title: 'Validation failed', status: 400, detail: 'd', errors: [{ path: '/body/name', message: 'too short', keyword: 'minLength' }, { path: '/query/page', message: 'bad', keyword: 'minimum' }] },
      ['name', 'code'],
    );
    expect(split.byField).to.deep.equal({ name: 'too short' });
    expect(split.other).to.have.length(1);
  });
});
