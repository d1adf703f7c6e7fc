/** Builds a one-table DMN document for hit-policy tests: inputs, outputs and rules as compact rows. */
export function tableDmn(options: {
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  outputs: Array<{ name: string; values?: string }>;
  rules: string[][];
}): string {
  const attrs = `${options.hitPolicy ? ` hitPolicy="${options.hitPolicy}"` : ''}${options.aggregation ? ` aggregation="${options.aggregation}"` : ''}`;
  const inputs = options.inputs.map((text, i) => `<input id="in${i + 1}" label="${text}"><inputExpression id="in${i + 1}e"><text>${text}</text></inputExpression></input>`).join('');
  const outputs = options.outputs
    .map((o, i) => `<output id="out${i + 1}" name="${o.name}">${o.values ? `<outputValues><text>${escape(o.values)}</text></outputValues>` : ''}</output>`)
    .join('');
  const rules = options.rules
    .map((row, r) => {
      const cells = row.map((text, c) =>
        c < options.inputs.length ? `<inputEntry id="r${r + 1}i${c + 1}"><text>${escape(text)}</text></inputEntry>` : `<outputEntry id="r${r + 1}o${c + 1}"><text>${escape(text)}</text></outputEntry>`,
      );
      return `<rule id="rule${r + 1}">${cells.join('')}</rule>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="drg" name="test" namespace="test">
  <decision id="d" name="Decision"><decisionTable id="t"${attrs}>${inputs}${outputs}${rules}</decisionTable></decision>
</definitions>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
