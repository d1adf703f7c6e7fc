import { expect } from 'chai';
import {
  chinaWallClock, evidenceKindOf, fieldHook, fromWallClock, getPath, initialData, isHidden, localeText, optionsOf, parseDateTime,
  parseMarkdownLite, renderTemplate, serialiseDateTime, setPath, submissionData, toWallClock, validateRows, validateValue,
  visibleFields, walkComponents, feelContext, WALL_CLOCK_FORMAT, type DateSubtype, type FormComponent,
} from '../../../web/domain/form-schema.js';

const onSite: FormComponent[] = [
  { id: 'Field_title', type: 'text', text: '### 现场笔录', properties: { 'text:en': '### On-site record' } },
  { id: 'Field_signed', type: 'checkbox', key: 'signed', label: '当事人已签名', properties: { 'label:en': 'Signed' } },
  { id: 'Field_refusal', type: 'textarea', key: 'refusalNoted', label: '拒绝签名的情况', conditional: { hide: '=signed = true' } },
  {
    id: 'Field_checklist', type: 'dynamiclist', path: 'checklist', defaultRepetitions: 1, properties: { maxRows: '2' },
    components: [
      { id: 'Field_item', type: 'textfield', key: 'item', validate: { required: true } },
      { id: 'Field_result', type: 'radio', key: 'result', values: [{ label: '符合', value: 'compliant' }, { label: '不符合', value: 'non-compliant' }], properties: { 'values:en': '["Compliant","Non-compliant"]' } },
      { id: 'Field_note', type: 'textfield', key: 'note', conditional: { hide: '=result != "non-compliant"' } },
    ],
  },
  {
    id: 'Field_location', type: 'group', path: 'location',
    components: [{ id: 'Field_lat', type: 'number', key: 'latitude', validate: { min: -90, max: 90 } }],
  },
  { id: 'Field_plain', type: 'group', components: [{ id: 'Field_x', type: 'textfield', key: 'x' }] },
];


describe('form schema: component walk and data paths', () => {
  it('walks every component depth first with its data path; dynamic-list rows are []', () => {
    // when
    const entries = walkComponents(onSite).map((e) => `${e.component.id}:${e.path.join('.')}`);

    // then
    expect(entries).to.deep.equal([
      'Field_title:', 'Field_signed:signed', 'Field_refusal:refusalNoted', 'Field_checklist:checklist',
      'Field_item:checklist.[].item', 'Field_result:checklist.[].result', 'Field_note:checklist.[].note',
      'Field_location:location', 'Field_lat:location.latitude', 'Field_plain:', 'Field_x:x',
    ]);
  });


  it('reads and writes nested paths without touching the original', () => {
    // given
    const data = { location: { latitude: 26 }, checklist: [{ item: 'a' }] };

    // when
    const written = setPath(setPath(data, ['location', 'longitude'], 117.6), ['checklist', '0', 'result'], 'compliant');

    // then
    expect(written).to.deep.equal({ location: { latitude: 26, longitude: 117.6 }, checklist: [{ item: 'a', result: 'compliant' }] });
    expect(data).to.deep.equal({ location: { latitude: 26 }, checklist: [{ item: 'a' }] });
    expect(getPath(written, ['checklist', '0', 'item'])).to.equal('a');
    expect(getPath(written, ['missing', 'deep'])).to.equal(undefined);
    expect(setPath({ a: 1, b: 2 }, ['a'], undefined)).to.deep.equal({ b: 2 });
  });


  it('prefills from the data, then the variables at the same path, then the default; lists get their first rows', () => {
    // when
    const data = initialData(onSite, { signed: true }, { refusalNoted: '拒签', location: { latitude: 26.26 } });

    // then
    expect(data).to.deep.equal({ signed: true, refusalNoted: '拒签', checklist: [{}], location: { latitude: 26.26 } });
  });


  it('names the test hook after the data path', () => {
    expect(fieldHook(['signed'])).to.equal('form-field-signed');
    expect(fieldHook(['checklist', '0', 'item'])).to.equal('form-field-checklist-0-item');
  });
});


