import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 1878:
/***/ ((module) => {


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


/***/ }),

/***/ 2064:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $2: () => (/* binding */ getMaxAttemptsInput),
/* harmony export */   VN: () => (/* binding */ chunks),
/* harmony export */   Vl: () => (/* binding */ AwsCalls),
/* harmony export */   Zv: () => (/* binding */ resolveRegion)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_ATTEMPTS, userAgent, clientConfig, s3ClientConfig, s3Extras, createClient, AWS_LIMITS, consoleUrl */
/* harmony import */ var _cancel__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(551);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1922);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9184);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1176);




const DEFAULT_MAX_ATTEMPTS = 8;
/** The `max-attempts` input every action has: total attempts per AWS call, 1 to 20. */
function getMaxAttemptsInput(name = 'max-attempts') {
    return (0,_inputs__WEBPACK_IMPORTED_MODULE_2__/* .getIntInput */ .ML)(name, { min: 1, max: 20, default: DEFAULT_MAX_ATTEMPTS });
}
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** The region from the input, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
function resolveRegion(input, env = process.env, name = 'region') {
    const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is; set '${name}' (for example us-east-1) or run aws-actions/configure-aws-credentials first.`);
    }
    if (!REGION_PATTERN.test(region)) {
        const source = input ? `Input '${name}'` : 'The AWS region from the environment';
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`${source} must be an AWS region such as us-east-1 or eu-west-2; got ${JSON.stringify(region)}.`);
    }
    return region;
}
/** The suite's part of the user agent: `infra-actions/<version> <action>`. */
function userAgent(action) {
    return [[_version__WEBPACK_IMPORTED_MODULE_3__/* .SUITE */ .J3, _version__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .xv], [action]];
}
function clientConfig(settings, region = settings.region) {
    return {
        region,
        maxAttempts: settings.maxAttempts,
        retryMode: 'adaptive',
        customUserAgent: userAgent(settings.action),
    };
}
/**
 * S3 clients add path-style addressing when an endpoint is set through `AWS_ENDPOINT_URL` or
 * `AWS_ENDPOINT_URL_S3`: S3-compatible endpoints seldom serve virtual-hosted buckets, and the
 * JavaScript SDK, unlike the CLI, has no environment setting for it.
 *
 * They also send no `Expect: 100-continue`. The SDK adds it to every body of 2 MiB or more, and its
 * HTTP handler sends such a request on a new connection of its own, closed afterwards
 * (smithy-lang/smithy-typescript#1754): each part of an upload then paid a TCP and TLS handshake
 * and a round trip for the 100 Continue. Without it the parts reuse the client's kept-alive
 * connections. What that costs: a request S3 refuses before reading its body (expired
 * credentials, a redirect, SlowDown) is refused while the body is being sent, and S3 may close
 * the connection then, so the client can see a broken connection instead of S3's error, and
 * retries the part as it retries any broken connection (up to `max-attempts`); a kept-alive
 * connection S3 closed while idle is found so too, at the cost of one retry. Pre-flight checks
 * (the bucket, write access) catch refusals before the first part. This holds for every S3
 * client of the suite, each action's uploads and downloads alike.
 */
function s3ClientConfig(settings, env = process.env) {
    return { ...clientConfig(settings), ...s3Extras(env) };
}
function s3Extras(env = process.env) {
    return {
        forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
        expectContinueHeader: false,
    };
}
/** Builds a client of the given SDK class with the suite's settings (optionally for another region). */
function createClient(Client, settings, region) {
    return new Client(clientConfig(settings, region));
}
/**
 * Every AWS call of one run goes through here: clients built with the suite's settings, each
 * call labelled with what it attempts ("Failed to update service api in eu-west-1: ..."), bound
 * to the run's AbortSignal, and counted per operation for the job summary. Counting is a
 * middleware on each client, so the pages of the SDK's paginators and the parts of a
 * multipart upload are counted too, once per call however often the SDK retried it.
 *
 * SDK modules are never imported here: callers import the client they need dynamically and
 * hand its class in, so each bundle loads only its own clients, and only when it needs them.
 */
class AwsCalls {
    settings;
    signal;
    counts = new Map();
    constructor(settings, 
    /** The run's signal; a call made after it aborted, or aborted by it, is the cancellation. */
    signal) {
        this.settings = settings;
        this.signal = signal;
    }
    /** A client of the given SDK class for `region` (the run's region by default), its calls counted. */
    client(Client, region = this.settings.region, extra) {
        const client = new Client({ ...clientConfig(this.settings, region), ...extra });
        client.middlewareStack.add((next, context) => (args) => {
            this.count((context.commandName ?? 'Unknown').replace(/Command$/, ''));
            return next(args);
        }, { step: 'initialize', name: 'infraActionsCallCounter' });
        return client;
    }
    /**
     * Runs one SDK call: `calls.send('describe cluster prod in us-east-1', (o) => ecs.send(cmd, o))`.
     * A failure is wrapped with what was being attempted; once the run is cancelled, any failure
     * (the SDK's AbortError) is the cancellation. `signal` overrides the run's signal, e.g. with
     * `null` for a cleanup call that must still go out after a cancellation.
     */
    async send(what, call, signal = this.signal) {
        (0,_cancel__WEBPACK_IMPORTED_MODULE_0__/* .throwIfCancelled */ .dZ)(signal ?? undefined);
        try {
            return await (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .attempt */ .CD)(what, () => call({ abortSignal: signal ?? undefined }));
        }
        catch (error) {
            (0,_cancel__WEBPACK_IMPORTED_MODULE_0__/* .throwIfCancelled */ .dZ)(signal ?? undefined);
            throw error;
        }
    }
    /**
     * Every page of one of the SDK's paginators, each page's failure labelled like `send`:
     * `calls.pages('list revisions of web', (o) => paginateListTaskDefinitions({ client }, input, o))`.
     * `signal` as with `send` (`null` for a cleanup that must still list after a cancellation).
     */
    async *pages(what, paginate, signal = this.signal) {
        const iterator = paginate({ abortSignal: signal ?? undefined })[Symbol.asyncIterator]();
        for (;;) {
            const next = await this.send(what, () => iterator.next(), signal);
            if (next.done)
                return;
            yield next.value;
        }
    }
    /** The items of every page: `calls.all(what, paginate, (page) => page.taskArns)`. */
    async all(what, paginate, items, signal = this.signal) {
        const out = [];
        for await (const page of this.pages(what, paginate, signal))
            out.push(...(items(page) ?? []));
        return out;
    }
    /** Records one call of `operation` (the middleware does this for every client built here). */
    count(operation) {
        this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    }
    /** Calls made so far per operation, most frequent first. */
    callCounts() {
        return [...this.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    }
    /** Calls made so far of one operation. */
    callsOf(operation) {
        return this.counts.get(operation) ?? 0;
    }
    /** Calls made so far in all. */
    totalCalls() {
        let total = 0;
        for (const n of this.counts.values())
            total += n;
        return total;
    }
}
/**
 * Per-call limits of the APIs the suite calls, in one place; `chunks(ids, AWS_LIMITS.ssmInstanceIds)`.
 * Sources: the API references of each operation (DescribeServices `services`: "up to 10";
 * DescribeTasks `tasks`: "up to 100"; SendCommand / CancelCommand `InstanceIds`: "up to 50";
 * SendCommand `Targets`: 5; ListCommandInvocations `MaxResults`: 1-50; CloudFront: 3,000 file
 * paths per invalidation request and in progress per distribution, 15 wildcard paths in progress).
 */
const AWS_LIMITS = {
    ecsDescribeServices: 10,
    ecsDescribeTasks: 100,
    ssmInstanceIds: 50,
    ssmTargets: 5,
    ssmListCommandInvocations: 50,
    cloudFrontPaths: 3000,
    cloudFrontWildcardsInProgress: 15,
};
/** Splits `items` into consecutive chunks of at most `size` (for per-call limits). */
function chunks(items, size) {
    if (!Number.isInteger(size) || size < 1)
        throw new RangeError(`chunk size must be a positive integer, got ${size}`);
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/**
 * A link into the AWS console for a long operation, e.g.
 * `consoleUrl('us-east-1', 'ecs/v2/clusters/prod/services/api')`.
 */
function consoleUrl(region, path) {
    const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
    // The region goes into the query, before any `#/...` route of a single-page console (CloudFront's).
    const hash = path.indexOf('#');
    const [base, route] = hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
    const separator = base.includes('?') ? '&' : '?';
    return `https://${region}.${host}/${base}${separator}region=${region}${route}`;
}


/***/ }),

/***/ 551:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   YQ: () => (/* binding */ cancelledError),
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   iB: () => (/* binding */ isCancellation),
/* harmony export */   yy: () => (/* binding */ sleep),
/* harmony export */   zG: () => (/* binding */ installCancellation)
/* harmony export */ });
/* unused harmony exports anySignal, linkedController */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1922);

/**
 * Cancellation: GitHub's runner sends SIGINT when a run is cancelled, then SIGTERM 7.5 s later,
 * then kills the process. Both signals abort one process-wide AbortSignal that reaches every
 * wait, SDK call and child process, so the action stops cleanly and says what it left behind.
 */
function installCancellation() {
    const controller = new AbortController();
    let count = 0;
    const onSignal = (name) => {
        count += 1;
        if (count === 1) {
            controller.abort(new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc(`The run was cancelled (${name}).`));
        }
        else if (count >= 3) {
            // The third signal means whoever sends them has lost patience: stop at once.
            process.exit(name === 'SIGINT' ? 130 : 143);
        }
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        dispose() {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        },
    };
}
function cancelledError(signal) {
    return signal.reason instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc
        ? signal.reason
        : new _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc('The run was cancelled.');
}
function throwIfCancelled(signal) {
    if (signal?.aborted)
        throw cancelledError(signal);
}
/** Sleeps, or rejects with `CancelledError` as soon as the signal aborts. */
const sleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(cancelledError(signal));
    const onAbort = () => {
        clearTimeout(timer);
        reject(cancelledError(signal));
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
});
/** Whether an error is the run's cancellation (by class: an error merely named so does not count). */
function isCancellation(error) {
    return error instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .CancelledError */ .cc;
}
/**
 * One signal that aborts when any of the given ones does (with that one's reason); undefined
 * entries are ignored, and a single signal is returned as it is.
 */
function anySignal(...signals) {
    const present = signals.filter((s) => s !== undefined);
    if (present.length <= 1)
        return present[0];
    return AbortSignal.any(present);
}
/**
 * An AbortController of one's own that also aborts when `parent` does, with its reason: to stop
 * one part of the work (the other side of a pipe, the rest of a queue) without cancelling the run.
 */
function linkedController(parent) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(parent?.reason);
    if (parent?.aborted)
        onAbort();
    else
        parent?.addEventListener('abort', onAbort, { once: true });
    /** Stops listening to the parent, once the part is done. */
    const dispose = () => parent?.removeEventListener('abort', onAbort);
    return Object.assign(controller, { dispose });
}


/***/ }),

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ attempt),
/* harmony export */   J6: () => (/* binding */ awsErrorCode),
/* harmony export */   cc: () => (/* binding */ CancelledError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/* unused harmony exports TimeoutError, describeAwsFailure */
/**
 * One error model for the whole suite.
 *
 * A `UserError` is something the user must fix: a bad input, or a state of their
 * infrastructure the action refuses to change. It fails the step with one actionable
 * sentence and no stack trace. Anything else is a failure of the action itself (or of AWS):
 * its message is shown and its stack goes to the debug log.
 */
class UserError extends Error {
    name = 'UserError';
}
/** Raised when the run is cancelled (SIGINT / SIGTERM) while the action was waiting or running a tool. */
class CancelledError extends Error {
    name = 'CancelledError';
}
/** Raised by the waiter when a wait runs out of time; carries the last observed state. */
class TimeoutError extends Error {
    lastState;
    name = 'TimeoutError';
    constructor(message, lastState) {
        super(message);
        this.lastState = lastState;
    }
}
/** The message of anything thrown, never `[object Object]`. */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message || error.name;
    if (typeof error === 'string')
        return error;
    try {
        return JSON.stringify(error);
    }
    catch {
        return String(error);
    }
}
/**
 * AWS's error code of an SDK exception (`ThrottlingException`, `NoSuchKey`, ...), if it is one;
 * also through the wrapping of the call layer, which keeps the SDK's error as `cause`.
 */
function awsErrorCode(error) {
    if (error && typeof error === 'object') {
        const e = error;
        if (typeof e.Code === 'string')
            return e.Code;
        if (e.$metadata !== undefined && typeof e.name === 'string')
            return e.name;
        if (typeof e.code === 'string')
            return e.code;
        if (e.cause !== undefined && e.cause !== error)
            return awsErrorCode(e.cause);
    }
    return undefined;
}
/**
 * Wraps a failed AWS call with what was being attempted, keeping the original as `cause`:
 * `Failed to register task definition in ECS: ClientException: Container.image should not be null`.
 */
function describeAwsFailure(attempt, error) {
    const code = awsErrorCode(error);
    const message = errorMessage(error);
    const text = code && !message.startsWith(code) ? `${code}: ${message}` : message;
    const wrapped = new Error(`Failed to ${attempt}: ${text}`, { cause: error });
    return wrapped;
}
/** Runs an AWS call, wrapping its failure with what was being attempted. */
async function attempt(what, call) {
    try {
        return await call();
    }
    catch (error) {
        if (error instanceof UserError || error instanceof CancelledError)
            throw error;
        throw describeAwsFailure(what, error);
    }
}


/***/ }),

/***/ 9184:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DF: () => (/* binding */ getListInput),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   Hl: () => (/* binding */ parseKeyValues),
/* harmony export */   K1: () => (/* binding */ getRequiredInput),
/* harmony export */   L7: () => (/* binding */ getKeyValueInput),
/* harmony export */   ML: () => (/* binding */ getIntInput),
/* harmony export */   Vt: () => (/* binding */ getBooleanInput),
/* harmony export */   jC: () => (/* binding */ exclusive),
/* harmony export */   l0: () => (/* binding */ getDurationInput),
/* harmony export */   lI: () => (/* binding */ getOptionalInput),
/* harmony export */   zn: () => (/* binding */ getSecretInput)
/* harmony export */ });
/* unused harmony exports parseBoolean, parseEnum, getEnumInput, parseInteger, parseList, BUCKET_NAME, parseBucketName, parseS3Uri, getS3UriInput, parseJson, describeJsonError, getJsonInput */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1922);



/**
 * Typed readers for action inputs. Each reads one input (as the runner passes it, through
 * `INPUT_<NAME>`), validates it and returns a typed value, or throws a `UserError` whose one
 * sentence names the input, what was wrong and what is accepted. The `parse*` functions do the
 * same for a value that did not come from an input, so they are unit-tested without any runner.
 */
const quote = (value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
function raw(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name, { trimWhitespace: true });
}
function getRequiredInput(name) {
    const value = raw(name);
    if (value === '')
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' is required but was not provided.`);
    return value;
}
function getOptionalInput(name) {
    const value = raw(name);
    return value === '' ? undefined : value;
}
/** Reads a secret input and masks it (and each of its lines) before anything can log it. */
function getSecretInput(name, required = false) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name, { trimWhitespace: false });
    if (value.trim() === '') {
        if (required)
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' is required but was not provided.`);
        return undefined;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
    for (const line of value.split(/\r?\n/))
        if (line.trim() !== '')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line.trim());
    return value.trim();
}
const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];
/** GitHub's boolean rules (YAML 1.2 core schema: true/True/TRUE, false/False/FALSE), with a default. */
function parseBoolean(name, value, defaultValue) {
    if (value === undefined || value === '')
        return defaultValue;
    if (TRUE_VALUES.includes(value))
        return true;
    if (FALSE_VALUES.includes(value))
        return false;
    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be a boolean (true or false), got ${quote(value)}.`);
}
function getBooleanInput(name, defaultValue) {
    return parseBoolean(name, raw(name), defaultValue);
}
function parseEnum(name, value, allowed) {
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
        throw new UserError(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`);
    }
    return match;
}
function getEnumInput(name, allowed, defaultValue) {
    const value = raw(name);
    return value === '' ? defaultValue : parseEnum(name, value, allowed);
}
function rangeText({ min, max }) {
    if (min !== undefined && max !== undefined)
        return `a whole number from ${min} to ${max}`;
    if (min !== undefined)
        return `a whole number of at least ${min}`;
    if (max !== undefined)
        return `a whole number of at most ${max}`;
    return 'a whole number';
}
/** A whole number in a range. Never falls back silently: `abc`, `1.5` and `10x` are errors. */
function parseInteger(name, value, options = {}) {
    const accepted = rangeText(options);
    if (!/^[+-]?\d+$/.test(value))
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed))
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    if ((options.min !== undefined && parsed < options.min) ||
        (options.max !== undefined && parsed > options.max)) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be ${accepted}, got ${parsed}.`);
    }
    return parsed;
}
function getIntInput(name, options = {}) {
    const value = raw(name);
    if (value === '')
        return options.default;
    return parseInteger(name, value, options);
}
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_TEXT = 'a duration such as 90s, 15m, 1h30m or 500ms (a bare number means seconds)';
/** Parses `15m`, `90s`, `1h30m`, `500ms`, `2d`, or a bare number of seconds, into milliseconds. */
function parseDuration(name, value, options = {}) {
    const text = value.trim();
    let ms;
    if (/^\d+(\.\d+)?$/.test(text)) {
        ms = Number(text) * 1000;
    }
    else {
        const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
        if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be ${DURATION_TEXT}; got ${quote(value)}.`);
        }
        ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0);
    }
    ms = Math.round(ms);
    const { min, max } = options;
    if (min !== undefined && ms < min) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be at least ${describeMs(min)}; got ${quote(value)}.`);
    }
    if (max !== undefined && ms > max) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be at most ${describeMs(max)}; got ${quote(value)}.`);
    }
    return ms;
}
function describeMs(ms) {
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms % 1000 === 0)
        return `${ms / 1000}s`;
    return `${ms}ms`;
}
function getDurationInput(name, defaultValue, options = {}) {
    const value = raw(name);
    return parseDuration(name, value === '' ? defaultValue : value, options);
}
/** Splits a list written one item per line, or comma separated, or both; blank items are dropped. */
function parseList(value) {
    return value
        .split(/\r?\n|,/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
function getListInput(name) {
    return parseList(raw(name));
}
/** S3's bucket naming rules (general purpose buckets): 3-63 lower-case letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A bucket name by S3's naming rules. */
function parseBucketName(name, value) {
    if (!BUCKET_NAME.test(value) || value.includes('..')) {
        throw new UserError(`Input '${name}' must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got ${quote(value)}.`);
    }
    return value;
}
/**
 * `s3://bucket/key`. An object URI needs a key that does not end in `/`; a prefix URI may stop
 * at the bucket or end in `/`.
 */
function parseS3Uri(name, value, options = {}) {
    const kind = options.kind ?? 'object';
    const example = options.example ?? (kind === 'object' ? 's3://my-bucket/path/file' : 's3://my-bucket/path/');
    const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(value);
    const bucket = match?.[1] ?? '';
    const key = match?.[2] ?? '';
    const badKey = kind === 'object' ? key === '' || key.endsWith('/') : false;
    if (!match || !BUCKET_NAME.test(bucket) || bucket.includes('..') || badKey) {
        throw new UserError(`Input '${name}' must be an ${kind === 'object' ? 'object' : 'S3 prefix'} URI such as ${example}, got ${quote(value)}.`);
    }
    return { uri: value, bucket, key };
}
/** An optional `s3://` input (see parseS3Uri). */
function getS3UriInput(name, options = {}) {
    const value = raw(name);
    return value === '' ? undefined : parseS3Uri(name, value, options);
}
/**
 * `KEY=VALUE` pairs, one per line (or comma separated when no value holds a comma; a value
 * may contain `=`). Duplicate keys, missing `=` and empty keys are errors.
 */
function parseKeyValues(name, value, options = {}) {
    const lines = value.includes('\n') ? value.split(/\r?\n/) : value.split(',');
    const seen = new Set();
    const pairs = [];
    for (const line of lines) {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const at = text.indexOf('=');
        if (at <= 0) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must hold KEY=VALUE lines; ${quote(text)} has no key before '='.`);
        }
        const key = text.slice(0, at).trim();
        const val = text.slice(at + 1).trim();
        if (options.keyPattern && !options.keyPattern.test(key)) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' has an invalid key ${quote(key)}; keys must be ${options.keyDescription ?? `like ${options.keyPattern}`}.`);
        }
        if (seen.has(key))
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' sets ${quote(key)} more than once.`);
        seen.add(key);
        pairs.push([key, val]);
    }
    return pairs;
}
function getKeyValueInput(name, options = {}) {
    return parseKeyValues(name, raw(name), options);
}
/** Parses JSON, naming line and column on a syntax error. */
function parseJson(name, text) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new UserError(`Input '${name}' is not valid JSON: ${describeJsonError(text, error)}.`);
    }
}
/**
 * Turns V8's JSON.parse error into `line L, column C: <reason>`. V8 gives the position for most
 * errors, but for an unexpected token it gives only a snippet with encoded newlines
 * (`Unexpected token ']', ..."x" },\n  ]\n}" is not valid JSON`); then a scan of the text finds
 * the place (json-position.ts), and the sentence quotes the offending line.
 */
