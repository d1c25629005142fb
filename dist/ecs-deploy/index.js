import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* unused reexport */ __nccwpck_require__(218);


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


__webpack_unused_export__ = httpOverHttp;
__webpack_unused_export__ = httpsOverHttp;
__webpack_unused_export__ = httpOverHttps;
__webpack_unused_export__ = httpsOverHttps;


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
/* harmony export */   B9: () => (/* binding */ consoleUrl),
/* harmony export */   RR: () => (/* binding */ AWS_LIMITS),
/* harmony export */   VN: () => (/* binding */ chunks),
/* harmony export */   Vl: () => (/* binding */ AwsCalls),
/* harmony export */   Zv: () => (/* binding */ resolveRegion)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_ATTEMPTS, userAgent, clientConfig, s3ClientConfig, s3Extras, createClient */
/* harmony import */ var _cancel__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(551);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1922);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4103);
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
/* harmony export */   JG: () => (/* binding */ anySignal),
/* harmony export */   YQ: () => (/* binding */ cancelledError),
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   iB: () => (/* binding */ isCancellation),
/* harmony export */   yy: () => (/* binding */ sleep),
/* harmony export */   zG: () => (/* binding */ installCancellation)
/* harmony export */ });
/* unused harmony export linkedController */
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

/***/ 4103:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  M1: () => (/* binding */ describeJsonError),
  Vt: () => (/* binding */ getBooleanInput),
  l0: () => (/* binding */ getDurationInput),
  iv: () => (/* binding */ getEnumInput),
  ML: () => (/* binding */ getIntInput),
  DF: () => (/* binding */ getListInput),
  lI: () => (/* binding */ getOptionalInput),
  K1: () => (/* binding */ getRequiredInput),
  nL: () => (/* binding */ parseEnum),
  Hl: () => (/* binding */ parseKeyValues)
});

// UNUSED EXPORTS: BUCKET_NAME, exclusive, getJsonInput, getKeyValueInput, getS3UriInput, getSecretInput, parseBoolean, parseBucketName, parseDuration, parseInteger, parseJson, parseList, parseS3Uri

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 21 modules
var lib_core = __nccwpck_require__(3426);
;// CONCATENATED MODULE: ./src/common/json-position.ts
/**
 * The offset of the first syntax error in a JSON text (RFC 8259), or undefined when it has none.
 * V8's JSON.parse gives the position of most errors but not of an unexpected token, for which it
 * quotes a snippet instead. Written by hand: the JSON scanner libraries that report offsets
 * (jsonc-parser) weigh more than 200 KB in a bundle that every action loads at start, for an
 * error path; strict JSON needs only this small recursive scan.
 */
function jsonErrorOffset(text) {
    let i = 0;
    const fail = () => {
        throw i;
    };
    const space = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    const literal = (word) => {
        if (text.startsWith(word, i))
            i += word.length;
        else
            fail();
    };
    const string = () => {
        i++; // the opening quote
        for (;;) {
            if (i >= text.length)
                fail();
            const c = text.charCodeAt(i);
            if (c === 0x22)
                return void i++;
            if (c < 0x20)
                fail();
            if (c === 0x5c) {
                i++;
                if (text[i] === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5)))
                        fail();
                    i += 5;
                }
                else if ('"\\/bfnrt'.includes(text[i] ?? ''))
                    i++;
                else
                    fail();
            }
            else
                i++;
        }
    };
    const number = () => {
        const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!match || match[0] === '' || match[0] === '-')
            fail();
        i += match[0].length;
    };
    const value = () => {
        space();
        const c = text[i];
        if (c === '{') {
            i++;
            space();
            if (text[i] === '}')
                return void i++;
            for (;;) {
                space();
                if (text[i] !== '"')
                    fail();
                string();
                space();
                if (text[i] !== ':')
                    fail();
                i++;
                value();
                space();
                if (text[i] === ',')
                    i++;
                else if (text[i] === '}')
                    return void i++;
                else
                    fail();
            }
        }
        if (c === '[') {
            i++;
            space();
            if (text[i] === ']')
                return void i++;
            for (;;) {
                value();
                space();
                if (text[i] === ',')
                    i++;
                else if (text[i] === ']')
                    return void i++;
                else
                    fail();
            }
        }
        if (c === '"')
            return string();
        if (c === 't')
            return literal('true');
        if (c === 'f')
            return literal('false');
        if (c === 'n')
            return literal('null');
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
            return number();
        fail();
    };
    try {
        value();
        space();
        return i < text.length ? i : undefined;
    }
    catch (offset) {
        return offset;
    }
}

// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __nccwpck_require__(1922);
;// CONCATENATED MODULE: ./src/common/inputs.ts



/**
 * Typed readers for action inputs. Each reads one input (as the runner passes it, through
 * `INPUT_<NAME>`), validates it and returns a typed value, or throws a `UserError` whose one
 * sentence names the input, what was wrong and what is accepted. The `parse*` functions do the
 * same for a value that did not come from an input, so they are unit-tested without any runner.
 */
