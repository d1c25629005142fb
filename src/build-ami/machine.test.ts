import {
  announcedTemporary,
  Artifacts,
  manifestAmis,
  parseAmiIds,
  parseMachineLine,
  readable,
  unescapeData,
  validationAnnotations,
} from './machine'
import { analyseTemplate } from './template'

/** Lines as Packer 1.6.6's amazon-ebs builder writes them with -machine-readable. */
const BUILD = [
  '1796161284,,ui,say,==> amazon-ebs: Launching a source AWS instance...',
  '1796161286,,ui,message,    amazon-ebs: hi%!(PACKER_COMMA) there',
  '1796161290,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:',
  '1796161290,amazon-ebs,artifact-count,1',
  '1796161290,amazon-ebs,artifact,0,builder-id,mitchellh.amazonebs',
  '1796161290,amazon-ebs,artifact,0,id,eu-west-1:ami-a17b38708c4091abe%!(PACKER_COMMA)us-east-1:ami-af1b38708c4091abe',
  '1796161290,amazon-ebs,artifact,0,string,AMIs were created:\\neu-west-1: ami-a17b38708c4091abe\\nus-east-1: ami-af1b38708c4091abe\\n',
  '1796161290,amazon-ebs,artifact,0,end',
]

describe('machine-readable lines', () => {
  it('splits timestamp, target, type and data, undoing PACKER_COMMA and \\n', () => {
    expect(parseMachineLine(BUILD[1])).toEqual({
      timestamp: 1796161286,
      target: '',
      type: 'ui',
      data: ['message', '    amazon-ebs: hi, there'],
    })
    expect(parseMachineLine(BUILD[6])?.data[2]).toBe(
      'AMIs were created:\neu-west-1: ami-a17b38708c4091abe\nus-east-1: ami-af1b38708c4091abe\n',
    )
    expect(parseMachineLine('not machine readable')).toBeUndefined()
    expect(unescapeData('a%!(PACKER_COMMA)b\\nc')).toBe('a,b\nc')
  })

  it('redacts a secret in the form Packer wrote it and once unescaped, before it is split into lines', () => {
    const redact = (text: string): string =>
      ['Xy7\\nq9Lp-2', 'pw,with\nbreak'].reduce((t, secret) => t.split(secret).join('***'), text)
    // A secret holding a backslash and an n: Packer writes it as it is, which reads as a newline.
    const literal = parseMachineLine('1,,ui,message,    amazon-ebs: password Xy7\\nq9Lp-2 set', redact)
    expect(readable(literal!).lines).toEqual(['    amazon-ebs: password *** set'])
    // A secret holding a comma and a newline: only its unescaped form is the secret.
    const escaped = parseMachineLine('1,,ui,message,token pw%!(PACKER_COMMA)with\\nbreak ok', redact)
    expect(readable(escaped!).lines).toEqual(['token *** ok'])
  })

  it('reads ui lines as Packer prints them and sends the rest to debug', () => {
    expect(readable(parseMachineLine(BUILD[0])!)).toEqual({
      level: 'info',
      lines: ['==> amazon-ebs: Launching a source AWS instance...'],
    })
    expect(readable(parseMachineLine(BUILD[2])!).lines).toEqual([
      '==> Builds finished. The artifacts of successful builds are:',
    ])
    expect(readable(parseMachineLine('1,,ui,error,Build failed\\nreason')!)).toEqual({
      level: 'error',
      lines: ['Build failed', 'reason'],
    })
    expect(readable(parseMachineLine(BUILD[3])!).level).toBe('debug')
  })

  it('collects the AMI id of every region from the artifact lines, whatever their order', () => {
    const artifacts = new Artifacts()
    for (const line of BUILD) artifacts.add(parseMachineLine(line)!)
    expect(artifacts.amis()).toEqual([
      {
        build: 'amazon-ebs',
        index: '0',
        builderId: 'mitchellh.amazonebs',
        id: 'eu-west-1:ami-a17b38708c4091abe,us-east-1:ami-af1b38708c4091abe',
        amis: { 'eu-west-1': 'ami-a17b38708c4091abe', 'us-east-1': 'ami-af1b38708c4091abe' },
      },
    ])
  })

  it('treats an artifact that is not AMI ids as no AMI', () => {
    expect(parseAmiIds('Null')).toBeUndefined()
    expect(parseAmiIds('us-east-1:ami-af1b38708c4091abe,docker:abc')).toBeUndefined()
    expect(parseAmiIds('us-east-1:ami-0123456789abcdef0')).toEqual({ 'us-east-1': 'ami-0123456789abcdef0' })
    const artifacts = new Artifacts()
    artifacts.add(parseMachineLine('1,null,artifact,0,id,Null')!)
    expect(artifacts.amis()).toEqual([])
    expect(artifacts.list()).toHaveLength(1)
  })

  it('reads the last run of a manifest file', () => {
    const manifest = JSON.stringify({
      last_run_uuid: 'b',
      builds: [
        { name: 'app', artifact_id: 'us-east-1:ami-0123456789abcdef0', packer_run_uuid: 'a' },
        {
          name: 'app',
          artifact_id: 'us-east-1:ami-0fedcba9876543210,eu-west-1:ami-01234567',
          packer_run_uuid: 'b',
        },
      ],
    })
    expect(manifestAmis(manifest)).toEqual([
      { build: 'app', amis: { 'us-east-1': 'ami-0fedcba9876543210', 'eu-west-1': 'ami-01234567' } },
    ])
    expect(manifestAmis('{')).toEqual([])
  })
})