function describeJsonError(text, error) {
    const message = error instanceof Error ? error.message : String(error);
    const lineCol = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const at = (offset) => {
        const before = text.slice(0, offset).split('\n');
        return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
    };
    let where = '';
    let near = '';
    if (lineCol) {
        where = `line ${lineCol[1]}, column ${lineCol[2]}`;
    }
    else if (position) {
        where = at(Number(position[1]));
    }
    else if (/end of JSON input/i.test(message)) {
        const lines = text.split('\n');
        where = `line ${lines.length}, column ${lines[lines.length - 1].length + 1} (unexpected end)`;
    }
    else {
        const offset = jsonErrorOffset(text);
        if (offset !== undefined) {
            where = at(offset);
            const line = text
                .slice(text.lastIndexOf('\n', offset - 1) + 1)
                .split('\n')[0]
                .trim();
            near = ` in ${JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line)}`;
        }
    }
    const reason = message
        .replace(/ in JSON at position \d+.*$/s, '')
        .replace(/\s*\(line \d+ column \d+\)/, '')
        .replace(/, (?:"|\.\.\.").*" is not valid JSON$/s, '')
        .replace(/^JSON\.parse: /, '');
    return where ? `${where}: ${reason}${near}` : reason;
}
function getJsonInput(name) {
    const value = raw(name);
    return value === '' ? undefined : parseJson(name, value);
}
/** Throws when more than one of the given inputs is set: `Inputs 'image' and 'task-definition' cannot be used together`. */
function exclusive(inputs) {
    const set = Object.entries(inputs)
        .filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
        .map(([name]) => `'${name}'`);
    if (set.length > 1) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Inputs ${set.join(' and ')} cannot be used together; set at most one of them.`);
    }
}


/***/ }),

/***/ 1176:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  J3: () => (/* binding */ SUITE),
  xv: () => (/* binding */ VERSION)
});

// UNUSED EXPORTS: RELEASE_VERSION, runUrl

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"1.0.0"};
;// CONCATENATED MODULE: ./src/common/version.ts

/** The suite's version, from package.json; used in the user agent and the job summary. */
const VERSION = package_namespaceObject.rE;
const SUITE = 'infra-actions';
/**
 * A release's version, as deploy-binary publishes it and the release record names it: a segment
 * of an S3 key and a directory on the instance.
 */
const RELEASE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** The URL of the workflow run this step belongs to, from the runner's variables; undefined outside a run. */
function runUrl(env = process.env) {
    return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3838:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  _o: () => (/* binding */ isDebug),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getBooleanInput, getIDToken, getMultilineInput, markdownSummary, notice, platform, setCommandEcho, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth = __nccwpck_require__(2145);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = (/* unused pure expression or super */ null && (_summary));
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 4 modules
var lib_exec = __nccwpck_require__(5334);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', file_command_prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, utils_toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 5334:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m: () => (/* binding */ exec)
});

// UNUSED EXPORTS: getExecOutput

;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __nccwpck_require__(8701);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util = __nccwpck_require__(90);
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return __awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!io_util/* isRooted */.Qh(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield io/* which */.K7(this.toolPath, true);
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield io_util/* exists */.t2(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map

/***/ }),

/***/ 2145:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   tZ: () => (/* binding */ BearerCredentialHandler)
/* harmony export */ });
/* unused harmony exports BasicCredentialHandler, PersonalAccessTokenCredentialHandler */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map

/***/ }),

/***/ 4942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient),
  Kg: () => (/* binding */ HttpClientError),
  Hv: () => (/* binding */ HttpCodes)
});

// UNUSED EXPORTS: Headers, HttpClientResponse, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./tools/shims/undici/index.js
var undici = __nccwpck_require__(1878);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 90:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   H8: () => (/* binding */ IS_WINDOWS),
/* harmony export */   Qh: () => (/* binding */ isRooted),
/* harmony export */   rm: () => (/* binding */ rm),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   vr: () => (/* binding */ tryGetExecutablePath)
/* harmony export */ });
/* unused harmony exports chmod, copyFile, lstat, open, readdir, rename, rmdir, stat, symlink, unlink, readlink, UV_FS_O_EXLOCK, READONLY, isDirectory, getCmdPath */
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9896);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs__WEBPACK_IMPORTED_MODULE_0__.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = path__WEBPACK_IMPORTED_MODULE_1__.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path__WEBPACK_IMPORTED_MODULE_1__.dirname(filePath);
                        const upperName = path__WEBPACK_IMPORTED_MODULE_1__.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path__WEBPACK_IMPORTED_MODULE_1__.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map

/***/ }),

/***/ 8701:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   U$: () => (/* binding */ mkdirP),
/* harmony export */   Yz: () => (/* binding */ rmRF)
/* harmony export */ });
/* unused harmony exports cp, mv, findInPath */
/* harmony import */ var assert__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2613);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
/* harmony import */ var _io_util_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(90);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return __awaiter(this, void 0, void 0, function* () {
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        (0,assert__WEBPACK_IMPORTED_MODULE_0__.ok)(fsPath, 'a path argument must be provided');
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .mkdir */ .Ck(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .isRooted */ .Qh(tool)) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(path__WEBPACK_IMPORTED_MODULE_1__.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return __awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function copyFile(srcFile, destFile, force) {
    return __awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var lib_core = __nccwpck_require__(3838);
// EXTERNAL MODULE: ./src/common/cancel.ts
var cancel = __nccwpck_require__(551);
// EXTERNAL MODULE: ./src/common/errors.ts
var common_errors = __nccwpck_require__(1922);
;// CONCATENATED MODULE: ./src/common/log.ts

const log_coreLogger = {
    info: (message) => lib_core/* info */.pq(message),
    warning: (message) => lib_core/* warning */.$e(message),
    debug: (message) => lib_core/* debug */.Yz(message),
    error: (message) => lib_core/* error */.z3(message),
};
/** A logger that records lines, for tests. */
function memoryLogger() {
    const lines = [];
    return {
        lines,
        info: (m) => lines.push(m),
        warning: (m) => lines.push(`warning: ${m}`),
        debug: (m) => lines.push(`debug: ${m}`),
        error: (m) => lines.push(`error: ${m}`),
    };
}
/** Runs one phase of the action inside a collapsible log group. */
async function group(name, fn) {
    return lib_core/* group */.Os(name, fn);
}
/** Formats a duration in milliseconds for people: `850ms`, `12.4s`, `3m 05s`, `1h 02m`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)}s`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    if (hours > 0)
        return `${hours}h ${String(minutes).padStart(2, '0')}m`;
    return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}
/** The same logger with its info lines sent to debug: for a tool's own output and for polls, shown only with debug logging on. */
function debugLogger(logger) {
    return { ...logger, info: (message) => logger.debug(message) };
}

;// CONCATENATED MODULE: ./src/common/secrets.ts

/**
 * Secret masking. The runner masks values registered with `core.setSecret` in the log, but not
 * in the job summary, so every secret is also kept here and `redact()` removes it from any
 * text the action writes elsewhere. Values derived from a secret (the password inside a URL,
 * its URL-encoded form) are registered too.
 */
const secrets = new Set();
const REDACTED = '***';
/** Registers a secret: masked in the log from now on, and removed by `redact()`. */
function addSecret(value) {
    if (value === undefined)
        return;
    const trimmed = value.trim();
    // One- and two-character "secrets" would mask every such letter in the log; refuse them.
    if (trimmed.length < 3)
        return;
    // The URL-encoded form is what shows when the value travels inside a URL or a query.
    for (const form of new Set([trimmed, encodeURIComponent(trimmed)])) {
        if (secrets.has(form))
            continue;
        secrets.add(form);
        lib_core/* setSecret */.Pq(form);
    }
}
/**
 * Registers the secret parts of a URL (password, and the username when it carries a token)
 * and of its query (`password=`, `sslpassword=`, `token=`...). Returns the URL with them
 * replaced, safe to print.
 */
function addUrlSecrets(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        // Not a URL we can take apart: treat the whole value as secret.
        addSecret(url);
        return REDACTED;
    }
    if (parsed.password) {
        addSecret(parsed.password);
        addSecret(decodeURIComponentSafe(parsed.password));
        parsed.password = REDACTED;
    }
    for (const [key, value] of parsed.searchParams) {
        if (/pass|secret|token|key/i.test(key) && value) {
            addSecret(value);
            parsed.searchParams.set(key, REDACTED);
        }
    }
    return parsed.toString().replace(/%2A%2A%2A/g, REDACTED);
}
function decodeURIComponentSafe(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
/** Replaces every registered secret in the text. Longest first, so a secret containing another is removed whole. */
function secrets_redact(text) {
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
        out = out.split(secret).join(REDACTED);
    }
    return out;
}
/** For tests: forget every registered secret. */
function clearSecrets() {
    secrets.clear();
}

;// CONCATENATED MODULE: ./src/common/action.ts





const runnerState = {
    save: (name, value) => lib_core/* saveState */.LZ(name, typeof value === 'string' ? value : JSON.stringify(value)),
    get: (name) => lib_core/* getState */.Gu(name) || undefined,
    getJson(name) {
        const text = lib_core/* getState */.Gu(name);
        if (!text)
            return undefined;
        try {
            return JSON.parse(text);
        }
        catch {
            return undefined;
        }
    },
};
/**
 * Runs an action's main function with the suite's error model:
 * - a `UserError` fails the step with its one sentence, as an error annotation, no stack;
 * - a cancellation fails the step saying the run was cancelled (the action says what state it left);
 * - anything else fails the step with its message, and its stack goes to the debug log.
 */
async function runAction(name, main) {
    const cancellation = (0,cancel/* installCancellation */.zG)();
    const unfinished = failIfUnfinished(() => lib_core/* setFailed */.C1(`${name} stopped before it finished: it was waiting for something that can no longer happen (nothing was left running), so its outcome is unknown; this is a fault in the action, please report it with this log.`));
    try {
        await main({ name, signal: cancellation.signal, logger: log_coreLogger, state: runnerState });
    }
    catch (error) {
        fail(error);
    }
    finally {
        unfinished.dispose();
        cancellation.dispose();
    }
}
/**
 * Node exits, with code 0, when nothing is left to run, even while a promise is still pending:
 * an await that can never settle (a stream whose end never comes, a callback never called)
 * would otherwise end the step green without its result. 'beforeExit' fires exactly then, and
 * never on an explicit exit or a signal.
 */
function failIfUnfinished(report) {
    const onBeforeExit = () => {
        process.off('beforeExit', onBeforeExit);
        report();
    };
    process.on('beforeExit', onBeforeExit);
    return { dispose: () => process.off('beforeExit', onBeforeExit) };
}
function fail(error) {
    const message = secrets_redact((0,common_errors/* errorMessage */.gJ)(error));
    if (error instanceof common_errors/* UserError */.yo || error instanceof common_errors/* CancelledError */.cc) {
        lib_core/* setFailed */.C1(message);
        return;
    }
    if (error instanceof Error && error.stack)
        lib_core/* debug */.Yz(secrets_redact(error.stack));
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.stack)
        lib_core/* debug */.Yz(`Caused by: ${secrets_redact(cause.stack)}`);
    lib_core/* setFailed */.C1(message);
}
/**
 * The entry point of every bundle: runs the action, and as a last resort (an error thrown
 * outside the error model, e.g. while reporting) fails the step with the action's name.
 */
function start(name, main) {
    runAction(name, main).catch((error) => {
        lib_core/* setFailed */.C1(`${name} action failed: ${secrets_redact((0,common_errors/* errorMessage */.gJ)(error))}`);
    });
}
/**
 * Runs an action's post step (`runs.post`, after the job's other steps, also when main failed
 * or was cancelled where `post-if: always()`): cleanup that must survive main. A post step only
 * warns: whatever goes wrong, it never fails a job.
 */
async function runPost(name, post) {
    const cancellation = installCancellation();
    const unfinished = failIfUnfinished(() => core.warning(`${name} post step stopped before it finished: it was waiting for something that can no longer happen, so its cleanup may be incomplete.`));
    try {
        await post({ name, signal: cancellation.signal, logger: coreLogger, state: runnerState });
    }
    catch (error) {
        if (error instanceof Error && error.stack)
            core.debug(redact(error.stack));
        core.warning(`${name} post step: ${redact(errorMessage(error))}`);
    }
    finally {
        unfinished.dispose();
        cancellation.dispose();
    }
}
/** The entry point of a post bundle (`src/<name>/post.ts`). */
function startPost(name, post) {
    runPost(name, post).catch((error) => {
        core.warning(`${name} post step: ${redact(errorMessage(error))}`);
    });
}
/** The `main` of an action whose implementation has not been released yet. */
function notAvailable(name) {
    return async () => {
        throw new UserError(`The ${name} action is not available yet in infra-actions; see the suite's README for the actions you can use today.`);
    };
}

// EXTERNAL MODULE: ./src/common/aws.ts
var aws = __nccwpck_require__(2064);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: ./src/common/version.ts + 1 modules
var version = __nccwpck_require__(1176);
;// CONCATENATED MODULE: ./src/common/summary.ts





