import {
  analyseTemplate,
  formatOf,
  lineOf,
  makesImage,
  maskHcl,
  matchesBuild,
  pluginCacheKey,
} from './template'

const HCL = `
packer {
  required_plugins {
    amazon = {
      version = ">= 1.3.0"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

# variable "commented" {}
variable "region" {
  type    = string
  default = "us-east-1" # a "quoted { brace" in a comment
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "infra_actions_run" {
  type    = string
  default = ""
}

locals {
  motd = <<EOF
  } not a brace {
EOF
  name = "api-\${var.region}-{"
}

source "amazon-ebs" "api" {
  region   = var.region
  run_tags = { "infra-actions:run" = var.infra_actions_run }
  tags = {
    Name = "api"
  }
}

source "amazon-ebs" "worker" {
  region = var.region
}

build {
  sources = ["source.amazon-ebs.api", "source.amazon-ebs.worker"]
  post-processor "manifest" {
    output = "out/manifest.json"
  }
}
`

describe('analyseTemplate', () => {
  it('reads variables, sensitive ones, builds, plugins, the run tag and the manifest of HCL2', () => {
    const info = analyseTemplate('hcl', [{ path: 'app.pkr.hcl', text: HCL }])
    expect(info).toMatchObject({
      format: 'hcl',
      variables: ['region', 'db_password', 'infra_actions_run'],
      sensitive: ['db_password'],
      builds: ['amazon-ebs.api', 'amazon-ebs.worker'],
      usesRunVariable: true,
      manifest: 'out/manifest.json',
    })
    expect(info.requiredPlugins).toContain('source = "github.com/hashicorp/amazon"')
  })

  it('takes the builds from the build blocks: the sources they use, as Packer names them, with types and AMI names', () => {
    const text = `
source "amazon-ebs" "api" {
  ami_name = "api-{{timestamp}}" # the series
  tags = {
    name = "not the source's"
  }
}
source "amazon-ebs" "worker" {
  ami_name = "worker-\${local.ts}"
}
source "null" "check" {}

build {
  sources = [
    # "source.amazon-ebs.worker",
    "source.amazon-ebs.api",
  ]
}

build {
  name = "linux"
  source "source.amazon-ebs.api" {
    name     = "arm"
    ami_name = "api-arm-{{timestamp}}"
  }
  source "amazon-ebs.worker" {}
  sources = ["null.check"]
  provisioner "shell-local" {
    name   = "not the build's"
    inline = ["echo"]
  }
}
`
    const info = analyseTemplate('hcl', [{ path: 'app.pkr.hcl', text }])
    expect(info.builds).toEqual([
      'amazon-ebs.api',
      'linux.null.check',
      'linux.amazon-ebs.arm',
      'linux.amazon-ebs.worker',
    ])
    expect(info.builderTypes).toEqual({
      'amazon-ebs.api': 'amazon-ebs',
      'linux.null.check': 'null',
      'linux.amazon-ebs.arm': 'amazon-ebs',
      'linux.amazon-ebs.worker': 'amazon-ebs',
    })
    expect(info.amiNames).toEqual({
      'amazon-ebs.api': 'api-{{timestamp}}',
      'linux.amazon-ebs.arm': 'api-arm-{{timestamp}}',
      'linux.amazon-ebs.worker': 'worker-${local.ts}',
    })
  })

  it('builds no source that no build block uses', () => {
    const text =
      'source "amazon-ebs" "app" {}\nsource "amazon-ebs" "worker" {}\nbuild { sources = ["source.amazon-ebs.app"] }\n'
    expect(analyseTemplate('hcl', [{ path: 'a.pkr.hcl', text }]).builds).toEqual(['amazon-ebs.app'])
  })

  it('says when the run tag variable is only declared or commented, not used', () => {
    const text =
      'variable "infra_actions_run" {}\n# run_tags = { x = var.infra_actions_run }\nsource "null" "a" {}\n'
    const info = analyseTemplate('hcl', [{ path: 'a.pkr.hcl', text }])
    expect(info.usesRunVariable).toBe(false)
    expect(info.requiredPlugins).toBeUndefined()
  })

  it('joins the files of a template directory', () => {
    const info = analyseTemplate('hcl', [
      { path: 'dir/variables.pkr.hcl', text: 'variable "a" {}\nvariables {\n  b = 1\n}\n' },
      {
        path: 'dir/build.pkr.hcl',
        text: 'source "null" "one" {}\nbuild { sources = ["source.null.one"] }\n',
      },
    ])
    expect(info.variables).toEqual(['a', 'b'])
    expect(info.builds).toEqual(['null.one'])
  })

  it('reads HCL2 JSON syntax (.pkr.json)', () => {
    const text = JSON.stringify({
      variable: { endpoint: {}, secret: { sensitive: true } },
      source: {
        'amazon-ebs': {
          app: {
            ami_name: 'app-{{timestamp}}',
            run_tags: { 'infra-actions:run': '${var.infra_actions_run}' },
          },
          unused: {},
        },
      },
      build: [
        { sources: ['source.amazon-ebs.app'] },
        { name: 'b', source: { 'source.amazon-ebs.app': [{ name: 'two', ami_name: 'two-{{timestamp}}' }] } },
      ],
    })
    expect(analyseTemplate('hcl', [{ path: 'app.pkr.json', text }])).toMatchObject({
      variables: ['endpoint', 'secret'],
      sensitive: ['secret'],
      builds: ['amazon-ebs.app', 'b.amazon-ebs.two'],
      builderTypes: { 'amazon-ebs.app': 'amazon-ebs', 'b.amazon-ebs.two': 'amazon-ebs' },
      amiNames: { 'amazon-ebs.app': 'app-{{timestamp}}', 'b.amazon-ebs.two': 'two-{{timestamp}}' },
      usesRunVariable: true,
    })
  })

  it('reads a legacy JSON template', () => {
    const text = JSON.stringify({
      variables: { endpoint: '', token: '' },
      'sensitive-variables': ['token'],
      builders: [
        {
          type: 'amazon-ebs',
          ami_name: 'app-{{timestamp}}',
          run_tags: { 'infra-actions:run': '{{user `infra_actions_run`}}' },
        },
        { type: 'null', name: 'check' },
      ],
      'post-processors': [[{ type: 'manifest' }]],
    })
    expect(analyseTemplate('json', [{ path: 'app.json', text }])).toMatchObject({
      format: 'json',
      variables: ['endpoint', 'token'],
      sensitive: ['token'],
      builds: ['amazon-ebs', 'check'],
      builderTypes: { 'amazon-ebs': 'amazon-ebs', check: 'null' },
      amiNames: { 'amazon-ebs': 'app-{{timestamp}}' },
      usesRunVariable: true,
      manifest: 'packer-manifest.json',
    })
    expect(() => analyseTemplate('json', [{ path: 'bad.json', text: '{' }])).toThrow(
      /^bad\.json is not valid JSON/,
    )
  })
})

