import { expect } from 'chai';
import { formItemOf, variablePath } from '../../../web/components/task-form/task-form.js';

/** TaskForm's `setServerErrors`: which form item shows an API error on the task's variables. */
describe('web: TaskForm server errors', () => {
  it('reads the data path of an error on the form’s variables from its JSON pointer', () => {
    expect(variablePath('/body/variables/opinion')).to.equal('opinion');
    expect(variablePath('/body/variables/penalty/fine')).to.equal('penalty.fine');
    expect(variablePath('/body/variables/checklist/0/item')).to.equal('checklist.0.item');
    expect(variablePath('/body/variables/a~1b/c~0d')).to.equal('a/b.c~d');
  });


  it('leaves errors elsewhere in the request to the caller', () => {
    expect(variablePath('/body/reason')).to.equal(null);
    expect(variablePath('/body/variables')).to.equal(null);
    expect(variablePath('/query/page')).to.equal(null);
  });


  it('puts an error on the form item of its path, else on the nearest enclosing one on screen', () => {
    // given
    const rendered = new Set(['opinion', 'penalty.fine', 'officers', 'checklist', 'checklist.0.item']);

    // then
    expect(formItemOf('penalty.fine', rendered)).to.equal('penalty.fine');
    expect(formItemOf('officers.1', rendered)).to.equal('officers');
    expect(formItemOf('checklist.0.item', rendered)).to.equal('checklist.0.item');
    expect(formItemOf('checklist.1.result', rendered)).to.equal('checklist');
    expect(formItemOf('penalty', rendered)).to.equal(null);
    expect(formItemOf('hiddenField', rendered)).to.equal(null);
  });
});