/** Records the phases of a run (observe, plan, apply, wait, verify, roll back) with their times. */
class Timeline {
    now;
    phases = [];
    constructor(now = Date.now) {
        this.now = now;
    }
    /** Runs `fn` as a phase, recording its duration and outcome. */
    async phase(name, fn) {
        const phase = { name, startedAt: this.now() };
        this.phases.push(phase);
        try {
            const result = await fn();
            phase.outcome ??= 'ok';
            return result;
        }
        catch (error) {
            phase.outcome = (0,cancel/* isCancellation */.iB)(error) ? 'cancelled' : 'failed';
            throw error;
        }
        finally {
            phase.endedAt = this.now();
        }
    }
    skip(name, note) {
        const at = this.now();
        this.phases.push({ name, startedAt: at, endedAt: at, outcome: 'skipped', note });
    }
    rows() {
        const origin = this.phases[0]?.startedAt ?? 0;
        return this.phases.map((p) => [
            p.name,
            `+${formatDuration(p.startedAt - origin)}`,
            p.endedAt === undefined ? 'running' : formatDuration(p.endedAt - p.startedAt),
            OUTCOME_TEXT[p.outcome ?? 'ok'] + (p.note ? ` ${p.note}` : ''),
        ]);
    }
}
const OUTCOME_TEXT = {
    ok: '✅',
    failed: '❌',
    skipped: '⏭️',
    cancelled: '⏹️',
};
function escapeCell(cell) {
    if (cell === undefined || cell === '')
        return ' ';
    return String(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/** Renders a Markdown table (GitHub renders Markdown in the summary). */
function markdownTable(headers, rows) {
    const lines = [`| ${headers.map(escapeCell).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
    for (const row of rows)
        lines.push(`| ${row.map(escapeCell).join(' | ')} |`);
    return lines.join('\n');
}
class SummaryBuilder {
    parts = [];
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${text}`);
        return this;
    }
    paragraph(text) {
        this.parts.push(text);
        return this;
    }
    table(headers, rows) {
        if (rows.length > 0)
            this.parts.push(markdownTable(headers, rows));
        return this;
    }
    /** A two-column table of facts. */
    facts(facts) {
        return this.table(['', ''], facts.filter(([, v]) => v !== undefined));
    }
    timeline(timeline) {
        this.parts.push('**Timeline**');
        return this.table(['Phase', 'Started', 'Took', 'Result'], timeline.rows());
    }
    link(text, url) {
        this.parts.push(`[${text}](${url})`);
        return this;
    }
    details(label, body) {
        this.parts.push(`<details><summary>${label}</summary>\n\n${body}\n\n</details>`);
        return this;
    }
    /** The AWS calls of the run per operation, collapsed (nothing when there were none). */
    awsCalls(counts) {
        if (counts.length === 0)
            return this;
        const total = counts.reduce((n, [, c]) => n + c, 0);
        return this.details(`AWS calls (${total})`, markdownTable(['Operation', 'Calls'], counts.map(([operation, n]) => [operation, n])));
    }
    /** The inputs the action ran with, collapsed; secret inputs are shown as ***. */
    inputs(values, secretNames = []) {
        const rows = Object.entries(values).map(([name, value]) => [
            `\`${name}\``,
            secretNames.includes(name) && value !== undefined && value !== '' ? '***' : value,
        ]);
        return this.details('Inputs', markdownTable(['Input', 'Value'], rows));
    }
    toMarkdown() {
        return secrets_redact(`${this.parts.join('\n\n')}\n\n<sub>infra-actions ${version/* VERSION */.xv}</sub>\n`);
    }
    /**
     * Appends to the job summary file. Never throws: a summary failure is a warning. (A plain
     * append rather than core.summary, which remembers the first file it wrote for the life of
     * the process.)
     */
    async write(logger) {
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file) {
            logger.debug('GITHUB_STEP_SUMMARY is not set; the job summary is not written.');
            return;
        }
        try {
            await (0,promises_.appendFile)(file, this.toMarkdown());
        }
        catch (error) {
            logger.warning(`Could not write the job summary: ${error.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/common/phases.ts


/**
 * The phases of a run (observe, plan, apply, wait, verify, roll back, ...). A phase is three
 * things at once: a collapsible log group, an entry on the summary's timeline with its duration
 * and outcome, and the name a cancellation reports ("cancelled during apply: ...").
 */
class Phases {
    timeline;
    /** The phase running now, or the last one that ran. */
    current;
    constructor(timeline = new Timeline(), 
    /** What `current` says before the first phase starts. */
    initial = 'start') {
        this.timeline = timeline;
        this.current = initial;
    }
    /** Runs `fn` as the phase `name`, inside a log group titled `title`. */
    async phase(name, title, fn) {
        this.current = name;
        return this.timeline.phase(name, () => group(title, fn));
    }
    /** Runs `fn` as the phase `name` on the timeline, without a log group of its own. */
    async untitled(name, fn) {
        this.current = name;
        return this.timeline.phase(name, fn);
    }
    /** Records phases that did not run, with why (`dry run`, `'wait' is false`). */
    skip(names, note) {
        for (const name of Array.isArray(names) ? names : [names])
            this.timeline.skip(name, note);
    }
    /** Marks a phase that ended without an error as failed (its outcome was judged afterwards). */
    markFailed(name) {
        const phase = this.timeline.phases.find((p) => p.name === name);
        if (phase)
            phase.outcome = 'failed';
    }
}

;// CONCATENATED MODULE: ./src/common/wait.ts


const DEFAULT_MIN_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 10_000;
/** The delay before poll number `n + 1` when the state has not changed for `n` polls, with jitter. */
function nextDelay(unchangedPolls, min, max, factor, random) {
    const base = Math.min(max, min * Math.pow(factor, unchangedPolls));
    // Equal jitter: half the delay is fixed, half random, so polls of many waiters spread out
    // without ever dropping below the minimum.
    const jittered = base / 2 + (random() * base) / 2;
    return Math.max(min, Math.min(max, Math.round(jittered)));
}
async function waitFor(options) {
    const min = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
    const max = Math.max(min, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
    const factor = options.factor ?? 1.5;
    const sleep = options.sleep ?? cancel/* sleep */.yy;
    const now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const started = now();
    const deadline = started + options.timeoutMs;
    let polls = 0;
    let unchanged = 0;
    let lastState;
    let value;
    for (;;) {
        (0,cancel/* throwIfCancelled */.dZ)(options.signal);
        value = await options.poll();
        polls += 1;
        const assessment = options.assess(value);
        const elapsed = now() - started;
        if (assessment.state !== lastState) {
            options.logger?.info(`${options.label}: ${assessment.state} (${formatDuration(elapsed)})`);
            lastState = assessment.state;
            unchanged = 0;
        }
        else {
            unchanged += 1;
        }
        if (assessment.failure !== undefined) {
            return {
                outcome: 'failed',
                value,
                state: assessment.state,
                reason: assessment.failure,
                polls,
                elapsedMs: elapsed,
            };
        }
        if (assessment.done) {
            return { outcome: 'done', value, state: assessment.state, polls, elapsedMs: elapsed };
        }
        const remaining = deadline - now();
        if (remaining <= 0) {
            return {
                outcome: 'timeout',
                value,
                state: assessment.state,
                reason: `${options.label} did not finish within ${formatDuration(options.timeoutMs)}; last state: ${assessment.state}`,
                polls,
                elapsedMs: now() - started,
            };
        }
        const delay = nextDelay(unchanged, min, max, factor, random);
        await sleep(Math.min(delay, remaining), options.signal);
    }
}

;// CONCATENATED MODULE: ./src/build-ami/constants.ts
/** Input and output names of build-ami, defined once. */
const Input = {
    template: 'template',
    workingDirectory: 'working-directory',
    variables: 'variables',
    sensitiveVariables: 'sensitive-variables',
    varFiles: 'var-files',
    only: 'only',
    except: 'except',
    packerVersion: 'packer-version',
    packerMirror: 'packer-mirror',
    ssmParameter: 'ssm-parameter',
    tags: 'tags',
    keep: 'keep',
    namePrefix: 'name-prefix',
    deprecateAfter: 'deprecate-after',
    githubToken: 'github-token',
    amiWaitTimeout: 'ami-wait-timeout',
    publishTimeout: 'publish-timeout',
    region: 'region',
    maxAttempts: 'max-attempts',
    dryRun: 'dry-run',
};
const Output = {
    amiId: 'ami-id',
    amiIds: 'ami-ids',
    previousAmiId: 'previous-ami-id',
    retired: 'retired',
};
const ACTION = 'build-ami';
/**
 * The tag Packer puts on its builder instance through the template's `run_tags`, and the
 * template variable that carries its value: one value per run, so a cleanup finds exactly the
 * instances of this run.
 */
const RUN_TAG_KEY = 'infra-actions:run';
const RUN_VARIABLE = 'infra_actions_run';
/** The name of the state main hands to the post step. */
const STATE_CLEANUP = 'cleanup';
/** Packer's own delay between polls of its AWS waiters when the environment does not set one. */
const PACKER_DEFAULT_POLL_DELAY_SECONDS = 15;
/** How long terminating a leaked builder instance may take before the cleanup gives up on it. */
const TERMINATE_TIMEOUT_MS = 10 * 60_000;
/** Polling of Parameter Store and EC2 states. */
/**
 * How long the sweep tries to delete a builder's security group while EC2 answers
 * DependencyViolation after the instance terminated, and the longest pause between tries.
 * Packer's own cleanup allows about 25 s (5 tries, 5 s apart); the sweep runs when something
 * already went wrong, so it allows more.
 */
const GROUP_RELEASE_TIMEOUT_MS = 2 * 60_000;
const GROUP_RELEASE_MAX_DELAY_MS = 10_000;
const POLL_MIN_DELAY_MS = 250;
const POLL_MAX_DELAY_MS = 3000;
/** The download base of HashiCorp's releases. */
const DEFAULT_PACKER_MIRROR = 'https://releases.hashicorp.com/packer';

;// CONCATENATED MODULE: ./src/build-ami/cleanup.ts



const ALIVE = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];
// Packer's temporary names: `packer_` and its TimeOrderedUUID (packer-plugin-sdk's uuid package:
// 8-4-4-4-12 hex digits). The whole pattern, so that a key pair or group the template names
// `packer_ci` or `packer_builders` is never taken for one.
const PACKER_TEMPORARY = /^packer_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Whether a key pair or security group of a builder instance is Packer's temporary one. */
const isPackerTemporary = (name) => PACKER_TEMPORARY.test(name);
async function sweep(ec2, runTag, logger, announced = {}, timeoutMs = TERMINATE_TIMEOUT_MS, releaseTimeoutMs = GROUP_RELEASE_TIMEOUT_MS) {
    const result = { terminated: [], groups: [], keyPairs: [], problems: [] };
    const instances = await ec2.instancesTagged(RUN_TAG_KEY, runTag);
    const alive = instances.filter((i) => ALIVE.includes(i.State?.Name ?? ''));
    const groupIds = unique(instances.flatMap((i) => (i.SecurityGroups ?? [])
        .filter((g) => isPackerTemporary(g.GroupName ?? ''))
        .map((g) => g.GroupId ?? '')));
    const keyNames = unique([...instances.map((i) => i.KeyName ?? ''), ...(announced.keyPairs ?? [])].filter(isPackerTemporary));
    const groupNames = unique((announced.groups ?? []).filter(isPackerTemporary));
    // A builder that does not terminate in time still holds its groups, which EC2 would refuse to
    // delete; its key pair it does not hold (an instance keeps only a copy of the public key).
    let groupsFree = true;
    if (alive.length > 0) {
        const ids = alive.map((i) => i.InstanceId ?? '');
        const toTerminate = alive.filter((i) => i.State?.Name !== 'shutting-down').map((i) => i.InstanceId ?? '');
        logger.info(`Builder instance${ids.length === 1 ? '' : 's'} ${ids.join(', ')} of this run (${RUN_TAG_KEY}=${runTag}) ${ids.length === 1 ? 'is' : 'are'} still alive in ${ec2.region}: terminating.`);
        if (toTerminate.length > 0)
            await ec2.terminateInstances(toTerminate);
        result.terminated = ids;
        const wait = await waitFor({
            label: `builder instance${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`,
            poll: () => ec2.instances(ids),
            assess: (list) => {
                const states = list.map((i) => `${i.InstanceId} ${i.State?.Name}`);
                return { state: states.join(', '), done: list.every((i) => i.State?.Name === 'terminated') };
            },
            timeoutMs,
            minDelayMs: POLL_MIN_DELAY_MS,
            maxDelayMs: POLL_MAX_DELAY_MS,
            logger,
        });
        if (wait.outcome !== 'done') {
            result.problems.push(`${ids.join(', ')} did not reach terminated (${wait.reason ?? wait.state})${groupIds.length + groupNames.length > 0 ? ', so its security groups were left' : ''}`);
            groupsFree = false;
        }
    }
    // Groups by id (from the instances) and by name (from Packer's log): one that Packer created
    // before it was killed, and so before any instance used it, is known by name only.
    const groups = new Map();
    if (groupsFree && groupIds.length > 0)
        for (const g of await ec2.securityGroups(groupIds))
            groups.set(g.id, g.name);
    if (groupsFree && groupNames.length > 0)
        for (const g of await ec2.securityGroupsNamed(groupNames))
            groups.set(g.id, g.name);
    if (groups.size > 0) {
        for (const group of [...groups].map(([id, name]) => ({ id, name }))) {
            const problem = await deleteGroupOnceFree(ec2, group.id, logger, releaseTimeoutMs);
            if (problem)
                result.problems.push(`security group ${group.id} was not deleted: ${problem}`);
            else
                result.groups.push(`${group.id} (${group.name})`);
        }
    }
    if (keyNames.length > 0) {
        for (const name of await ec2.keyPairs(keyNames)) {
            try {
                await ec2.deleteKeyPair(name);
                result.keyPairs.push(name);
            }
            catch (error) {
                result.problems.push(`key pair ${name} was not deleted: ${(0,common_errors/* errorMessage */.gJ)(error)}`);
            }
        }
    }
    return result;
}
/**
 * Deletes a security group, trying again while EC2 answers DependencyViolation: a terminated
 * instance's network interface lets go of its groups some time after the instance reads
 * `terminated` (Packer's own cleanup tries 5 times, 5 s apart, for this). Returns why it was not
 * deleted, or undefined.
 */
async function deleteGroupOnceFree(ec2, id, logger, timeoutMs) {
    let last;
    const wait = await waitFor({
        label: `security group ${id}`,
        poll: async () => {
            try {
                await ec2.deleteSecurityGroup(id);
                return 'deleted';
            }
            catch (error) {
                if ((0,common_errors/* awsErrorCode */.J6)(error) !== 'DependencyViolation')
                    throw error;
                last = error;
                return 'in use';
            }
        },
        assess: (outcome) => outcome === 'deleted'
            ? { state: 'deleted', done: true }
            : { state: 'still held by a network interface of the terminated builder' },
        timeoutMs,
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: GROUP_RELEASE_MAX_DELAY_MS,
        logger,
    }).catch((error) => ({ outcome: 'error', error }));
    if (wait.outcome === 'done')
        return undefined;
    if (wait.outcome === 'error')
        return (0,common_errors/* errorMessage */.gJ)(wait.error);
    return `${(0,common_errors/* errorMessage */.gJ)(last)} (still, after ${timeoutMs / 1000}s)`;
}
/** The sweep's outcome in one sentence, or undefined when there was nothing to clean. */
function sweepSentence(result) {
    const done = [];
    if (result.terminated.length > 0)
        done.push(`terminated builder instance ${result.terminated.join(', ')}`);
    if (result.groups.length > 0)
        done.push(`deleted security group ${result.groups.join(', ')}`);
    if (result.keyPairs.length > 0)
        done.push(`deleted key pair ${result.keyPairs.join(', ')}`);
    const parts = [...done];
    if (result.problems.length > 0)
        parts.push(`but ${result.problems.join('; ')}`);
    return parts.length > 0 ? parts.join(', ') : undefined;
}
function unique(values) {
    return [...new Set(values.filter((v) => v !== ''))];
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/common/inputs.ts
var common_inputs = __nccwpck_require__(9184);
;// CONCATENATED MODULE: ./src/build-ami/template.ts


/**
 * The format a template file is written in, from its name (as Packer decides it): `.pkr.hcl` is
 * HCL2, `.pkr.json` is HCL2 in JSON syntax (so `hcl` too), any other `.json` is a legacy JSON
 * template; undefined for neither.
 */
function formatOf(path) {
    if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json'))
        return 'hcl';
    if (path.endsWith('.json'))
        return 'json';
    return undefined;
}
class TemplateError extends Error {
    name = 'TemplateError';
}
function analyseTemplate(format, files) {
    return format === 'json' ? analyseJson(files[0]) : analyseHcl(files);
}
/** The line (1-based) of the first occurrence of `needle` in `text`, or undefined. */
function lineOf(text, needle) {
    const at = text.indexOf(needle);
    return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}
function analyseJson(file) {
    let parsed;
    try {
        parsed = JSON.parse(file.text);
    }
    catch (error) {
        throw new TemplateError(`${file.path} is not valid JSON: ${error.message}`);
    }
    if (!isObject(parsed))
        throw new TemplateError(`${file.path} must hold a JSON object`);
    const variables = isObject(parsed.variables) ? Object.keys(parsed.variables) : [];
    const sensitive = Array.isArray(parsed['sensitive-variables'])
        ? parsed['sensitive-variables'].filter((v) => typeof v === 'string')
        : [];
    const builders = Array.isArray(parsed.builders) ? parsed.builders.filter(isObject) : [];
    const builds = builders.map((b) => String(b.name ?? b.type ?? ''));
    const builderTypes = {};
    const amiNames = {};
    builders.forEach((b, i) => {
        builderTypes[builds[i]] = String(b.type ?? '');
        if (typeof b.ami_name === 'string')
            amiNames[builds[i]] = b.ami_name;
    });
    // post-processors: a list of post-processors, names, or lists of them (a chain).
    const postProcessors = (Array.isArray(parsed['post-processors']) ? parsed['post-processors'] : [])
        .flat()
        .filter(isObject);
    const manifest = postProcessors.find((p) => p.type === 'manifest');
    return {
        format: 'json',
        files: [file],
        variables,
        sensitive,
        builds,
        builderTypes,
        amiNames,
        usesRunVariable: new RegExp(`user\\s+\`${RUN_VARIABLE}\``).test(file.text),
        manifest: manifest ? String(manifest.output ?? 'packer-manifest.json') : undefined,
    };
}
function analyseHcl(files) {
    const variables = [];
    const sensitive = [];
    const uses = [];
    const sourceAmiNames = new Map();
    const plugins = [];
    let usesRunVariable = false;
    let manifest;
    const add = (info) => {
        variables.push(...info.variables);
        sensitive.push(...info.sensitive);
        uses.push(...info.uses);
        for (const [source, name] of info.sourceAmiNames)
            sourceAmiNames.set(source, name);
        if (info.requiredPlugins)
            plugins.push(info.requiredPlugins);
        if (info.usesRunVariable)
            usesRunVariable = true;
        manifest ??= info.manifest;
    };
    for (const file of files)
        add(file.path.endsWith('.pkr.json') ? hclJson(file) : hclFile(file));
    const requiredPlugins = plugins.length > 0 ? plugins.map((p) => p.replace(/\s+/g, ' ').trim()).join(' | ') : undefined;
    const builderTypes = {};
    const amiNames = {};
    for (const use of uses) {
        builderTypes[use.build] = use.type;
        const amiName = use.amiName ?? sourceAmiNames.get(use.source);
        if (amiName !== undefined)
            amiNames[use.build] = amiName;
    }
    return {
        format: 'hcl',
        files,
        variables: template_unique(variables),
        sensitive: template_unique(sensitive),
        builds: template_unique(uses.map((u) => u.build)),
        builderTypes,
        amiNames,
        requiredPlugins,
        usesRunVariable,
        manifest,
    };
}
function hclFile(file) {
    const info = {
        variables: [],
        sensitive: [],
        uses: [],
        sourceAmiNames: new Map(),
        usesRunVariable: false,
    };
    const plugins = [];
    const masked = maskHcl(file.text);
    const blocks = hclBlocks(file.text, masked);
    for (const block of blocks) {
        const body = masked.slice(block.start, block.end);
        if (block.depth === 0 && block.type === 'variable' && block.labels[0]) {
            info.variables.push(block.labels[0]);
            if (/(^|\n)\s*sensitive\s*=\s*true\b/.test(body))
                info.sensitive.push(block.labels[0]);
        }
        if (block.depth === 0 && block.type === 'variables') {
            for (const m of body.matchAll(/(?:^|\n)\s*([A-Za-z_][\w-]*)\s*=/g))
                info.variables.push(m[1]);
        }
        if (block.depth === 0 && block.type === 'source' && block.labels.length === 2) {
            const amiName = stringAttribute(file.text, masked, block, 'ami_name');
            if (amiName !== undefined)
                info.sourceAmiNames.set(`${block.labels[0]}.${block.labels[1]}`, amiName);
        }
        if (block.depth === 0 && block.type === 'build')
            info.uses.push(...buildUses(file.text, masked, block, blocks));
        if (block.type === 'required_plugins')
            plugins.push(file.text.slice(block.start, block.end));
        if (block.type === 'post-processor' && block.labels[0] === 'manifest') {
            const output = /(?:^|\n)\s*output\s*=\s*"([^"]*)"/.exec(file.text.slice(block.start, block.end));
            info.manifest = output?.[1] ?? 'packer-manifest.json';
        }
    }
    if (plugins.length > 0)
        info.requiredPlugins = plugins.join(' | ');
    info.usesRunVariable = new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(stripComments(file.text));
    return info;
}
/**
 * The sources a build block uses, as Packer names its builds (`[build.]type.name`): those of its
 * `sources` list, then its own `source` blocks (whose `name` renames the build).
 */
