import { userErrorOf } from '../common/testing'
import { bucketsElsewhere, codeOf, distributionFor } from './run'

describe('distributionFor', () => {
  const all = [
    { Id: 'EWILD', DomainName: 'd1.cloudfront.net', Aliases: { Items: ['*.example.com'] } },
    { Id: 'EWWW', DomainName: 'd2.cloudfront.net', Aliases: { Items: ['www.example.com', 'Example.com'] } },
    { Id: 'ENONE', DomainName: 'd3.cloudfront.net' },
  ]

  it('prefers an exact alternate domain name to a wildcard one', () => {
    expect(distributionFor('www.example.com', all)).toBe('EWWW')
    expect(distributionFor('example.com', all)).toBe('EWWW')
  })

  it('matches a wildcard alias one label deep only', () => {
    expect(distributionFor('shop.example.com', all)).toBe('EWILD')
    expect(() => distributionFor('a.b.example.com', all)).toThrow(/No CloudFront distribution/)
  })

  it('matches the cloudfront.net domain name', () => {
    expect(distributionFor('d3.cloudfront.net', all)).toBe('ENONE')
  })

  it('says how many it looked through when none matches', () => {
    expect(userErrorOf(() => distributionFor('nowhere.org', all))).toBe(
      "No CloudFront distribution of this account has nowhere.org as an alternate domain name (looked through 3 distributions); check 'domain' or give 'distribution-id'.",
    )
  })
})

describe('codeOf', () => {
  it("reads AWS's code also through the call layer's wrapping", () => {
    const sdk = Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: {} })
    expect(codeOf(sdk)).toBe('Throttling')
    expect(codeOf(new Error('Failed to create an invalidation: Rate exceeded', { cause: sdk }))).toBe(
      'Throttling',
    )
    expect(codeOf(new Error('plain'))).toBeUndefined()
  })
})

describe('bucketsElsewhere', () => {
  it("names the sync log's buckets that are not the S3 origin's, and none for an origin that is no bucket", () => {
    expect(bucketsElsewhere(['acme-site'], 'acme-site.s3.us-east-1.amazonaws.com')).toEqual([])
    expect(bucketsElsewhere(['acme-site'], 'acme-site.s3.amazonaws.com')).toEqual([])
    expect(bucketsElsewhere(['acme-site'], 'acme-site.s3-website-eu-west-1.amazonaws.com')).toEqual([])
    expect(bucketsElsewhere(['acme-site', 'other'], 'acme-site.s3.eu-west-1.amazonaws.com')).toEqual([
      'other',
    ])
    expect(bucketsElsewhere(['acme-site'], 'origin.example.com')).toEqual([])
    expect(bucketsElsewhere(['acme-site'], undefined)).toEqual([])
  })
})
