// What the two query protocols (ec2 and query) share: the form-encoded request parameters.
import type { RawRequest } from '../types'

export function parseForm(body: Buffer): [string, string][] {
  return [...new URLSearchParams(body.toString('utf8')).entries()]
}

/** The parameters of a query request: the URL's query for GET, else the form body. */
export function formParams(req: RawRequest): Map<string, string> {
  return new Map(req.method === 'GET' ? req.query : parseForm(req.body))
}
