// Every test starts from the same environment and leaves none of its changes behind, and the
// workflow commands (`::add-mask::`, `::debug::`...) that @actions/core prints are kept out of
// the test output, which they would only clutter.
const saved = { ...process.env }
const write = process.stdout.write.bind(process.stdout)

process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  if (typeof chunk === 'string' && chunk.startsWith('::')) return true
  return write(chunk, ...rest)
}) as typeof process.stdout.write

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})
