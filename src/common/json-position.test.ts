import { jsonErrorOffset } from './json-position'

/** The position V8's own parser reports, where it reports one: the second, independent opinion. */
function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message)
    return match ? Number(match[1]) : -1
  }
}

describe('jsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {"c": {}}} ',
    '"text"',
    '0',
  ])('finds no error in %s', (text) => {
    expect(jsonErrorOffset(text)).toBeUndefined()
    expect(v8Position(text)).toBeUndefined()
  })

  it.each([
    '{"a": 1,}',
    '[1, 2,]',
    '{"a" 1}',
    '{"a": 1 "b": 2}',
    '{a: 1}',
    '[01]',
    '{"a": tru}',
    '{"a": "\\x"}',
    '[1] 2',
    '{"family": "web",\n  "containerDefinitions": [\n    { "name": "x" },\n  ]\n}\n',
    '',
    '{"a": [1',
  ])('places the error in %j where V8 does', (text) => {
    const ours = jsonErrorOffset(text)
    expect(ours).toBeDefined()
    const v8 = v8Position(text)
    // V8 names a position for most errors; for the others ours must point at a real character
    // of the text (or its end), where the text stops being JSON.
    if (v8 !== -1) expect(ours).toBe(v8)
    else expect(ours as number).toBeLessThanOrEqual(text.length)
  })

  it('points at the bracket after a trailing comma', () => {
    const text = '{\n  "a": [\n    1,\n  ]\n}'
    expect(text[jsonErrorOffset(text) as number]).toBe(']')
  })
})
