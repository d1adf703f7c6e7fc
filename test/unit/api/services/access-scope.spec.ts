import { expect } from 'chai';
import { accessScope, administers, ensureAdministered, pathWithin } from '../../../../api/services/access-scope.js';
import type { AuthUser, Role } from '../../../../api/roles.js';
import { ForbiddenError, NotFoundError } from '../../../../api/errors.js';

const user = (roles: Role[], organisationPath = '/1/2/', bodyId: number | null = 7): AuthUser => ({
  id: 1, username: 'u', displayName: 'U', roles, organisationId: 2, organisationPath, organisationLevel: 'county', bodyId,
});

describe('access scope', () => {
  it('gives administrators, supervisors and process designers their organisation subtree', () => {
    for (const role of ['administrator', 'supervisor', 'process_designer'] as Role[]) {
      expect(accessScope(user([role]))).to.deep.equal({ kind: 'subtree', organisationId: 2, path: '/1/2/' });
    }
  });


  it('gives officers, legal reviewers and agency heads their body', () => {
    for (const role of ['officer', 'legal_reviewer', 'agency_head'] as Role[]) {
      expect(accessScope(user([role]))).to.deep.equal({ kind: 'body', organisationId: 2, path: '/1/2/', bodyId: 7 });
    }
  });


  it('takes the widest scope of a user with several roles', () => {
    expect(accessScope(user(['officer', 'supervisor'])).kind).to.equal('subtree');
  });


  it('matches subtrees by whole path segments', () => {
    expect(pathWithin('/1/2/9/', '/1/2/')).to.equal(true);
    expect(pathWithin('/1/2/', '/1/2/')).to.equal(true);
    expect(pathWithin('/1/23/', '/1/2/')).to.equal(false);
    expect(pathWithin('/1/', '/1/2/')).to.equal(false);
  });


  it('lets administrators administer their subtree only', () => {
    expect(administers(user(['administrator']), '/1/2/5/')).to.equal(true);
    expect(administers(user(['administrator']), '/1/3/')).to.equal(false);
    expect(administers(user(['supervisor']), '/1/2/5/')).to.equal(false);
  });


  it('answers 404 for records outside the view and 403 for visible records the user does not administer', () => {
    expect(() => ensureAdministered(user(['administrator']), '/1/3/', 'user', 4)).to.throw(NotFoundError, "Expected user '4' to exist, but it was not found");
    expect(() => ensureAdministered(user(['administrator']), undefined, 'user', 4)).to.throw(NotFoundError);
    expect(() => ensureAdministered(user(['supervisor']), '/1/2/5/', 'user', 4)).to.throw(ForbiddenError);
    expect(() => ensureAdministered(user(['administrator']), '/1/2/5/', 'user', 4)).not.to.throw();
  });
});