describe('validation annotations', () => {
  const hcl = analyseTemplate('hcl', [{ path: 'packer/app.pkr.hcl', text: 'source "null" "a" {}\n' }])

  it('points HCL diagnostics at their file, line and column', () => {
    const error =
      'Error: Failed preparing provisioner-block "shell-local" ""\n\n  on app.pkr.hcl line 9:\n  (source code not available)\n\napp.pkr.hcl:10,26-31: Unsupported attribute; This object does not have an\nattribute named "nope".\n\n'
    expect(validationAnnotations([error], hcl)).toEqual([
      {
        message:
          'Failed preparing provisioner-block "shell-local" "": Unsupported attribute; This object does not have an attribute named "nope".',
        file: 'packer/app.pkr.hcl',
        line: 10,
        column: 26,
      },
    ])
  })

  it('uses the "on FILE line N" of an HCL syntax error', () => {
    const error =
      'Error: Missing item separator\n\n  on app.pkr.hcl line 7, in build:\n   6:   sources = ["source.null.one"\n   7: }\n\nExpected a comma to mark the beginning of the next item.\n\n'
    expect(validationAnnotations([error], hcl)).toEqual([
      {
        message: 'Missing item separator: Expected a comma to mark the beginning of the next item.',
        file: 'packer/app.pkr.hcl',
        line: 7,
      },
    ])
  })

  it('finds a JSON template unknown key and a JSON syntax error in the file', () => {
    const text = '{\n  "builders": [\n    { "type": "null", "bogus": 1 }\n  ]\n}\n'
    const json = analyseTemplate('json', [{ path: 'app.json', text }])
    expect(
      validationAnnotations(
        [
          'Error: Failed to prepare build: "null"\n\n1 error occurred:\n\t* unknown configuration key: \'"bogus"\'\n\n',
        ],
        json,
      ),
    ).toEqual([
      {
        message: 'Failed to prepare build: "null": 1 error occurred: unknown configuration key: \'"bogus"\'',
        file: 'app.json',
        line: 3,
      },
    ])
    const syntax = validationAnnotations(
      [
        "Failed to parse template: Error parsing JSON: invalid character ']' looking for beginning of value\nAt line 4, column 2 (offset 120):\n    4: ]\n",
      ],
      json,
    )
    expect(syntax[0]).toMatchObject({ file: 'app.json', line: 4, column: 2 })
    expect(syntax[0].message).toMatch(/^Failed to parse template: Error parsing JSON: invalid character/)
  })
})

describe('temporaries announced in the log', () => {
  const line = (text: string) => parseMachineLine(`1796161284,,ui,say,${text}`)!
  it('names the key pair and the security group Packer says it creates', () => {
    expect(
      announcedTemporary(
        line('==> amazon-ebs.app: Creating temporary keypair: packer_6b115423-a7e8-99ff-c204-6f4f3a5bdea7'),
      ),
    ).toEqual({ kind: 'keyPair', name: 'packer_6b115423-a7e8-99ff-c204-6f4f3a5bdea7' })
    expect(
      announcedTemporary(
        line(
          '==> amazon-ebs.app: Creating temporary security group for this instance: packer_6b115423-b307-a154-6fc8-e81d9502bfb5',
        ),
      ),
    ).toEqual({ kind: 'group', name: 'packer_6b115423-b307-a154-6fc8-e81d9502bfb5' })
  })

  it('takes nothing from other lines, a provisioner echoing the words included', () => {
    expect(announcedTemporary(line('==> amazon-ebs.app: Deleting temporary keypair...'))).toBeUndefined()
    expect(
      announcedTemporary(
        parseMachineLine('1796161286,,ui,message,    amazon-ebs.app: Creating temporary keypair: x')!,
      ),
    ).toBeUndefined()
  })
})
