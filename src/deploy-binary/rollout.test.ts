import { assess, changes, commandOver, failureClauses, resultOf, tail } from './rollout'
import type { CommandInvocation } from './ssm'

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))

function invocation(
  id: string,
  status: string,
  details = status,
  output = '',
  code = status === 'Success' ? 0 : 1,
): CommandInvocation {
  return {
    InstanceId: id,
    Status: status as CommandInvocation['Status'],
    StatusDetails: details,
    CommandPlugins: [
      {
        Status: status as never,
        ResponseCode: code,
        ResponseStartDateTime: ['Undeliverable', 'Terminated', 'DeliveryTimedOut', 'Pending'].includes(
          details,
        )
          ? undefined
          : at(0),
        ResponseFinishDateTime: ['Success', 'Failed'].includes(status) ? at(3) : undefined,
        Output: output,
      },
    ],
  }
}

describe('resultOf', () => {
  it('reads status, exit code, duration and output', () => {
    expect(resultOf(invocation('i-1', 'Success', 'Success', 'deploy-binary: v2 is running\n'))).toEqual({
      instance: 'i-1',
      status: 'Success',
      details: 'Success',
      exitCode: 0,
      durationMs: 3000,
      started: true,
      output: 'deploy-binary: v2 is running',
    })
  })

  it('explains a failed script by its marker line, from the full stderr when given', () => {
    const failed = invocation(
      'i-2',
      'Failed',
      'Failed',
      'restarting\n----------ERROR-------\ndeploy-binary: health check failed: curl: (7) refused\nfailed to run commands: exit status 1',
    )
    expect(resultOf(failed).failure).toEqual({ kind: 'health check', why: 'curl: (7) refused' })
    const cut = invocation('i-2', 'Failed', 'Failed', 'x'.repeat(2500))
    expect(
      resultOf(cut, { stdout: 'x', stderr: 'deploy-binary: restart failed: boom\n', responseCode: 1 })
        .failure,
    ).toEqual({ kind: 'restart', why: 'boom' })
  })

  it("names SSM's detailed statuses", () => {
    expect(resultOf(invocation('i', 'Failed', 'Undeliverable', '', -1)).failure?.kind).toBe('undeliverable')
    expect(resultOf(invocation('i', 'TimedOut', 'DeliveryTimedOut', '', -1)).failure?.why).toMatch(
      /Delivery Timed Out/,
    )
    expect(resultOf(invocation('i', 'TimedOut', 'ExecutionTimedOut', '', 137)).failure?.why).toMatch(
      /'execution-timeout' \(Execution Timed Out\)/,
    )
    expect(resultOf(invocation('i', 'Cancelled', 'Terminated', '', -1))).toMatchObject({
      started: false,
      failure: { kind: 'terminated' },
    })
    expect(resultOf(invocation('i', 'InProgress')).failure).toBeUndefined()
  })

  it('falls back to the last line of output for a script without a marker', () => {
    expect(
      resultOf(invocation('i', 'Failed', 'Failed', 'one\ntwo\nfailed to run commands: exit status 2', 2))
        .failure,
    ).toEqual({ kind: 'script', why: 'two' })
  })
})

describe('failureClauses', () => {
  it('groups failures by kind and names the instances', () => {
    const results = [
      invocation(
        'i-0a1',
        'Failed',
        'Failed',
        'deploy-binary: health check failed: curl: (7) Failed to connect to localhost port 8080',
      ),
      invocation(
        'i-0b2',
        'Failed',
        'Failed',
        'deploy-binary: health check failed: curl: (7) Failed to connect to localhost port 8080',
      ),
      invocation('i-0c3', 'Cancelled', 'Terminated', '', -1),
      invocation('i-0d4', 'Success'),
    ].map((i) => resultOf(i))
    expect(failureClauses(results, 6)).toEqual([
      '2 of 6 instances failed the health check (i-0a1 and i-0b2: curl: (7) Failed to connect to localhost port 8080)',
      "1 of 6 instances was never restarted (i-0c3: SSM stopped the command once more than 'max-errors' instances had failed (Terminated))",
    ])
  })
})

describe('commandOver and assess', () => {
  it('waits for the command and every invocation it counts', () => {
    const command = { CommandId: 'c', Status: 'Success' as const, StatusDetails: 'Success', TargetCount: 2 }
    expect(commandOver({ command, invocations: [invocation('a', 'Success')] })).toBe(false)
    expect(
      commandOver({ command, invocations: [invocation('a', 'Success'), invocation('b', 'InProgress')] }),
    ).toBe(false)
    expect(
      commandOver({
        command: { ...command, Status: 'InProgress' },
        invocations: [invocation('a', 'Success'), invocation('b', 'Success')],
      }),
    ).toBe(false)
    expect(
      commandOver({ command, invocations: [invocation('a', 'Success'), invocation('b', 'Success')] }),
    ).toBe(true)
    expect(
      assess({
        command: { ...command, Status: 'InProgress', StatusDetails: 'InProgress' },
        invocations: [invocation('a', 'Failed', 'Failed', 'x')],
      }),
    ).toEqual({
      state: 'InProgress: 1/2 ended, 1 failed',
      done: false,
    })
    expect(
      assess({
        command: { CommandId: 'c', Status: 'Pending', StatusDetails: 'Pending', TargetCount: 0 },
        invocations: [],
      }).state,
    ).toBe('Pending, instances not resolved yet')
  })

  it('reports each instance once per change', () => {
    const seen = new Map<string, string>()
    expect(changes(seen, { invocations: [invocation('a', 'InProgress')] })).toEqual(['a: InProgress'])
    expect(changes(seen, { invocations: [invocation('a', 'InProgress')] })).toEqual([])
    expect(changes(seen, { invocations: [invocation('a', 'Success')] })).toEqual([
      'a: Success [exit 0, 3.0s]',
    ])
  })
})

describe('tail', () => {
  it('keeps the end of long output', () => {
    expect(tail('abc\n\n')).toBe('abc')
    expect(tail('x'.repeat(10) + 'END', 8)).toBe('...xxEND')
  })
})
