import { count, plural } from './plural'

describe('count', () => {
  it('puts the noun in the singular for one and in the plural otherwise', () => {
    expect(count(1, 'object')).toBe('1 object')
    expect(count(0, 'object')).toBe('0 objects')
    expect(count(2, 'index', 'indexes')).toBe('2 indexes')
    expect(count(1, 'index', 'indexes')).toBe('1 index')
  })
})

describe('plural', () => {
  it('gives the noun alone in the right number', () => {
    expect(plural(1, 'batch', 'batches')).toBe('batch')
    expect(plural(0, 'path')).toBe('paths')
  })
})