const quote = (value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
function raw(name) {
    return lib_core/* getInput */.V4(name, { trimWhitespace: true });
}
function getRequiredInput(name) {
    const value = raw(name);
    if (value === '')
        throw new errors/* UserError */.yo(`Input '${name}' is required but was not provided.`);
    return value;
}
function getOptionalInput(name) {
    const value = raw(name);
    return value === '' ? undefined : value;
}
/** Reads a secret input and masks it (and each of its lines) before anything can log it. */
function getSecretInput(name, required = false) {
    const value = core.getInput(name, { trimWhitespace: false });
    if (value.trim() === '') {
        if (required)
            throw new UserError(`Input '${name}' is required but was not provided.`);
        return undefined;
    }
    core.setSecret(value);
    for (const line of value.split(/\r?\n/))
        if (line.trim() !== '')
            core.setSecret(line.trim());
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
    throw new errors/* UserError */.yo(`Input '${name}' must be a boolean (true or false), got ${quote(value)}.`);
}
function getBooleanInput(name, defaultValue) {
    return parseBoolean(name, raw(name), defaultValue);
}
function parseEnum(name, value, allowed) {
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
        throw new errors/* UserError */.yo(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`);
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
        throw new errors/* UserError */.yo(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed))
        throw new errors/* UserError */.yo(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    if ((options.min !== undefined && parsed < options.min) ||
        (options.max !== undefined && parsed > options.max)) {
        throw new errors/* UserError */.yo(`Input '${name}' must be ${accepted}, got ${parsed}.`);
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
            throw new errors/* UserError */.yo(`Input '${name}' must be ${DURATION_TEXT}; got ${quote(value)}.`);
        }
        ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0);
    }
    ms = Math.round(ms);
    const { min, max } = options;
    if (min !== undefined && ms < min) {
        throw new errors/* UserError */.yo(`Input '${name}' must be at least ${describeMs(min)}; got ${quote(value)}.`);
    }
    if (max !== undefined && ms > max) {
        throw new errors/* UserError */.yo(`Input '${name}' must be at most ${describeMs(max)}; got ${quote(value)}.`);
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
            throw new errors/* UserError */.yo(`Input '${name}' must hold KEY=VALUE lines; ${quote(text)} has no key before '='.`);
        }
        const key = text.slice(0, at).trim();
        const val = text.slice(at + 1).trim();
        if (options.keyPattern && !options.keyPattern.test(key)) {
            throw new errors/* UserError */.yo(`Input '${name}' has an invalid key ${quote(key)}; keys must be ${options.keyDescription ?? `like ${options.keyPattern}`}.`);
        }
        if (seen.has(key))
            throw new errors/* UserError */.yo(`Input '${name}' sets ${quote(key)} more than once.`);
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
        throw new UserError(`Inputs ${set.join(' and ')} cannot be used together; set at most one of them.`);
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

/***/ 4682:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ue: () => (/* binding */ EVENTS_SHOWN),
/* harmony export */   _K: () => (/* binding */ POLL_MIN_DELAY_MS),
/* harmony export */   bT: () => (/* binding */ ECS_DESCRIBE_SERVICE_DEPLOYMENTS),
/* harmony export */   gM: () => (/* binding */ POLL_MAX_DELAY_MS),
/* harmony export */   hr: () => (/* binding */ ACTION),
/* harmony export */   k7: () => (/* binding */ Output),
/* harmony export */   pd: () => (/* binding */ Input),
/* harmony export */   sJ: () => (/* binding */ STOPPED_TASKS_REFRESH_MS)
/* harmony export */ });
/** Input and output names of ecs-deploy, defined once. */
const Input = {
    cluster: 'cluster',
    services: 'services',
    image: 'image',
    environment: 'environment',
    taskDefinition: 'task-definition',
    desiredCount: 'desired-count',
    wait: 'wait',
    waitFor: 'wait-for',
    timeout: 'timeout',
    maxFailedTasks: 'max-failed-tasks',
    rollback: 'rollback',
    runTask: 'run-task',
    runTaskContainer: 'run-task-container',
    testCommand: 'test-command',
    testUrl: 'test-url',
    testAt: 'test-at',
    keepRevisions: 'keep-revisions',
    region: 'region',
    regions: 'regions',
    maxAttempts: 'max-attempts',
    dryRun: 'dry-run',
};
const Output = {
    taskDefinitionArn: 'task-definition-arn',
    previousTaskDefinitionArn: 'previous-task-definition-arn',
    deploymentId: 'deployment-id',
    rolledBack: 'rolled-back',
    services: 'services',
};
const ACTION = 'ecs-deploy';
/** Polling of rollouts: fast enough to notice completion within 3 s, gentle enough on the API. */
const POLL_MIN_DELAY_MS = 1000;
const POLL_MAX_DELAY_MS = 3000;
/** How long to go without looking at stopped tasks when nothing else hints at a failure. */
const STOPPED_TASKS_REFRESH_MS = 15_000;
/** DescribeServiceDeployments takes at most 20 ARNs (its API reference: "You can specify a maximum of 20 ARNs"). */
const ECS_DESCRIBE_SERVICE_DEPLOYMENTS = 20;
/** How many service events the failure report shows. */
const EVENTS_SHOWN = 5;


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

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

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3426:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getBooleanInput, getIDToken, getMultilineInput, isDebug, markdownSummary, notice, platform, setCommandEcho, startGroup, summary, toPlatformPath, toPosixPath, toWin32Path

;// CONCATENATED MODULE: external "os"
const external_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");
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
    process.stdout.write(cmd.toString() + external_os_namespaceObject.EOL);
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
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_namespaceObject.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_namespaceObject.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
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
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
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
var node_modules_tunnel = __nccwpck_require__(770);
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
const RetryableHttpVerbs = (/* unused pure expression or super */ null && (['OPTIONS', 'GET', 'DELETE', 'HEAD']));
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
class lib_HttpClient {
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
        const proxyUrl = pm.getProxyUrl(parsedUrl);
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
        info.httpModule = usingSsl ? https : http;
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
        const proxyUrl = pm.getProxyUrl(parsedUrl);
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
            maxSockets = this.requestOptions.maxSockets || http.globalAgent.maxSockets;
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
            agent = usingSsl ? new https.Agent(options) : new http.Agent(options);
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
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
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
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
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
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
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
        return auth_awaiter(this, void 0, void 0, function* () {
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
        return auth_awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
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
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
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
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
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


const { access, appendFile, writeFile } = external_fs_namespaceObject.promises;
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
                yield access(pathFromEnv, external_fs_namespaceObject.constants.R_OK | external_fs_namespaceObject.constants.W_OK);
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
        return this.addRaw(external_os_namespaceObject.EOL);
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
;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(2613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_namespaceObject.promises;
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
    return io_util_awaiter(this, void 0, void 0, function* () {
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
const READONLY = external_fs_namespaceObject.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
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
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
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
    return io_util_awaiter(this, void 0, void 0, function* () {
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
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
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
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
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
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
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
            yield io_copyFile(source, newDest, force);
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
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
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
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
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
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
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
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
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
    return io_awaiter(this, void 0, void 0, function* () {
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
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
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
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
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
        if (toolrunner_IS_WINDOWS) {
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
            let n = s.indexOf(external_os_namespaceObject.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_namespaceObject.EOL.length);
                n = s.indexOf(external_os_namespaceObject.EOL);
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
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
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
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_namespaceObject.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
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
function exec_exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = tr.argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new tr.ToolRunner(toolPath, args, options);
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
        const exitCode = yield exec_exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
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
const platform = external_os_namespaceObject.platform();
const arch = external_os_namespaceObject.arch();
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
    process.stdout.write(external_os_namespaceObject.EOL);
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
    process.stdout.write(message + external_os_namespaceObject.EOL);
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

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 21 modules
var lib_core = __nccwpck_require__(3426);
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

// EXTERNAL MODULE: ./src/ecs-deploy/constants.ts
var constants = __nccwpck_require__(4682);
;// CONCATENATED MODULE: ./src/ecs-deploy/target-health.ts
/** The target groups of a service's load balancers (Classic Load Balancers have none, and are not looked at). */
function targetGroupsOf(service) {
    return (service?.loadBalancers ?? [])
        .filter((lb) => lb.targetGroupArn && lb.containerPort !== undefined)
        .map((lb) => ({
        targetGroupArn: lb.targetGroupArn,
        containerName: lb.containerName,
        containerPort: lb.containerPort,
    }));
}
/** `web-tg` of `arn:aws:elasticloadbalancing:...:targetgroup/web-tg/6d0ecf831eec9f09`. */
function targetGroupName(arn) {
    return /:targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? arn;
}
/** A task's private IPv4 address, from its elastic network interface (awsvpc tasks). */
function privateIpOf(task) {
    for (const attachment of task.attachments ?? [])
        for (const detail of attachment.details ?? [])
            if (detail.name === 'privateIPv4Address' && detail.value)
                return detail.value;
    return undefined;
}
/**
 * The targets of tasks in a target group: `{Id: <private IPv4>, Port: <container port>}` for
 * each task with an address. Tasks without one (bridge or host network mode, registered by
 * instance ID and host port) are left out: their targets are not looked up.
 */
function taskTargets(tasks, use) {
    return tasks.flatMap((task) => {
        const ip = privateIpOf(task);
        return ip ? [{ taskArn: task.taskArn ?? '', id: ip, port: use.containerPort }] : [];
    });
}
/** Whether all targets are healthy, and a clause per target group naming those that are not. */
function assessTargets(observations) {
    let healthy = true;
    const counts = [];
    const groups = observations.map((o) => {
        const name = targetGroupName(o.targetGroupArn);
        if (o.targets.length === 0) {
            // Tasks without an address of their own (bridge or host network mode) are registered by
            // container instance and host port, which this check does not look up: their container
            // health checks decide, as without a load balancer.
            const text = `target group ${name} not checked (its tasks are registered by container instance)`;
            counts.push(text);
            return text;
        }
        const states = o.targets.map((target) => ({ target, health: healthOf(o.descriptions, target) }));
        const good = states.filter((s) => s.health.State === 'healthy').length;
        if (good < o.targets.length)
            healthy = false;
        const noun = o.targets.length === 1 ? 'target' : 'targets';
        const head = `${good} of ${o.targets.length} ${noun} healthy in target group ${name}`;
        counts.push(head);
        const others = states
            .filter((s) => s.health.State !== 'healthy')
            .map((s) => targetText(s.target, s.health));
        return others.length > 0 ? `${head} (${others.join('; ')})` : head;
    });
    return { healthy, groups, counts };
}
function healthOf(descriptions, target) {
    const found = descriptions.find((d) => d.Target?.Id === target.id && (d.Target?.Port === undefined || d.Target.Port === target.port));
    // A target DescribeTargetHealth does not mention is not registered (yet).
    return found?.TargetHealth ?? { State: 'unused', Reason: 'Target.NotRegistered' };
}
/** `10.0.1.5:8080 (task 0f3c...) unhealthy: Target.ResponseCodeMismatch, Health checks failed with these codes: [503]`. */
function targetText(target, health) {
    const task = target.taskArn ? ` (task ${target.taskArn.slice(target.taskArn.lastIndexOf('/') + 1)})` : '';
    const why = [health.Reason, health.Description?.replace(/\.$/, '')].filter(Boolean).join(', ');
    return `${target.id}:${target.port}${task} ${health.State ?? 'unknown'}${why ? `: ${why}` : ''}`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/task-definition.ts
/**
 * Task definitions: turning a described revision (or a file) into a RegisterTaskDefinition
 * request, replacing images and merging environment variables.
 */
/**
 * The members RegisterTaskDefinition accepts. Everything else DescribeTaskDefinition returns
 * (taskDefinitionArn, revision, status, requiresAttributes, compatibilities, registeredAt,
 * registeredBy, deregisteredAt, deleteRequestedAt) is read-only and rejected by the API.
 */
const WRITABLE = [
    'family',
    'taskRoleArn',
    'executionRoleArn',
    'networkMode',
    'containerDefinitions',
    'volumes',
    'placementConstraints',
    'requiresCompatibilities',
    'cpu',
    'memory',
    'tags',
    'pidMode',
    'ipcMode',
    'proxyConfiguration',
    'inferenceAccelerators',
    'ephemeralStorage',
    'runtimePlatform',
    'enableFaultInjection',
];
const READ_ONLY = (/* unused pure expression or super */ null && ([
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
    'deleteRequestedAt',
]));
/** A RegisterTaskDefinition request for a copy of `definition`: read-only and empty members dropped. */
function registrationOf(definition, tags) {
    const source = definition;
    const copy = {};
    for (const key of WRITABLE) {
        const value = source[key];
        if (!isEmpty(value))
            copy[key] = structuredClone(value);
    }
    // false is the default and older API models do not know the member.
    if (copy.enableFaultInjection === false)
        delete copy.enableFaultInjection;
    if (tags && tags.length > 0)
        copy.tags = structuredClone(tags);
    return copy;
}
function isEmpty(value) {
    if (value === undefined || value === null || value === '')
        return true;
    if (Array.isArray(value))
        return value.length === 0;
    return typeof value === 'object' && !(value instanceof Date) && Object.keys(value).length === 0;
}
function containerNames(definition) {
    return (definition.containerDefinitions ?? []).map((c) => c.name ?? '');
}
/** Replaces the image of a container, returning the old one. */
function setImage(definition, container, image) {
    const target = findContainer(definition, container);
    const previous = target.image;
    target.image = image;
    return previous;
}
/** Sets (or adds) environment variables of a container, keeping the others and their order; says what it did. */
function setEnvironment(definition, container, name, value) {
    const target = findContainer(definition, container);
    const environment = (target.environment ??= []);
    const existing = environment.find((variable) => variable.name === name);
    if (!existing) {
        environment.push({ name, value });
        return 'added';
    }
    if (existing.value === value)
        return 'unchanged';
    existing.value = value;
    return 'changed';
}
/** Revisions of one family, the highest revision number first (whatever order a server listed them in). */
function newestFirst(arns) {
    const revision = (arn) => parseTaskDefinitionId(arn).revision ?? 0;
    return [...arns].sort((a, b) => revision(b) - revision(a));
}
function findContainer(definition, container) {
    const found = (definition.containerDefinitions ?? []).find((c) => c.name === container);
    if (!found)
        throw new Error(`Container ${container} is not in task definition ${definition.family}.`);
    return found;
}
/** Family and revision of `family:3`, `family` or a task definition ARN. */
function parseTaskDefinitionId(reference) {
    const name = reference.slice(reference.lastIndexOf('/') + 1);
    const colon = name.lastIndexOf(':');
    if (colon < 0)
        return { family: name };
    return { family: name.slice(0, colon), revision: Number(name.slice(colon + 1)) };
}
/** `web:43` for an ARN or reference; for logs and sentences. */
function shortName(reference) {
    if (!reference)
        return '(none)';
    return reference.slice(reference.lastIndexOf('/') + 1);
}
/** `revision 43` for sentences; the family too when the two differ in family. */
function revisionText(reference, other) {
    if (!reference)
        return 'no revision';
    const id = parseTaskDefinitionId(reference);
    if (id.revision === undefined)
        return shortName(reference);
    if (other !== undefined && parseTaskDefinitionId(other).family !== id.family)
        return shortName(reference);
    return `revision ${id.revision}`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/rollout.ts


function assess(observation, expectation) {
    const { service } = observation;
    if (!service || service.status !== 'ACTIVE') {
        const state = service ? `service is ${service.status}` : 'service no longer exists';
        const reason = service
            ? `the service became ${service.status} during the rollout`
            : 'the service was deleted during the rollout';
        return failed(state, { reason, failedTasks: [] });
    }
    const deployments = service.deployments ?? [];
    const ours = findDeployment(deployments, expectation);
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    if (!ours || ours.status !== 'PRIMARY')
        return assessReplaced(observation, expectation, ours, primary);
    const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn);
    if (ours.rolloutState === 'FAILED') {
        const failure = circuitBreakerFailure(ours, observation.failedTasks, revision);
        const state = `rollout FAILED: ${ours.rolloutStateReason ?? 'circuit breaker'}`;
        return expectation.ecsRollsBack ? { phase: 'ecs-rolling-back', state, failure } : failed(state, failure);
    }
    const stopped = observation.failedTasks.length;
    if (expectation.maxFailedTasks !== undefined && stopped >= expectation.maxFailedTasks) {
        return failed(`${stopped} tasks stopped`, {
            reason: stoppedTasksClause(observation.failedTasks, revision),
            failedTasks: observation.failedTasks,
        });
    }
    const progress = progressText(ours, deployments, stopped);
    if (isFinished(ours, deployments, expectation, observation.runningTasks) &&
        targetsHealthy(observation, expectation) &&
        serviceDeploymentDone(observation, expectation)) {
        return {
            phase: 'done',
            state: expectation.waitFor === 'healthy' ? `healthy (${progress})` : `rollout completed (${progress})`,
        };
    }
    if (expectation.waitFor === 'healthy' && observation.runningTasks !== undefined) {
        // Say how far health is, so that a timeout says health was never reached, not only "2/2 running".
        const healthy = observation.runningTasks.filter((t) => isHealthy(t, expectation.healthChecked)).length;
        const targets = observation.targets ? `, ${observation.targets.groups.join(', ')}` : '';
        return { phase: 'waiting', state: `${progress}, ${healthy}/${ours.desiredCount ?? 0} healthy${targets}` };
    }
    return { phase: 'waiting', state: progress };
}
/**
 * A rolling rollout's service deployment: `stable` waits for ECS to call it SUCCESSFUL too (it
 * does once the deployment is COMPLETED; ECS API reference, ServiceDeployment). `healthy` stops
 * earlier by design, and a record ECS no longer finds does not hold the wait.
 */
function serviceDeploymentDone(observation, expectation) {
    if (expectation.waitFor === 'healthy' || !expectation.serviceDeploymentArn)
        return true;
    const status = observation.serviceDeployment?.status;
    return status === undefined || status === 'SUCCESSFUL';
}
/** Behind target groups, `healthy` also needs ELB to report every new task's target healthy. */
function targetsHealthy(observation, expectation) {
    if (expectation.waitFor !== 'healthy' || targetGroupsOf(observation.service).length === 0)
        return true;
    return observation.targets?.healthy === true;
}
function failed(state, failure) {
    return { phase: 'failed', state, failure };
}
function findDeployment(deployments, expectation) {
    if (expectation.deploymentId)
        return deployments.find((d) => d.id === expectation.deploymentId);
    return deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === expectation.taskDefinitionArn);
}
/** Our deployment is no longer the primary one: ECS rolled back, or someone deployed over us. */
function assessReplaced(observation, expectation, ours, primary) {
    const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn);
    const rolledBackByEcs = primary?.taskDefinition === expectation.previousTaskDefinitionArn &&
        expectation.previousTaskDefinitionArn !== expectation.taskDefinitionArn &&
        (ours?.rolloutState === 'FAILED' || (ours === undefined && expectation.ecsRollsBack));
    if (rolledBackByEcs) {
        const failure = circuitBreakerFailure(ours, observation.failedTasks, revision);
        return {
            phase: 'ecs-rolling-back',
            state: `ECS is rolling back to ${revisionText(primary?.taskDefinition)}`,
            failure,
        };
    }
    // Following a rollback ECS starts by itself: its deployment may not exist yet.
    if (!expectation.deploymentId)
        return {
            phase: 'waiting',
            state: `waiting for ECS to start the deployment of ${revisionText(expectation.taskDefinitionArn)}`,
        };
    const other = primary?.taskDefinition
        ? revisionText(primary.taskDefinition, expectation.taskDefinitionArn)
        : 'another deployment';
    return failed(`replaced by ${other}`, {
        reason: `another deployment (${other}) replaced the rollout of ${revision}`,
        failedTasks: observation.failedTasks,
    });
}
function circuitBreakerFailure(ours, tasks, revision) {
    if (tasks.length > 0)
        return {
            reason: `${stoppedTasksClause(tasks, revision)}, and ECS's circuit breaker failed the rollout`,
            failedTasks: tasks,
        };
    const why = ours?.rolloutStateReason ? ` (${ours.rolloutStateReason.replace(/\.$/, '')})` : '';
    return { reason: `ECS's circuit breaker failed the rollout of ${revision}${why}`, failedTasks: tasks };
}
function isFinished(ours, deployments, expectation, running) {
    const desired = ours.desiredCount ?? 0;
    const runsDesired = (ours.runningCount ?? 0) >= desired && (ours.pendingCount ?? 0) === 0;
    if (expectation.waitFor === 'healthy') {
        return (runsDesired &&
            running !== undefined &&
            running.length >= desired &&
            running.every((t) => isHealthy(t, expectation.healthChecked)));
    }
    if (ours.rolloutState)
        return ours.rolloutState === 'COMPLETED';
    return (deployments.filter((d) => d.status !== 'INACTIVE').length === 1 &&
        (ours.runningCount ?? 0) === desired &&
        (ours.pendingCount ?? 0) === 0);
}
/** A running task whose containers with a health check all report HEALTHY. */
function isHealthy(task, healthChecked) {
    if (task.lastStatus !== 'RUNNING' || task.healthStatus === 'UNHEALTHY')
        return false;
    const containers = task.containers ?? [];
    return healthChecked.every((name) => containers.find((c) => c.name === name)?.healthStatus === 'HEALTHY');
}
function progressText(ours, deployments, stopped) {
    const running = ours.runningCount ?? 0;
    const desired = ours.desiredCount ?? 0;
    const pending = ours.pendingCount ?? 0;
    if (running === 0 && pending === 0 && stopped === 0)
        return `deployment created, 0/${desired} tasks running`;
    const parts = [`${running}/${desired} tasks running`];
    if (pending > 0)
        parts.push(`${pending} pending`);
    if (stopped > 0)
        parts.push(`${stopped} stopped`);
    const draining = deployments
        .filter((d) => d !== ours && d.status !== 'INACTIVE')
        .reduce((sum, d) => sum + (d.runningCount ?? 0), 0);
    if (draining > 0)
        parts.push(`${draining} old ${draining === 1 ? 'task' : 'tasks'} draining`);
    return parts.join(', ');
}
/** Tasks that stopped because they failed, rather than being scaled in, replaced or interrupted. */
function isFailedTask(task) {
    if (task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited')
        return true;
    return /health ?check/i.test(task.stoppedReason ?? '');
}
/** `2 tasks of revision 43 stopped: Essential container in task exited (exit code 1)`. */
function stoppedTasksClause(tasks, revision) {
    const groups = new Map();
    for (const task of tasks) {
        const why = taskStopText(task);
        groups.set(why, (groups.get(why) ?? 0) + 1);
    }
    const ordered = [...groups.entries()].sort((a, b) => b[1] - a[1]);
    const reasons = ordered.map(([why, count]) => (ordered.length > 1 ? `${why} (${count}x)` : why)).slice(0, 3);
    const noun = tasks.length === 1 ? 'task' : 'tasks';
    return `${tasks.length} ${noun} of ${revision} stopped: ${reasons.join('; ')}`;
}
/** `Essential container in task exited (exit code 1)`, with the container when the task has several. */
function taskStopText(task) {
    const reason = (task.stoppedReason ?? task.stopCode ?? 'stopped').replace(/\.$/, '');
    const containers = task.containers ?? [];
    const culprit = containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0) ?? containers.find((c) => c.reason);
    if (!culprit)
        return reason;
    const who = containers.length > 1 ? `container ${culprit.name}, ` : '';
    if (culprit.exitCode !== undefined && culprit.exitCode !== null)
        return `${reason} (${who}exit code ${culprit.exitCode})`;
    return `${reason} (${who}${culprit.reason})`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/apply.ts







/** Registers the plan's new revisions; returns their ARNs by family. */
async function registerRevisions(ecs, plan, logger) {
    const arns = new Map();
    for (const registration of plan.registrations) {
        const definition = await ecs.registerTaskDefinition(registration.request);
        const arn = definition.taskDefinitionArn ?? '';
        logger.info(`[${plan.region}] registered ${shortName(arn)} (from ${shortName(registration.basedOn)})`);
        arns.set(registration.family, arn);
    }
    return arns;
}
function targetArn(target, registered) {
    return target.kind === 'existing' ? target.arn : (registered.get(target.family) ?? '');
}
/** Runs the one-off task to completion; a non-zero exit is a `UserError` that stops the rollout. */
async function runOneOffTask(ecs, run, registered, options) {
    const taskDefinition = targetArn(run.target, registered);
    const what = `one-off task (${run.command.join(' ')}) of ${shortName(taskDefinition)}`;
    const where = options.nameRegion ? ` in ${ecs.region}` : '';
    const { task, failure } = await ecs.runTask({
        cluster: options.cluster,
        taskDefinition,
        count: 1,
        startedBy: 'ecs-deploy',
        launchType: run.launchType,
        capacityProviderStrategy: run.capacityProviderStrategy,
        platformVersion: run.platformVersion,
        networkConfiguration: run.networkConfiguration,
        overrides: { containerOverrides: [{ name: run.container, command: run.command }] },
    });
    if (!task?.taskArn) {
        throw new common_errors/* UserError */.yo(`The ${what} could not be started in ${ecs.region}: ${failure?.reason ?? 'no task was returned'}${failure?.detail ? ` (${failure.detail})` : ''}; no service was updated.`);
    }
    options.logger.info(`[${ecs.region}] started the ${what}: ${task.taskArn}`);
    const result = await waitFor({
        label: `[${ecs.region}] ${what}`,
        poll: async () => (await ecs.describeTasks(options.cluster, [task.taskArn]))[0] ?? task,
        assess: (t) => ({ state: t.lastStatus ?? 'UNKNOWN', done: t.lastStatus === 'STOPPED' }),
        timeoutMs: options.timeoutMs,
        minDelayMs: constants/* POLL_MIN_DELAY_MS */._K,
        maxDelayMs: constants/* POLL_MAX_DELAY_MS */.gM,
        signal: options.signal,
        logger: options.logger,
        sleep: options.sleep,
    });
    if (result.outcome !== 'done') {
        throw new common_errors/* UserError */.yo(`The ${what}${where} did not stop within ${formatDuration(options.timeoutMs)} (it is ${result.state}, and keeps running); no service was updated.`);
    }
    const exitCode = result.value.containers?.find((c) => c.name === run.container)?.exitCode;
    if (exitCode !== 0) {
        const why = taskStopText(result.value);
        const how = exitCode === undefined
            ? `failed without an exit code: ${why}`
            : `failed with exit code ${exitCode} (${(result.value.stoppedReason ?? why).replace(/\.$/, '')})`;
        throw new common_errors/* UserError */.yo(`The ${what}${where} ${how}; no service was updated.`);
    }
    options.logger.info(`[${ecs.region}] the ${what} exited with code 0 (${formatDuration(result.elapsedMs)})`);
    return { task: result.value, exitCode, elapsedMs: result.elapsedMs };
}
/** Updates every service of the plan at once; a failed update is recorded, not thrown, so rollback knows what changed. */
async function updateServices(ecs, plan, registered, logger) {
    return Promise.all(plan.services.map(async (service) => {
        const arn = targetArn(service.target, registered);
        try {
            const updated = await ecs.updateService({
                cluster: plan.cluster,
                service: service.service,
                taskDefinition: arn,
                desiredCount: service.desiredCount,
                forceNewDeployment: service.forceNewDeployment,
            }, `update service ${service.service} in ${plan.region} to ${shortName(arn)}`);
            const deploymentId = newDeploymentId(updated, arn);
            const serviceDeploymentArn = await findServiceDeployment(ecs, plan, service, updated, logger);
            logger.info(`[${plan.region}] updated service ${service.service} to ${shortName(arn)}: deployment ${deploymentId ?? '(unknown)'}${serviceDeploymentArn ? ` (${serviceDeploymentArn})` : ''}`);
            return { plan: service, targetArn: arn, deploymentId, serviceDeploymentArn, updated: true };
        }
        catch (error) {
            if ((0,cancel/* isCancellation */.iB)(error))
                throw error;
            // Logged as a plain line: the step's failure sentence is its one annotation.
            logger.info(`[${plan.region}] ${(0,common_errors/* errorMessage */.gJ)(error)}`);
            return { plan: service, targetArn: arn, updated: false, error: causeText(error) };
        }
    }));
}
/**
 * The ServiceDeployment an update started: the newest PENDING or IN_PROGRESS one of the service
 * (ListServiceDeployments), the one the service names as current when it is among them. A
 * server without the API (or a call that fails) leaves a rolling update to the deployments of
 * DescribeServices, so it is only logged.
 */
async function findServiceDeployment(ecs, plan, service, updated, logger) {
    try {
        const listed = await ecs.listServiceDeployments(plan.cluster, service.service, ['PENDING', 'IN_PROGRESS']);
        // Newest first, whatever order the server listed them in.
        const newest = [...listed].sort((a, b) => new Date(b.createdAt ?? 0).getTime() - new Date(a.createdAt ?? 0).getTime());
        const current = newest.find((d) => d.serviceDeploymentArn === updated.currentServiceDeployment);
        return (current ?? newest[0])?.serviceDeploymentArn ?? updated.currentServiceDeployment;
    }
    catch (error) {
        if ((0,cancel/* isCancellation */.iB)(error))
            throw error;
        logger.info(`[${plan.region}] service ${service.service}: its service deployment could not be listed (${(0,common_errors/* errorMessage */.gJ)(error)}); following its deployments instead`);
        return updated.currentServiceDeployment;
    }
}
/** Asks ECS to roll a native deployment back (StopServiceDeployment with stopType ROLLBACK). */
async function stopWithRollback(ecs, update, logger) {
    const service = update.plan.service;
    const previous = update.plan.previousTaskDefinitionArn;
    await ecs.stopServiceDeployment(update.serviceDeploymentArn, `roll service ${service} in ${ecs.region} back to ${shortName(previous)} (StopServiceDeployment ROLLBACK)`);
    logger.info(`[${ecs.region}] asked ECS to roll service ${service} back to ${revisionText(previous)}: ${update.serviceDeploymentArn}`);
}
/** The PRIMARY deployment UpdateService created for the task definition. */
function newDeploymentId(service, taskDefinitionArn) {
    const deployments = service.deployments ?? [];
    const primary = deployments.find((d) => d.status === 'PRIMARY' && d.taskDefinition === taskDefinitionArn) ??
        deployments.find((d) => d.status === 'PRIMARY');
    return primary?.id;
}
/** Rolls a service back to the task definition (and desired count) it had before. */
async function rollBackService(ecs, cluster, service, logger) {
    const previous = service.previousTaskDefinitionArn;
    const updated = await ecs.updateService({
        cluster,
        service: service.service,
        taskDefinition: previous,
        desiredCount: service.desiredCount !== undefined ? service.previousDesiredCount : undefined,
    }, `roll service ${service.service} in ${ecs.region} back to ${shortName(previous)}`);
    const id = newDeploymentId(updated, previous);
    logger.info(`[${ecs.region}] rolling service ${service.service} back to ${revisionText(previous)}: deployment ${id ?? '(unknown)'}`);
    return id;
}
/** What AWS said, without our own "Failed to ..." label (the sentence that reports it has its own). */
function causeText(error) {
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    const code = (0,common_errors/* awsErrorCode */.J6)(cause);
    const message = (0,common_errors/* errorMessage */.gJ)(cause);
    return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/native.ts

/** Stages during which test traffic reaches the new revision, before production traffic does. */
const TEST_STAGES = ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT'];
/** Hook stages at which a PAUSE hook holds the deployment with test traffic on the new revision. */
const TEST_HOOK_STAGES = [...TEST_STAGES, 'PRE_PRODUCTION_TRAFFIC_SHIFT'];
const AFTER_TEST_TRAFFIC = [
    'POST_TEST_TRAFFIC_SHIFT',
    'PRODUCTION_TRAFFIC_SHIFT',
    'POST_PRODUCTION_TRAFFIC_SHIFT',
    'BAKE_TIME',
    'CLEAN_UP',
];
/** Stages at which all production traffic is on the new revision. */
const SHIFTED = ['POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP'];
/**
 * Whether the smoke test runs now: at a PAUSE hook holding a test traffic stage (its id, to
 * continue or roll back); without such a hook, once test traffic has fully shifted; for
 * `test-at: first-step`, once the first step of a LINEAR or CANARY deployment has put a share
 * of production traffic on the new revision (its percentage), or any later stage if that step
 * passed between two observations.
 */
function testPoint(deployment, expectation) {
    if (!expectation.test || deployment.status !== 'IN_PROGRESS')
        return undefined;
    const stage = deployment.lifecycleStage ?? '';
    if (expectation.test === 'hook') {
        const hook = pausedHook(deployment);
        return hook && TEST_STAGES.includes(stage) ? { hookId: hook.hookId } : undefined;
    }
    if (expectation.test === 'first-step') {
        if (SHIFTED.includes(stage))
            return { productionPercent: 100 };
        const weight = deployment.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
        return stage === 'PRODUCTION_TRAFFIC_SHIFT' && weight > 0 ? { productionPercent: weight } : undefined;
    }
    return AFTER_TEST_TRAFFIC.includes(stage) ? {} : undefined;
}
const ROLLING_BACK = ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL'];
function assessNative(deployment, expectation) {
    const revision = revisionText(expectation.taskDefinitionArn, expectation.previousTaskDefinitionArn);
    if (!deployment) {
        const reason = `ECS no longer finds the service deployment of ${revision} (${expectation.serviceDeploymentArn})`;
        return { phase: 'failed', state: 'service deployment not found', failure: { reason, failedTasks: [] } };
    }
    const state = stateText(deployment, expectation.strategy);
    const why = deployment.statusReason ? `: ${deployment.statusReason.replace(/\.$/, '')}` : '';
    const at = deployment.lifecycleStage ? ` at ${deployment.lifecycleStage}` : '';
    const status = deployment.status ?? 'PENDING';
    if (expectation.purpose === 'rollback') {
        if (status === 'ROLLBACK_SUCCESSFUL')
            return { phase: 'done', state };
        if (status === 'ROLLBACK_FAILED')
            return native_failed(state, `ECS's rollback of ${revision} ended ROLLBACK_FAILED${why}`);
        if (status === 'SUCCESSFUL' || status === 'STOPPED')
            return native_failed(state, `the deployment of ${revision} ended ${status} instead of rolling back${why}`);
        return { phase: 'waiting', state };
    }
    if (status === 'SUCCESSFUL')
        return { phase: 'done', state };
    if (status === 'ROLLBACK_FAILED')
        return native_failed(state, `ECS rolled ${revision} back${at}, and the rollback failed${why}`);
    if (ROLLING_BACK.includes(status)) {
        const reason = deployment.rollback?.reason ?? deployment.statusReason;
        return {
            phase: 'ecs-rolling-back',
            state,
            failure: {
                reason: `ECS started rolling ${revision} back${at}${reason ? ` (${reason.replace(/\.$/, '')})` : ''}`,
                failedTasks: [],
            },
        };
    }
    if (status === 'STOPPED' || status === 'STOP_REQUESTED')
        return native_failed(state, `ECS stopped the deployment of ${revision}${at}${why}`);
    if (expectation.waitFor === 'traffic-shifted' &&
        status === 'IN_PROGRESS' &&
        SHIFTED.includes(deployment.lifecycleStage ?? ''))
        return { phase: 'done', state: `production traffic shifted (${state})` };
    return { phase: 'waiting', state };
}
function native_failed(state, reason) {
    return { phase: 'failed', state, failure: { reason, failedTasks: [] } };
}
/**
 * `IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT, 20% of production traffic`; a change of it is one log
 * line. The percentage is the target revision's requested production traffic weight, shown for
 * LINEAR and CANARY while their steps shift traffic.
 */
function stateText(deployment, strategy) {
    const parts = [deployment.status ?? 'PENDING'];
    if (deployment.lifecycleStage)
        parts.push(deployment.lifecycleStage);
    const weight = deployment.targetServiceRevision?.requestedProductionTrafficWeight;
    if ((strategy === 'LINEAR' || strategy === 'CANARY') &&
        deployment.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' &&
        deployment.status === 'IN_PROGRESS' &&
        weight !== undefined)
        parts.push(`${formatPercent(weight)}% of production traffic`);
    const paused = pausedHook(deployment);
    if (paused)
        parts.push(`paused by hook ${paused.hookId}`);
    return parts.join(', ');
}
function formatPercent(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
/** The PAUSE lifecycle hook that holds the deployment, awaiting ContinueServiceDeployment. */
function pausedHook(deployment) {
    const hook = deployment.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION');
    if (!hook?.hookId)
        return undefined;
    return { hookId: hook.hookId, expiresAt: hook.expiresAt, timeoutAction: hook.timeoutAction };
}
/** The sentence that reports a PAUSE hook nobody told the action about. */
function pauseNotice(deployment, service) {
    const hook = pausedHook(deployment);
    if (!hook)
        return undefined;
    const until = hook.expiresAt ? ` until ${new Date(hook.expiresAt).toISOString()}` : '';
    const then = hook.timeoutAction ? `, then ECS does ${hook.timeoutAction}` : '';
    return `Service ${service}: ECS paused the deployment at ${deployment.lifecycleStage ?? 'its current stage'} for PAUSE hook ${hook.hookId}; it waits for ContinueServiceDeployment${until}${then}.`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/targets.ts

/**
 * The Elastic Load Balancing calls of ecs-deploy (DescribeTargetHealth), through the run's call
 * layer. The SDK client is imported only when a service behind target groups is waited for with
 * `wait-for: healthy`, so runs without one never load it.
 */
class Elb {
    calls;
    region;
    sdk;
    client;
    constructor(calls, region, sdk, client) {
        this.calls = calls;
        this.region = region;
        this.sdk = sdk;
        this.client = client;
    }
    static async connect(calls, region) {
        const sdk = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(586)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 586, 19));
        return new Elb(calls, region, sdk, calls.client(sdk.ElasticLoadBalancingV2Client, region));
    }
    /** The health of the given targets of a target group (all of its targets when none are given). */
    async describeTargetHealth(targetGroupArn, targets) {
        const out = await this.calls.send(`describe target health of target group ${targetGroupName(targetGroupArn)} in ${this.region}`, (o) => this.client.send(new this.sdk.DescribeTargetHealthCommand({
            TargetGroupArn: targetGroupArn,
            Targets: targets.length > 0 ? targets : undefined,
        }), o));
        return out.TargetHealthDescriptions ?? [];
    }
}
/**
 * Follows the target health of the new tasks of services behind target groups, one client per
 * wait, created on first use; logs each target group's count once per change.
 */
class TargetHealthWatcher {
    calls;
    region;
    logger;
    label;
    elb;
    logged = new Map();
    constructor(calls, region, logger, label) {
        this.calls = calls;
        this.region = region;
        this.logger = logger;
        this.label = label;
    }
    async observe(name, service, tasks) {
        this.elb ??= Elb.connect(this.calls, this.region);
        const elb = await this.elb;
        const observations = await Promise.all(targetGroupsOf(service).map(async (use) => {
            const targets = taskTargets(tasks, use);
            const descriptions = targets.length > 0
                ? await elb.describeTargetHealth(use.targetGroupArn, targets.map((t) => ({ Id: t.id, Port: t.port })))
                : [];
            return { targetGroupArn: use.targetGroupArn, targets, descriptions };
        }));
        const assessment = assessTargets(observations);
        observations.forEach((o, i) => {
            const key = `${name} ${o.targetGroupArn}`;
            const text = assessment.counts[i];
            if (this.logged.get(key) !== text)
                this.logger.info(`${this.label} ${name}: ${text}`);
            this.logged.set(key, text);
        });
        return assessment;
    }
}

;// CONCATENATED MODULE: ./src/ecs-deploy/watch.ts









function isTerminal(status) {
    return status !== undefined && status.phase !== 'waiting';
}
async function watchServices(ecs, cluster, tracked, options) {
    const now = options.now ?? Date.now;
    const started = now();
    const outcomes = new Map();
    const targets = new TargetHealthWatcher(ecs.calls, ecs.region, options.logger, options.label);
    const tasks = new TaskWatcher(ecs, cluster, now, targets);
    const pending = () => tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status));
    const poll = async () => {
        const current = pending();
        const { services } = await ecs.describeServices(cluster, current.map((t) => t.service));
        // The rollouts' service deployments, read after the services so that they are as recent.
        const arns = current.flatMap((t) => t.expectation.serviceDeploymentArn ?? []);
        const records = arns.length > 0 ? await ecs.describeServiceDeployments(arns) : [];
        await Promise.all(current.map(async (t) => {
            const service = services.find((s) => s.serviceName === t.service);
            const serviceDeployment = records.find((d) => d.serviceDeploymentArn === t.expectation.serviceDeploymentArn);
            const status = assess({ ...(await tasks.observe(t, service)), serviceDeployment }, t.expectation);
            const previous = outcomes.get(t.service);
            const elapsedMs = now() - started;
            if (previous?.status.state !== status.state)
                options.logger.info(`${options.label} ${t.service}: ${status.state} (${formatDuration(elapsedMs)})`);
            // The service deployment's statuses, each logged and marked on the timeline once.
            const stages = [...(previous?.stages ?? [])];
            const recorded = serviceDeployment?.status;
            if (recorded && stages.at(-1)?.stage !== recorded) {
                stages.push({ stage: recorded, atMs: elapsedMs });
                options.logger.info(`${options.label} ${t.service}: service deployment ${recorded} (${formatDuration(elapsedMs)})`);
            }
            outcomes.set(t.service, {
                service: t.service,
                status,
                events: recentEvents(service?.events),
                elapsedMs,
                ...(stages.length > 0 ? { stages } : {}),
            });
        }));
    };
    const stop = options.stop;
    let result;
    try {
        result = await waitFor({
            label: `${options.label} ${tracked.map((t) => t.service).join(', ')}`,
            poll,
            assess: () => combined(tracked, outcomes, options.until ?? 'first-failure'),
            timeoutMs: options.timeoutMs,
            minDelayMs: options.minDelayMs ?? constants/* POLL_MIN_DELAY_MS */._K,
            maxDelayMs: options.maxDelayMs ?? constants/* POLL_MAX_DELAY_MS */.gM,
            signal: (0,cancel/* anySignal */.JG)(options.signal, stop),
            sleep: options.sleep,
            now,
            logger: debugLogger(options.logger),
        });
    }
    catch (error) {
        if (!(error instanceof common_errors/* CancelledError */.cc) || !stop?.aborted || options.signal?.aborted)
            throw error;
        return stopped(tracked, outcomes, options, now() - started);
    }
    if (result.outcome === 'timeout')
        markTimedOut(tracked, outcomes, options, now() - started);
    return tracked.map((t) => outcomes.get(t.service));
}
/** The outcomes of a wait ended by `stop`: the services still rolling out stay `waiting`. */
function stopped(tracked, outcomes, options, elapsedMs) {
    const open = tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status)).map((t) => t.service);
    const why = options.stop?.reason instanceof Error ? `: ${options.stop.reason.message}` : '';
    if (open.length > 0)
        options.logger.info(`${options.label} stopped waiting for ${open.join(', ')}${why}`);
    return tracked.map((t) => outcomes.get(t.service) ?? {
        service: t.service,
        status: { phase: 'waiting', state: 'not observed yet' },
        events: [],
        elapsedMs,
    });
}
function combined(tracked, outcomes, until) {
    const statuses = tracked.map((t) => outcomes.get(t.service)?.status);
    const state = tracked.map((t, i) => `${t.service} ${statuses[i]?.state ?? 'unknown'}`).join('; ');
    // Rollbacks are each waited for to the end, whatever happens to the others.
    if (until === 'all')
        return { state, done: statuses.every(isTerminal) };
    const failed = statuses.find((s) => s?.phase === 'failed' || s?.phase === 'ecs-rolling-back');
    if (failed && (failed.phase === 'failed' || failed.phase === 'ecs-rolling-back'))
        return { state, failure: failed.failure.reason };
    return { state, done: statuses.every((s) => s?.phase === 'done') };
}
function markTimedOut(tracked, outcomes, options, elapsedMs) {
    for (const t of tracked) {
        const outcome = outcomes.get(t.service);
        if (isTerminal(outcome?.status))
            continue;
        const state = outcome?.status.state ?? 'not observed yet';
        const revision = revisionText(t.expectation.taskDefinitionArn, t.expectation.previousTaskDefinitionArn);
        const reason = `${revision} did not finish ${options.activity} within ${formatDuration(options.timeoutMs)} (${state})`;
        outcomes.set(t.service, {
            service: t.service,
            status: { phase: 'failed', state: `timed out: ${state}`, failure: { reason, failedTasks: [] } },
            events: outcome?.events ?? [],
            elapsedMs,
            stages: outcome?.stages,
        });
    }
}
function recentEvents(events) {
    return (events ?? [])
        .slice(0, constants/* EVENTS_SHOWN */.Ue)
        .map((e) => `${e.createdAt ? new Date(e.createdAt).toISOString() : ''} ${e.message ?? ''}`.trim());
}
/** The deployment a service expectation follows. */
function deploymentOf(service, expectation) {
    const deployments = service?.deployments ?? [];
    if (expectation.deploymentId)
        return deployments.find((d) => d.id === expectation.deploymentId);
    return deployments.find((d) => d.taskDefinition === expectation.taskDefinitionArn && d.status === 'PRIMARY');
}
/**
 * Finds the failed tasks of each followed deployment, and its running tasks for
 * `wait-for: healthy`. Looks again only when the deployment changed (counts, rollout state, a
 * new event) or `STOPPED_TASKS_REFRESH_MS` has passed; each stopped task is described once.
 */
