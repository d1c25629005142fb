import { jest } from '@jest/globals'

// An end-to-end test's limit is above every action run's own (runAction's timeoutMs, at most
// 180 s), so a hung run is killed by the harness and fails with the action's log, not with
// jest's bare "Exceeded timeout".
jest.setTimeout(300_000)