describe('form schema: labels by locale', () => {
  it('takes properties["label:en"] in English and the Chinese label otherwise', () => {
    // given
    const signed = onSite[1]!;

    // then
    expect(localeText(signed, 'label', 'en')).to.equal('Signed');
    expect(localeText(signed, 'label', 'zh-CN')).to.equal('当事人已签名');
    expect(localeText(onSite[2]!, 'label', 'en'), 'falls back to Chinese').to.equal('拒绝签名的情况');
    expect(localeText(onSite[0]!, 'text', 'en')).to.equal('### On-site record');
  });


  it('gives option labels from values:en in English, and options from a variable by valuesKey', () => {
    // given
    const result = onSite[3]!.components![1]!;
    const officers: FormComponent = { id: 'o', type: 'taglist', key: 'officers', valuesKey: 'availableOfficers' };

    // then
    expect(optionsOf(result, 'en')).to.deep.equal([{ value: 'compliant', label: 'Compliant' }, { value: 'non-compliant', label: 'Non-compliant' }]);
    expect(optionsOf(result, 'zh-CN').map((o) => o.label)).to.deep.equal(['符合', '不符合']);
    expect(optionsOf(officers, 'en', { availableOfficers: ['liedong-officer', { value: 'u2', label: '张三', 'label:en': 'Zhang San' }] }))
      .to.deep.equal([{ label: 'liedong-officer', value: 'liedong-officer' }, { label: 'Zhang San', value: 'u2' }]);
    expect(optionsOf(officers, 'en', {}), 'no variable, no options').to.deep.equal([]);
  });
});


describe('form schema: FEEL conditions', () => {
  it('hides a component only when conditional.hide evaluates to true, against data over variables', () => {
    // given
    const refusal = onSite[2]!;

    // then
    expect(isHidden(refusal, feelContext({}, { signed: true }))).to.equal(true);
    expect(isHidden(refusal, feelContext({}, { signed: false }))).to.equal(false);
    expect(isHidden(refusal, feelContext({ signed: true }, {})), 'a process variable counts').to.equal(true);
    expect(isHidden(refusal, feelContext({ signed: true }, { signed: false })), 'the form data wins').to.equal(false);
    expect(isHidden({ id: 'x', type: 'textfield', conditional: { hide: '=this is not feel (' } }, {}), 'unparsable shows').to.equal(false);
  });


  it('evaluates a row\'s conditions against that row; hidden fields are neither visible nor submitted', () => {
    // given
    const data = {
      signed: true, refusalNoted: 'stale', x: 'kept',
      checklist: [{ item: '消防通道', result: 'non-compliant', note: '堵塞' }, { item: '证照', result: 'compliant', note: 'stale' }],
      location: { latitude: 26.2 }, unknownKey: 1,
    };

    // when
    const fields = visibleFields(onSite, data).map((f) => f.path.join('.'));
    const submitted = submissionData(onSite, data);

    // then
    expect(fields).to.deep.equal([
      'signed', 'checklist', 'checklist.0.item', 'checklist.0.result', 'checklist.0.note', 'checklist.1.item', 'checklist.1.result',
      'location.latitude', 'x',
    ]);
    expect(submitted).to.deep.equal({
      signed: true, x: 'kept',
      checklist: [{ item: '消防通道', result: 'non-compliant', note: '堵塞' }, { item: '证照', result: 'compliant' }],
      location: { latitude: 26.2 },
    });
  });


  it('hides everything inside a hidden group', () => {
    // given
    const components: FormComponent[] = [
      { id: 'c', type: 'checkbox', key: 'coercive' },
      { id: 'g', type: 'group', path: 'measure', conditional: { hide: '=coercive != true' }, components: [{ id: 'k', type: 'select', key: 'kind', validate: { required: true } }] },
    ];

    // then
    expect(submissionData(components, { coercive: false, measure: { kind: 'seal' } })).to.deep.equal({ coercive: false });
    expect(submissionData(components, { coercive: true, measure: { kind: 'seal' } })).to.deep.equal({ coercive: true, measure: { kind: 'seal' } });
  });


  it('fills {{ }} templates of a text component from the variables', () => {
    expect(renderTemplate('罚款 {{discretion.fineMin}}—{{ discretion.fineMax }} 元', { discretion: { fineMin: 500, fineMax: 3000 } })).to.equal('罚款 500—3000 元');
    expect(renderTemplate('{{missing.value}} left empty', {})).to.equal(' left empty');
    expect(renderTemplate('=string(a) + " yuan"', { a: 5 })).to.equal('5 yuan');
  });
});