class TaskWatcher {
    ecs;
    cluster;
    now;
    targets;
    described = new Set();
    failed = new Map();
    checked = new Map();
    constructor(ecs, cluster, now, targets) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.now = now;
        this.targets = targets;
    }
    async observe(tracked, service) {
        if (!service)
            return { service, failedTasks: this.failed.get(tracked.service) ?? [] };
        const deployment = deploymentOf(service, tracked.expectation);
        const failedTasks = await this.failedTasks(tracked, service, deployment);
        const runningTasks = await this.runningTasks(tracked, deployment);
        const targets = await this.targetHealth(tracked, service, deployment, runningTasks);
        return { service, failedTasks, runningTasks, targets };
    }
    /**
     * For `wait-for: healthy` behind target groups: ELB's health of the new tasks' targets, looked
     * up once all of them run and pass their container health checks.
     */
    async targetHealth(tracked, service, deployment, running) {
        if (!this.targets || !running || !deployment || targetGroupsOf(service).length === 0)
            return undefined;
        if (running.length < (deployment.desiredCount ?? 0))
            return undefined;
        if (!running.every((t) => isHealthy(t, tracked.expectation.healthChecked)))
            return undefined;
        return this.targets.observe(tracked.service, service, running);
    }
    async failedTasks(tracked, service, deployment) {
        const key = tracked.service;
        const fingerprint = [
            deployment?.failedTasks,
            deployment?.runningCount,
            deployment?.pendingCount,
            deployment?.rolloutState,
            deployment?.status,
            service.events?.[0]?.id,
        ].join('|');
        const last = this.checked.get(key);
        const stale = last === undefined
            ? (deployment?.failedTasks ?? 0) > 0
            : last.fingerprint !== fingerprint || this.now() - last.at >= constants/* STOPPED_TASKS_REFRESH_MS */.sJ;
        if (last === undefined)
            this.checked.set(key, { fingerprint, at: this.now() });
        if (!stale || !deployment)
            return this.failed.get(key) ?? [];
        this.checked.set(key, { fingerprint, at: this.now() });
        const arns = await this.ecs.listTasks({
            cluster: this.cluster,
            serviceName: key,
            desiredStatus: 'STOPPED',
        });
        const fresh = arns.filter((arn) => !this.described.has(arn));
        const tasks = fresh.length > 0 ? await this.ecs.describeTasks(this.cluster, fresh) : [];
        for (const task of tasks)
            this.described.add(task.taskArn ?? '');
        const ours = tasks.filter((t) => belongsTo(t, deployment) && isFailedTask(t));
        const all = [...(this.failed.get(key) ?? []), ...ours];
        this.failed.set(key, all);
        return all;
    }
    async runningTasks(tracked, deployment) {
        if (tracked.expectation.waitFor !== 'healthy' || !deployment)
            return undefined;
        if ((deployment.runningCount ?? 0) < (deployment.desiredCount ?? 0))
            return undefined;
        const arns = await this.ecs.listTasks({
            cluster: this.cluster,
            serviceName: tracked.service,
            desiredStatus: 'RUNNING',
        });
        const tasks = arns.length > 0 ? await this.ecs.describeTasks(this.cluster, arns) : [];
        return tasks.filter((t) => belongsTo(t, deployment));
    }
}
/** Tasks a service starts carry the deployment's id in `startedBy`. */
function belongsTo(task, deployment) {
    if (task.startedBy && deployment.id)
        return task.startedBy === deployment.id;
    return task.taskDefinitionArn === deployment.taskDefinition;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/follow.ts







async function followDeployments(ecs, tracked, options) {
    const now = options.now ?? Date.now;
    const started = now();
    const outcomes = new Map();
    const noticed = new Set();
    const tested = new Set();
    const pending = () => tracked.filter((t) => !isTerminal(outcomes.get(t.service)?.status));
    const poll = async () => {
        const current = pending();
        const found = await ecs.describeServiceDeployments(current.map((t) => t.expectation.serviceDeploymentArn));
        for (const t of current) {
            const deployment = found.find((d) => d.serviceDeploymentArn === t.expectation.serviceDeploymentArn);
            let status = assessNative(deployment, t.expectation);
            const point = deployment && status.phase === 'waiting' ? testPoint(deployment, t.expectation) : undefined;
            const previous = outcomes.get(t.service);
            const elapsedMs = now() - started;
            if (previous?.status.state !== status.state)
                options.logger.info(`${options.label} ${t.service}: ${status.state} (${formatDuration(elapsedMs)})`);
            const stages = [...(previous?.stages ?? [])];
            const stage = deployment ? stageOf(deployment) : undefined;
            if (stage && stages.at(-1)?.stage !== stage)
                stages.push({ stage, atMs: elapsedMs });
            if (!point?.hookId)
                notice(deployment, t.service);
            if (point && options.onTest && !tested.has(t.service)) {
                tested.add(t.service);
                const verdict = await options.onTest(t, deployment, point);
                if (verdict) {
                    status = verdict;
                    options.logger.info(`${options.label} ${t.service}: ${status.state} (${formatDuration(now() - started)})`);
                }
            }
            outcomes.set(t.service, {
                service: t.service,
                status,
                events: deployment?.statusReason ? [deployment.statusReason] : [],
                elapsedMs,
                stages,
            });
        }
    };
    const notice = (deployment, service) => {
        const sentence = deployment ? pauseNotice(deployment, service) : undefined;
        if (!sentence || noticed.has(sentence))
            return;
        noticed.add(sentence);
        options.logger.warning(sentence);
    };
    const stop = options.stop;
    let result;
    try {
        result = await waitFor({
            label: `${options.label} ${tracked.map((t) => t.service).join(', ')}`,
            poll,
            assess: () => combined(tracked, outcomes, options.until ?? 'first-failure'),
            timeoutMs: options.timeoutMs,
            minDelayMs: options.minDelayMs ?? constants/* POLL_MIN_DELAY_MS */._K,
            maxDelayMs: options.maxDelayMs ?? constants/* POLL_MAX_DELAY_MS */.gM,
            signal: (0,cancel/* anySignal */.JG)(options.signal, stop),
            sleep: options.sleep,
            now,
            logger: debugLogger(options.logger),
        });
    }
    catch (error) {
        if (!(error instanceof common_errors/* CancelledError */.cc) || !stop?.aborted || options.signal?.aborted)
            throw error;
        return stopped(tracked, outcomes, options, now() - started);
    }
    if (result.outcome === 'timeout')
        markTimedOut(tracked, outcomes, options, now() - started);
    return tracked.map((t) => outcomes.get(t.service));
}
/** The timeline's name for where a deployment is: its stage while IN_PROGRESS, else its status. */
function stageOf(deployment) {
    if (deployment.status === 'IN_PROGRESS' && deployment.lifecycleStage)
        return deployment.lifecycleStage;
    return deployment.status ?? 'PENDING';
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
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
        throw cancelledError(options.signal);
    if (result.cancelled)
        throw new CancelledError(describeExit(result));
    if (result.exitCode !== 0)
        throw new ProcessError(result);
    return result;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/smoke.ts



/** How many lines of the command's output the failure sentence quotes. */
const TAIL_LINES = 3;
function testEnvironment(t) {
    return {
        INFRA_ACTIONS_TEST_URL: t.url ?? '',
        INFRA_ACTIONS_REGION: t.region,
        INFRA_ACTIONS_CLUSTER: t.cluster,
        INFRA_ACTIONS_SERVICE: t.service,
        INFRA_ACTIONS_SERVICE_DEPLOYMENT_ARN: t.serviceDeploymentArn,
        INFRA_ACTIONS_DEPLOYMENT_ID: t.deploymentId ?? '',
        INFRA_ACTIONS_TASK_DEFINITION_ARN: t.taskDefinitionArn,
        INFRA_ACTIONS_PRODUCTION_TRAFFIC_PERCENT: t.productionPercent === undefined ? '' : String(t.productionPercent),
    };
}
async function runTest(t, options) {
    const tail = [];
    const label = `[${t.region}] ${t.service} test |`;
    const line = (text) => {
        options.logger.info(`${label} ${text}`);
        tail.push(text);
        if (tail.length > 20)
            tail.shift();
    };
    const moment = t.productionPercent === undefined
        ? 'test traffic reaches the new revision'
        : `the new revision has ${t.productionPercent}% of production traffic`;
    options.logger.info(`[${t.region}] ${t.service}: ${moment}; running the test command`);
    const result = await spawnProcess('bash', ['-e', '-o', 'pipefail', '-c', t.command], {
        env: testEnvironment(t),
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        logger: options.logger,
        onStdoutLine: line,
        onStderrLine: line,
        display: `bash -c ${JSON.stringify(t.command)}`,
    }).done;
    if (result.cancelled && options.signal?.aborted)
        throw (0,cancel/* cancelledError */.YQ)(options.signal);
    const passed = result.exitCode === 0;
    const how = result.timedOut
        ? `did not finish within ${formatDuration(options.timeoutMs)}`
        : result.signal
            ? `was killed by ${result.signal}`
            : undefined;
    options.logger.info(`[${t.region}] ${t.service}: the test command ${passed ? 'passed' : 'failed'} (${how ?? `exit code ${result.exitCode}`}, ${formatDuration(result.durationMs)})`);
    return {
        passed,
        exitCode: result.exitCode,
        how,
        tail: tail.filter((l) => l.trim() !== '').slice(-TAIL_LINES),
        durationMs: result.durationMs,
    };
}
/** `the test command failed with exit code 3 (output ends: "expected 200" / "got 503")`. */
function testFailureClause(result) {
    const how = result.how ?? `failed with exit code ${result.exitCode}`;
    const tail = result.tail.length > 0 ? ` (output ends: ${result.tail.map((l) => JSON.stringify(l)).join(' / ')})` : '';
    return `the test command ${how}${tail}`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./src/common/inputs.ts + 1 modules
var common_inputs = __nccwpck_require__(4103);
;// CONCATENATED MODULE: ./src/ecs-deploy/image.ts
/**
 * Container image references, checked against the grammar Docker's reference library uses
 * (distribution/reference): `[registry[:port]/]path[:tag][@algorithm:digest]`. Written by hand
 * because no maintained JavaScript package implements that grammar without pulling in a
 * registry client.
 */
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$|^\[[0-9a-fA-F:]+\](?::\d+)?$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME_LENGTH = 255;
/** Parses an image reference, or returns the reason it is malformed (a clause for a sentence). */
function parseImageReference(text) {
    if (text === '')
        return { error: 'it is empty' };
    if (/\s/.test(text))
        return { error: 'it contains whitespace' };
    let rest = text;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            return { error: `the digest "${digest}" is not of the form sha256:<64 hex digits>` };
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            return {
                error: `the tag "${tag}" is not valid (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')`,
            };
    }
    return parseName(rest, tag, digest);
}
function parseName(name, tag, digest) {
    if (name === '')
        return { error: 'it has no repository name' };
    if (name.length > MAX_NAME_LENGTH)
        return { error: `the repository name is longer than ${MAX_NAME_LENGTH} characters` };
    const parts = name.split('/');
    let registry;
    if (parts.length > 1 && isRegistry(parts[0])) {
        registry = parts.shift();
        if (!DOMAIN.test(registry))
            return { error: `the registry "${registry}" is not a valid host name` };
    }
    for (const part of parts) {
        if (part !== part.toLowerCase())
            return { error: 'repository names must be lowercase' };
        if (!COMPONENT.test(part))
            return {
                error: `the path component "${part}" is not valid (lowercase letters, digits and separators . _ __ -)`,
            };
    }
    return { registry, repository: parts.join('/'), tag, digest };
}
/** Docker's rule: the first component is a registry when it has a dot or a port, or is localhost. */
function isRegistry(first) {
    return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}
function isImageError(value) {
    return 'error' in value;
}
/** The part after the repository, for short image diffs: `:1.4.2`, `@sha256:ab12…`. */
function imageVersion(image) {
    if (!image)
        return '(none)';
    const parsed = parseImageReference(image);
    if (isImageError(parsed))
        return image;
    if (parsed.digest)
        return `@${parsed.digest.slice(0, 19)}…`;
    return `:${parsed.tag ?? 'latest'}`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/inputs.ts







const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SERVICE = /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:service\/(?:[A-Za-z0-9_-]+\/)?)?[A-Za-z0-9_-]{1,255}$/;
const CLUSTER = /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:cluster\/)?[A-Za-z0-9_-]{1,255}$/;
const TASK_DEFINITION_REFERENCE = /^(?:arn:aws[\w-]*:ecs:[\w-]+:\d{12}:task-definition\/)?[A-Za-z0-9_-]{1,255}(?::\d+)?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function getInputs(env = process.env) {
    const image = (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.image);
    const taskDefinition = (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.taskDefinition);
    const environmentText = (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.environment);
    const source = parseSource(taskDefinition, image, env.GITHUB_WORKSPACE ?? process.cwd());
    const region = (0,aws/* resolveRegion */.Zv)((0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.region), env, constants/* Input */.pd.region);
    const regions = (0,common_inputs/* getListInput */.DF)(constants/* Input */.pd.regions).map((r) => (0,aws/* resolveRegion */.Zv)(r, {}, constants/* Input */.pd.regions));
    const runTaskCommand = (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.runTask);
    const inputs = {
        cluster: parseCluster((0,common_inputs/* getRequiredInput */.K1)(constants/* Input */.pd.cluster)),
        services: parseServices((0,common_inputs/* getListInput */.DF)(constants/* Input */.pd.services)),
        source,
        images: parseImages(image),
        environment: parseEnvironment(environmentText, source),
        desiredCount: (0,common_inputs/* getIntInput */.ML)(constants/* Input */.pd.desiredCount, { min: 0, max: 100_000 }),
        wait: (0,common_inputs/* getBooleanInput */.Vt)(constants/* Input */.pd.wait, true),
        waitFor: (0,common_inputs/* getEnumInput */.iv)(constants/* Input */.pd.waitFor, ['stable', 'healthy', 'traffic-shifted'], 'stable'),
        timeoutMs: (0,common_inputs/* getDurationInput */.l0)(constants/* Input */.pd.timeout, '15m', { min: 10_000, max: 6 * 3_600_000 }),
        maxFailedTasks: (0,common_inputs/* getIntInput */.ML)(constants/* Input */.pd.maxFailedTasks, { min: 1, max: 1000 }),
        rollback: (0,common_inputs/* getBooleanInput */.Vt)(constants/* Input */.pd.rollback, true),
        runTask: parseRunTask(runTaskCommand, (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.runTaskContainer)),
        test: parseTest((0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.testCommand), (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.testUrl), (0,common_inputs/* getOptionalInput */.lI)(constants/* Input */.pd.testAt)),
        keepRevisions: (0,common_inputs/* getIntInput */.ML)(constants/* Input */.pd.keepRevisions, { min: 1, max: 1000 }),
        regions: regions.length > 0 ? unique(regions) : [region],
        dryRun: (0,common_inputs/* getBooleanInput */.Vt)(constants/* Input */.pd.dryRun, false),
        aws: {
            region,
            maxAttempts: (0,aws/* getMaxAttemptsInput */.$2)(constants/* Input */.pd.maxAttempts),
            action: constants/* ACTION */.hr,
        },
    };
    checkArnRegions(inputs);
    if (inputs.test && !inputs.wait)
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.testCommand}' runs while the action waits for the deployment, but '${constants/* Input */.pd.wait}' is false.`);
    return inputs;
}
/** 'test-command', 'test-url' and 'test-at'; the URL must be http or https. */
function parseTest(command, url, at) {
    if (command === undefined) {
        for (const [name, value] of [
            [constants/* Input */.pd.testUrl, url],
            [constants/* Input */.pd.testAt, at],
        ])
            if (value !== undefined)
                throw new common_errors/* UserError */.yo(`Input '${name}' is set but '${constants/* Input */.pd.testCommand}' is not; set the command to run.`);
        return undefined;
    }
    if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url))
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.testUrl}' must be an http or https URL; got ${JSON.stringify(url)}.`);
    return {
        command,
        url,
        at: (0,common_inputs/* parseEnum */.nL)(constants/* Input */.pd.testAt, at ?? 'test-traffic', ['test-traffic', 'first-step']),
    };
}
/**
 * An ARN names a resource of one region, which no other region has: a cluster, service or task
 * definition given as an ARN must be in the one region rolled out. Names are resolved by each
 * region on its own.
 */