function buildUses(text, masked, build, blocks) {
    const name = stringAttribute(text, masked, build, 'name');
    const prefix = name ? `${name}.` : '';
    const uses = [];
    const own = topLevel(masked, build);
    const list = /(?:^|\n)[ \t]*sources[ \t]*=[ \t]*\[/.exec(own);
    if (list) {
        const open = build.start + list.index + list[0].length;
        const close = own.indexOf(']', open - build.start);
        const items = masked.slice(open, close < 0 ? build.end : build.start + close);
        // The strings of the list, found in the masked text (so that none in a comment counts).
        for (const m of items.matchAll(/" *"/g)) {
            const at = open + m.index;
            const ref = sourceRef(text.slice(at + 1, at + m[0].length - 1));
            if (ref)
                uses.push({ build: `${prefix}${ref}`, type: ref.split('.')[0], source: ref });
        }
    }
    for (const block of blocks) {
        const inside = block.start > build.start && block.end < build.end && block.depth === build.depth + 1;
        const ref = inside && block.type === 'source' && block.labels.length === 1 && sourceRef(block.labels[0]);
        if (!ref)
            continue;
        const [type, sourceName] = ref.split('.');
        uses.push({
            build: `${prefix}${type}.${stringAttribute(text, masked, block, 'name') ?? sourceName}`,
            type,
            source: ref,
            amiName: stringAttribute(text, masked, block, 'ami_name'),
        });
    }
    return uses;
}
/** `source.type.name` (or `type.name`) as `type.name`; undefined for anything else. */
function sourceRef(ref) {
    const m = /^(?:source\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)$/.exec(ref);
    return m ? `${m[1]}.${m[2]}` : undefined;
}
/** A block's body with everything nested in it (blocks, objects, lists) blanked, offsets kept. */
function topLevel(masked, block) {
    let depth = 0;
    let out = '';
    for (let i = block.start; i < block.end; i++) {
        const ch = masked[i];
        if (ch === '}' || ch === ']' || ch === ')')
            depth = Math.max(0, depth - 1);
        out += depth > 0 && ch !== '\n' ? ' ' : ch;
        if (ch === '{' || ch === '[' || ch === '(')
            depth += 1;
    }
    return out;
}
/**
 * A block's own attribute whose whole value is one string literal (`name = "x"`, a comment
 * after it allowed), as written between the quotes; undefined when it is not set so.
 */
function stringAttribute(text, masked, block, name) {
    const own = topLevel(masked, block);
    const m = new RegExp(`(?:^|\\n)[ \\t]*${name}[ \\t]*=[ \\t]*"`).exec(own);
    if (!m)
        return undefined;
    const quote = block.start + m.index + m[0].length - 1;
    const end = stringEnd(text, quote);
    if (text[end - 1] !== '"' || end - 1 === quote)
        return undefined;
    if (!/^[ \t]*(?:\n|$)/.test(own.slice(end - block.start)))
        return undefined;
    return text.slice(quote + 1, end - 1).replace(/\\(["\\])/g, '$1');
}
/**
 * An HCL2 file in JSON syntax: `variable.<name>`, `source.<type>.<name>`, `build` (one object or
 * a list, with `sources` and its own `source` objects), `packer.required_plugins`.
 */
function hclJson(file) {
    let parsed;
    try {
        parsed = JSON.parse(file.text);
    }
    catch (error) {
        throw new TemplateError(`${file.path} is not valid JSON: ${error.message}`);
    }
    if (!isObject(parsed))
        throw new TemplateError(`${file.path} must hold a JSON object`);
    const variable = isObject(parsed.variable) ? parsed.variable : {};
    const source = isObject(parsed.source) ? parsed.source : {};
    const packer = isObject(parsed.packer) ? parsed.packer : {};
    const sourceAmiNames = new Map();
    for (const [type, named] of Object.entries(source))
        for (const [name, body] of Object.entries(isObject(named) ? named : {}))
            if (isObject(body) && typeof body.ami_name === 'string')
                sourceAmiNames.set(`${type}.${name}`, body.ami_name);
    const uses = [];
    for (const build of listOf(parsed.build)) {
        const prefix = typeof build.name === 'string' && build.name !== '' ? `${build.name}.` : '';
        for (const item of Array.isArray(build.sources) ? build.sources : []) {
            const ref = typeof item === 'string' ? sourceRef(item) : undefined;
            if (ref)
                uses.push({ build: `${prefix}${ref}`, type: ref.split('.')[0], source: ref });
        }
        for (const [label, bodies] of Object.entries(isObject(build.source) ? build.source : {})) {
            const ref = sourceRef(label);
            if (!ref)
                continue;
            const [type, sourceName] = ref.split('.');
            for (const body of listOf(bodies))
                uses.push({
                    build: `${prefix}${type}.${typeof body.name === 'string' ? body.name : sourceName}`,
                    type,
                    source: ref,
                    amiName: typeof body.ami_name === 'string' ? body.ami_name : undefined,
                });
        }
    }
    const plugins = packer.required_plugins;
    return {
        variables: Object.keys(variable),
        sensitive: Object.entries(variable)
            .filter(([, v]) => isObject(v) && v.sensitive === true)
            .map(([k]) => k),
        uses,
        sourceAmiNames,
        requiredPlugins: plugins === undefined ? undefined : JSON.stringify(plugins),
        usesRunVariable: new RegExp(`\\bvar\\.${RUN_VARIABLE}\\b`).test(file.text),
        manifest: /"manifest"/.test(file.text) ? 'packer-manifest.json' : undefined,
    };
}
/** A JSON value that is one object or a list of them, as a list of its objects. */
function listOf(value) {
    return (Array.isArray(value) ? value : [value]).filter(isObject);
}
/**
 * The text with comments replaced by spaces and the insides of strings and heredocs by spaces
 * (quotes kept), newlines kept: the same length, so offsets and line numbers stay the same.
 */
function maskHcl(text) {
    const out = text.split('');
    const blank = (from, to) => {
        for (let i = from; i < to && i < out.length; i++)
            if (out[i] !== '\n')
                out[i] = ' ';
    };
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        const next = text[i + 1];
        if (ch === '#' || (ch === '/' && next === '/')) {
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? text.length : end;
            blank(i, stop);
            i = stop;
        }
        else if (ch === '/' && next === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            blank(i, stop);
            i = stop;
        }
        else if (ch === '"') {
            const stop = stringEnd(text, i);
            blank(i + 1, stop - 1);
            i = stop;
        }
        else if (ch === '<' && next === '<') {
            const header = /^<<-?([A-Za-z_][\w-]*)[ \t]*\n/.exec(text.slice(i));
            if (!header) {
                i += 2;
                continue;
            }
            const bodyStart = i + header[0].length;
            const terminator = new RegExp(`\\n[ \\t]*${header[1]}[ \\t]*(?=\\n|$)`).exec(text.slice(bodyStart - 1));
            const stop = terminator ? bodyStart - 1 + terminator.index + terminator[0].length : text.length;
            blank(i, stop);
            i = stop;
        }
        else {
            i += 1;
        }
    }
    return out.join('');
}
/** The offset just past the closing quote of the string starting at `start` (interpolations may nest strings). */
function stringEnd(text, start) {
    let i = start + 1;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '\\')
            i += 2;
        else if (ch === '"')
            return i + 1;
        else if (ch === '\n')
            return i;
        else if ((ch === '$' || ch === '%') && text[i + 1] === '{') {
            // An interpolation or directive: skip to its matching brace, strings inside included.
            let depth = 0;
            for (i += 1; i < text.length; i++) {
                if (text[i] === '"')
                    i = stringEnd(text, i) - 1;
                else if (text[i] === '{')
                    depth += 1;
                else if (text[i] === '}' && --depth === 0)
                    break;
            }
            i += 1;
        }
        else
            i += 1;
    }
    return i;
}
function stripComments(text) {
    return text.replace(/\/\*[\s\S]*?\*\/|(?:#|\/\/)[^\n]*/g, ' ');
}
/** Every block (`type "label" ... {`), at any depth, with its body's offsets. */
function hclBlocks(text, masked) {
    const blocks = [];
    const header = /([A-Za-z_][\w-]*)((?:\s+"[^"\n]*")*)\s*\{/g;
    const open = [];
    const headers = new Map();
    for (const m of masked.matchAll(header)) {
        const brace = m.index + m[0].length - 1;
        // An attribute with an object value (`tags = {`) is not a block: the word must not follow `=`.
        const before = masked.slice(0, m.index).trimEnd();
        if (before.endsWith('='))
            continue;
        const labelsText = text.slice(m.index + m[1].length, brace);
        const labels = [...labelsText.matchAll(/"([^"\n]*)"/g)].map((l) => l[1]);
        headers.set(brace, { type: m[1], labels });
    }
    for (let i = 0; i < masked.length; i++) {
        if (masked[i] === '{')
            open.push(i);
        else if (masked[i] === '}') {
            const start = open.pop();
            if (start === undefined)
                continue;
            const head = headers.get(start);
            if (head)
                blocks.push({ ...head, start: start + 1, end: i, depth: open.length });
        }
    }
    return blocks.sort((a, b) => a.start - b.start);
}
/**
 * Whether a builder makes an AMI: the amazon builders do, but `amazon-ebsvolume`, which makes
 * EBS volumes only.
 */
function makesImage(builderType) {
    return builderType !== undefined && builderType.startsWith('amazon-') && builderType !== 'amazon-ebsvolume';
}
/** Packer's `-only` / `-except` matching: HCL names are globs over `type.name`; JSON names are exact. */
function matchesBuild(pattern, build, format) {
    if (format === 'json')
        return pattern === build;
    const source = pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*');
    return new RegExp(`^${source}$`).test(build);
}
/** The cache key of a template's plugins: its plugin requirements and the OS and architecture. */
function pluginCacheKey(requiredPlugins, platform, arch) {
    const digest = (0,external_node_crypto_.createHash)('sha256').update(requiredPlugins).digest('hex').slice(0, 16);
    return `infra-actions-packer-plugins-${platform}-${arch}-${digest}`;
}
function template_unique(values) {
    return [...new Set(values)];
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/build-ami/plan.ts




/** The builds `packer build` will run, given `only` / `except`. */
function selectedBuilds(inputs) {
    const { info, only, except } = inputs;
    return info.builds.filter((b) => (only.length === 0 || only.some((p) => matchesBuild(p, b, info.format))) &&
        !except.some((p) => matchesBuild(p, b, info.format)));
}
/** Whether a Packer version has `packer init` (added in 1.7.0). */
function supportsInit(version) {
    const [major, minor] = version.split('.').map(Number);
    return major > 1 || (major === 1 && minor >= 7);
}
/** Arguments shared by `packer validate` and `packer build`: build selection and variable files. */
function commonArgs(inputs, generatedVarFile) {
    const args = [];
    if (inputs.only.length > 0)
        args.push(`-only=${inputs.only.join(',')}`);
    if (inputs.except.length > 0)
        args.push(`-except=${inputs.except.join(',')}`);
    for (const file of inputs.varFiles)
        args.push(`-var-file=${relativeTo(inputs.workingDirectory, file)}`);
    if (generatedVarFile)
        args.push(`-var-file=${generatedVarFile}`);
    return args;
}
function validateArgs(inputs, generatedVarFile) {
    return ['validate', ...commonArgs(inputs, generatedVarFile), templateArg(inputs)];
}
function buildArgs(inputs, generatedVarFile) {
    return [
        'build',
        '-machine-readable',
        '-color=false',
        ...commonArgs(inputs, generatedVarFile),
        templateArg(inputs),
    ];
}
function templateArg(inputs) {
    return relativeTo(inputs.workingDirectory, inputs.templatePath);
}
function relativeTo(dir, path) {
    const rel = (0,external_node_path_.relative)(dir, path);
    return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
/**
 * Packer's environment: variables (sensitive ones as secrets), the run tag variable, the GitHub
 * token for `packer init`, the AMI wait expressed as Packer's waiter attempts
 * (`AWS_MAX_ATTEMPTS` at `AWS_POLL_DELAY_SECONDS`, which the amazon builders read when the
 * template's `aws_polling` does not set them), and no version check with HashiCorp.
 */
function packerEnvironment(inputs, env, pluginPath) {
    const out = {
        env: { CHECKPOINT_DISABLE: '1', PACKER_PLUGIN_PATH: pluginPath },
        secretEnv: {},
    };
    const delay = Number(env.AWS_POLL_DELAY_SECONDS) > 0
        ? Number(env.AWS_POLL_DELAY_SECONDS)
        : PACKER_DEFAULT_POLL_DELAY_SECONDS;
    out.env.AWS_POLL_DELAY_SECONDS = String(delay);
    out.env.AWS_MAX_ATTEMPTS = String(Math.max(1, Math.ceil(inputs.amiWaitTimeoutMs / 1000 / delay)));
    if (inputs.githubToken)
        out.secretEnv.PACKER_GITHUB_API_TOKEN = inputs.githubToken;
    const all = [...inputs.variables, [RUN_VARIABLE, inputs.runTag]];
    if (inputs.info.format === 'json') {
        out.varFile = Object.fromEntries(all);
        return out;
    }
    for (const [name, value] of all) {
        if (inputs.info.sensitive.includes(name))
            out.secretEnv[`PKR_VAR_${name}`] = value;
        else
            out.env[`PKR_VAR_${name}`] = value;
    }
    return out;
}
/** One parameter write per region the image exists in, each with that region's id. */
function planPublication(parameter, amis, previous) {
    return Object.keys(amis)
        .sort()
        .map((region) => ({ region, parameter, previous: previous[region], next: amis[region] }));
}
/**
 * Which images of one region stay: the newest `keep` of the name prefix (the one just built
 * among them), then every older one that is protected (held by the parameter now or before
 * this run, used by a launch template version, or under deregistration protection) is skipped
 * with its reason; the rest are deregistered, or deprecated with `deprecate-after`.
 */
function planRetention(input) {
    // An image that is not available (pending while a concurrent build still creates it, failed)
    // is left alone and takes no place among the newest: it may never become one.
    const unsettled = (image) => image.imageId !== input.newImageId && image.state !== undefined && image.state !== 'available';
    const newest = input.images
        .filter((image) => !unsettled(image))
        .sort((a, b) => (a.imageId === input.newImageId ? -1 : 0) - (b.imageId === input.newImageId ? -1 : 0) ||
        b.creationDate.localeCompare(a.creationDate) ||
        a.imageId.localeCompare(b.imageId));
    const baseOf = (image) => ({
        region: input.region,
        imageId: image.imageId,
        name: image.name,
        snapshots: image.snapshots,
    });
    const ranked = newest.map((image, index) => {
        const base = baseOf(image);
        if (image.imageId === input.newImageId)
            return { ...base, action: 'keep', reason: 'built by this run' };
        if (index < input.keep)
            return { ...base, action: 'keep', reason: `among the newest ${input.keep}` };
        const held = input.protectedBy.get(image.imageId);
        if (held)
            return { ...base, action: 'skip', reason: held };
        if (image.protection?.startsWith('enabled'))
            return { ...base, action: 'skip', reason: `deregistration protection is ${image.protection}` };
        if (input.deprecateAt) {
            if (image.deprecationTime && new Date(image.deprecationTime) <= input.deprecateAt)
                return { ...base, action: 'keep', reason: `already deprecated from ${image.deprecationTime}` };
            return { ...base, action: 'deprecate', reason: `older than the newest ${input.keep}` };
        }
        return { ...base, action: 'deregister', reason: `older than the newest ${input.keep}` };
    });
    const left = input.images.filter(unsettled).map((image) => ({
        ...baseOf(image),
        action: 'skip',
        reason: `its state is ${image.state}`,
    }));
    return [...ranked, ...left];
}
/**
 * Whether an image named `name` belongs to the series of `prefix`. A prefix derived from the new
 * image's name `newName` (see seriesOf) takes only names of the same series, so that `api-` from
 * `api-v1.2.3` leaves `api-worker-v7` alone and `web-` from `web-20240101-prod` leaves
 * `web-20240101-staging` alone; a given `name-prefix` takes every name that starts with it, as
 * the input says.
 */
function inSeries(name, prefix, newName) {
    if (newName === undefined)
        return name.startsWith(prefix);
    const mine = seriesOf(name);
    const theirs = seriesOf(newName);
    return (mine !== undefined &&
        theirs !== undefined &&
        mine.prefix === prefix &&
        theirs.prefix === prefix &&
        mine.suffix === theirs.suffix);
}
/**
 * The series of an image, from its name. The prefix is everything before the version or
 * timestamp the name ends with (`api-v1.2.3-20261201` and `api-1796161284` give `api-`,
 * `al2023-api-1796161284` gives `al2023-api-`). That ending starts after a separator with a digit
 * (or `v` and a digit) and holds no word (`rc1` and `10T12Z` are not words, `api` is), so that
 * `ubuntu-22.04-api-1796161284` gives `ubuntu-22.04-api-` and leaves the `ubuntu-22.04-worker-`
 * series alone. A name whose every version is followed by a word (`web-20240101-prod`,
 * `api-1.2.3-linux`, `app-1.0-SNAPSHOT`) has the prefix before its first version, and the
 * words after that version as its suffix (`-prod`), which the series' names share. Undefined
 * when the name has no version after a separator, or too short a prefix (under 3 characters);
 * then `name-prefix` must be given.
 */
function seriesOf(name) {
    const cuts = [...name.matchAll(/[-_. ](?=v?\d)/g)].map((m) => m.index + 1);
    for (const cut of cuts) {
        const ending = name.slice(cut);
        if (/^v?\d[\w.:+-]*$/.test(ending) && !ending.split(/[-_.:+]/).some(isWord))
            return cut >= 3 ? { prefix: name.slice(0, cut), suffix: '' } : undefined;
    }
    const cut = cuts[0];
    if (cut === undefined || cut < 3)
        return undefined;
    // The version runs up to the first part that is a word (or holds more than letters and digits).
    const parts = name.slice(cut).split(/(?=[-_.:+ ])/);
    const words = parts.findIndex((part, i) => i > 0 && (isWord(part.slice(1)) || !/^[0-9A-Za-z]*$/.test(part.slice(1))));
    return { prefix: name.slice(0, cut), suffix: words < 0 ? '' : parts.slice(words).join('') };
}
function isWord(part) {
    return /^[A-Za-z]{2,}$/.test(part);
}
/** The name prefix that groups a series of images, from the name of one of them (see seriesOf). */
function derivePrefix(name) {
    return seriesOf(name)?.prefix;
}
/**
 * A name a template's `ami_name` gives, to check before the build: `{{timestamp}}` as a Unix
 * time. Undefined when it holds any other interpolation or directive, whose value is not known
 * before Packer runs.
 */
function sampleName(amiName) {
    const sample = amiName.replace(/\{\{\s*timestamp\s*\}\}/g, '1796161284');
    return /\{\{|\$\{|%\{/.test(sample) ? undefined : sample;
}
/** The deprecation time for `deprecate-after`: EC2 rounds it to the minute, so round up. */
function deprecationTime(now, afterMs) {
    const at = new Date(now.getTime() + afterMs);
    if (at.getUTCSeconds() !== 0 || at.getUTCMilliseconds() !== 0) {
        at.setUTCSeconds(0, 0);
        at.setUTCMinutes(at.getUTCMinutes() + 1);
    }
    return at;
}
/** The plan in readable lines, for the log (and the dry run). */
function describePlan(inputs, plan) {
    const lines = [];
    const packer = plan.packer.source.kind === 'install'
        ? `Packer ${plan.packer.source.version}, installed from ${inputs.packerMirror}`
        : `Packer ${plan.packer.source.version} at ${plan.packer.source.path}`;
    lines.push(`Template: ${inputs.template} (${inputs.info.format === 'hcl' ? 'HCL2' : 'JSON'}), with ${packer}.`);
    lines.push(plan.builds.length > 0
        ? `Builds: ${plan.builds.join(', ')}.`
        : `Builds: as the template declares them (none could be listed before Packer runs).`);
    if (plan.init)
        lines.push('Plugins: packer init installs the plugins the template requires.');
    if (plan.variables.length > 0)
        lines.push(`Variables: ${plan.variables
            .map((v) => (inputs.info.sensitive.includes(v) ? `${v} (sensitive)` : v))
            .join(', ')}.`);
    lines.push(inputs.info.usesRunVariable
        ? `Builder instance: tagged ${RUN_TAG_KEY}=${inputs.runTag} through var.${RUN_VARIABLE}, so a cleanup finds it if the run is killed.`
        : `Builder instance: the template does not use var.${RUN_VARIABLE} in run_tags, so a killed run's builder cannot be found by its tag.`);
    if (inputs.tags.length > 0)
        lines.push(`Tags for the images and snapshots: ${inputs.tags.map(([k, v]) => `${k}=${v}`).join(', ')}.`);
    lines.push(inputs.ssmParameter
        ? `Publish: ${inputs.ssmParameter} (data type aws:ec2:image) in every region the image exists in, each with that region's id.`
        : `Publish: nothing ('${Input.ssmParameter}' is not set).`);
    const r = inputs.retention;
    if (r) {
        const prefix = r.namePrefix ? `named ${r.namePrefix}*` : 'of the same name prefix as the new image';
        const how = r.deprecateAfterMs !== undefined
            ? `deprecate the older ones ${formatDuration(r.deprecateAfterMs)} from now`
            : 'deregister the older ones with their snapshots';
        lines.push(`Retire: keep the newest ${r.keep} images ${prefix} in each region and ${how}; never the new image, the parameter's values, images a launch template uses, or protected ones.`);
    }
    else
        lines.push(`Retire: nothing ('${Input.keep}' is not set).`);
    lines.push(`AMI waits: up to ${formatDuration(inputs.amiWaitTimeoutMs)} (Packer's waiter attempts).`);
    return lines;
}
/** The file name of a template for messages. */
function templateName(inputs) {
    return basename(inputs.templatePath);
}

;// CONCATENATED MODULE: ./src/build-ami/inputs.ts










const VARIABLE_NAME = /^[A-Za-z_][\w-]*$/;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/;
const TEN_YEARS_MS = 10 * 365 * 86_400_000;
function getInputs(env = process.env) {
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const workingDirectory = parseWorkingDirectory((0,common_inputs/* getOptionalInput */.lI)(Input.workingDirectory), workspace);
    const template = (0,common_inputs/* getRequiredInput */.K1)(Input.template);
    const { path: templatePath, info } = readTemplate(template, workingDirectory, workspace);
    const sensitive = getSensitiveVariables();
    const variables = (0,common_inputs/* getKeyValueInput */.L7)(Input.variables, {
        keyPattern: VARIABLE_NAME,
        keyDescription: 'template variable names (letters, digits, _ and -, not starting with a digit)',
    });
    for (const [name] of sensitive)
        if (variables.some(([other]) => other === name))
            throw new common_errors/* UserError */.yo(`Input '${Input.variables}' and input '${Input.sensitiveVariables}' both set ${JSON.stringify(name)}; set it in one of them.`);
    checkVariables(variables, info, template);
    checkVariables(sensitive, info, template, Input.sensitiveVariables);
    variables.push(...sensitive);
    for (const [name, value] of variables)
        if (info.sensitive.includes(name))
            addSecret(value);
    const only = (0,common_inputs/* getListInput */.DF)(Input.only);
    const except = (0,common_inputs/* getListInput */.DF)(Input.except);
    (0,common_inputs/* exclusive */.jC)({ [Input.only]: only, [Input.except]: except });
    checkBuilds(Input.only, only, info, template);
    checkBuilds(Input.except, except, info, template);
    const packerVersion = parsePackerVersion((0,common_inputs/* getOptionalInput */.lI)(Input.packerVersion));
    const packerMirror = parseMirror((0,common_inputs/* getOptionalInput */.lI)(Input.packerMirror));
    const region = (0,aws/* resolveRegion */.Zv)((0,common_inputs/* getOptionalInput */.lI)(Input.region), env, Input.region);
    const inputs = {
        workspace,
        workingDirectory,
        template,
        templatePath,
        info,
        variables,
        sensitiveNames: sensitive.map(([name]) => name),
        varFiles: parseVarFiles((0,common_inputs/* getListInput */.DF)(Input.varFiles), workingDirectory),
        only,
        except,
        packerVersion,
        packerMirror,
        ssmParameter: parseParameterName((0,common_inputs/* getOptionalInput */.lI)(Input.ssmParameter)),
        tags: parseTags((0,common_inputs/* getKeyValueInput */.L7)(Input.tags)),
        retention: parseRetention((0,common_inputs/* getIntInput */.ML)(Input.keep, { min: 1, max: 1000 }), (0,common_inputs/* getOptionalInput */.lI)(Input.namePrefix), (0,common_inputs/* getOptionalInput */.lI)(Input.deprecateAfter)),
        githubToken: (0,common_inputs/* getSecretInput */.zn)(Input.githubToken),
        amiWaitTimeoutMs: (0,common_inputs/* getDurationInput */.l0)(Input.amiWaitTimeout, '1h', { min: 60_000, max: 24 * 3_600_000 }),
        publishTimeoutMs: (0,common_inputs/* getDurationInput */.l0)(Input.publishTimeout, '2m', { min: 1000, max: 30 * 60_000 }),
        dryRun: (0,common_inputs/* getBooleanInput */.Vt)(Input.dryRun, false),
        aws: {
            region,
            maxAttempts: (0,aws/* getMaxAttemptsInput */.$2)(Input.maxAttempts),
            action: ACTION,
        },
        runTag: runTagOf(env),
    };
    // Publishing and retention take one image: refused here, not once Packer has built them all.
    // The builds are those Packer runs (a source no build block uses is not one), by builder type.
    const imageBuilds = selectedBuilds(inputs).filter((b) => makesImage(info.builderTypes[b]));
    if (imageBuilds.length > 1 && (inputs.ssmParameter || inputs.retention))
        throw new common_errors/* UserError */.yo(`${template} selects ${imageBuilds.length} builds that make AMIs (${imageBuilds.join(', ')}), but '${Input.ssmParameter}' and '${Input.keep}' apply to one; select one build with '${Input.only}'.`);
    if (inputs.retention && inputs.retention.namePrefix === undefined)
        checkDerivablePrefix(imageBuilds, info, template);
    if (packerMirror !== DEFAULT_PACKER_MIRROR && !packerVersion)
        throw new common_errors/* UserError */.yo(`Input '${Input.packerMirror}' is set but '${Input.packerVersion}' is not; set the Packer version to install from the mirror.`);
    return inputs;
}
/** One value per run and job: the run id and attempt, and a random part so parallel jobs differ. */
function runTagOf(env) {
    const run = env.GITHUB_RUN_ID ?? 'local';
    const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
    return `run-${run}-${attempt}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
function parseWorkingDirectory(value, workspace) {
    const dir = value === undefined ? workspace : (0,external_node_path_.isAbsolute)(value) ? value : (0,external_node_path_.resolve)(workspace, value);
    if (!(0,external_node_fs_.existsSync)(dir) || !(0,external_node_fs_.statSync)(dir).isDirectory())
        throw new common_errors/* UserError */.yo(`Input '${Input.workingDirectory}' names ${JSON.stringify(value)}, which is not a directory in the workspace.`);
    return dir;
}
/** Reads the template (a file, or a directory of `.pkr.hcl` / `.pkr.json` files) and analyses it. */
function readTemplate(template, workingDirectory, workspace) {
    const path = (0,external_node_path_.isAbsolute)(template) ? template : (0,external_node_path_.resolve)(workingDirectory, template);
    const shown = (file) => {
        const rel = (0,external_node_path_.relative)(workspace, file);
        return rel.startsWith('..') ? file : rel;
    };
    if (!(0,external_node_fs_.existsSync)(path))
        throw new common_errors/* UserError */.yo(`Input '${Input.template}' names ${JSON.stringify(template)}, which does not exist in ${shown(workingDirectory) || 'the workspace'}; give a .pkr.hcl or .json template file or a directory of .pkr.hcl files.`);
    let files;
    let format;
    if ((0,external_node_fs_.statSync)(path).isDirectory()) {
        const names = (0,external_node_fs_.readdirSync)(path)
            .filter((n) => n.endsWith('.pkr.hcl') || n.endsWith('.pkr.json'))
            .sort();
        if (names.length === 0)
            throw new common_errors/* UserError */.yo(`Input '${Input.template}' names the directory ${JSON.stringify(template)}, which holds no .pkr.hcl or .pkr.json files.`);
        files = names.map((n) => ({ path: shown((0,external_node_path_.join)(path, n)), text: (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(path, n), 'utf8') }));
        format = 'hcl';
    }
    else {
        const detected = formatOf(path);
        if (!detected)
            throw new common_errors/* UserError */.yo(`Input '${Input.template}' must be a .pkr.hcl, .pkr.json or .json template file or a directory; got ${JSON.stringify(template)}.`);
        format = detected;
        files = [{ path: shown(path), text: (0,external_node_fs_.readFileSync)(path, 'utf8') }];
    }
    try {
        return { path, info: analyseTemplate(format, files) };
    }
    catch (error) {
        if (error instanceof TemplateError)
            throw new common_errors/* UserError */.yo(`The template ${error.message}.`);
        throw error;
    }
}
/**
 * `sensitive-variables`: KEY=VALUE lines whose values are secrets (a reusable workflow's inputs
 * are printed with the step's inputs before an action can mask them; a secret is not). Every
 * value, and every line, is masked before the lines are read, so that no sentence shows one;
 * one line per variable, never split at commas.
 */
function getSensitiveVariables() {
    const text = (0,common_inputs/* getOptionalInput */.lI)(Input.sensitiveVariables) ?? '';
    for (const line of text.split(/\r?\n/)) {
        addSecret(line);
        const at = line.indexOf('=');
        if (at > 0)
            addSecret(line.slice(at + 1));
    }
    return (0,common_inputs/* parseKeyValues */.Hl)(Input.sensitiveVariables, `${text}\n`, {
        keyPattern: VARIABLE_NAME,
        keyDescription: 'template variable names (letters, digits, _ and -, not starting with a digit)',
    });
}
/** Every variable set must be one the template declares (Packer ignores unknown ones given through the environment). */
function checkVariables(variables, info, template, input = Input.variables) {
    // The run's own variable is the action's to set, so it is not offered as one to set.
    const declared = info.variables.filter((name) => name !== RUN_VARIABLE);
    for (const [name] of variables) {
        if (name === RUN_VARIABLE)
            throw new common_errors/* UserError */.yo(`Input '${input}' sets ${RUN_VARIABLE}, which the action sets itself (the run's tag); remove it.`);
        if (!info.variables.includes(name))
            throw new common_errors/* UserError */.yo(`Input '${input}' sets ${JSON.stringify(name)}, which ${template} does not declare${declared.length > 0 ? ` (it declares ${declared.join(', ')})` : ' (it declares no variables)'}.`);
    }
}
/** Each `only` / `except` name must match a build of the template, or Packer silently builds nothing. */
function checkBuilds(input, names, info, template) {
    if (info.builds.length === 0)
        return;
    for (const name of names) {
        if (!info.builds.some((b) => matchesBuild(name, b, info.format)))
            throw new common_errors/* UserError */.yo(`Input '${input}' names the build ${JSON.stringify(name)}, which ${template} does not have; its builds are ${info.builds.join(', ')}.`);
    }
}
/**
 * Without 'name-prefix', 'keep' groups images by the prefix of the new image's name (see
 * derivePrefix). A name the template gives so that no build could have one (no separator and a
 * version or timestamp after it) is refused before Packer runs, not after the build; a name
 * whose parts come from variables or functions other than {{timestamp}} is not known until then.
 */
function checkDerivablePrefix(builds, info, template) {
    for (const build of builds) {
        const amiName = info.amiNames[build];
        const sample = amiName === undefined ? undefined : sampleName(amiName);
        if (sample !== undefined && derivePrefix(sample) === undefined)
            throw new common_errors/* UserError */.yo(`${template} names the image of ${build} ${JSON.stringify(amiName)}, which has no version or timestamp after a separator to group old images by, so set '${Input.namePrefix}' for '${Input.keep}'.`);
    }
}
function parseVarFiles(files, workingDirectory) {
    return files.map((file) => {
        const path = (0,external_node_path_.isAbsolute)(file) ? file : (0,external_node_path_.resolve)(workingDirectory, file);
        if (!(0,external_node_fs_.existsSync)(path) || !(0,external_node_fs_.statSync)(path).isFile())
            throw new common_errors/* UserError */.yo(`Input '${Input.varFiles}' names ${JSON.stringify(file)}, which is not a file in the working directory.`);
        return path;
    });
}
function parsePackerVersion(value) {
    if (value === undefined)
        return undefined;
    const version = value.replace(/^v/, '');
    if (!VERSION.test(version))
        throw new common_errors/* UserError */.yo(`Input '${Input.packerVersion}' must be a Packer release such as 1.11.2; got ${JSON.stringify(value)}.`);
    return version;
}
function parseMirror(value) {
    if (value === undefined)
        return DEFAULT_PACKER_MIRROR;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = new URL('invalid:');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new common_errors/* UserError */.yo(`Input '${Input.packerMirror}' must be an http(s) URL laid out like ${DEFAULT_PACKER_MIRROR}; got ${JSON.stringify(value)}.`);
    return value.replace(/\/+$/, '');
}
/**
 * A Parameter Store name for the AMI id: a full path (`/app/prod/ami-id`), by SSM's rules
 * (SSM User Guide, "Requirements and constraints for parameter names"): letters, digits and
 * `_.-/`, at most 15 levels, not under the reserved `/aws` or `/ssm` prefixes, at most 1011
 * characters.
 */
function parseParameterName(value) {
    if (value === undefined)
        return undefined;
    const fail = (why) => {
        throw new common_errors/* UserError */.yo(`Input '${Input.ssmParameter}' must be a Parameter Store path such as /app/prod/ami-id; ${JSON.stringify(value)} ${why}.`);
    };
    if (!value.startsWith('/'))
        fail("does not start with '/'");
    if (!/^[A-Za-z0-9_.\-/]+$/.test(value))
        fail('holds characters other than letters, digits and _.-/');
    if (value.endsWith('/') || value.includes('//'))
        fail('has an empty level');
    // "Parameter names can't be prefixed with "aws" or "ssm" (case-insensitive)" (PutParameter, Name).
    if (/^\/(aws|ssm)/i.test(value))
        fail('starts with aws or ssm, which AWS reserves (in any case)');
    if (value.split('/').length - 1 > 15)
        fail('is more than 15 levels deep');
    if (value.length > 1011)
        fail('is longer than 1011 characters');
    return value;
}
/** EC2 tags (EC2 User Guide, "Tag restrictions"): at most 50, keys up to 128 characters and not `aws:`, values up to 256. */
function parseTags(tags) {
    if (tags.length > 50)
        throw new common_errors/* UserError */.yo(`Input '${Input.tags}' has ${tags.length} tags; EC2 allows at most 50 per resource, the tags the template gives the image included.`);
    for (const [key, value] of tags) {
        if (key.toLowerCase().startsWith('aws:'))
            throw new common_errors/* UserError */.yo(`Input '${Input.tags}' has the key ${JSON.stringify(key)}; keys starting with aws: are reserved.`);
        if (key.length > 128 || value.length > 256)
            throw new common_errors/* UserError */.yo(`Input '${Input.tags}' has the tag ${JSON.stringify(key)}, longer than EC2 allows (keys 128, values 256 characters).`);
    }
    return tags;
}
function parseRetention(keep, namePrefix, deprecateAfter) {
    if (keep === undefined) {
        const set = namePrefix !== undefined
            ? Input.namePrefix
            : deprecateAfter !== undefined
                ? Input.deprecateAfter
                : undefined;
        if (set)
            throw new common_errors/* UserError */.yo(`Input '${set}' is set but '${Input.keep}' is not; set how many of the newest images to keep.`);
        return undefined;
    }
    if (namePrefix !== undefined && !/^[\w ()./\-'@[\]{}]{3,}$/.test(namePrefix))
        throw new common_errors/* UserError */.yo(`Input '${Input.namePrefix}' must be the start of an AMI name, at least 3 of the characters AMI names allow; got ${JSON.stringify(namePrefix)}.`);
    const deprecateAfterMs = deprecateAfter === undefined
        ? undefined
        : (0,common_inputs/* parseDuration */.E9)(Input.deprecateAfter, deprecateAfter, { min: 60_000, max: TEN_YEARS_MS });
    return { keep, namePrefix, deprecateAfterMs };
}

;// CONCATENATED MODULE: ./src/build-ami/report.ts





/** Reporting: the outputs, annotations, and the job summary. */
function setOutputs(ctx) {
    const region = ctx.inputs.aws.region;
    const amiId = ctx.amis[region] ?? Object.values(ctx.amis)[0] ?? '';
    lib_core/* setOutput */.uH(Output.amiId, amiId);
    lib_core/* setOutput */.uH(Output.amiIds, JSON.stringify(ctx.amis));
    lib_core/* setOutput */.uH(Output.previousAmiId, ctx.previous?.value ?? '');
    lib_core/* setOutput */.uH(Output.retired, JSON.stringify(retiredList(ctx.retirements)));
}
/** What `retired` lists: every image deregistered, deprecated or skipped (kept against its age), with why. */
function retiredList(retirements) {
    return retirements
        .filter((r) => r.outcome !== 'kept' && r.outcome !== 'planned')
        .map((r) => ({
        region: r.region,
        imageId: r.imageId,
        name: r.name,
        action: r.outcome,
        reason: r.error ?? r.reason,
        snapshots: r.outcome === 'deregistered' ? (r.deletedSnapshots ?? []) : r.snapshots,
        ...(r.deprecateAt ? { deprecateAt: r.deprecateAt } : {}),
    }));
}
/** Validation errors as annotations on the template's file and line. */
function annotate(annotations) {
    for (const a of annotations) {
        lib_core/* error */.z3(a.message, {
            title: 'packer validate',
            file: a.file,
            startLine: a.line,
            startColumn: a.column,
        });
    }
}
const report_OUTCOME_TEXT = {
    kept: '✅ kept',
    deregistered: '🗑️ deregistered',
    deprecated: '⏳ deprecated',
    skipped: '🛡️ kept',
    failed: '❌ failed',
    planned: '📝 planned',
};
async function writeSummary(ctx, timeline, headline, logger) {
    const { inputs } = ctx;
    const summary = new SummaryBuilder().heading(`Build AMI: ${inputs.template}`).paragraph(headline);
    summary.facts([
        [
            'Packer',
            ctx.packerVersion
                ? `${ctx.packerVersion}${ctx.setup?.source.kind === 'install' ? ' (installed)' : ''}`
                : undefined,
        ],
        ['Packer time', ctx.packerMs > 0 ? formatDuration(ctx.packerMs) : undefined],
        ['Plugin cache', ctx.cache ? `${ctx.cache.status} (${ctx.cache.key})` : undefined],
        ['Builder cleanup', ctx.sweep ? (sweepSentence(ctx.sweep) ?? 'nothing left behind') : undefined],
    ]);
    const regions = Object.keys(ctx.amis).sort();
    if (regions.length > 0) {
        summary.heading('Images', 3);
        summary.table(['Region', 'AMI', 'Name', 'Snapshots'], regions.map((region) => {
            const image = ctx.images.get(region);
            return [
                region,
                `[${ctx.amis[region]}](${imageUrl(region, ctx.amis[region])})`,
                image?.Name,
                (image?.BlockDeviceMappings ?? [])
                    .map((m) => m.Ebs?.SnapshotId)
                    .filter(Boolean)
                    .join(', '),
            ];
        }));
    }
    if (ctx.publications.length > 0) {
        summary.heading(`Parameter ${inputs.ssmParameter}`, 3);
        summary.table(['Region', 'Before', 'After', 'Version', 'Verified'], ctx.publications.map((p) => [
            p.region,
            p.previous ?? '(absent)',
            p.next,
            p.version,
            p.reverted
                ? `↩️ put back to ${p.previous ?? '(absent)'}`
                : p.revertUnconfirmed
                    ? `⚠️ written back to ${p.previous ?? '(absent)'}, not seen to land`
                    : p.verified
                        ? '✅'
                        : `❌ ${p.error ?? ''}`,
        ]));
    }
    if (ctx.retirements.length > 0) {
        summary.heading('Retirement', 3);
        summary.table(['Region', 'Image', 'Name', 'Result', 'Why'], ctx.retirements.map((r) => [
            r.region,
            r.imageId,
            r.name,
            report_OUTCOME_TEXT[r.outcome],
            r.error ?? r.reason,
        ]));
    }
    summary.timeline(timeline);
    summary.awsCalls(ctx.calls.callCounts());
    summary.inputs({
        [Input.template]: inputs.template,
        [Input.workingDirectory]: inputs.workingDirectory,
        [Input.variables]: inputs.variables
            .filter(([k]) => !inputs.sensitiveNames.includes(k))
            .map(([k, v]) => `${k}=${inputs.info.sensitive.includes(k) ? '***' : v}`)
            .join('\n'),
        [Input.sensitiveVariables]: inputs.sensitiveNames.map((k) => `${k}=***`).join('\n'),
        [Input.only]: inputs.only.join(', '),
        [Input.except]: inputs.except.join(', '),
        [Input.packerVersion]: inputs.packerVersion,
        [Input.ssmParameter]: inputs.ssmParameter,
        [Input.tags]: inputs.tags.map(([k, v]) => `${k}=${v}`).join('\n'),
        [Input.keep]: inputs.retention?.keep,
        [Input.namePrefix]: inputs.retention?.namePrefix,
        [Input.deprecateAfter]: inputs.retention?.deprecateAfterMs !== undefined
            ? formatDuration(inputs.retention.deprecateAfterMs)
            : undefined,
        [Input.githubToken]: inputs.githubToken ? 'set' : undefined,
        [Input.amiWaitTimeout]: formatDuration(inputs.amiWaitTimeoutMs),
        [Input.region]: inputs.aws.region,
        [Input.dryRun]: inputs.dryRun,
    }, [Input.githubToken]);
    await summary.write(logger);
}
/** The EC2 console page of an image (its fragment comes after the query, which consoleUrl would not do). */
function imageUrl(region, id) {
    const host = region.startsWith('cn-') ? 'console.amazonaws.cn' : 'console.aws.amazon.com';
    return `https://${region}.${host}/ec2/home?region=${region}#ImageDetails:imageId=${id}`;
}
/** The one line above the tables. */
function headline(ctx, failure) {
    if (failure)
        return `❌ ${failure}`;
    if (ctx.inputs.dryRun)
        return '📝 Dry run: the template is valid; nothing was built, published or retired.';
    const regions = Object.keys(ctx.amis).sort();
    const parts = [
        regions.length > 0
            ? `✅ Built ${regions.map((r) => `${ctx.amis[r]} (${r})`).join(', ')}`
            : '✅ Built (no AMI among the artifacts)',
    ];
    if (ctx.publications.length > 0)
        parts.push(`published to ${ctx.inputs.ssmParameter}`);
    const retired = ctx.retirements.filter((r) => r.outcome === 'deregistered' || r.outcome === 'deprecated');
    if (ctx.inputs.retention)
        parts.push(`${retired.length} old image${retired.length === 1 ? '' : 's'} retired`);
    return parts.join(' · ');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
;// CONCATENATED MODULE: ./src/common/process.ts






class ProcessError extends Error {
    result;
    name = 'ProcessError';
    constructor(result) {
        super(describeExit(result));
        this.result = result;
    }
}
/** Quotes an argument for display the way a POSIX shell would need it. */
function shellQuote(arg) {
    if (arg === '')
        return "''";
    if (/^[\w@%+=:,./-]+$/.test(arg))
        return arg;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}
function describeExit(result) {
    const name = (0,external_node_path_.basename)(result.command.split(' ')[0]);
    const tail = result.stderrTail.length > 0 ? `: ${result.stderrTail.slice(-3).join(' | ')}` : '';
    if (result.cancelled)
        return `${name} was stopped because the run was cancelled`;
    if (result.timedOut)
        return `${name} did not finish within its time limit and was stopped${tail}`;
    if (result.signal)
        return `${name} was killed by ${result.signal}${tail}`;
    return `${name} exited with code ${result.exitCode}${tail}`;
}
/** The tools still running, so none outlives the action. */
const running = new Set();
process.once('exit', () => {
    for (const child of running)
        signalGroup(child, 'SIGKILL');
});
function signalGroup(child, signal) {
    try {
        if (child.pid !== undefined)
            process.kill(-child.pid, signal);
    }
    catch {
        // The group is gone already, or was never made: signal the process itself.
        child.kill(signal);
    }
}
function spawnProcess(command, args, options = {}) {
    const logger = options.logger;
    for (const value of Object.values(options.secretEnv ?? {}))
        addSecret(value);
    const display = options.display ?? [command, ...args].map(shellQuote).join(' ');
    logger?.info(`$ ${secrets_redact(display)}`);
    const env = { ...process.env };
    for (const [key, value] of Object.entries({ ...options.env, ...options.secretEnv })) {
        if (value === undefined)
            delete env[key];
        else
            env[key] = value;
    }
    const stdinMode = options.stdin === undefined ? 'ignore' : 'pipe';
    // Each tool runs in a process group of its own, and signals go to the whole group, as a
    // terminal's Ctrl-C does: a tool's own children (Packer's provisioner scripts) are interrupted
    // too, and the tool sees the interrupt it was written to handle.
    const child = (0,external_node_child_process_.spawn)(command, args, {
        cwd: options.cwd,
        env,
        stdio: [stdinMode, 'pipe', 'pipe'],
        detached: true,
    });
    running.add(child);
    const stdout = child.stdout;
    const stderr = child.stderr;
    const started = Date.now();
    const keep = options.keepStderrLines ?? 20;
    const stderrTail = [];
    let timedOut = false;
    let cancelled = false;
    const grace = options.graceMs ?? 10_000;
    const timers = [];
    // Interrupt first, so the tool can clean up; then terminate; then kill.
    const stop = () => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        signalGroup(child, 'SIGINT');
        timers.push(setTimeout(() => {
            if (child.exitCode === null && child.signalCode === null)
                signalGroup(child, 'SIGTERM');
            timers.push(setTimeout(() => {
                if (child.exitCode === null && child.signalCode === null)
                    signalGroup(child, 'SIGKILL');
            }, grace));
        }, grace));
    };
    const onAbort = () => {
        cancelled = true;
        logger?.info(`Cancelling ${command}: sent an interrupt and waiting for it to clean up.`);
        stop();
    };
    if (options.signal?.aborted)
        onAbort();
    else
        options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
        timers.push(setTimeout(() => {
            timedOut = true;
            logger?.warning(`${command} ran longer than its time limit; stopping it.`);
            stop();
        }, options.timeoutMs));
    }
    const input = options.stdin;
    if (input === undefined || input === 'pipe') {
        // Closed, or left for the caller to write to.
    }
    else if (typeof input === 'string') {
        child.stdin?.end(input);
    }
    else {
        const stdin = child.stdin;
        // When this child stops reading (it exited, or closed its stdin, as pg_restore --list does
        // once it has the table of contents), pipe() unpipes and pauses the input: the rest of it is
        // then discarded, so that the tool writing it does not block on a full pipe, and its stream
        // still ends and its process still closes. Nothing else reads an input handed to a child.
        stdin.once('unpipe', () => input.resume());
        input.pipe(stdin);
    }
    // A child that exits before reading all of its stdin makes the pipe emit EPIPE; that is
    // reported through the exit code, not as an unhandled error.
    child.stdin?.on('error', () => undefined);
    const readers = [];
    const readLines = (stream, onLine) => {
        const rl = (0,external_node_readline_namespaceObject.createInterface)({ input: stream, crlfDelay: Infinity });
        rl.on('line', onLine);
        readers.push(new Promise((resolve) => rl.once('close', resolve)));
    };
    if (!options.pipeStdout) {
        readLines(stdout, options.onStdoutLine ?? ((line) => logger?.info(secrets_redact(line))));
    }
    readLines(stderr, (line) => {
        stderrTail.push(secrets_redact(line));
        if (stderrTail.length > keep)
            stderrTail.shift();
        if (options.onStderrLine)
            options.onStderrLine(line);
        else
            logger?.info(secrets_redact(line));
    });
    const done = new Promise((resolve) => {
        let spawnError;
        child.once('error', (error) => {
            spawnError = error;
        });
        child.once('close', (exitCode, signal) => {
            running.delete(child);
            void Promise.all(readers).then(() => {
                for (const timer of timers)
                    clearTimeout(timer);
                options.signal?.removeEventListener('abort', onAbort);
                if (spawnError)
                    stderrTail.push(spawnError.message);
                resolve({
                    command: display,
                    exitCode: spawnError ? null : exitCode,
                    signal,
                    timedOut,
                    cancelled,
                    durationMs: Date.now() - started,
                    stderrTail,
                });
            });
        });
    });
    return { child, stdout, stdin: child.stdin, done };
}
/**
 * Runs a tool to completion. Resolves with the result when it exits 0; otherwise rejects with a
 * `ProcessError` (or `CancelledError` when the run was cancelled) naming the exit and the last
 * lines of stderr.
 */
async function runProcess(command, args, options = {}) {
    const result = await spawnProcess(command, args, options).done;
    if (result.cancelled && options.signal)
        throw (0,cancel/* cancelledError */.YQ)(options.signal);
    if (result.cancelled)
        throw new common_errors/* CancelledError */.cc(describeExit(result));
    if (result.exitCode !== 0)
        throw new ProcessError(result);
    return result;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./src/build-ami/install.ts







/** HashiCorp's names for the platform and the architecture. */
function releasePlatform(os = (0,external_node_os_.platform)(), cpu = (0,external_node_os_.arch)()) {
    const osName = os === 'win32' ? 'windows' : os;
    const archName = cpu === 'x64' ? 'amd64' : cpu === 'ia32' ? '386' : cpu;
    return { os: osName, arch: archName };
}
function cacheDirOf(version, env = process.env) {
    const root = env.RUNNER_TOOL_CACHE || (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'infra-actions-tool-cache');
    return (0,external_node_path_.join)(root, 'packer', version, (0,external_node_os_.arch)());
}
/** The expected SHA-256 of `file` in a SHA256SUMS text (`<hex>  <name>` lines). */
function expectedSum(sums, file) {
    for (const line of sums.split('\n')) {
        const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
        if (m && m[2] === file)
            return m[1].toLowerCase();
    }
    return undefined;
}
async function installPacker(options) {
    const { version, mirror, logger } = options;
    const dir = cacheDirOf(version, options.env);
    const binary = (0,external_node_path_.join)(dir, (0,external_node_os_.platform)() === 'win32' ? 'packer.exe' : 'packer');
    if ((0,external_node_fs_.existsSync)(`${dir}.complete`) && (0,external_node_fs_.existsSync)(binary)) {
        logger.info(`Packer ${version} is in the tool cache: ${binary}`);
        return binary;
    }
    const { os, arch: cpu } = releasePlatform();
    const zipName = `packer_${version}_${os}_${cpu}.zip`;
    const base = `${mirror}/${version}`;
    logger.info(`Downloading Packer ${version} from ${base}/${zipName}`);
    const sums = (await download(`${base}/packer_${version}_SHA256SUMS`, options.signal)).toString('utf8');
    const expected = expectedSum(sums, zipName);
    if (!expected)
        throw new common_errors/* UserError */.yo(`Packer ${version} has no ${zipName} in ${base}/packer_${version}_SHA256SUMS; check '${Input.packerVersion}' (and '${Input.packerMirror}').`);
    const zip = await download(`${base}/${zipName}`, options.signal);
    const actual = (0,external_node_crypto_.createHash)('sha256').update(zip).digest('hex');
    if (actual !== expected)
        throw new Error(`The download of ${zipName} from ${base} does not match its SHA256SUMS (expected ${expected}, got ${actual}); it was not installed.`);
    logger.info(`Verified ${zipName} against packer_${version}_SHA256SUMS (sha256 ${actual}).`);
    const work = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'packer-install-'));
    try {
        const zipFile = (0,external_node_path_.join)(work, zipName);
        (0,external_node_fs_.writeFileSync)(zipFile, zip);
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        await runProcess('unzip', ['-o', '-q', zipFile, '-d', dir], { signal: options.signal }).catch((error) => {
            throw new Error(`Could not unpack ${zipName} with unzip: ${error.message}`, { cause: error });
        });
        if (!(0,external_node_fs_.existsSync)(binary))
            throw new Error(`${zipName} holds no ${binary.split('/').pop()}; it was not installed.`);
        (0,external_node_fs_.chmodSync)(binary, 0o755);
        (0,external_node_fs_.writeFileSync)(`${dir}.complete`, '');
    }
    finally {
        (0,external_node_fs_.rmSync)(work, { recursive: true, force: true });
    }
    logger.info(`Installed Packer ${version} in the tool cache: ${binary}`);
    return binary;
}
async function download(url, signal) {
    let response;
    try {
        response = await fetch(url, { signal });
    }
    catch (error) {
        throw new Error(`Could not download ${url}: ${error.message}`, { cause: error });
    }
    if (!response.ok)
        throw new common_errors/* UserError */.yo(`Downloading ${url} answered ${response.status} ${response.statusText}; check '${Input.packerVersion}' and '${Input.packerMirror}'.`);
    return Buffer.from(await response.arrayBuffer());
}

;// CONCATENATED MODULE: ./src/build-ami/machine.ts

/** Packer's escapes undone: `%!(PACKER_COMMA)` is a comma, `\n` a newline, `\r` a carriage return. */
function unescapeData(value) {
    return value
        .replace(/%!\(PACKER_COMMA\)/g, ',')
        .replace(/\\n/g, '\n')
        .replace(/\\r/g, '\r');
}
/**
 * Parses one line; undefined for a line that is not machine-readable (plugins may print others).
 * `redact` is applied to the line as Packer wrote it and to each field once unescaped, before it
 * is split into lines: a secret can show in either form (Packer writes a backslash as it is, so
 * a secret holding `\n` would otherwise come out cut in two at a newline that is not its own).
 */
function parseMachineLine(line, redact = (text) => text) {
    const fields = redact(line).split(',');
    if (fields.length < 3 || !/^\d+$/.test(fields[0]))
        return undefined;
    return {
        timestamp: Number(fields[0]),
        target: fields[1],
        type: fields[2],
        data: fields.slice(3).map((field) => redact(unescapeData(field))),
    };
}
/**
 * How a machine-readable line reads in the log: Packer's `ui` messages as Packer prints them
 * without `-machine-readable` (`==> amazon-ebs: Launching a source AWS instance...`, then the
 * build's indented messages), errors as errors, and everything else (artifact records, counts)
 * in the debug log only.
 */
function readable(line) {
    if (line.type === 'ui') {
        const [kind, text = ''] = line.data;
        const lines = text.replace(/\n+$/, '').replace(/^\n+/, '').split('\n');
        return { level: kind === 'error' ? 'error' : 'info', lines };
    }
    return { level: 'debug', lines: [[line.target, line.type, ...line.data].join(' ')] };
}
/**
 * The temporary key pair or security group a `ui,say` line of Packer's amazon builders announces
 * as it creates it (packer-plugin-amazon, builder/common/step_key_pair.go and
 * step_security_group.go: "Creating temporary keypair: <name>", "Creating temporary security
 * group for this instance: <name>"), so that the sweep knows them even when Packer dies before
 * an instance carries them.
 */
function announcedTemporary(line) {
    if (line.type !== 'ui' || line.data[0] !== 'say')
        return undefined;
    const text = line.data[1] ?? '';
    const key = /Creating temporary keypair: (\S+)$/.exec(text.trim());
    if (key)
        return { kind: 'keyPair', name: key[1] };
    const group = /Creating temporary security group for this instance: (\S+)$/.exec(text.trim());
    if (group)
        return { kind: 'group', name: group[1] };
    return undefined;
}
/** `eu-west-1:ami-a17...,us-east-1:ami-af1...` (already unescaped) to a map; undefined when it is not AMI ids. */
function parseAmiIds(id) {
    const pairs = id.split(',').map((p) => p.trim());
    const out = {};
    for (const pair of pairs) {
        const m = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(ami-[0-9a-f]{8,17})$/.exec(pair);
        if (!m)
            return undefined;
        out[m[1]] = m[2];
    }
    return pairs.length > 0 ? out : undefined;
}
/** Collects the artifacts of a build from its `artifact` lines, as they arrive. */
class Artifacts {
    byKey = new Map();
    add(line) {
        if (line.type !== 'artifact')
            return;
        const [index, field, value = ''] = line.data;
        const key = `${line.target}\u0000${index}`;
        const artifact = this.byKey.get(key) ?? { build: line.target, index };
        if (field === 'builder-id')
            artifact.builderId = value;
        if (field === 'id') {
            artifact.id = value;
            artifact.amis = parseAmiIds(value);
        }
        this.byKey.set(key, artifact);
    }
    list() {
        return [...this.byKey.values()];
    }
    /** The artifacts that are AMIs. */
    amis() {
        return this.list().filter((a) => a.amis !== undefined);
    }
}
/** The builds of a manifest post-processor's file (`builds[].artifact_id`) of its last run. */
function manifestAmis(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return [];
    }
    return (parsed.builds ?? [])
        .filter((b) => !parsed.last_run_uuid || b.packer_run_uuid === parsed.last_run_uuid)
        .map((b) => ({ build: String(b.name ?? ''), amis: parseAmiIds(String(b.artifact_id ?? '')) }))
        .filter((b) => b.amis !== undefined);
}
/**
 * Packer's validation errors (its `ui,error` messages) as annotations on the template's file and
 * line. HCL errors name them (`on app.pkr.hcl line 9:`, `app.pkr.hcl:10,26-31: Unsupported
 * attribute; ...`); JSON syntax errors say `At line 4, column 2`; a JSON template's unknown key is
 * looked up in the file.
 */
function validationAnnotations(errors, template) {
    const out = [];
    for (const error of errors) {
        const text = error.trim();
        if (text === '')
            continue;
        const lines = text.split('\n').map((l) => l.trim());
        const headline = lines[0].replace(/^Error:\s*/, '');
        // Pointed diagnostics: `file:line,col-col: summary; detail`, possibly several.
        const pointed = [...text.matchAll(/^(\S+?):(\d+),(\d+)(?:-\d+)?: ([^\n]*(?:\n(?!\n)[^\n]*)*)/gm)];
        if (pointed.length > 0) {
            for (const m of pointed) {
                out.push({
                    message: `${headline}: ${m[4].replace(/\s*\n\s*/g, ' ').trim()}`,
                    file: fileOf(m[1], template),
                    line: Number(m[2]),
                    column: Number(m[3]),
                });
            }
            continue;
        }
        const on = /on (\S+) line (\d+)/.exec(text);
        const detail = lines
            .slice(1)
            .filter((l) => l !== '' && !/^on \S+ line \d+/.test(l) && !/^\d+:/.test(l) && !/source code not available/.test(l))
            .map((l) => l.replace(/^\*\s*/, ''))
            .join(' ');
        const message = detail ? `${headline}: ${detail}` : headline;
        if (on) {
            out.push({ message, file: fileOf(on[1], template), line: Number(on[2]) });
            continue;
        }
        const at = /At line (\d+), column (\d+)/.exec(text);
        if (at) {
            out.push({
                message: message.replace(/\s*At line \d+, column \d+.*$/, ''),
                file: template.files[0]?.path,
                line: Number(at[1]),
                column: Number(at[2]),
            });
            continue;
        }
        const key = /unknown configuration key: '"?([^'"]+)"?'/.exec(text);
        const file = template.files[0];
        const line = key && file ? lineOf(file.text, `"${key[1]}"`) : undefined;
        out.push({ message, file: file?.path, line });
    }
    return out;
}
/** The template file a diagnostic names (Packer names them as it was given them, often bare). */
function fileOf(name, template) {
    const match = template.files.find((f) => f.path === name || f.path.endsWith(`/${name}`));
    if (match)
        return match.path;
    return formatOf(name) ? name : template.files[0]?.path;
}

;// CONCATENATED MODULE: ./src/build-ami/packer.ts








/** Finding Packer and running it: `version`, `init`, `validate`, `build`, with the machine-readable stream parsed. */
/** The first `packer` on PATH that is executable, or undefined. */
function packerOnPath(env = process.env) {
    const names = process.platform === 'win32' ? ['packer.exe'] : ['packer'];
    for (const dir of (env.PATH ?? '').split(external_node_path_.delimiter)) {
        if (!dir)
            continue;
        for (const name of names) {
            const candidate = (0,external_node_path_.join)(dir, name);
            try {
                (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
                return candidate;
            }
            catch {
                // Not here.
            }
        }
    }
    return undefined;
}
/** `packer version` prints `Packer v1.6.6` (and, when outdated, a line about the newest release). */
async function packerVersionOf(binary, signal) {
    const lines = [];
    await runProcess(binary, ['version'], {
        env: { CHECKPOINT_DISABLE: '1' },
        signal,
        onStdoutLine: (line) => lines.push(line),
        onStderrLine: (line) => lines.push(line),
        timeoutMs: 30_000,
    });
    const m = /Packer v?(\d+\.\d+\.\d+[^\s]*)/.exec(lines.join('\n'));
    if (!m)
        throw new Error(`${binary} version printed no version: ${lines.join(' | ')}`);
    return m[1];
}
/** A private directory for the generated var file (JSON templates only), removed by `dispose`. */
function writeVarFile(values) {
    if (!values)
        return { dispose: () => undefined };
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'build-ami-'));
    const file = (0,external_node_path_.join)(dir, 'variables.json');
    (0,external_node_fs_.writeFileSync)(file, JSON.stringify(values), { mode: 0o600 });
    return { file, dispose: () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }) };
}
/** `packer validate -machine-readable`: its `ui,error` messages are the validation errors. */
async function validate(run, args) {
    const errors = [];
    const [command, ...rest] = args;
    const handle = spawnProcess(run.binary, [command, '-machine-readable', ...rest], {
        cwd: run.cwd,
        env: run.environment.env,
        secretEnv: run.environment.secretEnv,
        signal: run.signal,
        logger: run.logger,
        timeoutMs: 10 * 60_000,
        onStdoutLine: (line) => {
            const parsed = parseMachineLine(line, secrets_redact);
            if (!parsed)
                return run.logger.info(secrets_redact(line));
            const shown = readable(parsed);
            if (parsed.type === 'ui' && parsed.data[0] === 'error')
                errors.push(secrets_redact(parsed.data[1] ?? ''));
            else if (shown.level !== 'debug')
                for (const l of shown.lines)
                    run.logger.info(secrets_redact(l));
            else
                run.logger.debug(secrets_redact(shown.lines.join(' ')));
        },
        onStderrLine: (line) => errors.push(secrets_redact(line)),
    });
    const result = await handle.done;
    if (result.cancelled)
        throw new common_errors/* CancelledError */.cc('The run was cancelled during packer validate.');
    return { ok: result.exitCode === 0, errors: errors.filter((e) => e.trim() !== ''), result };
}
/** `packer init`, its output in the log. */
async function init(run, template) {
    return runProcess(run.binary, ['init', template], {
        cwd: run.cwd,
        env: run.environment.env,
        secretEnv: run.environment.secretEnv,
        signal: run.signal,
        logger: run.logger,
        timeoutMs: 15 * 60_000,
    });
}
/**
 * `packer build -machine-readable`, each line turned back into Packer's readable form as it
 * arrives, artifacts collected. A cancelled run interrupts Packer's whole process group (SIGINT
 * to the group: Packer 1.6.6 ignores one sent to its top process alone) and waits for Packer to
 * clean up its builder, as src/common/process.ts does for every tool.
 */
async function build(run, args, onTemporary) {
    const artifacts = new Artifacts();
    const errors = [];
    const quiet = debugLogger(run.logger);
    const handle = spawnProcess(run.binary, args, {
        cwd: run.cwd,
        env: run.environment.env,
        secretEnv: run.environment.secretEnv,
        signal: run.signal,
        logger: run.logger,
        // Packer's own cleanup of a cancelled build (terminate, wait, delete group and key pair) takes a while on AWS.
        graceMs: 60_000,
        onStdoutLine: (line) => {
            const parsed = parseMachineLine(line, secrets_redact);
            if (!parsed)
                return run.logger.info(secrets_redact(line));
            artifacts.add(parsed);
            const temporary = announcedTemporary(parsed);
            if (temporary)
                onTemporary?.(temporary);
            const shown = readable(parsed);
            if (parsed.type === 'ui' && parsed.data[0] === 'error')
                errors.push(secrets_redact(parsed.data[1] ?? ''));
            const log = shown.level === 'debug' ? quiet : run.logger;
            for (const l of shown.lines)
                log.info(secrets_redact(l));
        },
        onStderrLine: (line) => run.logger.info(secrets_redact(line)),
    });
    const result = await handle.done;
    return { result, artifacts, errors };
}

;// CONCATENATED MODULE: ./src/build-ami/plugins.ts




/**
 * The plugin cache: the directory `packer init` installs into (`PACKER_PLUGIN_PATH`), saved and
 * restored with @actions/cache under a key made of the template's plugin requirements and the OS
 * and architecture. Where the cache service is not available (outside GitHub's runners, where
 * neither ACTIONS_CACHE_URL nor ACTIONS_RESULTS_URL is set) it warns and goes on: `packer init`
 * downloads the plugins itself.
 */
function pluginDirectory(env = process.env) {
    return env.PACKER_PLUGIN_PATH || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.packer.d', 'plugins');
}
async function restorePlugins(dir, requiredPlugins, logger) {
    const key = pluginCacheKey(requiredPlugins, (0,external_node_os_.platform)(), (0,external_node_os_.arch)());
    const cache = await __nccwpck_require__.e(/* import() */ 691).then(__nccwpck_require__.bind(__nccwpck_require__, 1691));
    if (!cache.isFeatureAvailable()) {
        logger.warning('The GitHub Actions cache service is not available here, so Packer plugins are not cached; packer init downloads them.');
        return { key, status: 'unavailable' };
    }
    try {
        const hit = await cache.restoreCache([dir], key);
        logger.info(hit ? `Restored Packer plugins from the cache (${key}).` : `No cached Packer plugins for ${key}.`);
        return { key, status: hit ? 'hit' : 'miss' };
    }
    catch (error) {
        logger.warning(`Could not restore Packer plugins from the cache: ${(0,common_errors/* errorMessage */.gJ)(error)}`);
        return { key, status: 'miss' };
    }
}
async function savePlugins(dir, outcome, logger) {
    if (outcome.status !== 'miss')
        return;
    try {
        const cache = await __nccwpck_require__.e(/* import() */ 691).then(__nccwpck_require__.bind(__nccwpck_require__, 1691));
        await cache.saveCache([dir], outcome.key);
        logger.info(`Saved Packer plugins to the cache (${outcome.key}).`);
    }
    catch (error) {
        logger.warning(`Could not save Packer plugins to the cache: ${(0,common_errors/* errorMessage */.gJ)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/build-ami/steps.ts














/** Where Packer comes from: `packer-version` (tool cache or download), else the packer on PATH. */
async function observePacker(ctx) {
    const { inputs } = ctx;
    if (inputs.packerVersion)
        return { source: { kind: 'install', version: inputs.packerVersion } };
    const path = packerOnPath();
    if (!path)
        throw new common_errors/* UserError */.yo(`There is no packer on PATH and '${Input.packerVersion}' is not set; set '${Input.packerVersion}' (for example 1.11.2) or install Packer in an earlier step.`);
    const version = await packerVersionOf(path, ctx.signal);
    return { source: { kind: 'path', path, version } };
}
async function observeParameter(ctx) {
    const name = ctx.inputs.ssmParameter;
    if (!name)
        return;
    ctx.previous = await ctx.region(ctx.inputs.aws.region).ssm.get(name);
    ctx.logger.info(ctx.previous
        ? `${name} in ${ctx.inputs.aws.region} holds ${ctx.previous.value} (version ${ctx.previous.version}).`
        : `${name} does not exist in ${ctx.inputs.aws.region} yet.`);
}
function makePlan(ctx, setup) {
    const version = setup.source.version;
    return {
        packer: setup,
        init: ctx.inputs.info.requiredPlugins !== undefined && supportsInit(version),
        builds: selectedBuilds(ctx.inputs),
        variables: ctx.inputs.variables.map(([name]) => name),
    };
}
function packerRun(ctx) {
    return {
        binary: ctx.binary,
        cwd: ctx.inputs.workingDirectory,
        environment: packerEnvironment(ctx.inputs, process.env, pluginDirectory()),
        logger: ctx.logger,
        signal: ctx.signal,
    };
}
/** Installs Packer if asked, restores plugins and runs `packer init` when the template needs it, then `packer validate`. */
async function prepare(ctx) {
    const { inputs, logger } = ctx;
    const setup = ctx.setup;
    if (setup.source.kind === 'install') {
        ctx.binary = await installPacker({
            version: setup.source.version,
            mirror: inputs.packerMirror,
            logger,
            signal: ctx.signal,
        });
        ctx.packerVersion = await packerVersionOf(ctx.binary, ctx.signal);
        if (ctx.packerVersion !== setup.source.version)
            throw new Error(`The packer installed in ${cacheDirOf(setup.source.version)} reports version ${ctx.packerVersion}, not ${setup.source.version}.`);
    }
    else {
        ctx.binary = setup.source.path;
        ctx.packerVersion = setup.source.version;
    }
    const run = packerRun(ctx);
    if (inputs.info.requiredPlugins !== undefined) {
        if (ctx.plan?.init) {
            const dir = pluginDirectory();
            ctx.cache = await restorePlugins(dir, inputs.info.requiredPlugins, logger);
            const result = await init(run, templateArg(inputs));
            ctx.packerMs += result.durationMs;
            await savePlugins(dir, ctx.cache, logger);
        }
        else {
            logger.warning(`Packer ${ctx.packerVersion} has no packer init (it came in 1.7.0), so the plugins the template requires must already be installed.`);
        }
    }
    const varFile = writeVarFile(run.environment.varFile);
    try {
        const checked = await validate(run, validateArgs(inputs, varFile.file));
        ctx.packerMs += checked.result.durationMs;
        if (!checked.ok) {
            ctx.annotations = validationAnnotations(checked.errors, inputs.info);
            const first = ctx.annotations[0];
            const where = first?.file ? ` (${first.file}${first.line ? ` line ${first.line}` : ''})` : '';
            const count = ctx.annotations.length;
            throw new common_errors/* UserError */.yo(count > 0
                ? `packer validate found ${count === 1 ? 'an error' : `${count} errors`} in ${inputs.template}: ${first.message}${where}.`
                : `packer validate failed on ${inputs.template}: ${describeExit(checked.result)}.`);
        }
        logger.info(`packer validate: ${inputs.template} is valid.`);
    }
    finally {
        varFile.dispose();
    }
}
/**
 * Runs `packer build`. The post step's state is saved first, so a run killed from here on is
 * still cleaned up. Whatever the outcome, the run's tag is swept afterwards: normally Packer
 * has removed its builder and the sweep finds nothing; after a killed Packer it removes what
 * was left.
 */
async function runBuild(ctx) {
    const { inputs, logger } = ctx;
    const record = {
        runTag: inputs.runTag,
        region: inputs.aws.region,
        maxAttempts: inputs.aws.maxAttempts,
    };
    ctx.state.save(STATE_CLEANUP, record);
    ctx.announced = record;
    const run = packerRun(ctx);
    const varFile = writeVarFile(run.environment.varFile);
    let outcome;
    try {
        // Packer's temporaries as it announces them, saved again each time for the post step.
        outcome = await build(run, buildArgs(inputs, varFile.file), ({ kind, name }) => {
            const list = kind === 'keyPair' ? (record.keyPairs ??= []) : (record.groups ??= []);
            if (list.includes(name))
                return;
            list.push(name);
            ctx.state.save(STATE_CLEANUP, record);
        });
    }
    finally {
        varFile.dispose();
    }
    ctx.packer = outcome.result;
    ctx.packerMs += outcome.result.durationMs;
    ctx.packerErrors = outcome.errors;
    const failed = outcome.result.exitCode !== 0 || outcome.result.cancelled;
    ctx.sweep = await sweepRun(ctx, failed);
    if (outcome.result.cancelled)
        throw (0,cancel/* cancelledError */.YQ)(ctx.signal);
    if (outcome.result.exitCode !== 0) {
        const why = outcome.errors.length > 0 ? outcome.errors.join(' ') : describeExit(outcome.result);
        throw new Error(`packer build failed: ${oneLine(why)}`);
    }
    const amiArtifacts = outcome.artifacts.amis();
    let amis = amiArtifacts.map((a) => ({ build: a.build, amis: a.amis }));
    if (amis.length === 0 && inputs.info.manifest) {
        const file = (0,external_node_path_.resolve)(inputs.workingDirectory, inputs.info.manifest);
        if ((0,external_node_fs_.existsSync)(file))
            amis = manifestAmis((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    if (amis.length > 1 && (inputs.ssmParameter || inputs.retention))
        throw new common_errors/* UserError */.yo(`Packer built ${amis.length} AMIs (${amis.map((a) => a.build).join(', ')}), but '${Input.ssmParameter}' and '${Input.keep}' apply to one; select one build with '${Input.only}'.`);
    if (amis.length === 0) {
        if (inputs.ssmParameter || inputs.retention)
            throw new Error(`packer build finished without an AMI among its artifacts, so there is nothing to publish or to keep.`);
        logger.warning('packer build finished without an AMI among its artifacts.');
        return;
    }
    ctx.amis = amis[0].amis;
    for (const [region, id] of Object.entries(ctx.amis))
        logger.info(`AMI in ${region}: ${id}`);
}
/** The sweep of this run's builder resources; its own failure is reported, never hides the build's. */
async function sweepRun(ctx, afterFailure) {
    try {
        const result = await sweep(ctx.region(ctx.inputs.aws.region).ec2, ctx.inputs.runTag, ctx.logger, ctx.announced);
        if (afterFailure && sweepSentence(result) === undefined)
            ctx.logger.info(`Nothing of this run's builder is left in ${ctx.inputs.aws.region}: Packer cleaned up.`);
        return result;
    }
    catch (error) {
        ctx.logger.warning(`Could not check for a leftover builder instance: ${(0,common_errors/* errorMessage */.gJ)(error)}`);
        return { terminated: [], groups: [], keyPairs: [], problems: [(0,common_errors/* errorMessage */.gJ)(error)] };
    }
}
function oneLine(text) {
    return text.replace(/\s*\n\s*/g, ' ').trim();
}
/** Reads the new images in every region (checking each is available) and applies `tags` to them and their snapshots. */
async function inspectAndTag(ctx) {
    for (const [region, id] of Object.entries(ctx.amis)) {
        const { ec2 } = ctx.region(region);
        const [image] = await ec2.imagesByIds([id]);
        if (!image)
            throw new Error(`Packer reported ${id} in ${region}, but EC2 does not know that image.`);
        if (image.State !== 'available')
            throw new Error(`Packer reported ${id} in ${region}, but the image is ${image.State}, not available.`);
        ctx.images.set(region, image);
        if (ctx.inputs.tags.length > 0) {
            const snapshots = snapshotsOf(image);
            await ec2.createTags([id, ...snapshots], ctx.inputs.tags);
            ctx.logger.info(`Tagged ${id}${snapshots.length > 0 ? ` and ${snapshots.join(', ')}` : ''} in ${region}: ${ctx.inputs.tags.map(([k, v]) => `${k}=${v}`).join(', ')}.`);
        }
    }
}
function snapshotsOf(image) {
    return (image.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId).filter((s) => !!s);
}
/**
 * Writes the parameter in every region the image exists in, then reads it back until it holds the
 * new id. Each region's value is read again first: a build takes long, and the value held just
 * before the write is the one to report and to keep from retirement. Regions go one at a time;
 * at the first that fails, the rest are not written and the ones written are put back to their
 * previous values (a parameter that did not exist before is deleted), so that no fleet launches
 * the new image while another keeps the old one.
 */
async function publish(ctx) {
    const name = ctx.inputs.ssmParameter;
    const home = ctx.inputs.aws.region;
    const previous = {};
    for (const region of Object.keys(ctx.amis)) {
        const now = await ctx.region(region).ssm.get(name);
        if (region === home) {
            if (now?.value !== ctx.previous?.value)
                ctx.logger.info(`${name} in ${region} changed during the build: it held ${ctx.previous?.value ?? 'nothing'} then and holds ${now?.value ?? 'nothing'} now, which is the previous value from here on.`);
            ctx.previous = now;
        }
        previous[region] = now?.value;
    }
    for (const publication of planPublication(name, ctx.amis, previous)) {
        const result = { ...publication, verified: false };
        ctx.publications.push(result);
        try {
            await writeParameter(ctx, result);
        }
        catch (error) {
            if (error instanceof common_errors/* CancelledError */.cc)
                await revertPublications(ctx);
            throw error;
        }
        if (result.error) {
            const reverted = await revertPublications(ctx, result);
            throw new Error(`${[result.error, ...reverted].join('; ')}.`);
        }
    }
}
/** One region's write and its read-back; a failure is kept in `result.error`. */
async function writeParameter(ctx, result) {
    const { ssm } = ctx.region(result.region);
    try {
        result.version = await ssm.putImageId(result.parameter, result.next);
    }
    catch (error) {
        if (error instanceof common_errors/* CancelledError */.cc)
            throw error;
        result.error = (0,common_errors/* errorMessage */.gJ)(error).replace(/\.$/, '');
        return;
    }
    ctx.logger.info(`Wrote ${result.next} to ${result.parameter} in ${result.region} (version ${result.version}, was ${result.previous ?? 'absent'}).`);
    const wait = await untilHolds(ctx, result, result.next, `${result.parameter} in ${result.region}`, ctx.signal);
    result.verified = wait.outcome === 'done';
    if (!result.verified)
        result.error = `Parameter Store did not take ${result.next} for ${result.parameter} in ${result.region} within ${ctx.inputs.publishTimeoutMs / 1000}s: it ${wait.state} (its aws:ec2:image validation failed or has not finished)`;
}
/**
 * Reads a region's parameter until it holds `value` (undefined: until it is absent), up to
 * publish-timeout; with `version`, until it holds it at that version or a later one. Without
 * `signal` (a put-back) it reads on after a cancellation too.
 */
function untilHolds(ctx, publication, value, label, signal, version) {
    const { ssm } = ctx.region(publication.region);
    return waitFor({
        label,
        poll: () => ssm.get(publication.parameter, signal === undefined),
        assess: (p) => ({
            state: p ? `holds ${p.value} (version ${p.version})` : 'absent',
            done: p?.value === value && (version === undefined || (p !== undefined && p.version >= version)),
        }),
        timeoutMs: ctx.inputs.publishTimeoutMs,
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: POLL_MAX_DELAY_MS,
        signal,
        logger: ctx.logger,
    });
}
/**
 * Puts the regions written before `failed` (all written ones after a cancellation) back to what
 * they held, and says in clauses what became of every region but `failed`. Runs without the
 * run's signal: a cancelled run must not leave regions apart either.
 */
async function revertPublications(ctx, failed) {
    const clauses = [];
    for (const done of ctx.publications.filter((p) => p !== failed && p.version !== undefined)) {
        const { ssm } = ctx.region(done.region);
        try {
            let version;
            if (done.previous === undefined)
                await ssm.delete(done.parameter);
            else
                version = await ssm.putImageId(done.parameter, done.previous);
            // Read back like the write itself: a put-back is an aws:ec2:image value too, validated
            // after Parameter Store answers (and refused if that image is gone meanwhile). Until then
            // reads show the version before it, which may hold the previous value already (when the
            // new id is still being validated too): only the put-back's own version, or a later one,
            // shows that it landed.
            const back = await untilHolds(ctx, done, done.previous, `${done.parameter} in ${done.region}, put back`, undefined, version);
            if (back.outcome !== 'done') {
                done.revertUnconfirmed = true;
                clauses.push(`${done.region} had taken ${done.next} and was written back to ${done.previous ?? 'absent'}${version === undefined ? '' : ` (version ${version})`}, but Parameter Store did not show it within ${ctx.inputs.publishTimeoutMs / 1000}s: it ${back.state}`);
                continue;
            }
            done.reverted = true;
            clauses.push(done.previous === undefined
                ? `${done.region} had taken ${done.next} and its parameter, new in this run, was deleted`
                : `${done.region} had taken ${done.next} and was put back to ${done.previous}`);
            ctx.logger.info(`Put ${done.parameter} in ${done.region} back to ${done.previous ?? 'absent'}.`);
        }
        catch (error) {
            clauses.push(`${done.region} holds ${done.next} and could not be put back: ${(0,common_errors/* errorMessage */.gJ)(error).replace(/\.$/, '')}`);
        }
    }
    const unwritten = Object.keys(ctx.amis)
        .sort()
        .filter((region) => !ctx.publications.some((p) => p.region === region));
    if (unwritten.length > 0)
        clauses.push(`${unwritten.join(', ')} ${unwritten.length === 1 ? 'was' : 'were'} not written`);
    return clauses;
}
const RESOLVE_SSM = 'resolve:ssm:';
/** Keeps the newest images of the name prefix in every region of the new image; retires the rest as planned. */
async function retire(ctx) {
    const retention = ctx.inputs.retention;
    if (!retention)
        return;
    const deprecateAt = deprecateAtOf(retention);
    for (const [region, id] of Object.entries(ctx.amis)) {
        const image = ctx.images.get(region);
        const name = image?.Name ?? '';
        const prefix = retention.namePrefix ?? derivePrefix(name);
        if (!prefix)
            throw new common_errors/* UserError */.yo(`The new image's name ${JSON.stringify(name)} has no version or timestamp part to group images by; set '${Input.namePrefix}' for '${Input.keep}'.`);
        if (!name.startsWith(prefix))
            throw new common_errors/* UserError */.yo(`Input '${Input.namePrefix}' is ${JSON.stringify(prefix)}, but the new image is named ${JSON.stringify(name)}; give the prefix of the new image's name.`);
        const { ec2 } = ctx.region(region);
        const derivedFrom = retention.namePrefix === undefined ? name : undefined;
        const images = await seriesImages(ctx, region, prefix, derivedFrom);
        const suffix = derivedFrom === undefined ? '' : (seriesOf(derivedFrom)?.suffix ?? '');
        const publication = ctx.publications.find((p) => p.region === region);
        const held = publication
            ? [
                [publication.next, `held by ${publication.parameter} now`],
                [publication.previous, `held by ${publication.parameter} before this run`],
            ]
            : [];
        const protectedBy = await protections(ctx, region, held);
        const decisions = await planUnshared(ctx, region, images, {
            region,
            images: images.map(factsOf),
            newImageId: id,
            keep: retention.keep,
            protectedBy,
            deprecateAt,
        });
        ctx.logger.info(`${region}: ${images.length} image${images.length === 1 ? '' : 's'} named ${prefix}*${suffix}; keeping the newest ${retention.keep}.`);
        for (const decision of decisions)
            ctx.retirements.push(await carryOut(ctx, ec2, decision, deprecateAt));
    }
    const failed = ctx.retirements.filter((r) => r.outcome === 'failed');
    if (failed.length > 0)
        throw new Error(`Retiring old images failed: ${failed.map((r) => `${r.imageId} (${r.region}): ${r.error}`).join('; ')}.`);
}
/**
 * The images launch template versions use, by id, a `resolve:ssm:<parameter>[:version|:label]`
 * alias resolved through the region's Parameter Store as EC2 resolves it at launch (GetParameter
 * takes the same selectors). One that cannot be read stops retirement in the region: any image
 * could be the one the template launches. A parameter that does not exist references no image.
 */
async function launchTemplateImages(ctx, region) {
    const { ec2, ssm } = ctx.region(region);
    const out = new Map();
    const resolved = new Map();
    for (const [imageId, why] of await ec2.launchTemplateImages()) {
        if (!imageId.startsWith(RESOLVE_SSM)) {
            if (!out.has(imageId))
                out.set(imageId, why);
            continue;
        }
        const parameter = imageId.slice(RESOLVE_SSM.length);
        let value;
        try {
            if (!resolved.has(parameter))
                resolved.set(parameter, await ssm.get(parameter));
            value = resolved.get(parameter);
        }
        catch (error) {
            if (error instanceof common_errors/* CancelledError */.cc)
                throw error;
            throw new Error(`The image of launch template ${why.replace(/^used by launch template /, '')} comes from ${imageId}, which could not be read (${(0,common_errors/* errorMessage */.gJ)(error).replace(/\.$/, '')}); no image was retired in ${region}, since any could be the one it launches.`, { cause: error });
        }
        if (value === undefined)
            ctx.logger.info(`${region}: launch template ${why.replace(/^used by launch template /, '')} takes its image from ${imageId}, ${/^resolve:ssm:.+:[^:/]+$/.test(imageId) ? 'a version of a parameter' : 'a parameter'} that does not exist, so it references no image.`);
        else if (!out.has(value.value))
            out.set(value.value, `${why} (through ${parameter})`);
    }
    return out;
}
/** When images retired now are deprecated from, with 'deprecate-after'. */
function deprecateAtOf(retention) {
    return retention.deprecateAfterMs !== undefined
        ? deprecationTime(new Date(), retention.deprecateAfterMs)
        : undefined;
}
/**
 * Your images of the series of `prefix` in a region, deregistered ones left out; `derivedFrom`:
 * the name the prefix was derived from, whose series they must share (see inSeries).
 */
async function seriesImages(ctx, region, prefix, derivedFrom) {
    return (await ctx.region(region).ec2.ownImagesNamed(prefix)).filter((i) => i.State !== 'deregistered' && inSeries(i.Name ?? '', prefix, derivedFrom));
}
/** Why images may not be retired: the parameter's values given (first reason wins), then the launch templates'. */
async function protections(ctx, region, held) {
    const protectedBy = new Map();
    for (const [imageId, why] of [...held, ...(await launchTemplateImages(ctx, region))])
        if (imageId && !protectedBy.has(imageId))
            protectedBy.set(imageId, why);
    return protectedBy;
}
/** What stands in for the image a dry run does not build, in the preview of the retirement. */
const NEW_IMAGE = '(the new image)';
/**
 * A dry run's view of the retirement in the build region: with 'name-prefix' the series is known
 * before the build, so its images are read and the rule applied as if the new image were there
 * (the newest); each decision is recorded as planned. Reads only. Without 'name-prefix' the
 * series comes from the new image's name, so nothing can be listed before it exists.
 */
async function previewRetirement(ctx) {
    const retention = ctx.inputs.retention;
    if (!retention)
        return;
    const region = ctx.inputs.aws.region;
    const prefix = retention.namePrefix;
    if (!prefix) {
        ctx.logger.info(`Retire: the images the rule would retire are known once the new image is named (its name sets the prefix); set '${Input.namePrefix}' to have them listed in a dry run.`);
        return;
    }
    const images = await seriesImages(ctx, region, prefix, undefined);
    const protectedBy = await protections(ctx, region, [
        [ctx.inputs.ssmParameter && ctx.previous?.value, `held by ${ctx.inputs.ssmParameter} before this run`],
    ]);
    const deprecateAt = deprecateAtOf(retention);
    const decisions = (await planUnshared(ctx, region, images, {
        region,
        images: [
            ...images.map(factsOf),
            { imageId: NEW_IMAGE, name: `${prefix}…`, creationDate: new Date().toISOString(), snapshots: [] },
        ],
        newImageId: NEW_IMAGE,
        keep: retention.keep,
        protectedBy,
        deprecateAt,
    })).filter((d) => d.imageId !== NEW_IMAGE);
    ctx.logger.info(`${region}: ${images.length} image${images.length === 1 ? '' : 's'} named ${prefix}* now; with the new one, the newest ${retention.keep} would stay.`);
    const verb = {
        keep: 'would stay',
        skip: 'would stay',
        deregister: 'would be deregistered',
        deprecate: 'would be deprecated',
    };
    for (const decision of decisions) {
        ctx.logger.info(`  ${decision.imageId} ${decision.name}: ${verb[decision.action]} (${decision.reason})`);
        if (decision.action === 'deregister' || decision.action === 'deprecate')
            ctx.retirements.push({ ...decision, outcome: 'planned' });
    }
}
/**
 * The retention plan, with the images it would retire that others may launch kept: a public
 * image, or one shared with other accounts, organizations or organizational units (Packer's
 * `ami_users`, `ami_org_arns`, `ami_ou_arns`), may be what their launch templates use, which this
 * account cannot see. Launch permissions are read only for those images; one whose permissions
 * cannot be read is kept too.
 */
async function planUnshared(ctx, region, images, input) {
    const planned = planRetention(input);
    const retiring = planned.filter((d) => d.action === 'deregister' || d.action === 'deprecate');
    const shared = new Map();
    for (const decision of retiring) {
        const image = images.find((i) => i.ImageId === decision.imageId);
        if (image?.Public) {
            shared.set(decision.imageId, 'public: any account may launch it');
            continue;
        }
        try {
            const others = (await ctx.region(region).ec2.launchPermissions(decision.imageId)).map(permissionText);
            if (others.length > 0)
                shared.set(decision.imageId, `shared with ${others.join(', ')}, who may launch it`);
        }
        catch (error) {
            if (error instanceof common_errors/* CancelledError */.cc)
                throw error;
            shared.set(decision.imageId, `its launch permissions could not be read (${(0,common_errors/* errorMessage */.gJ)(error).replace(/\.$/, '')}), so it may be shared`);
        }
    }
    if (shared.size === 0)
        return planned;
    const protectedBy = new Map(input.protectedBy);
    for (const [imageId, why] of shared)
        if (!protectedBy.has(imageId))
            protectedBy.set(imageId, why);
    return planRetention({ ...input, protectedBy });
}
function permissionText(p) {
    if (p.Group === 'all')
        return 'every account (public)';
    if (p.UserId)
        return `account ${p.UserId}`;
    if (p.OrganizationArn)
        return `organization ${p.OrganizationArn}`;
    if (p.OrganizationalUnitArn)
        return `organizational unit ${p.OrganizationalUnitArn}`;
    return JSON.stringify(p);
}
function factsOf(image) {
    return {
        imageId: image.ImageId ?? '',
        name: image.Name ?? '',
        creationDate: image.CreationDate ?? '',
        snapshots: snapshotsOf(image),
        deprecationTime: image.DeprecationTime,
        protection: image.DeregistrationProtection,
        state: image.State,
    };
}
async function carryOut(ctx, ec2, decision, deprecateAt) {
    const line = (text) => ctx.logger.info(`  ${decision.imageId} ${decision.name}: ${text}`);
    switch (decision.action) {
        case 'keep':
            line(`kept (${decision.reason})`);
            return { ...decision, outcome: 'kept' };
        case 'skip':
            line(`kept (${decision.reason})`);
            return { ...decision, outcome: 'skipped' };
        case 'deprecate':
            try {
                await ec2.deprecateImage(decision.imageId, deprecateAt);
                line(`deprecated from ${deprecateAt.toISOString()} (${decision.reason})`);
                return { ...decision, outcome: 'deprecated', deprecateAt: deprecateAt.toISOString() };
            }
            catch (error) {
                return failedRetirement(decision, error);
            }
        case 'deregister':
            try {
                const snapshots = await ec2.deregisterImage(decision.imageId);
                const deleted = snapshots.filter((s) => s.deleted).map((s) => s.snapshotId);
                const kept = snapshots.filter((s) => !s.deleted);
                line(`deregistered${deleted.length > 0 ? `, snapshots ${deleted.join(', ')} deleted` : ''}${kept.length > 0 ? `; snapshots ${kept.map((s) => `${s.snapshotId} (${s.note})`).join(', ')} kept` : ''} (${decision.reason})`);
                return { ...decision, outcome: 'deregistered', deletedSnapshots: deleted };
            }
            catch (error) {
                // Protection switched on since it was read: reported, not fought.
                if ((0,common_errors/* awsErrorCode */.J6)(error.cause) === 'OperationNotPermitted') {
                    line(`kept (EC2 refused to deregister it: ${(0,common_errors/* errorMessage */.gJ)(error.cause)})`);
                    return {
                        ...decision,
                        action: 'skip',
                        outcome: 'skipped',
                        reason: 'deregistration protection is on',
                    };
                }
                return failedRetirement(decision, error);
            }
    }
}
function failedRetirement(decision, error) {
    if (error instanceof common_errors/* CancelledError */.cc)
        throw error;
    return { ...decision, outcome: 'failed', error: (0,common_errors/* errorMessage */.gJ)(error) };
}

;// CONCATENATED MODULE: ./src/build-ami/main.ts










/**
 * build-ami: bake an AMI with Packer, publish its id per region to Parameter Store, retire old
 * images safely, and leave no builder instance behind.
 *
 * inputs -> observe -> plan -> prepare (install, init, validate) -> build (sweep) -> tag ->
 * publish (verify) -> retire -> report
 */
async function main({ signal, logger, state }) {
    const inputs = getInputs();
    const { connect } = await Promise.all(/* import() */[__nccwpck_require__.e(96), __nccwpck_require__.e(673)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2673));
    const calls = new aws/* AwsCalls */.Vl(inputs.aws, signal);
    const clients = new Map();
    const ctx = {
        inputs,
        logger,
        signal,
        calls,
        state,
        region: (name) => {
            if (!clients.has(name))
                clients.set(name, connect(calls, name));
            return clients.get(name);
        },
        annotations: [],
        packerErrors: [],
        packerMs: 0,
        amis: {},
        images: new Map(),
        publications: [],
        retirements: [],
        notes: [],
    };
    const run = new Phases(new Timeline(), 'observe');
    let thrown;
    try {
        await pipeline(ctx, run);
    }
    catch (error) {
        thrown = error instanceof common_errors/* CancelledError */.cc ? cancelled(ctx, run.current, error) : error;
        throw thrown;
    }
    finally {
        // Packer's own time, exactly, for the benchmark (which subtracts it from the step's).
        logger.debug(`Packer's own time: ${ctx.packerMs} ms`);
        annotate(ctx.annotations);
        setOutputs(ctx);
        await writeSummary(ctx, run.timeline, headline(ctx, thrown === undefined ? undefined : (0,common_errors/* errorMessage */.gJ)(thrown)), logger);
    }
}
async function pipeline(ctx, run) {
    const { inputs, logger } = ctx;
    await run.phase('observe', 'Observe', async () => {
        ctx.setup = await observePacker(ctx);
        await observeParameter(ctx);
    });
    await run.phase('plan', 'Plan', async () => {
        ctx.plan = makePlan(ctx, ctx.setup);
        for (const line of describePlan(inputs, ctx.plan))
            logger.info(line);
    });
    await run.phase('prepare', 'Prepare Packer (install, init, validate)', () => prepare(ctx));
    if (inputs.dryRun) {
        run.skip(['build', 'tag', 'publish'], 'dry run');
        if (inputs.retention)
            await run.phase('retire', 'Retire old images (what a build would retire)', () => previewRetirement(ctx));
        else
            run.skip('retire', 'dry run');
        return logger.info('Dry run: the template is valid; nothing was built, published or retired.');
    }
    await run.phase('build', 'packer build', () => runBuild(ctx));
    if (Object.keys(ctx.amis).length === 0)
        return run.skip(['tag', 'publish', 'retire'], 'no AMI');
    await run.phase('tag', 'Check and tag the images', () => inspectAndTag(ctx));
    if (inputs.ssmParameter)
        await run.phase('publish', 'Publish to Parameter Store', () => publish(ctx));
    else
        run.skip('publish', `'ssm-parameter' is not set`);
    if (inputs.retention)
        await run.phase('retire', 'Retire old images', () => retire(ctx));
    else
        run.skip('retire', `'keep' is not set`);
}
/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx, stage, error) {
    let left;
    if (stage === 'observe' || stage === 'plan' || stage === 'prepare')
        left = 'nothing was built or changed';
    else if (stage === 'build') {
        const swept = ctx.sweep && sweepSentence(ctx.sweep);
        left = swept
            ? `Packer was interrupted, and the action ${swept}; no AMI was published`
            : 'Packer was interrupted and removed its builder instance, key pair and security group; no AMI was published';
    }
    else if (stage === 'publish') {
        const written = ctx.publications.filter((p) => p.version !== undefined && !p.reverted && !p.revertUnconfirmed);
        const unconfirmed = ctx.publications.filter((p) => p.revertUnconfirmed).map((p) => p.region);
        const reverted = ctx.publications.filter((p) => p.reverted).map((p) => p.region);
        left = `the AMI ${Object.values(ctx.amis).join(', ')} exists${written.length > 0 ? `; the parameter holds it in ${written.map((p) => p.region).join(', ')}, which could not be put back` : ''}${unconfirmed.length > 0 ? `; the parameter was written back to its previous value in ${unconfirmed.join(', ')}, but Parameter Store did not show it within ${ctx.inputs.publishTimeoutMs / 1000}s` : ''}${reverted.length > 0 ? `; the parameter was put back to its previous value in ${reverted.join(', ')}` : ''}${written.length + unconfirmed.length + reverted.length === 0 ? '; the parameter was not written' : ''}`;
    }
    else if (stage === 'tag')
        left = `the AMI ${Object.values(ctx.amis).join(', ')} exists and was not published`;
    else
        left = `the AMI exists${ctx.inputs.ssmParameter ? ' and was published' : ''}; retirement of old images stopped part way`;
    lib_core/* info */.pq(`Cancelled during ${stage}: ${left}.`);
    return new common_errors/* CancelledError */.cc(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`);
}

;// CONCATENATED MODULE: ./src/build-ami/index.ts


start('build-ami', main);

