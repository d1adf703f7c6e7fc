import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { englishValueLabels, labelledProperties, walkComponents, type FormSchema } from '../../../web/domain/form-schema.js';

const formsDir = fileURLToPath(new URL('../../../processes/forms/', import.meta.url));
const forms = readdirSync(formsDir).filter((file) => file.endsWith('.form')).sort();

/** processes/README.md, Conventions: every text the console shows has its English version in `properties`. */
describe('form schemas: English labels (properties["label:en"] …)', () => {
  it('finds the forms', () => {
    expect(forms.length).to.be.greaterThan(30);
  });

  for (const file of forms) {
    it(`${file}: every labelled component has its English text`, () => {
      // given
      const schema = JSON.parse(readFileSync(formsDir + file, 'utf8')) as FormSchema;

      // when
      const missing: string[] = [];
      for (const { component } of walkComponents(schema.components)) {
        for (const prop of labelledProperties(component)) {
          const name = component.key ?? component.path ?? component.id;
          if (prop === 'values') {
            const english = englishValueLabels(component);
            if (!english || english.length !== component.values!.length || english.some((label) => !label.trim())) missing.push(`${name}: values:en`);
          } else if (!component.properties?.[`${prop}:en`]?.trim()) {
            missing.push(`${name}: ${prop}:en`);
          }
        }
      }

      // then
      expect(missing, `${file} lacks English texts`).to.deep.equal([]);
    });
  }
});