function checkArnRegions(inputs) {
    const references = [
        [constants/* Input */.pd.cluster, inputs.cluster],
        ...inputs.services.map((s) => [constants/* Input */.pd.services, s]),
    ];
    if (inputs.source.kind === 'existing')
        references.push([constants/* Input */.pd.taskDefinition, inputs.source.reference]);
    for (const [name, value] of references) {
        if (!value.startsWith('arn:'))
            continue;
        const region = value.split(':')[3];
        const others = inputs.regions.filter((r) => r !== region);
        if (others.length === 0)
            continue;
        throw new common_errors/* UserError */.yo(`Input '${name}' gives ${value}, an ARN in ${region}, which names nothing in ${others.join(' or ')}; give the name instead, which each region resolves on its own.`);
    }
}
function unique(values) {
    return [...new Set(values)];
}
function parseCluster(value) {
    if (!CLUSTER.test(value)) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.cluster}' must be a cluster name (letters, digits, '-' and '_') or a cluster ARN; got ${JSON.stringify(value)}.`);
    }
    return value;
}
function parseServices(names) {
    if (names.length === 0)
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.services}' is required but was not provided.`);
    for (const name of names) {
        if (!SERVICE.test(name)) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.services}' must list service names or ARNs; ${JSON.stringify(name)} is neither.`);
        }
    }
    const names_ = names.map(serviceName);
    const duplicate = names_.find((name, i) => names_.indexOf(name) !== i);
    if (duplicate)
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.services}' names service ${JSON.stringify(duplicate)} more than once.`);
    return names;
}
/** The service name of a name or ARN (`arn:...:service/prod/api` -> `api`). */
function serviceName(nameOrArn) {
    return nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1);
}
/** Decides what is rolled out from 'task-definition' and 'image'; reads and parses a file. */
function parseSource(taskDefinition, image, workspace) {
    if (taskDefinition === undefined)
        return image === undefined ? { kind: 'force' } : { kind: 'image' };
    if (isDirectory(taskDefinition, workspace)) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.taskDefinition}' names the directory ${taskDefinition} in the workspace; give the task definition JSON file in it (for example ${taskDefinition.replace(/\/$/, '')}/task-definition.json), a family[:revision] or a task definition ARN.`);
    }
    if (looksLikeFile(taskDefinition)) {
        return {
            kind: 'file',
            path: taskDefinition,
            definition: readTaskDefinitionFile(taskDefinition, workspace),
        };
    }
    if (!TASK_DEFINITION_REFERENCE.test(taskDefinition)) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.taskDefinition}' must be a JSON file in the repository, a family[:revision] or a task definition ARN; got ${JSON.stringify(taskDefinition)}.`);
    }
    if (image !== undefined) {
        throw new common_errors/* UserError */.yo(`Inputs '${constants/* Input */.pd.image}' and '${constants/* Input */.pd.taskDefinition}' cannot be used together when '${constants/* Input */.pd.taskDefinition}' names an existing revision (${taskDefinition}); give a task definition file, or 'image' alone to copy each service's current revision.`);
    }
    return { kind: 'existing', reference: taskDefinition };
}
function isDirectory(path, workspace) {
    try {
        return (0,external_node_fs_.statSync)((0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path)).isDirectory();
    }
    catch {
        return false;
    }
}
function looksLikeFile(value) {
    return value.endsWith('.json') || (value.includes('/') && !value.startsWith('arn:'));
}
function readTaskDefinitionFile(path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? error.message})`;
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.taskDefinition}' names the file ${path}, which ${why} in the workspace.`);
    }
    return parseTaskDefinitionJson(path, text);
}
/** Parses a task definition file: a task definition, or the output of `aws ecs describe-task-definition`. */
function parseTaskDefinitionJson(path, text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        throw new common_errors/* UserError */.yo(`The task definition file ${path} is not valid JSON: ${(0,common_inputs/* describeJsonError */.M1)(text, error)}.`);
    }
    const root = isObject(parsed) && isObject(parsed.taskDefinition) ? parsed.taskDefinition : parsed;
    if (!isObject(root))
        throw new common_errors/* UserError */.yo(`The task definition file ${path} must hold a JSON object.`);
    if (typeof root.family !== 'string' || !NAME.test(root.family)) {
        throw new common_errors/* UserError */.yo(`The task definition file ${path} must set "family" to a name of letters, digits, '-' and '_'.`);
    }
    const containers = root.containerDefinitions;
    if (!Array.isArray(containers) ||
        containers.length === 0 ||
        !containers.every((c) => isObject(c) && typeof c.name === 'string')) {
        throw new common_errors/* UserError */.yo(`The task definition file ${path} must list "containerDefinitions", each with a "name".`);
    }
    return root;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `image`: one image reference, or `container=image` lines. Every reference must be well-formed. */
