'use strict'
/**
 * What the bundles carry instead of undici. @actions/http-client imports undici only for
 * ProxyAgent, which only HttpClient's getAgentDispatcher method creates, for callers that bring their
 * own fetch; no code in the bundles calls it (test/contract.test.ts checks every bundle), and
 * HttpClient's own requests go through Node's http and https modules. Bundling undici anyway
 * cost each action about 940 KB of source that Node compiles at every start, some 40 ms of
 * cold start. Wired in by the "overrides" of the root package.json.
 */
class ProxyAgent {
  constructor() {
    throw new Error(
      "undici is not bundled in infra-actions: HttpClient's getAgentDispatcher is not available.",
    )
  }
}

module.exports = { ProxyAgent }