describe('form schema: validation', () => {
  it('reports required, min/max, length and pattern problems', () => {
    expect(validateValue({ id: 'a', type: 'textfield', validate: { required: true } }, '')).to.deep.equal({ rule: 'required' });
    expect(validateValue({ id: 'a', type: 'checkbox', validate: { required: true } }, false)).to.deep.equal({ rule: 'required' });
    expect(validateValue({ id: 'a', type: 'taglist', validate: { required: true } }, [])).to.deep.equal({ rule: 'required' });
    expect(validateValue({ id: 'a', type: 'number', validate: { min: -90, max: 90 } }, 91)).to.deep.equal({ rule: 'max', limit: 90 });
    expect(validateValue({ id: 'a', type: 'number', validate: { min: 0 } }, -1)).to.deep.equal({ rule: 'min', limit: 0 });
    expect(validateValue({ id: 'a', type: 'textfield', validate: { minLength: 3 } }, 'ab')).to.deep.equal({ rule: 'minLength', limit: 3 });
    expect(validateValue({ id: 'a', type: 'textfield', validate: { maxLength: 2 } }, 'abc')).to.deep.equal({ rule: 'maxLength', limit: 2 });
    expect(validateValue({ id: 'a', type: 'textfield', validate: { pattern: '[0-9]+' } }, '12a')).to.deep.equal({ rule: 'pattern', pattern: '[0-9]+' });
    expect(validateValue({ id: 'a', type: 'textfield', validate: { pattern: '[0-9]+', required: true } }, '123')).to.equal(null);
    expect(validateValue({ id: 'a', type: 'textfield', validate: { minLength: 3 } }, ''), 'optional and empty is fine').to.equal(null);
  });


  it('checks the number of rows of a dynamic list', () => {
    // given
    const list: FormComponent = { id: 'l', type: 'dynamiclist', path: 'rows', properties: { minRows: '1', maxRows: '2' } };

    // then
    expect(validateRows(list, [])).to.deep.equal({ rule: 'min', limit: 1 });
    expect(validateRows(list, [{}, {}, {}])).to.deep.equal({ rule: 'max', limit: 2 });
    expect(validateRows(list, [{}])).to.equal(null);
  });
});