function parseImages(text) {
    if (text === undefined)
        return { kind: 'none' };
    const lines = text
        .split(/\r?\n|,/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
    if (lines.length === 1 && !lines[0].includes('='))
        return { kind: 'single', image: checkImage(lines[0]) };
    const pairs = (0,common_inputs/* parseKeyValues */.Hl)(constants/* Input */.pd.image, lines.join('\n'), {
        keyPattern: NAME,
        keyDescription: 'container names',
    });
    return {
        kind: 'per-container',
        images: new Map(pairs.map(([container, image]) => [container, checkImage(image, container)])),
    };
}
function checkImage(image, container) {
    const parsed = parseImageReference(image);
    if (isImageError(parsed)) {
        const forWhom = container ? ` for container ${container}` : '';
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.image}' has a malformed image reference ${JSON.stringify(image)}${forWhom}: ${parsed.error}.`);
    }
    return image;
}
/** `environment`: `container.KEY=VALUE` lines (or `KEY=VALUE` for a task definition's only container). */
function parseEnvironment(text, source) {
    if (text === undefined)
        return [];
    if (source.kind === 'force' || source.kind === 'existing') {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.environment}' needs a new revision to change: set 'image' or a task definition file in '${constants/* Input */.pd.taskDefinition}' with it.`);
    }
    return (0,common_inputs/* parseKeyValues */.Hl)(constants/* Input */.pd.environment, text).map(([key, value]) => {
        const dot = key.indexOf('.');
        const container = dot > 0 ? key.slice(0, dot) : undefined;
        const name = dot > 0 ? key.slice(dot + 1) : key;
        if ((container !== undefined && !NAME.test(container)) || !ENV_NAME.test(name)) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.environment}' has an invalid key ${JSON.stringify(key)}; write container.NAME=value with NAME made of letters, digits and '_'.`);
        }
        return { container, name, value };
    });
}
/** `run-task`: a command as a JSON array of strings, or words separated by spaces (quotes group words). */
function parseRunTask(text, container) {
    if (text === undefined) {
        if (container !== undefined)
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTaskContainer}' is set but '${constants/* Input */.pd.runTask}' is not; set the command to run.`);
        return undefined;
    }
    if (container !== undefined && !NAME.test(container)) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTaskContainer}' must be a container name; got ${JSON.stringify(container)}.`);
    }
    return { command: parseCommand(text), container };
}
function parseCommand(text) {
    if (text.startsWith('[')) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch (error) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTask}' is not a valid JSON array: ${(0,common_inputs/* describeJsonError */.M1)(text, error)}.`);
        }
        if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((w) => typeof w === 'string')) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTask}' must be a non-empty JSON array of strings when it starts with '['.`);
        }
        return parsed;
    }
    return splitWords(text);
}
/** Splits a command line on whitespace; single or double quotes group words. No other shell syntax. */
function splitWords(text) {
    if (unbalanced(text))
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTask}' has an unterminated quote: ${JSON.stringify(text)}.`);
    const words = [];
    const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
    let current = '';
    let last = -1;
    for (const match of text.matchAll(pattern)) {
        const piece = match[1] ?? match[2] ?? match[3];
        const index = match.index;
        if (last === index)
            current += piece;
        else {
            if (last >= 0)
                words.push(current);
            current = piece;
        }
        last = index + match[0].length;
    }
    if (last >= 0)
        words.push(current);
    return words;
}
function unbalanced(text) {
    let quote;
    for (const ch of text) {
        if (quote === undefined && (ch === '"' || ch === "'"))
            quote = ch;
        else if (ch === quote)
            quote = undefined;
    }
    return quote !== undefined;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/state.ts
/** The strategies ECS runs stage by stage, recorded in its ServiceDeployment resource. */
const NATIVE_STRATEGIES = ['BLUE_GREEN', 'LINEAR', 'CANARY'];
function isNative(strategy) {
    return NATIVE_STRATEGIES.includes(strategy);
}
function strategyOf(config) {
    const strategy = (config?.strategy ?? 'ROLLING');
    return {
        strategy,
        bakeTimeInMinutes: config?.bakeTimeInMinutes,
        stepPercent: config?.linearConfiguration?.stepPercent,
        stepBakeTimeInMinutes: config?.linearConfiguration?.stepBakeTimeInMinutes,
        canaryPercent: config?.canaryConfiguration?.canaryPercent,
        canaryBakeTimeInMinutes: config?.canaryConfiguration?.canaryBakeTimeInMinutes,
        hooks: (config?.lifecycleHooks ?? []).map((h) => ({
            type: h.targetType ?? 'AWS_LAMBDA',
            stages: h.lifecycleStages ?? [],
            timeoutInMinutes: h.timeoutConfiguration?.timeoutInMinutes,
            timeoutAction: h.timeoutConfiguration?.action,
        })),
    };
}
function observedService(service) {
    const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
    return {
        name: service.serviceName ?? '',
        arn: service.serviceArn ?? '',
        status: service.status ?? 'UNKNOWN',
        taskDefinitionArn: service.taskDefinition ?? '',
        desiredCount: service.desiredCount ?? 0,
        controller: service.deploymentController?.type ?? 'ECS',
        circuitBreaker: { enable: breaker?.enable ?? false, rollback: breaker?.rollback ?? false },
        launchType: service.launchType,
        capacityProviderStrategy: service.capacityProviderStrategy,
        platformVersion: service.platformVersion,
        networkConfiguration: service.networkConfiguration,
        deployments: service.deployments ?? [],
        strategy: strategyOf(service.deploymentConfiguration),
    };
}

;// CONCATENATED MODULE: ./src/ecs-deploy/observe.ts




/**
 * Observation: read-only calls that check the cluster, every service and the task definitions
 * exist and are ACTIVE, and capture what rollback will need (each service's current task
 * definition and desired count). Any problem is a `UserError` raised before anything changes.
 */
async function observe(ecs, inputs) {
    const region = ecs.region;
    const where = regionClause(inputs, region);
    const cluster = await observeCluster(ecs, inputs.cluster, where);
    const names = inputs.services.map(serviceName);
    const { services, failures } = await describeServicesOrExplain(ecs, inputs.cluster, inputs.services, where);
    const missing = failures.map((f) => serviceName(f.arn ?? ''));
    const inactive = services.filter((s) => s.status !== 'ACTIVE');
    if (missing.length > 0) {
        throw new common_errors/* UserError */.yo(`${plural(missing, 'Service')} ${missing.join(', ')} ${missing.length === 1 ? 'was' : 'were'} not found in cluster ${cluster.name} (${region}).`);
    }
    if (inactive.length > 0) {
        const list = inactive.map((s) => `${s.serviceName} is ${s.status}`).join(', ');
        throw new common_errors/* UserError */.yo(`Every service must be ACTIVE to be rolled out, but in cluster ${cluster.name} (${region}) ${list}.`);
    }
    const observed = names.map((name) => observedService(services.find((s) => s.serviceName === name) ?? {}));
    const state = { region, cluster, services: observed, taskDefinitions: new Map() };
    await describeTaskDefinitions(ecs, state);
    if (inputs.source.kind === 'existing')
        state.existingTarget = await resolveExisting(ecs, state, inputs.source.reference);
    return state;
}
function plural(items, noun) {
    return items.length === 1 ? noun : `${noun}s`;
}
/** Which input named the region, for the sentence that says a cluster is not there. */
function regionClause(inputs, region) {
    const fromRegions = inputs.regions.length > 1 || inputs.regions[0] !== inputs.aws.region;
    return fromRegions ? `the region ${region} in '${constants/* Input */.pd.regions}'` : `'${constants/* Input */.pd.region}' (${region})`;
}
async function observeCluster(ecs, cluster, where) {
    const { cluster: found, failure } = await ecs.describeCluster(cluster);
    if (!found || failure) {
        // ECS says only MISSING: the name, or the region (a misspelt one included), is wrong.
        throw new common_errors/* UserError */.yo(`Cluster ${cluster} was not found in ${ecs.region}; check '${constants/* Input */.pd.cluster}' and ${where}.`);
    }
    if (found.status !== 'ACTIVE') {
        throw new common_errors/* UserError */.yo(`Cluster ${found.clusterName} in ${ecs.region} is ${found.status}; only an ACTIVE cluster can run a rollout.`);
    }
    return { name: found.clusterName ?? cluster, arn: found.clusterArn ?? '' };
}
async function describeServicesOrExplain(ecs, cluster, services, where) {
    try {
        return await ecs.describeServices(cluster, services);
    }
    catch (error) {
        if ((0,common_errors/* awsErrorCode */.J6)(error.cause) === 'ClusterNotFoundException') {
            throw new common_errors/* UserError */.yo(`Cluster ${cluster} was not found in ${ecs.region}; check '${constants/* Input */.pd.cluster}' and ${where}.`);
        }
        throw error;
    }
}
async function describeTaskDefinitions(ecs, state) {
    const arns = [...new Set(state.services.map((s) => s.taskDefinitionArn))];
    const described = await Promise.all(arns.map((arn) => ecs.describeTaskDefinition(arn)));
    arns.forEach((arn, i) => state.taskDefinitions.set(arn, described[i]));
}
async function resolveExisting(ecs, state, reference) {
    let described;
    try {
        described = await ecs.describeTaskDefinition(reference);
    }
    catch (error) {
        const code = (0,common_errors/* awsErrorCode */.J6)(error.cause);
        if (code === 'ClientException' || code === 'InvalidParameterException') {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.taskDefinition}' names ${reference}, which is not a task definition in ${ecs.region}.`);
        }
        throw error;
    }
    const arn = described.definition.taskDefinitionArn ?? reference;
    if (described.definition.status !== 'ACTIVE') {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.taskDefinition}' names ${reference}, which is ${described.definition.status} in ${ecs.region}; only ACTIVE revisions can be deployed.`);
    }
    state.taskDefinitions.set(arn, described);
    return arn;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/plan.ts