describe('template helpers', () => {
  it('tells formats apart by name, as Packer does', () => {
    expect([formatOf('a.pkr.hcl'), formatOf('a.pkr.json'), formatOf('a.json'), formatOf('a.hcl')]).toEqual([
      'hcl',
      'hcl',
      'json',
      undefined,
    ])
  })

  it('masks comments, strings and heredocs, keeping offsets', () => {
    const text = 'a = "x{y}" # {\nb = <<EOT\n{\nEOT\n'
    const masked = maskHcl(text)
    expect(masked).toHaveLength(text.length)
    expect(masked).not.toMatch(/[{}]/)
    expect(masked.split('\n').length).toBe(text.split('\n').length)
  })

  it('matches only/except like Packer: HCL globs, JSON exact names', () => {
    expect(matchesBuild('amazon-ebs.*', 'amazon-ebs.api', 'hcl')).toBe(true)
    expect(matchesBuild('*.api', 'amazon-ebs.api', 'hcl')).toBe(true)
    expect(matchesBuild('amazon-ebs.ap', 'amazon-ebs.api', 'hcl')).toBe(false)
    expect(matchesBuild('amazon-*', 'amazon-ebs', 'json')).toBe(false)
  })

  it('knows the builders that make AMIs', () => {
    expect(['amazon-ebs', 'amazon-chroot', 'amazon-ebsvolume', 'null', undefined].map(makesImage)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it('keys the plugin cache on the requirements and the platform', () => {
    const a = pluginCacheKey('amazon >= 1.3.0', 'linux', 'x64')
    expect(a).toMatch(/^infra-actions-packer-plugins-linux-x64-[0-9a-f]{16}$/)
    expect(pluginCacheKey('amazon >= 1.3.1', 'linux', 'x64')).not.toBe(a)
    expect(pluginCacheKey('amazon >= 1.3.0', 'darwin', 'arm64')).not.toBe(a)
  })

  it('finds the line of a text', () => {
    expect(lineOf('a\nb\n"key": 1', '"key"')).toBe(3)
    expect(lineOf('a', 'z')).toBeUndefined()
  })
})