describe('form schema: dates as form-js stores them, in China time whatever the machine\'s zone', () => {
  // 2026-09-29 09:15 in China = 01:15 UTC
  const instant = new Date(Date.UTC(2026, 8, 29, 1, 15));

  it('serialises an instant with the China offset, normalised to UTC, or as China wall clock; dates and times alone', () => {
    expect(serialiseDateTime(instant)).to.equal('2026-09-29T09:15:00+08:00');
    expect(serialiseDateTime(instant, 'datetime', 'utc_normalized')).to.equal('2026-09-29T01:15:00Z');
    expect(serialiseDateTime(instant, 'datetime', 'no_timezone')).to.equal('2026-09-29T09:15:00');
    expect(serialiseDateTime(instant, 'date')).to.equal('2026-09-29');
    expect(serialiseDateTime(new Date(Date.UTC(2026, 8, 28, 20)), 'date'), '20:00 UTC is the next day in China').to.equal('2026-09-29');
    expect(serialiseDateTime(instant, 'time')).to.equal('09:15+08:00');
    expect(serialiseDateTime(instant, 'time', 'utc_normalized')).to.equal('01:15Z');
    expect(serialiseDateTime(instant, 'datetime', 'utc_offset', -150), 'an explicit offset').to.equal('2026-09-28T22:45:00-02:30');
  });


  it('stores a picked China wall clock for each subtype and format', () => {
    expect(fromWallClock('2026-11-26T10:00:00')).to.equal('2026-11-26T10:00:00+08:00');
    expect(fromWallClock('2026-11-26T10:00:00', 'datetime', 'utc_offset')).to.equal('2026-11-26T10:00:00+08:00');
    expect(fromWallClock('2026-11-26T10:00:00', 'datetime', 'utc_normalized')).to.equal('2026-11-26T02:00:00Z');
    expect(fromWallClock('2026-11-26T10:00:00', 'datetime', 'no_timezone')).to.equal('2026-11-26T10:00:00');
    expect(fromWallClock('2026-11-26T05:30:45', 'datetime', 'utc_normalized'), 'across midnight UTC, seconds dropped').to.equal('2026-11-25T21:30:00Z');
    expect(fromWallClock('2026-01-01T03:00:00', 'datetime', 'utc_normalized'), 'across the year').to.equal('2025-12-31T19:00:00Z');
    for (const format of ['utc_offset', 'utc_normalized', 'no_timezone'] as const) {
      expect(fromWallClock('2026-11-26', 'date', format), format).to.equal('2026-11-26');
    }
    expect(fromWallClock('10:00', 'time', 'utc_offset')).to.equal('10:00+08:00');
    expect(fromWallClock('10:00', 'time', 'utc_normalized')).to.equal('02:00Z');
    expect(fromWallClock('03:30', 'time', 'utc_normalized'), 'the UTC time the day before').to.equal('19:30Z');
    expect(fromWallClock('10:00', 'time', 'no_timezone')).to.equal('10:00');
    expect(fromWallClock(''), 'cleared').to.equal(undefined);
    expect(fromWallClock(null)).to.equal(undefined);
    expect(fromWallClock('2026-02-30T10:00:00'), 'no such day').to.equal(undefined);
    expect(fromWallClock('25:00', 'time')).to.equal(undefined);
  });


  it('shows a stored value as China wall clock: Z and other offsets converted, zone-less values as they are', () => {
    expect(toWallClock('2026-11-26T10:00:00+08:00')).to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26T10:00+08:00'), 'form-js writes no seconds').to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26T02:00:00Z')).to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26T02:00:00.000Z'), 'Date#toISOString').to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-25T21:00:00-05:00'), 'New York evening, China next morning').to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26T03:00:00+01:00')).to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26T10:00:00'), 'no_timezone is China wall clock').to.equal('2026-11-26T10:00:00');
    expect(toWallClock('2026-11-26', 'date')).to.equal('2026-11-26');
    expect(toWallClock('2026-11-25T20:00:00Z', 'date'), 'the China date of an instant').to.equal('2026-11-26');
    expect(toWallClock('2026-11-26T10:00:00+08:00', 'date')).to.equal('2026-11-26');
    expect(toWallClock('10:00+08:00', 'time')).to.equal('10:00');
    expect(toWallClock('02:00Z', 'time')).to.equal('10:00');
    expect(toWallClock('19:30Z', 'time'), 'wraps past midnight').to.equal('03:30');
    expect(toWallClock('21:00-05:00', 'time')).to.equal('10:00');
    expect(toWallClock('10:00', 'time')).to.equal('10:00');
    expect(toWallClock('10:00:30', 'time')).to.equal('10:00');
    expect(toWallClock('not a date')).to.equal(null);
    expect(toWallClock('2026-13-01', 'date')).to.equal(null);
    expect(toWallClock(undefined)).to.equal(null);
    expect(toWallClock(42)).to.equal(null);
  });


  it('round-trips every subtype and format through the picker\'s wall clock', () => {
    const cases: [DateSubtype, string][] = [['datetime', '2026-11-26T00:30:00'], ['datetime', '2026-12-31T23:59:00'], ['date', '2026-11-26'], ['time', '00:30'], ['time', '23:59']];
    for (const [subtype, wall] of cases) {
      for (const format of ['utc_offset', 'utc_normalized', 'no_timezone'] as const) {
        const stored = fromWallClock(wall, subtype, format);
        expect(toWallClock(stored, subtype), `${subtype} ${format}: ${stored}`).to.equal(wall);
        expect(fromWallClock(toWallClock(stored, subtype), subtype, format), `${subtype} ${format} stored again`).to.equal(stored);
      }
    }
  });


  it('parses stored values to the instant they mean in China time', () => {
    expect(parseDateTime('2026-09-29T09:15:00+08:00')!.getTime()).to.equal(instant.getTime());
    expect(parseDateTime('2026-09-29T09:15+08:00')!.getTime()).to.equal(instant.getTime());
    expect(parseDateTime('2026-09-29T01:15:00Z')!.getTime()).to.equal(instant.getTime());
    expect(parseDateTime('2026-09-29T09:15:00'), 'zone-less is China time').to.deep.equal(instant);
    expect(parseDateTime('2026-09-29', 'date')!.toISOString(), 'midnight in China').to.equal('2026-09-28T16:00:00.000Z');
    expect(parseDateTime('09:15', 'time', instant)!.getTime()).to.equal(instant.getTime());
    expect(parseDateTime('01:15Z', 'time', instant)!.getTime()).to.equal(instant.getTime());
    expect(parseDateTime('09:15+08:00', 'time', new Date(Date.UTC(2026, 8, 28, 20)))!.toISOString(), 'on the China date of today')
      .to.equal('2026-09-29T01:15:00.000Z');
    expect(parseDateTime('not a date')).to.equal(null);
    expect(parseDateTime(undefined)).to.equal(null);
  });


  it('gives "now" as China wall clock', () => {
    // given 23:30 UTC on 25 November: 07:30 on 26 November in China
    const late = new Date(Date.UTC(2026, 10, 25, 23, 30, 15));

    // then
    expect(chinaWallClock('datetime', late)).to.equal('2026-11-26T07:30:15');
    expect(chinaWallClock('date', late)).to.equal('2026-11-26');
    expect(chinaWallClock('time', late)).to.equal('07:30');
    expect(fromWallClock(chinaWallClock('datetime', late), 'datetime', 'utc_normalized')).to.equal('2026-11-25T23:30:00Z');
    expect(chinaWallClock()).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });


  it('names the wall-clock formats of the pickers without a zone', () => {
    expect(WALL_CLOCK_FORMAT).to.deep.equal({ date: 'YYYY-MM-DD', time: 'HH:mm', datetime: 'YYYY-MM-DD[T]HH:mm:ss' });
  });
});


describe('form schema: markdown-lite text', () => {
  it('splits headings, paragraphs and lists into blocks of plain text (no HTML passes through)', () => {
    // when
    const blocks = parseMarkdownLite('### 现场笔录\n《行政强制法》**第十八条**；\n第二行\n\n- 一\n- <b>二</b>');

    // then
    expect(blocks).to.deep.equal([
      { kind: 'heading', level: 3, inlines: [{ text: '现场笔录' }] },
      { kind: 'paragraph', inlines: [{ text: '《行政强制法》' }, { text: '第十八条', strong: true }, { text: '； 第二行' }] },
      { kind: 'list', items: [[{ text: '一' }], [{ text: '<b>二</b>' }]] },
    ]);
  });
});


describe('form schema: evidence kind of an upload', () => {
  it('treats images as photos and anything else as documents', () => {
    expect(evidenceKindOf('image/jpeg')).to.equal('photo');
    expect(evidenceKindOf('application/pdf')).to.equal('document');
  });
});