function plan(inputs, state) {
    for (const service of state.services)
        checkController(service);
    const notes = [];
    const registrations = planRegistrations(inputs, state, notes);
    const services = state.services.map((service) => planService(inputs, state, service, registrations));
    notes.push(...strategyNotes(inputs, services));
    const result = {
        region: state.region,
        cluster: state.cluster.name,
        registrations,
        services,
        keepRevisions: inputs.keepRevisions,
        notes,
    };
    if (inputs.runTask)
        result.runTask = planRunTask(inputs, state, result);
    return result;
}
function checkController(service) {
    if (service.controller !== 'ECS') {
        throw new common_errors/* UserError */.yo(`Service ${service.name} uses the ${service.controller} deployment controller; ecs-deploy rolls out services that use the ECS (rolling update) controller only.`);
    }
}
function planRegistrations(inputs, state, notes) {
    const { source } = inputs;
    if (source.kind === 'file') {
        const request = registrationOf(source.definition);
        const services = state.services.map((s) => s.name);
        const environment = customise(request, inputs, `the file ${source.path}`);
        return [
            {
                family: request.family ?? '',
                request,
                basedOn: source.path,
                services,
                ...(environment.length ? { environment } : {}),
            },
        ];
    }
    if (source.kind !== 'image')
        return [];
    const registrations = groupByFamily(state).map(({ family, services, arns }) => {
        const basedOn = newest(arns);
        const described = state.taskDefinitions.get(basedOn);
        if (!described)
            throw new Error(`Task definition ${basedOn} was not described.`);
        const request = registrationOf(described.definition, described.tags);
        const users = services.map((s) => s.name);
        if (services.length > 1)
            notes.push(`Services ${users.join(', ')} share family ${family}: one new revision for all of them.`);
        for (const s of services.filter((s) => s.taskDefinitionArn !== basedOn)) {
            notes.push(`Service ${s.name} runs ${shortName(s.taskDefinitionArn)}; it moves to the copy of ${shortName(basedOn)}, the newest revision in use.`);
        }
        return { family, request, basedOn, services: users };
    });
    checkEveryNameUsed(inputs, registrations);
    const partial = registrations.length > 1;
    for (const registration of registrations) {
        const environment = customise(registration.request, inputs, `task definition ${shortName(registration.basedOn)} (${serviceList(registration.services)})`, partial);
        if (environment.length)
            registration.environment = environment;
    }
    return registrations;
}
function groupByFamily(state) {
    const groups = new Map();
    for (const service of state.services) {
        const { family } = parseTaskDefinitionId(service.taskDefinitionArn);
        const group = groups.get(family) ?? { family, services: [], arns: [] };
        group.services.push(service);
        if (!group.arns.includes(service.taskDefinitionArn))
            group.arns.push(service.taskDefinitionArn);
        groups.set(family, group);
    }
    return [...groups.values()];
}
function newest(arns) {
    return newestFirst(arns)[0];
}
function serviceList(services) {
    return `${services.length === 1 ? 'service' : 'services'} ${services.join(', ')}`;
}
/**
 * With several families (image mode), each named container must exist in at least one of them,
 * and each family must get at least one change; with one family, every name must exist in it.
 */
function checkEveryNameUsed(inputs, registrations) {
    if (inputs.images.kind !== 'per-container' || registrations.length < 2)
        return;
    const all = new Set(registrations.flatMap((r) => containerNames(r.request)));
    for (const container of inputs.images.images.keys()) {
        if (!all.has(container)) {
            const which = registrations
                .map((r) => `${shortName(r.basedOn)} (${containerNames(r.request).join(', ')})`)
                .join('; ');
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.image}' names container ${container}, which none of the services' task definitions has: ${which}.`);
        }
    }
}
/**
 * Applies `image` and `environment` to a request; `partial` lets a family take only the names it
 * has. Returns the environment variables it changed.
 */
function customise(request, inputs, what, partial = false) {
    const names = containerNames(request);
    const changed = applyImages(request, inputs.images, names, what, partial);
    const environment = applyEnvironment(request, inputs.environment, names, what, partial);
    if (partial && inputs.images.kind === 'per-container' && changed === 0) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.image}' changes no container of ${what}, whose containers are ${names.join(', ')}; name one of them or leave that service out.`);
    }
    return environment;
}
function applyImages(request, images, names, what, partial) {
    if (images.kind === 'none')
        return 0;
    if (images.kind === 'single') {
        if (names.length !== 1) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.image}' gives one image, but ${what} has ${names.length} containers (${names.join(', ')}); write one container=image line per container to change.`);
        }
        setImage(request, names[0], images.image);
        return 1;
    }
    let changed = 0;
    for (const [container, image] of images.images) {
        if (names.includes(container)) {
            setImage(request, container, image);
            changed += 1;
        }
        else if (!partial) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.image}' names container ${container}, which ${what} does not have; its containers are ${names.join(', ')}.`);
        }
    }
    return changed;
}
function applyEnvironment(request, settings, names, what, partial) {
    const changes = [];
    const set = (container, setting) => {
        const what = setEnvironment(request, container, setting.name, setting.value);
        changes.push(`${container}.${setting.name} (${what})`);
    };
    for (const setting of settings) {
        if (setting.container === undefined) {
            if (names.length !== 1) {
                throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.environment}' sets ${setting.name} without a container, but ${what} has ${names.length} containers (${names.join(', ')}); write container.${setting.name}=value.`);
            }
            set(names[0], setting);
        }
        else if (names.includes(setting.container)) {
            set(setting.container, setting);
        }
        else if (!partial) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.environment}' names container ${setting.container}, which ${what} does not have; its containers are ${names.join(', ')}.`);
        }
    }
    return changes;
}
function planService(inputs, state, service, registrations) {
    const target = targetOf(inputs, state, service, registrations);
    const forceNewDeployment = target.kind === 'existing' && target.arn === service.taskDefinitionArn;
    return {
        service: service.name,
        previousTaskDefinitionArn: service.taskDefinitionArn,
        previousDesiredCount: service.desiredCount,
        target,
        desiredCount: inputs.desiredCount,
        forceNewDeployment,
        images: imageChanges(state, service.taskDefinitionArn, containersOf(state, target, registrations)),
        circuitBreaker: service.circuitBreaker,
        strategy: service.strategy,
        test: inputs.test ? testAt(service, inputs.test.at) : undefined,
    };
}
/**
 * A smoke test needs test traffic: a native deployment; at the first step of production
 * traffic, a LINEAR or CANARY one.
 */
