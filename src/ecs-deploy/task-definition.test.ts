import {
  parseTaskDefinitionId,
  READ_ONLY,
  registrationOf,
  revisionText,
  setEnvironment,
  setImage,
  shortName,
} from './task-definition'
import { taskDefinition, tdArn } from './testing'

describe('copying a task definition', () => {
  it('drops every read-only member and keeps the rest', () => {
    const described = {
      ...taskDefinition('web', 42),
      deregisteredAt: new Date(),
      deleteRequestedAt: new Date(),
    }
    const request = registrationOf(described)
    for (const field of READ_ONLY) expect(request).not.toHaveProperty(field)
    expect(request).toMatchObject({
      family: 'web',
      cpu: '256',
      memory: '512',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
    })
    expect(request).not.toHaveProperty('volumes')
    expect(request).not.toHaveProperty('placementConstraints')
  })

  it('copies deeply, so changing the copy leaves the original alone', () => {
    const described = taskDefinition('web', 42)
    const request = registrationOf(described)
    setImage(request, 'app', 'acme/web:2')
    expect(described.containerDefinitions?.[0].image).toBe('acme/web:1.0.0')
  })

  it('carries the tags and drops a false enableFaultInjection', () => {
    const request = registrationOf({ ...taskDefinition('web', 42), enableFaultInjection: false }, [
      { key: 'team', value: 'shop' },
    ])
    expect(request.tags).toEqual([{ key: 'team', value: 'shop' }])
    expect(request).not.toHaveProperty('enableFaultInjection')
  })
})

describe('changing containers', () => {
  it('replaces an image and returns the old one', () => {
    const request = registrationOf(taskDefinition('web', 42))
    expect(setImage(request, 'app', 'acme/web:2')).toBe('acme/web:1.0.0')
    expect(request.containerDefinitions?.[0].image).toBe('acme/web:2')
  })

  it('merges environment variables in place', () => {
    const request = registrationOf(taskDefinition('web', 42))
    setEnvironment(request, 'app', 'MODE', 'maintenance')
    setEnvironment(request, 'app', 'LOG', 'debug')
    expect(request.containerDefinitions?.[0].environment).toEqual([
      { name: 'MODE', value: 'maintenance' },
      { name: 'LOG', value: 'debug' },
    ])
  })
})

describe('names', () => {
  it('reads family and revision from references and ARNs', () => {
    expect(parseTaskDefinitionId(tdArn('web', 42))).toEqual({ family: 'web', revision: 42 })
    expect(parseTaskDefinitionId('web:7')).toEqual({ family: 'web', revision: 7 })
    expect(parseTaskDefinitionId('web')).toEqual({ family: 'web' })
    expect(shortName(tdArn('web', 42))).toBe('web:42')
    expect(revisionText(tdArn('web', 43), tdArn('web', 42))).toBe('revision 43')
    expect(revisionText(tdArn('web', 43), tdArn('api', 42))).toBe('web:43')
  })
})
