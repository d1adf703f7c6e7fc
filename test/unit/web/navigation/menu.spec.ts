import { expect } from 'chai';
import { menuFor } from '../../../../web/navigation/menu.js';
import { decideNavigation, safeRedirect } from '../../../../web/navigation/access.js';

const names = (roles: string[]) => menuFor(roles).flatMap((section) => section.items.map((item) => item.name));

describe('console navigation', () => {
  it('gives administrators every page', () => {
    expect(names(['administrator'])).to.have.members(['home', 'cases', 'organisations', 'bodies', 'users', 'certificates', 'enforcement-items', 'calendar']);
  });


  it('gives officers the workbench, their tasks and cases, their certificates, the items and the calendar only', () => {
    expect(names(['officer'])).to.have.members(['home', 'tasks', 'cases', 'certificates', 'enforcement-items', 'calendar']);
  });


  it('gives the task list to those who handle tasks, and the cases to supervisors without the task list', () => {
    for (const role of ['officer', 'legal_reviewer', 'agency_head']) expect(names([role])).to.include.members(['tasks', 'cases']);
    expect(names(['supervisor'])).to.include('cases');
    expect(names(['supervisor'])).not.to.include('tasks');
    expect(names(['process_designer'])).not.to.include.members(['tasks']);
  });


  it('gives agency heads and legal reviewers the users of their body, not the organisation pages', () => {
    for (const role of ['agency_head', 'legal_reviewer']) {
      expect(names([role])).to.include('users');
      expect(names([role])).not.to.include('organisations');
    }
  });


  it('sends a signed-out visitor to the login page with the page asked for', () => {
    expect(decideNavigation({ fullPath: '/admin/users?page=2', roles: ['administrator'] }, { signedIn: false, roles: [] })).to.deep.equal({ kind: 'login', redirect: '/admin/users?page=2' });
  });


  it('refuses a page the roles do not open', () => {
    expect(decideNavigation({ fullPath: '/admin/users', roles: ['administrator', 'supervisor'] }, { signedIn: true, roles: ['officer'] })).to.deep.equal({ kind: 'forbidden', from: '/admin/users' });
    expect(decideNavigation({ fullPath: '/admin/users', roles: ['administrator', 'supervisor'] }, { signedIn: true, roles: ['supervisor'] })).to.deep.equal({ kind: 'allow' });
  });


  it('follows only same-site paths after login', () => {
    expect(safeRedirect('/admin/bodies')).to.equal('/admin/bodies');
    for (const unsafe of ['https://evil.example/', '//evil.example', '/\\evil.example', '/login?x=1', 42, undefined]) expect(safeRedirect(unsafe)).to.equal('/');
  });
});