function testAt(service, moment) {
    const strategy = service.strategy.strategy;
    if (!isNative(strategy))
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.testCommand}' runs against the test traffic of a BLUE_GREEN, LINEAR or CANARY deployment, but service ${service.name} uses the ${strategy} strategy.`);
    if (moment === 'first-step') {
        if (strategy !== 'LINEAR' && strategy !== 'CANARY')
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.testAt}: first-step' runs the test at the first step of production traffic of a LINEAR or CANARY deployment, but service ${service.name} uses the ${strategy} strategy; use 'test-traffic'.`);
        return 'first-step';
    }
    const pause = service.strategy.hooks.some((h) => h.type === 'PAUSE' && h.stages.some((s) => TEST_HOOK_STAGES.includes(s)));
    return pause ? 'hook' : 'stage';
}
/** What `wait-for` means for the strategies at hand, where it is not what its name says. */
function strategyNotes(inputs, services) {
    const notes = [];
    const rolling = services.filter((s) => !isNative(s.strategy.strategy)).map((s) => s.service);
    const native = services.filter((s) => isNative(s.strategy.strategy)).map((s) => s.service);
    if (inputs.waitFor === 'traffic-shifted' && rolling.length > 0)
        notes.push(`'${constants/* Input */.pd.waitFor}: traffic-shifted' waits for ${serviceList(rolling)} as 'stable': a rolling update moves traffic as it replaces tasks.`);
    if (inputs.waitFor === 'healthy' && native.length > 0)
        notes.push(`'${constants/* Input */.pd.waitFor}: healthy' waits for ${serviceList(native)} until the service deployment is SUCCESSFUL: ECS moves production traffic only to tasks that pass their health checks.`);
    // ECS's own rollback does not ask the action: with rollback: false (the rollback workflow's,
    // so that a failed rollback is not undone onto the release it leaves) the circuit breaker
    // still puts a failed rollout back (Amazon ECS API Reference, DeploymentCircuitBreaker.rollback:
    // "If rollback is on, when a service deployment fails, the service is rolled back to the last
    // deployment that completed successfully").
    const breakers = services.filter((s) => s.circuitBreaker.enable && s.circuitBreaker.rollback);
    if (!inputs.rollback && breakers.length > 0)
        notes.push(`'${constants/* Input */.pd.rollback}: false' does not stop ECS's circuit breaker of ${serviceList(breakers.map((s) => s.service))} from rolling a failed rollout back to the revision it replaces (deploymentCircuitBreaker.rollback is on).`);
    for (const s of services) {
        if (s.test === 'stage')
            notes.push(`Service ${s.service} has no PAUSE hook at its test traffic stages: the test command runs once test traffic has shifted, while ECS goes on, and a failing test stops the deployment with a rollback.`);
        if (s.test === 'first-step')
            notes.push(`Service ${s.service}: the test command runs once the first step of production traffic reaches the new revision, while ECS goes on; the step's bake time is the test's window before more traffic moves, and a failing test stops the deployment with a rollback.`);
        const pauses = s.strategy.hooks.filter((h) => h.type === 'PAUSE' && !(s.test === 'hook' && h.stages.some((st) => TEST_HOOK_STAGES.includes(st))));
        for (const hook of pauses)
            notes.push(`Service ${s.service} has a PAUSE hook at ${hook.stages.join(', ')}: ECS waits there for ContinueServiceDeployment (up to ${hook.timeoutInMinutes ?? 'its default of'} minutes${hook.timeoutAction ? `, then ${hook.timeoutAction}` : ''}).`);
    }
    return notes;
}
/** `blue/green (bake time 5 min)`, `canary 10% for 5 min, then the rest (bake time 0 min)`. */
function strategyText(settings) {
    const bake = `bake time ${settings.bakeTimeInMinutes ?? 0} min`;
    switch (settings.strategy) {
        case 'BLUE_GREEN':
            return `blue/green: test traffic, then all production traffic at once, ${bake}`;
        case 'CANARY':
            return `canary: ${settings.canaryPercent ?? '?'}% of production traffic for ${settings.canaryBakeTimeInMinutes ?? '?'} min, then the rest, ${bake}`;
        case 'LINEAR':
            return `linear: ${settings.stepPercent ?? '?'}% more production traffic every ${settings.stepBakeTimeInMinutes ?? '?'} min, ${bake}`;
        default:
            return 'rolling update';
    }
}
function targetOf(inputs, state, service, registrations) {
    switch (inputs.source.kind) {
        case 'force':
            return { kind: 'existing', arn: service.taskDefinitionArn };
        case 'existing':
            return { kind: 'existing', arn: state.existingTarget ?? inputs.source.reference };
        default: {
            const registration = registrations.find((r) => r.services.includes(service.name));
            return { kind: 'registration', family: registration.family };
        }
    }
}
function containersOf(state, target, registrations) {
    if (target.kind === 'registration')
        return registrations.find((r) => r.family === target.family)?.request.containerDefinitions ?? [];
    return state.taskDefinitions.get(target.arn)?.definition.containerDefinitions ?? [];
}
function imageChanges(state, previousArn, next) {
    const before = state.taskDefinitions.get(previousArn)?.definition.containerDefinitions ?? [];
    const changes = [];
    for (const container of next) {
        const old = before.find((c) => c.name === container.name);
        if (old?.image !== container.image)
            changes.push({ container: container.name ?? '', from: old?.image, to: container.image });
    }
    for (const old of before) {
        if (!next.some((c) => c.name === old.name))
            changes.push({ container: old.name ?? '', from: old.image, to: undefined });
    }
    return changes;
}
function planRunTask(inputs, state, result) {
    const spec = inputs.runTask;
    const first = state.services[0];
    const servicePlan = result.services[0];
    const names = containersOf(state, servicePlan.target, result.registrations).map((c) => c.name ?? '');
    const what = `the task definition of service ${first.name}`;
    let container = spec.container;
    if (container === undefined) {
        if (names.length !== 1) {
            throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTaskContainer}' is required because ${what} has ${names.length} containers (${names.join(', ')}).`);
        }
        container = names[0];
    }
    else if (!names.includes(container)) {
        throw new common_errors/* UserError */.yo(`Input '${constants/* Input */.pd.runTaskContainer}' names container ${container}, which ${what} does not have; its containers are ${names.join(', ')}.`);
    }
    return {
        target: servicePlan.target,
        container,
        command: spec.command,
        launchType: first.capacityProviderStrategy?.length ? undefined : first.launchType,
        capacityProviderStrategy: first.capacityProviderStrategy?.length
            ? first.capacityProviderStrategy
            : undefined,
        platformVersion: first.platformVersion,
        networkConfiguration: first.networkConfiguration,
        networkFrom: first.name,
    };
}
/** The plan as log lines. */
function describePlan(p) {
    const lines = [`Region ${p.region}, cluster ${p.cluster}:`];
    for (const r of p.registrations) {
        lines.push(`  register a new revision of ${r.family} (copied from ${shortName(r.basedOn)}) for ${serviceList(r.services)}`);
        if (r.environment)
            lines.push(`    environment: ${r.environment.join(', ')}`);
    }
    if (p.runTask) {
        lines.push(`  run a one-off task of ${plan_targetText(p.runTask.target)} (container ${p.runTask.container}: ${p.runTask.command.join(' ')}) with service ${p.runTask.networkFrom}'s network settings, and stop on a non-zero exit`);
    }
    for (const s of p.services) {
        const count = s.desiredCount !== undefined && s.desiredCount !== s.previousDesiredCount
            ? `, desired count ${s.previousDesiredCount} -> ${s.desiredCount}`
            : '';
        const how = s.forceNewDeployment
            ? `force a new deployment of ${shortName(s.previousTaskDefinitionArn)}`
            : `${shortName(s.previousTaskDefinitionArn)} -> ${plan_targetText(s.target)}`;
        lines.push(`  update service ${s.service}: ${how}${count} (${strategyText(s.strategy)})`);
        if (s.test === 'hook')
            lines.push(`    run the test command at the PAUSE hook of its test traffic stage: CONTINUE when it passes, ROLLBACK when it fails`);
        if (s.test === 'stage')
            lines.push(`    run the test command once test traffic has shifted: a failure stops the deployment with ROLLBACK`);
        if (s.test === 'first-step')
            lines.push(`    run the test command once the first step of production traffic reaches the new revision: a failure stops the deployment with ROLLBACK`);
        for (const change of s.images)
            lines.push(`    ${change.container}: ${change.from ?? '(new container)'} -> ${change.to ?? '(removed)'}`);
    }
    if (p.keepRevisions !== undefined)
        lines.push(`  then deregister unused revisions beyond the newest ${p.keepRevisions}`);
    for (const note of p.notes)
        lines.push(`  note: ${note}`);
    return lines;
}
function plan_targetText(target) {
    return target.kind === 'existing' ? shortName(target.arn) : `the new revision of ${target.family}`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/deploy.ts










function newRegion(region, ecs) {
    return {
        region,
        ecs,
        registered: new Map(),
        updates: [],
        outcomes: new Map(),
        rollbacks: new Map(),
        tests: new Map(),
        deregistered: [],
    };
}
const each = (ctx, fn) => Promise.all(ctx.regions.map(fn));
/**
 * Fail fast across regions: `fn` runs in every region at once with a `stop` controller that the
 * first failure aborts (its reason, an Error, says what failed where), so no region keeps waiting
 * for an outcome that no longer matters. A region fails by throwing, or by calling `stop.abort`
 * itself. The first error thrown is rethrown once every region has ended; being stopped is not an
 * error.
 */
async function eachFailFast(ctx, failed, fn) {
    const stop = new AbortController();
    const errors = [];
    await each(ctx, async (r) => {
        try {
            await fn(r, stop);
        }
        catch (error) {
            const stopped = error instanceof common_errors/* CancelledError */.cc && stop.signal.aborted && !ctx.signal?.aborted;
            if (stopped)
                return;
            errors.push(error);
            if (!stop.signal.aborted)
                stop.abort(new Error(failed(r)));
        }
    });
    if (errors.length > 0)
        throw errors[0];
}
/** The run's signal, joined with a stop signal. */
function until(ctx, stop) {
    return (0,cancel/* anySignal */.JG)(ctx.signal, stop.signal);
}
async function observeAll(ctx) {
    await each(ctx, async (r) => {
        r.state = await observe(r.ecs, ctx.inputs);
        for (const s of r.state.services)
            ctx.logger.info(`[${r.region}] service ${s.name} runs ${shortName(s.taskDefinitionArn)} with ${s.desiredCount} desired task${s.desiredCount === 1 ? '' : 's'}`);
    });
}
function planAll(ctx) {
    for (const r of ctx.regions)
        r.plan = plan(ctx.inputs, r.state);
}
/** Registers the revisions and runs the one-off task in every region, then updates the services. */
async function applyAll(ctx) {
    await each(ctx, async (r) => {
        r.registered = await registerRevisions(r.ecs, r.plan, ctx.logger);
    });
    // A one-off task that fails in one region stops the wait for the others (their tasks run on
    // under ECS), and no service is updated anywhere.
    const failed = (r) => `the one-off task failed in ${r.region}`;
    await eachFailFast(ctx, failed, async (r, stop) => {
        const p = r.plan;
        if (!p.runTask)
            return;
        try {
            r.runTask = await runOneOffTask(r.ecs, p.runTask, r.registered, {
                cluster: p.cluster,
                timeoutMs: ctx.inputs.timeoutMs,
                signal: until(ctx, stop),
                logger: ctx.logger,
                sleep: ctx.sleep,
                nameRegion: ctx.regions.length > 1,
            });
        }
        catch (error) {
            if (error instanceof common_errors/* CancelledError */.cc && stop.signal.aborted && !ctx.signal?.aborted)
                ctx.logger.info(`[${r.region}] stopped waiting for the one-off task (it runs on under ECS): ${stop.signal.reason.message}`);
            throw error;
        }
    });
    await each(ctx, async (r) => {
        r.updates = await updateServices(r.ecs, r.plan, r.registered, ctx.logger);
    });
}
function expectationFor(ctx, r, update) {
    return {
        deploymentId: update.deploymentId,
        taskDefinitionArn: update.targetArn,
        previousTaskDefinitionArn: update.plan.previousTaskDefinitionArn,
        waitFor: ctx.inputs.waitFor,
        maxFailedTasks: ctx.inputs.maxFailedTasks,
        ecsRollsBack: update.plan.circuitBreaker.enable && update.plan.circuitBreaker.rollback,
        healthChecked: healthChecked(r, update.plan, update.targetArn),
        serviceDeploymentArn: update.serviceDeploymentArn,
    };
}
function healthChecked(r, service, arn) {
    const target = service.target;
    const containers = target.kind === 'registration'
        ? (r.plan?.registrations.find((reg) => reg.family === target.family)?.request.containerDefinitions ??
            [])
        : (r.state?.taskDefinitions.get(arn)?.definition.containerDefinitions ?? []);
    return containers.filter((c) => c.healthCheck?.command?.length).map((c) => c.name ?? '');
}
/**
 * Waits for every updated service of every region. The first failure anywhere (a service
 * failing, or not finishing in time) ends the waits in every other region at once, so the
 * rollback starts without waiting for rollouts whose outcome no longer matters.
 */
async function waitAll(ctx) {
    const failed = (r) => `a rollout failed in ${r.region}`;
    await eachFailFast(ctx, failed, async (r, stop) => {
        const updated = r.updates.filter((u) => u.updated);
        const options = {
            label: `[${r.region}]`,
            timeoutMs: ctx.inputs.timeoutMs,
            activity: 'rolling out',
            signal: ctx.signal,
            stop: stop.signal,
            logger: ctx.logger,
            sleep: ctx.sleep,
        };
        // Each kind of wait stops the other as soon as one of its services fails.
        const settle = (outcomes) => {
            for (const outcome of outcomes)
                r.outcomes.set(outcome.service, outcome);
            const failed = outcomes.find((o) => isFailure(o.status));
            if (failed && !stop.signal.aborted)
                stop.abort(new Error(`service ${failed.service} failed in ${r.region}`));
        };
        const rolling = updated
            .filter((u) => !followsNatively(u))
            .map((u) => ({ service: u.plan.service, expectation: expectationFor(ctx, r, u) }));
        const native = updated
            .filter(followsNatively)
            .map((u) => ({ service: u.plan.service, expectation: nativeExpectation(ctx, u, 'rollout') }));
        const cluster = r.plan.cluster;
        const onTest = (t, _d, point) => smokeTest(ctx, r, updated.find((u) => u.plan.service === t.service), point);
        await Promise.all([
            rolling.length > 0 ? watchServices(r.ecs, cluster, rolling, options).then(settle) : undefined,
            native.length > 0 ? followDeployments(r.ecs, native, { ...options, onTest }).then(settle) : undefined,
        ]);
    });
}
/**
 * Runs `test-command` for a deployment whose test traffic (or first step of production traffic)
 * reached the new revision. At a PAUSE hook, ContinueServiceDeployment says CONTINUE when it
 * passes and ROLLBACK when it fails; without one, a failure stops the deployment with
 * StopServiceDeployment ROLLBACK. A failure is returned as the deployment's status: rolling
 * back, at the test's request.
 */
async function smokeTest(ctx, r, update, point) {
    const hookId = point.hookId;
    const test = ctx.inputs.test;
    const service = update.plan.service;
    const arn = update.serviceDeploymentArn;
    const result = await runTest({
        command: test.command,
        url: test.url,
        region: r.region,
        cluster: r.plan.cluster,
        service,
        serviceDeploymentArn: arn,
        deploymentId: update.deploymentId,
        taskDefinitionArn: update.targetArn,
        productionPercent: point.productionPercent,
    }, { timeoutMs: ctx.inputs.timeoutMs, signal: ctx.signal, logger: ctx.logger });
    r.tests.set(service, result);
    const verb = result.passed ? 'CONTINUE' : 'ROLLBACK';
    if (hookId) {
        await r.ecs.continueServiceDeployment(arn, hookId, verb, `answer the PAUSE hook ${hookId} of service ${service} in ${r.region} with ${verb}`);
        ctx.logger.info(`[${r.region}] ${service}: answered PAUSE hook ${hookId} with ${verb}`);
    }
    else if (!result.passed && ctx.inputs.rollback)
        await stopWithRollback(r.ecs, update, ctx.logger);
    if (result.passed)
        return undefined;
    const reason = testFailureClause(result);
    // Without a hook and with 'rollback: false', the deployment goes on under ECS: it failed all the same.
    if (!hookId && !ctx.inputs.rollback)
        return { phase: 'failed', state: 'the test command failed', failure: { reason, failedTasks: [] } };
    return {
        phase: 'ecs-rolling-back',
        state: 'the test command failed; rollback requested',
        failure: { reason, failedTasks: [] },
    };
}
/** A native deployment whose ServiceDeployment is known is followed through that API. */
function followsNatively(update) {
    return isNative(update.plan.strategy.strategy) && update.serviceDeploymentArn !== undefined;
}
function nativeExpectation(ctx, update, purpose) {
    return {
        serviceDeploymentArn: update.serviceDeploymentArn,
        strategy: update.plan.strategy.strategy,
        waitFor: ctx.inputs.waitFor,
        taskDefinitionArn: update.targetArn,
        previousTaskDefinitionArn: update.plan.previousTaskDefinitionArn,
        purpose,
        test: purpose === 'rollout' ? update.plan.test : undefined,
    };
}
function isFailure(status) {
    return status?.phase === 'failed' || status?.phase === 'ecs-rolling-back';
}
/** Whether anything went wrong in any region: a failed update, or a rollout that did not finish well. */
function anyFailure(ctx) {
    return ctx.regions.some((r) => r.updates.some((u) => !u.updated) || [...r.outcomes.values()].some((o) => isFailure(o.status)));
}
/** Rolls every updated service of every region back, following ECS where it already does. */
async function rollBackAll(ctx) {
    await each(ctx, async (r) => {
        const rolling = [];
        const native = [];
        for (const update of r.updates.filter((u) => u.updated)) {
            const follow = followsNatively(update)
                ? await startNativeRollback(ctx, r, update)
                : await startRollback(ctx, r, update);
            if (follow && 'purpose' in follow.expectation)
                native.push(follow);
            else if (follow)
                rolling.push(follow);
        }
        const options = {
            label: `[${r.region}] rollback`,
            timeoutMs: ctx.inputs.timeoutMs,
            activity: 'rolling back',
            until: 'all',
            signal: ctx.signal,
            logger: ctx.logger,
            sleep: ctx.sleep,
        };
        const cluster = r.plan.cluster;
        const outcomes = (await Promise.all([
            rolling.length > 0 ? watchServices(r.ecs, cluster, rolling, options) : [],
            native.length > 0 ? followDeployments(r.ecs, native, options) : [],
        ])).flat();
        for (const outcome of outcomes) {
            const rollback = r.rollbacks.get(outcome.service);
            if (rollback)
                rollback.outcome = outcome;
        }
    });
}
/**
 * A native deployment goes back through ECS: a rollback ECS started itself (an alarm, the
 * circuit breaker, a lifecycle hook) is followed; otherwise StopServiceDeployment with ROLLBACK
 * asks for one and it is followed to ROLLBACK_SUCCESSFUL. A deployment that already ended
 * (SUCCESSFUL, or STOPPED) can no longer be stopped: the service is then updated back to its
 * previous revision, as a rolling service is.
 */
async function startNativeRollback(ctx, r, update) {
    const service = update.plan.service;
    const previous = update.plan.previousTaskDefinitionArn;
    const follow = { service, expectation: nativeExpectation(ctx, update, 'rollback') };
    if (r.tests.get(service)?.passed === false) {
        ctx.logger.info(`[${r.region}] service ${service}: following the rollback the failed test asked for`);
        r.rollbacks.set(service, { by: 'ours', native: true });
        return follow;
    }
    if (r.outcomes.get(service)?.status.phase === 'ecs-rolling-back') {
        ctx.logger.info(`[${r.region}] service ${service}: ECS is rolling back to ${shortName(previous)}; following it`);
        r.rollbacks.set(service, { by: 'ecs', native: true });
        return follow;
    }
    try {
        await stopWithRollback(r.ecs, update, ctx.logger);
        r.rollbacks.set(service, { by: 'ours', native: true });
        return follow;
    }
    catch (error) {
        if ((0,cancel/* isCancellation */.iB)(error))
            throw error;
        if ((0,common_errors/* awsErrorCode */.J6)(error.cause) !== 'ConflictException') {
            r.rollbacks.set(service, {
                by: 'ours',
                native: true,
                error: (0,common_errors/* errorMessage */.gJ)(error.cause ?? error),
            });
            return undefined;
        }
        ctx.logger.info(`[${r.region}] service ${service}: its deployment has ended and can no longer be stopped; updating it back to ${shortName(previous)}`);
    }
    return startRollback(ctx, r, update);
}
async function startRollback(ctx, r, update) {
    const service = update.plan.service;
    const previous = update.plan.previousTaskDefinitionArn;
    const base = {
        taskDefinitionArn: previous,
        previousTaskDefinitionArn: update.targetArn,
        waitFor: 'stable',
        ecsRollsBack: false,
        healthChecked: [],
    };
    if (r.outcomes.get(service)?.status.phase === 'ecs-rolling-back') {
        ctx.logger.info(`[${r.region}] service ${service}: ECS's circuit breaker is rolling back to ${shortName(previous)}; following it`);
        r.rollbacks.set(service, { by: 'ecs' });
        return { service, expectation: base };
    }
    const countChanged = update.plan.desiredCount !== undefined && update.plan.desiredCount !== update.plan.previousDesiredCount;
    if (update.targetArn === previous && !countChanged) {
        r.rollbacks.set(service, { by: 'none' });
        return undefined;
    }
    try {
        const deploymentId = await rollBackService(r.ecs, r.plan.cluster, update.plan, ctx.logger);
        r.rollbacks.set(service, { by: 'ours' });
        return { service, expectation: { ...base, deploymentId } };
    }
    catch (error) {
        if ((0,cancel/* isCancellation */.iB)(error))
            throw error;
        r.rollbacks.set(service, { by: 'ours', error: (0,common_errors/* errorMessage */.gJ)(error) });
        return undefined;
    }
}
/** Deregisters ACTIVE revisions of the registered families beyond the newest N, never one still in use. */
async function cleanUpAll(ctx, keep) {
    await each(ctx, async (r) => {
        const inUse = new Set(r.updates.flatMap((u) => [u.targetArn, u.plan.previousTaskDefinitionArn]));
        for (const family of r.registered.keys()) {
            try {
                const arns = await r.ecs.listTaskDefinitions(family);
                // Newest first by revision number, whatever order the server listed them in.
                const old = newestFirst(arns.filter((arn) => parseTaskDefinitionId(arn).family === family))
                    .slice(keep)
                    .filter((arn) => !inUse.has(arn));
                for (const arn of old) {
                    await r.ecs.deregisterTaskDefinition(arn);
                    r.deregistered.push(arn);
                }
                if (old.length > 0)
                    ctx.logger.info(`[${r.region}] deregistered ${old.length} old revisions of ${family}: ${old.map(shortName).join(', ')}`);
            }
            catch (error) {
                if ((0,cancel/* isCancellation */.iB)(error))
                    throw error;
                ctx.logger.warning(`[${r.region}] could not deregister old revisions of ${family}: ${(0,common_errors/* errorMessage */.gJ)(error)}`);
            }
        }
    });
}

;// CONCATENATED MODULE: ./src/ecs-deploy/report.ts









function serviceResults(ctx) {
    return ctx.regions.flatMap((r) => (r.plan?.services ?? []).map((s) => resultOf(ctx, r, s.service)));
}
function resultOf(ctx, r, name) {
    const planned = r.plan?.services.find((s) => s.service === name);
    const update = r.updates.find((u) => u.plan.service === name);
    const outcome = r.outcomes.get(name);
    const status = outcome?.status;
    const failure = status && (status.phase === 'failed' || status.phase === 'ecs-rolling-back') ? status.failure : undefined;
    const rollback = r.rollbacks.get(name);
    const base = {
        region: r.region,
        cluster: r.plan?.cluster ?? ctx.inputs.cluster,
        service: name,
        previousTaskDefinitionArn: planned?.previousTaskDefinitionArn ?? '',
        taskDefinitionArn: update?.targetArn,
        target: planned?.target,
        environment: r.plan?.registrations.find((g) => g.services.includes(name))?.environment,
        deploymentId: update?.deploymentId,
        strategy: planned?.strategy.strategy,
        strategyText: planned ? strategyText(planned.strategy) : undefined,
        serviceDeploymentArn: update?.serviceDeploymentArn,
        test: testText(r.tests.get(name)),
        stages: [
            ...(outcome?.stages ?? []),
            ...(rollback?.outcome?.stages ?? []).map((m) => ({
                stage: `rollback: ${m.stage}`,
                atMs: (outcome?.elapsedMs ?? 0) + m.atMs,
            })),
        ],
        result: 'planned',
        images: planned?.images ?? [],
        failedTasks: (failure?.failedTasks ?? []).map((t) => `${shortName(t.taskArn)}: ${taskStopText(t)}`),
        events: outcome?.events ?? [],
        durationMs: (outcome?.elapsedMs ?? 0) + (rollback?.outcome?.elapsedMs ?? 0) || undefined,
    };
    if (ctx.inputs.dryRun)
        return base;
    if (!update)
        return { ...base, result: 'not-updated' };
    if (!update.updated)
        return {
            ...base,
            result: 'failed',
            reason: `could not be updated to ${shortName(update.targetArn)} (${update.error})`,
        };
    if (!ctx.inputs.wait)
        return { ...base, result: 'updated' };
    const reason = failure?.reason;
    if (rollback)
        return withRollback(base, reason, rollback);
    if (!status)
        return { ...base, result: 'cancelled' };
    if (status.phase === 'done')
        return { ...base, result: 'deployed' };
    if (status.phase === 'ecs-rolling-back') {
        return {
            ...base,
            result: 'failed',
            reason,
            rollback: `${base.strategy && isNative(base.strategy) ? 'ECS is' : "ECS's circuit breaker is"} rolling it back to ${revisionText(base.previousTaskDefinitionArn)}`,
        };
    }
    const rollbackText = ctx.inputs.rollback
        ? undefined
        : `it was not rolled back ('${constants/* Input */.pd.rollback}' is false)`;
    // Still rolling out when another rollout failed: the wait for it stopped, and ECS carries on.
    if (status.phase === 'waiting' && !ctx.inputs.rollback)
        return {
            ...base,
            result: 'updated',
            rollback: `no longer waited for once another rollout failed, and not rolled back ('${constants/* Input */.pd.rollback}' is false)`,
        };
    return { ...base, result: 'failed', reason, rollback: rollbackText };
}
function withRollback(base, reason, rollback) {
    const previous = revisionText(base.previousTaskDefinitionArn);
    if (rollback.by === 'none') {
        return {
            ...base,
            result: 'failed',
            reason,
            rollback: `there is no other revision to roll back to (it ran ${previous} before)`,
        };
    }
    if (rollback.error)
        return {
            ...base,
            result: 'failed',
            reason,
            rollback: `rolling back to ${previous} failed: ${rollback.error}`,
        };
    const status = rollback.outcome?.status;
    if (status?.phase === 'done') {
        const who = rollback.by === 'ecs'
            ? `${rollback.native ? 'ECS' : "ECS's circuit breaker"} rolled it back to ${previous}`
            : `rolled back to ${previous}`;
        return { ...base, result: 'rolled-back', reason, rollback: who };
    }
    const why = status && status.phase !== 'waiting' && 'failure' in status
        ? status.failure.reason
        : 'the run was cancelled';
    return {
        ...base,
        result: 'failed',
        reason,
        rollback: `rolling back to ${previous} did not complete: ${why}`,
    };
}
/** One sentence (one per failed service) for `core.setFailed`, or undefined when all went well. */
function failureSentence(results) {
    const multiRegion = new Set(results.map((r) => r.region)).size > 1;
    const where = (r) => `Service ${r.service}${multiRegion ? ` (${r.region})` : ''}`;
    const causes = results.filter((r) => r.reason !== undefined);
    if (causes.length === 0)
        return undefined;
    const sentences = causes.map((r) => `${where(r)}: ${r.reason}${r.rollback ? `; ${r.rollback}` : ''}.`);
    const alongside = results.filter((r) => r.reason === undefined && r.result === 'rolled-back');
    if (alongside.length > 0) {
        const names = alongside.map((r) => `${r.service}${multiRegion ? ` (${r.region})` : ''}`);
        sentences.push(`${names.length === 1 ? 'Service' : 'Services'} ${names.join(', ')} ${names.length === 1 ? 'was' : 'were'} rolled back with it.`);
    }
    return sentences.join(' ');
}
function setOutputs(results) {
    const first = results.find((r) => r.taskDefinitionArn) ?? results[0];
    lib_core/* setOutput */.uH(constants/* Output */.k7.taskDefinitionArn, first?.taskDefinitionArn ?? '');
    lib_core/* setOutput */.uH(constants/* Output */.k7.previousTaskDefinitionArn, first?.previousTaskDefinitionArn ?? '');
    lib_core/* setOutput */.uH(constants/* Output */.k7.deploymentId, first?.deploymentId ?? '');
    lib_core/* setOutput */.uH(constants/* Output */.k7.rolledBack, String(results.some((r) => r.result === 'rolled-back')));
    lib_core/* setOutput */.uH(constants/* Output */.k7.services, JSON.stringify(results.map(outputOf)));
}
function outputOf(r) {
    return {
        region: r.region,
        cluster: r.cluster,
        service: r.service,
        result: r.result,
        taskDefinitionArn: r.taskDefinitionArn ?? null,
        previousTaskDefinitionArn: r.previousTaskDefinitionArn,
        deploymentId: r.deploymentId ?? null,
        serviceDeploymentArn: r.serviceDeploymentArn ?? null,
        strategy: r.strategy ?? null,
        durationMs: r.durationMs ?? null,
        reason: r.reason ?? null,
    };
}
const RESULT_TEXT = {
    planned: '📝 planned (dry run)',
    'not-updated': '⏭️ not updated',
    updated: '🚀 updated (not waited for)',
    deployed: '✅ deployed',
    failed: '❌ failed',
    'rolled-back': '↩️ rolled back',
    cancelled: '⏹️ left to ECS (run cancelled)',
};
async function writeSummary({ ctx, results, timeline, headline }, logger) {
    const summary = new SummaryBuilder().heading(`ECS deploy: ${ctx.inputs.cluster}`).paragraph(headline);
    for (const r of results)
        serviceSection(summary, r, results.length > 1 || ctx.regions.length > 1);
    for (const region of ctx.regions)
        runTaskSection(summary, region);
    summary.timeline(timeline);
    if (ctx.calls)
        summary.awsCalls(ctx.calls.callCounts());
    summary.inputs(inputsShown(ctx));
    await summary.write(logger);
}
function serviceSection(summary, r, withRegion) {
    summary.heading(`${r.service}${withRegion ? ` (${r.region})` : ''}`, 3);
    const facts = [
        ['Revision', revisionChange(r)],
        ['Images', r.images.length > 0 ? r.images.map(imageDiff).join('\n') : 'unchanged'],
        ['Environment', r.environment?.join('\n')],
        ['Result', resultText(r)],
        ['Reason', r.reason],
        ['Duration', r.durationMs !== undefined ? formatDuration(r.durationMs) : undefined],
        ['Strategy', r.strategyText],
        ['Test', r.test],
        ['Deployment', r.deploymentId],
        ['Service deployment', r.serviceDeploymentArn],
    ];
    summary.facts(facts);
    if (r.stages?.length)
        summary.table(['Stage', 'Reached', 'Lasted'], stageRows(r.stages));
    summary.link('Deployments in the ECS console', (0,aws/* consoleUrl */.B9)(r.region, `ecs/v2/clusters/${r.cluster}/services/${r.service}/deployments`));
    if (r.failedTasks.length > 0)
        summary.details(`Stopped tasks (${r.failedTasks.length})`, r.failedTasks.map((t) => `- ${t}`).join('\n'));
    if (isFailedResult(r) && r.events.length > 0)
        summary.details('Last service events', r.events.map((e) => `- ${e}`).join('\n'));
}
function testText(result) {
    if (!result)
        return undefined;
    const how = result.how ?? `exit code ${result.exitCode}`;
    return `${result.passed ? '✅ passed' : '❌ failed'} (${how}, ${formatDuration(result.durationMs)})`;
}
/** Each stage with when it was first seen (into the wait) and how long it lasted until the next. */
function stageRows(stages) {
    return stages.map((m, i) => {
        const next = stages[i + 1];
        return [m.stage, `+${formatDuration(m.atMs)}`, next ? formatDuration(next.atMs - m.atMs) : '—'];
    });
}
function isFailedResult(r) {
    return r.reason !== undefined;
}
function imageDiff(change) {
    return `${change.container}: \`${change.from ?? '(none)'}\` → \`${change.to ?? '(removed)'}\``;
}
function runTaskSection(summary, region) {
    const run = region.plan?.runTask;
    if (!run)
        return;
    const result = region.runTask;
    summary.heading(`One-off task (${region.region})`, 3).facts([
        ['Command', `\`${run.command.join(' ')}\` in container ${run.container}`],
        ['Task', result ? shortName(result.task.taskArn) : 'not completed'],
        ['Exit code', result?.exitCode],
        ['Duration', result ? formatDuration(result.elapsedMs) : undefined],
    ]);
}
function inputsShown(ctx) {
    const { inputs } = ctx;
    return {
        [constants/* Input */.pd.cluster]: inputs.cluster,
        [constants/* Input */.pd.services]: inputs.services.join(', '),
        [constants/* Input */.pd.taskDefinition]: inputs.source.kind === 'file'
            ? inputs.source.path
            : inputs.source.kind === 'existing'
                ? inputs.source.reference
                : undefined,
        [constants/* Input */.pd.image]: inputs.images.kind === 'single'
            ? inputs.images.image
            : inputs.images.kind === 'per-container'
                ? [...inputs.images.images].map(([c, i]) => `${c}=${i}`).join('\n')
                : undefined,
        // Names only: a value may be something the user would rather not see in a summary.
        [constants/* Input */.pd.environment]: inputs.environment
            .map((e) => (e.container ? `${e.container}.${e.name}` : e.name))
            .join(', '),
        [constants/* Input */.pd.desiredCount]: inputs.desiredCount,
        [constants/* Input */.pd.wait]: inputs.wait,
        [constants/* Input */.pd.waitFor]: inputs.waitFor,
        [constants/* Input */.pd.timeout]: formatDuration(inputs.timeoutMs),
        [constants/* Input */.pd.maxFailedTasks]: inputs.maxFailedTasks,
        [constants/* Input */.pd.rollback]: inputs.rollback,
        [constants/* Input */.pd.runTask]: inputs.runTask?.command.join(' '),
        [constants/* Input */.pd.runTaskContainer]: inputs.runTask?.container,
        [constants/* Input */.pd.testCommand]: inputs.test?.command,
        [constants/* Input */.pd.testUrl]: inputs.test?.url,
        [constants/* Input */.pd.keepRevisions]: inputs.keepRevisions,
        [constants/* Input */.pd.region]: inputs.aws.region,
        [constants/* Input */.pd.regions]: inputs.regions.join(', '),
        [constants/* Input */.pd.maxAttempts]: inputs.aws.maxAttempts,
        [constants/* Input */.pd.dryRun]: inputs.dryRun,
    };
}
/** The one line above the tables: what happened, at a glance. */
function headline(results, failure) {
    if (failure)
        return `❌ ${failure}`;
    const counts = new Map();
    for (const r of results)
        counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
    return [...counts]
        .map(([result, n]) => `${RESULT_TEXT[result]}: ${n} ${n === 1 ? 'service' : 'services'}`)
        .join(' · ');
}
/** `web:4 → web:5`; before a new revision exists (a dry run), what is planned: `new revision of web, from web:4`. */
function revisionChange(r) {
    const from = shortName(r.previousTaskDefinitionArn);
    if (r.taskDefinitionArn)
        return `${from} → ${shortName(r.taskDefinitionArn)}`;
    if (r.target?.kind === 'registration')
        return `new revision of ${r.target.family}, from ${from}`;
    if (r.target?.kind === 'existing' && r.target.arn !== r.previousTaskDefinitionArn)
        return `${from} → ${shortName(r.target.arn)}`;
    return `${from} (the same revision, deployed anew)`;
}
/** `❌ failed: <rollback>`; a rollback says itself what happened: `↩️ rolled back to revision 2`. */
function resultText(r) {
    if (r.result === 'rolled-back' && r.rollback)
        return `↩️ ${r.rollback}`;
    return RESULT_TEXT[r.result] + (r.rollback && r.result !== 'deployed' ? `: ${r.rollback}` : '');
}

;// CONCATENATED MODULE: ./src/ecs-deploy/main.ts










/**
 * ecs-deploy: roll out ECS services (a forced deployment, new images, or a task definition),
 * wait until each rollout is really done, explain failures and roll back.
 *
 * inputs -> observe -> plan -> apply -> wait -> roll back -> report
 */
async function main({ signal, logger }) {
    const inputs = getInputs();
    const { connect } = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(212), __nccwpck_require__.e(538)]).then(__nccwpck_require__.bind(__nccwpck_require__, 538));
    const calls = new aws/* AwsCalls */.Vl(inputs.aws, signal);
    const ctx = {
        inputs,
        regions: inputs.regions.map((region) => newRegion(region, connect(calls, region))),
        logger,
        signal,
        calls,
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
        if (ctx.regions.every((r) => r.plan))
            await report(ctx, run.timeline, thrown);
    }
    const failure = failureSentence(serviceResults(ctx));
    if (failure)
        throw new common_errors/* UserError */.yo(failure);
}
async function pipeline(ctx, run) {
    const { inputs } = ctx;
    await run.phase('observe', 'Observe', () => observeAll(ctx));
    await run.phase('plan', 'Plan', async () => logPlan(ctx));
    if (inputs.dryRun) {
        run.skip(['apply', 'wait'], 'dry run');
        return ctx.logger.info('Dry run: nothing was changed.');
    }
    await run.phase('apply', 'Apply', () => applyAll(ctx));
    if (!inputs.wait)
        return run.skip(['wait'], `'wait' is false`);
    if (!anyFailure(ctx))
        await run.phase('wait', 'Wait for the rollout', () => waitAll(ctx));
    if (!anyFailure(ctx)) {
        const keep = inputs.keepRevisions;
        if (keep !== undefined)
            await run.phase('clean up', 'Deregister old revisions', () => cleanUpAll(ctx, keep));
        return;
    }
    run.markFailed('wait');
    if (!inputs.rollback)
        return;
    if (ctx.regions.some((r) => r.updates.some((u) => u.updated)))
        await run.phase('roll back', 'Roll back', () => rollBackAll(ctx));
    else
        run.skip('roll back', 'no service was changed');
}
function logPlan(ctx) {
    planAll(ctx);
    for (const region of ctx.regions)
        for (const line of describePlan(region.plan))
            ctx.logger.info(line);
}
async function report(ctx, timeline, thrown) {
    const results = serviceResults(ctx);
    setOutputs(results);
    const failure = thrown === undefined ? failureSentence(results) : (0,common_errors/* errorMessage */.gJ)(thrown);
    await writeSummary({ ctx, results, timeline, headline: headline(results, failure) }, ctx.logger);
}
/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx, stage, error) {
    const updated = ctx.regions.flatMap((r) => r.updates.filter((u) => u.updated).map((u) => `${u.plan.service} (${shortName(u.targetArn)})`));
    const running = ctx.regions.some((r) => r.plan?.runTask && !r.runTask && r.updates.length === 0);
    let left;
    if (stage === 'observe')
        left = 'nothing was changed';
    else if (updated.length === 0)
        left = running ? 'no service was updated; a one-off task may still be running' : 'no service was updated';
    else if (stage === 'roll back')
        left = `the rollback of ${updated.join(', ')} was started and is left to ECS`;
    else
        left = `the rollout of ${updated.join(', ')} continues under ECS's control and was not rolled back`;
    lib_core/* info */.pq(`Cancelled during ${stage}: ${left}.`);
    return new common_errors/* CancelledError */.cc(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`);
}

;// CONCATENATED MODULE: ./src/ecs-deploy/index.ts


start('ecs-deploy', main);

