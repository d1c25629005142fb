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
/* harmony export */   WY: () => (/* binding */ s3Extras),
/* harmony export */   Zv: () => (/* binding */ resolveRegion)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_ATTEMPTS, userAgent, clientConfig, s3ClientConfig, createClient */
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
/* harmony export */   dZ: () => (/* binding */ throwIfCancelled),
/* harmony export */   iB: () => (/* binding */ isCancellation),
/* harmony export */   k9: () => (/* binding */ linkedController),
/* harmony export */   yy: () => (/* binding */ sleep),
/* harmony export */   zG: () => (/* binding */ installCancellation)
/* harmony export */ });
/* unused harmony exports cancelledError, anySignal */
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
/* harmony export */   Hh: () => (/* binding */ parseBucketName),
/* harmony export */   K1: () => (/* binding */ getRequiredInput),
/* harmony export */   ML: () => (/* binding */ getIntInput),
/* harmony export */   Vt: () => (/* binding */ getBooleanInput),
/* harmony export */   iv: () => (/* binding */ getEnumInput),
/* harmony export */   jC: () => (/* binding */ exclusive),
/* harmony export */   l0: () => (/* binding */ getDurationInput),
/* harmony export */   lI: () => (/* binding */ getOptionalInput)
/* harmony export */ });
/* unused harmony exports getSecretInput, parseBoolean, parseEnum, parseInteger, parseDuration, parseList, BUCKET_NAME, parseS3Uri, getS3UriInput, parseKeyValues, getKeyValueInput, parseJson, describeJsonError, getJsonInput */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3426);
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
    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be a boolean (true or false), got ${quote(value)}.`);
}
function getBooleanInput(name, defaultValue) {
    return parseBoolean(name, raw(name), defaultValue);
}
function parseEnum(name, value, allowed) {
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`);
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
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input '${name}' must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got ${quote(value)}.`);
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
            throw new UserError(`Input '${name}' must hold KEY=VALUE lines; ${quote(text)} has no key before '='.`);
        }
        const key = text.slice(0, at).trim();
        const val = text.slice(at + 1).trim();
        if (options.keyPattern && !options.keyPattern.test(key)) {
            throw new UserError(`Input '${name}' has an invalid key ${quote(key)}; keys must be ${options.keyDescription ?? `like ${options.keyPattern}`}.`);
        }
        if (seen.has(key))
            throw new UserError(`Input '${name}' sets ${quote(key)} more than once.`);
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
  hG: () => (/* binding */ RELEASE_VERSION),
  J3: () => (/* binding */ SUITE),
  xv: () => (/* binding */ VERSION),
  Vp: () => (/* binding */ runUrl)
});

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
var errors = __nccwpck_require__(1922);
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
    const message = secrets_redact((0,errors/* errorMessage */.gJ)(error));
    if (error instanceof errors/* UserError */.yo || error instanceof errors/* CancelledError */.cc) {
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
        lib_core/* setFailed */.C1(`${name} action failed: ${secrets_redact((0,errors/* errorMessage */.gJ)(error))}`);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/common/crc32.ts
// CRC32 arithmetic for S3's full-object checksums.
function gf2Times(matrix, vector) {
    let sum = 0;
    for (let i = 0, v = vector >>> 0; v !== 0; i++, v >>>= 1)
        if (v & 1)
            sum ^= matrix[i];
    return sum >>> 0;
}
function gf2Square(square, matrix) {
    for (let n = 0; n < 32; n++)
        square[n] = gf2Times(matrix, matrix[n]);
}
/**
 * The CRC32 of A followed by B, from the CRC32s of A and B and the length of B (zlib's
 * crc32_combine, which Node's zlib does not expose): len(B) zero bytes applied to A's CRC as a
 * GF(2) matrix power. A file's whole CRC32 so comes from its parts' without a second pass over
 * it, the way S3 combines the parts of a multipart upload into a full-object CRC32 (S3 User
 * Guide, "Checking object integrity": CRCs are "linearizable"). Written here for want of a
 * maintained package that does only this.
 */
function crc32Combine(crc1, crc2, length2) {
    if (length2 <= 0)
        return crc1 >>> 0;
    const even = new Uint32Array(32);
    const odd = new Uint32Array(32);
    odd[0] = 0xedb88320;
    for (let n = 1, row = 1; n < 32; n++, row = (row << 1) >>> 0)
        odd[n] = row;
    gf2Square(even, odd);
    gf2Square(odd, even);
    let crc = crc1 >>> 0;
    let length = length2;
    for (;;) {
        gf2Square(even, odd);
        if (length % 2 === 1)
            crc = gf2Times(even, crc);
        length = Math.floor(length / 2);
        if (length === 0)
            break;
        gf2Square(odd, even);
        if (length % 2 === 1)
            crc = gf2Times(odd, crc);
        length = Math.floor(length / 2);
        if (length === 0)
            break;
    }
    return (crc ^ crc2) >>> 0;
}

;// CONCATENATED MODULE: ./src/common/parts.ts
/**
 * How a file of known size is cut into the parts of a multipart upload (S3 User Guide, "Amazon
 * S3 multipart upload limits": at most 10,000 parts, each but the last at least 5 MiB).
 */
/** S3's most parts in one multipart upload. */
const MAX_PARTS = 10_000;
/** The part size for a file: `partSize`, or larger (whole MiB) when the file needs more than MAX_PARTS of it. */
function partSizeFor(size, partSize) {
    const mib = 1024 * 1024;
    return Math.max(partSize, Math.ceil(size / MAX_PARTS / mib) * mib);
}
/** The file's parts in order: every one `partSize` long but the last, which holds the rest. */
function planParts(size, partSize) {
    if (!(partSize > 0))
        throw new Error(`The part size must be positive, not ${partSize}.`);
    const parts = [];
    for (let start = 0, partNumber = 1; start < size; start += partSize, partNumber++)
        parts.push({ partNumber, start, end: Math.min(size, start + partSize) });
    return parts;
}

;// CONCATENATED MODULE: ./src/common/retry.ts


async function retry(fn, options) {
    const min = options.minDelayMs ?? 500;
    const max = options.maxDelayMs ?? 10_000;
    const sleep = options.sleep ?? cancel/* sleep */.yy;
    const random = options.random ?? Math.random;
    const retryable = options.retryable ?? ((e) => !(e instanceof errors/* UserError */.yo) && !(e instanceof errors/* CancelledError */.cc));
    for (let attempt = 1;; attempt++) {
        (0,cancel/* throwIfCancelled */.dZ)(options.signal);
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (attempt >= options.attempts || !retryable(error))
                throw error;
            const base = Math.min(max, min * 2 ** (attempt - 1));
            const delay = Math.round(base / 2 + (random() * base) / 2);
            options.logger?.info(`${options.label}: attempt ${attempt}${Number.isSafeInteger(options.attempts) && options.attempts < Number.MAX_SAFE_INTEGER ? ` of ${options.attempts}` : ''} failed (${(0,errors/* errorMessage */.gJ)(error)}); retrying in ${delay}ms`);
            await sleep(delay, options.signal);
        }
    }
}

;// CONCATENATED MODULE: ./src/common/s3.ts











/**
 * S3 transfer for every action: streamed multipart uploads with flat memory,
 * downloads checked against the SHA-256 recorded at upload, a HEAD-based "same object already
 * there" check for idempotent re-runs, and conditional writes for small pointer objects.
 *
 * Checksums. A file is read once before its upload to compute its SHA-256 and its CRC32 (both
 * must be known when the upload starts: the SHA-256 goes into the object's metadata, which is
 * sent first, and a re-run compares it before uploading anything), then sent to S3. A
 * caller that was given the SHA-256 (DeclaredDigest) skips that read: each part's CRC32 is
 * computed as the part is read to be sent, and the caller checks the declared SHA-256 in
 * `beforeCommit`.
 * - S3 verifies the CRC32 over the whole object: it is a FULL_OBJECT checksum, sent with
 *   PutObject, or with CompleteMultipartUpload after each part was sent with its own CRC32.
 *   A SHA-256 cannot serve: over a multipart upload S3 only keeps a COMPOSITE SHA-256 (the hash
 *   of the parts' hashes), and full-object checksums exist only for the CRC algorithms
 *   (CRC64NVME, CRC32, CRC32C; S3 User Guide, "Checking object integrity in Amazon S3").
 * - CRC32 rather than CRC64NVME: Node computes CRC32 natively (zlib.crc32), here and in the
 *   SDK for each part, while the SDK's CRC64NVME runs in JavaScript at about 155 MiB/s, which
 *   halved the upload's throughput twice over (once for the file, once for the parts). Both let
 *   S3 reject any corrupted byte; the strong identity of the file is its SHA-256.
 * - The SHA-256 of the whole file is kept in the object's metadata (`x-amz-meta-sha256`) for
 *   consumers that check it themselves (`sha256sum -c` on an instance, a restore).
 */
/** The metadata key of a conditional write's random id (see putText). */
const WRITE_ID_METADATA = 'write-id';
/** The metadata key holding the whole-file SHA-256 (hex). */
const SHA256_METADATA = 'sha256';
/**
 * Files up to this size go up in one PutObject; larger ones in parallel parts of this size (or
 * larger, for files beyond 10,000 parts, S3's limit). 8 MiB parts measured the lowest peak
 * memory for the same throughput (a 1 GiB upload: 189 MiB peak with 8 MiB parts, 244 MiB with 16).
 */
const PART_SIZE = 8 * 1024 * 1024;

/**
 * Parts in flight at once, each in a buffer of its sender (see PART_BUFFERS): 64 MiB of part
 * buffers with 8 MiB parts, allocated once; a 1 GiB upload peaked at 165-170 MiB of RSS in all.
 * Streamed from file ranges instead, it peaked at 161-166 MiB with 8 parts in flight and up to
 * 204 MiB with 10 (its read chunks awaiting collection), for no steady gain in throughput.
 */
const QUEUE_SIZE = 8;
/** A conditional write lost: someone else changed (or created) the object since it was read. */
class ConditionalWriteError extends Error {
    location;
    name = 'ConditionalWriteError';
    constructor(location, message) {
        super(message);
        this.location = location;
    }
}
const crc32Base64 = (crc) => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(crc >>> 0);
    return bytes.toString('base64');
};
/** The pre-pass's read size. */
const DIGEST_BUFFER = 1024 * 1024;
/**
 * The SHA-256 of a file, computed on a worker thread: the pre-pass is on the upload's critical
 * path, and SHA-256 and CRC32 are each bound to one core, so they run side by side (the
 * pre-pass of 1 GiB took 0.8 s so, 1.3 s with both on the main thread). The worker is given
 * its source inline, so that bundling needs no second file.
 */
function sha256OfFile(file, signal) {
    const source = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { createHash } = require('node:crypto')
    const fs = require('node:fs')
    const hash = createHash('sha256')
    const buffer = Buffer.allocUnsafe(${DIGEST_BUFFER})
    const fd = fs.openSync(workerData, 'r')
    try {
      for (let position = 0; ; ) {
        const read = fs.readSync(fd, buffer, 0, buffer.length, position)
        if (read === 0) break
        hash.update(buffer.subarray(0, read))
        position += read
      }
    } finally {
      fs.closeSync(fd)
    }
    parentPort.postMessage(hash.digest('hex'))`;
    return new Promise((resolve, reject) => {
        const worker = new external_node_worker_threads_namespaceObject.Worker(source, { eval: true, workerData: file });
        const stop = () => {
            reject(signal?.reason);
            void worker.terminate();
        };
        signal?.addEventListener('abort', stop, { once: true });
        const settle = (then) => (value) => {
            signal?.removeEventListener('abort', stop);
            then(value);
        };
        worker.once('message', settle(resolve));
        worker.once('error', settle(reject));
        worker.once('exit', settle((code) => reject(new Error(`Hashing ${file} stopped (exit code ${code}).`))));
    });
}
/**
 * Computes a file's SHA-256 (on a worker thread), the CRC32 of each part it will be uploaded in
 * (`partSize`, by default the one `upload` picks for its size) and the whole file's CRC32,
 * combined from the parts' (one CRC pass, not two), reading into one buffer used again for every
 * read: memory stays flat however large the file (a stream would allocate each chunk anew).
 * `signal` stops both passes (the worker is terminated). With `declaredSha256` (a SHA-256 the
 * caller was given, to be checked apart, see UploadOptions.beforeCommit) only the CRC pass runs,
 * and the digest carries the declared SHA-256.
 */
async function digestFile(file, partSize, signal, declaredSha256) {
    signal?.throwIfAborted();
    const sha256 = declaredSha256 === undefined ? sha256OfFile(file, signal) : Promise.resolve(declaredSha256);
    // Handled here so that a failure of the CRC pass below leaves no unhandled rejection.
    sha256.catch(() => undefined);
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const size = (await handle.stat()).size;
        const part = partSize ?? partSizeFor(size, PART_SIZE);
        // The parts' CRC32s, read in order into one buffer; the whole file's is combined from them.
        const buffer = Buffer.allocUnsafe(DIGEST_BUFFER);
        const partCrcs = [];
        for (const range of planParts(size, part)) {
            signal?.throwIfAborted();
            partCrcs.push(await crcOfRange(handle, range, buffer));
        }
        const crc = combineParts(partCrcs, part, size);
        const digest = { size, sha256: await sha256, crc32: crc32Base64(crc) };
        if (size > part)
            digest.parts = { partSize: part, crc32: partCrcs.map(crc32Base64) };
        return digest;
    }
    finally {
        await handle.close();
    }
}
/** The CRC32 of a range of a file, read into `buffer` chunk by chunk. */
async function crcOfRange(handle, range, buffer) {
    let crc = 0;
    for (let position = range.start; position < range.end;) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, range.end - position), position);
        if (bytesRead === 0)
            throw new Error('The file became shorter while it was being read.');
        crc = (0,external_node_zlib_.crc32)(buffer.subarray(0, bytesRead), crc);
        position += bytesRead;
    }
    return crc;
}
/**
 * A command whose body goes unsigned (`x-amz-content-sha256: UNSIGNED-PAYLOAD`), as the SDK sends
 * a stream: the signer would otherwise hash a Buffer body whole on the calling thread (1.5 s of
 * CPU for a 1 GiB upload). The body is still checked: each part carries its CRC32, which S3
 * verifies (S3 API Reference, "Signature Calculations for the Authorization Header: Transferring
 * Payload in a Single Chunk": UNSIGNED-PAYLOAD is one of the accepted values of the header).
 */
function unsignedPayload(command) {
    ;
    command.middlewareStack.add((next) => (args) => {
        const headers = args.request?.headers;
        if (headers)
            headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
        return next(args);
    }, { step: 'build', name: 'infraActionsUnsignedPayload' });
    return command;
}
/** A range of a file read whole into the start of `buffer` (at least the range's size). */
async function readRange(handle, range, buffer) {
    const size = range.end - range.start;
    for (let filled = 0; filled < size;) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, range.start + filled);
        if (bytesRead === 0)
            throw new Error('The file became shorter while it was being read.');
        filled += bytesRead;
    }
    return buffer.subarray(0, size);
}
/** A file's CRC32 from its parts' (in order, each `partSize` bytes but the last). */
function combineParts(partCrcs, partSize, size) {
    let crc = 0;
    for (const [i, value] of partCrcs.entries())
        crc = crc32Combine(crc, value, Math.min(partSize, size - i * partSize));
    return crc;
}
/** A file's size and the SHA-256 declared for it, without reading it (see DeclaredDigest). */
async function declaredDigest(file, sha256) {
    return { size: (await (0,promises_.stat)(file)).size, sha256 };
}
const isNotFound = (error) => {
    const code = (0,errors/* awsErrorCode */.J6)(error);
    return code === 'NotFound' || code === 'NoSuchKey' || code === '404';
};
const codeOf = errors/* awsErrorCode */.J6;
/**
 * The size of each read of a file while it is sent. 1 MiB against 256 KiB: a 1 GiB upload to
 * the local stand-in took 4.8 s against 5.4 s (medians of six alternated runs), for the same
 * peak memory (8 parts in flight: 164 MiB).
 */
const READ_CHUNK = 1024 * 1024;
/**
 * The memory a multipart upload may hold in part buffers (the parts in flight times the part
 * size): up to it, each part is read whole into a buffer its sender uses again for its next part,
 * so that the upload allocates nothing per part (a 1 GiB upload streamed from file ranges
 * allocated 1 GiB of read chunks, and collecting them cost its process about 1 s of CPU); beyond
 * it (parts of more than 8 MiB, files over 78 GiB) the parts are streamed from their ranges.
 */
const PART_BUFFERS = QUEUE_SIZE * PART_SIZE;
/** S3 through the run's call layer (labelled, counted, cancellable calls). */
class S3Transfer {
    calls;
    client;
    sdk;
    constructor(calls, client, sdk) {
        this.calls = calls;
        this.client = client;
        this.sdk = sdk;
    }
    /** Loads the S3 client (only when an action needs it) and connects with the run's settings. */
    static async connect(calls, region) {
        const sdk = await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(711)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3711, 19));
        return new S3Transfer(calls, calls.client(sdk.S3Client, region, (0,aws/* s3Extras */.WY)()), sdk);
    }
    /** Whether the bucket exists and the caller may use it (HeadBucket); a sentence when not. */
    async bucketProblem(bucket) {
        try {
            await this.calls.send(`check bucket ${bucket}`, (o) => this.client.send(new this.sdk.HeadBucketCommand({ Bucket: bucket }), o));
            return undefined;
        }
        catch (error) {
            const code = codeOf(error);
            const status = error.cause?.$metadata
                ?.httpStatusCode;
            if (code === 'NotFound' || code === 'NoSuchBucket' || status === 404)
                return `the bucket ${bucket} does not exist`;
            if (code === 'Forbidden' || code === 'AccessDenied' || status === 403)
                return `access to the bucket ${bucket} is denied to these credentials`;
            throw error;
        }
    }
    /**
     * Whether the caller may write under `location` without writing anything: a multipart upload
     * is created (which needs s3:PutObject) and aborted at once, so no object ever appears.
     */
    async writeProblem(location) {
        try {
            const created = await this.calls.send(`check that ${location.uri} is writable`, (o) => this.client.send(new this.sdk.CreateMultipartUploadCommand({ Bucket: location.bucket, Key: location.key }), o));
            await this.calls.send(`abort the write check of ${location.uri}`, (o) => this.client.send(new this.sdk.AbortMultipartUploadCommand({
                Bucket: location.bucket,
                Key: location.key,
                UploadId: created.UploadId,
            }), o));
            return undefined;
        }
        catch (error) {
            const code = codeOf(error);
            if (code === 'AccessDenied')
                return `these credentials may not write to ${location.uri} (s3:PutObject)`;
            if (code === 'NoSuchBucket')
                return `the bucket ${location.bucket} does not exist`;
            throw error;
        }
    }
    /** HeadObject with checksums; undefined when there is no such object. */
    async head(location) {
        try {
            const out = await this.calls.send(`read the metadata of ${location.uri}`, (o) => this.client.send(new this.sdk.HeadObjectCommand({
                Bucket: location.bucket,
                Key: location.key,
                ChecksumMode: 'ENABLED',
            }), o));
            return {
                etag: out.ETag ?? '',
                size: out.ContentLength ?? 0,
                metadata: out.Metadata ?? {},
                crc32: out.ChecksumCRC32,
                checksumType: out.ChecksumType,
                lastModified: out.LastModified,
            };
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    }
    /**
     * Whether `location` already holds exactly this file (same size, SHA-256 and, when present,
     * CRC32). Only an absent object can be compared with a declared digest (no CRC32 yet).
     */
    static compare(info, digest) {
        if (!info)
            return 'absent';
        if (digest.crc32 === undefined)
            throw new Error('An existing object is compared with a file not read yet.');
        const sameSha = info.metadata[SHA256_METADATA] === digest.sha256;
        const sameCrc = info.crc32 === undefined || info.crc32 === digest.crc32;
        return sameSha && sameCrc && info.size === digest.size ? 'same' : 'different';
    }
    /**
     * Uploads a file: one PutObject up to the part size, else a multipart upload with QUEUE_SIZE
     * parts in flight. S3 verifies the whole object's CRC32; the object's metadata records the
     * SHA-256. Returns the digest and the new object's ETag.
     */
    async upload(file, to, options = {}) {
        const { size } = await (0,promises_.stat)(file);
        const partSize = options.partSize ?? partSizeFor(size, PART_SIZE);
        const digest = options.digest ?? (await digestFile(file, partSize));
        if (size !== digest.size)
            throw new Error(`${file} changed while it was being uploaded (its size differs).`);
        const params = {
            Bucket: to.bucket,
            Key: to.key,
            ContentType: options.contentType,
            Metadata: { ...options.metadata, [SHA256_METADATA]: digest.sha256 },
        };
        try {
            return await this.calls.send(`upload ${file} to ${to.uri}`, async (o) => {
                if (size > partSize) {
                    const sent = await this.multipart(file, digest, partSize, params, options, o.abortSignal);
                    return { ...sent.digest, etag: sent.etag };
                }
                // A single PutObject carries its CRC32 in its headers: a declared digest gets it by a
                // read of the (small) file. A multipart upload computes what its digest lacks part by part.
                const full = digest.crc32 === undefined ? await digestFile(file, partSize, o.abortSignal, digest.sha256) : digest;
                return { ...full, etag: await this.putFile(file, size, full, params, options, o.abortSignal) };
            });
        }
        catch (error) {
            if (options.createOnly && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412))) {
                // A request sent again after its answer was lost (a 5xx, a dropped connection) fails its
                // condition on the object its first attempt created: an object of this very content is
                // this upload's result, not someone else's.
                const info = await this.head(to).catch(() => undefined);
                if (info &&
                    info.size === digest.size &&
                    info.metadata[SHA256_METADATA] === digest.sha256 &&
                    info.crc32 !== undefined &&
                    (digest.crc32 === undefined || info.crc32 === digest.crc32))
                    return { size: digest.size, sha256: digest.sha256, crc32: info.crc32, etag: info.etag };
                throw new ConditionalWriteError(to, `${to.uri} was created by someone else while this upload ran.`);
            }
            throw error;
        }
    }
    /** A file up to the part size: one PutObject of a stream, sent again from the start when it fails. */
    async putFile(file, size, digest, params, options, signal) {
        await options.beforeCommit?.();
        const out = await this.sendStreamed(`put ${params.Key}`, () => new this.sdk.PutObjectCommand({
            ...params,
            Body: size === 0 ? Buffer.alloc(0) : (0,external_node_fs_.createReadStream)(file, { highWaterMark: READ_CHUNK }),
            ContentLength: size,
            ChecksumCRC32: digest.crc32,
            ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
        }), signal);
        options.onProgress?.(size, size);
        return out.ETag ?? '';
    }
    /**
     * A multipart upload written here rather than by lib-storage: lib-storage reads a body as a
     * stream and copies every part into a new buffer (8 MiB a part, times the parts in flight),
     * while a file on disk has ranges, so each part is read from its range into a buffer its
     * sender keeps for its next part (or, beyond PART_BUFFERS, streamed from its range): memory is
     * allocated once, whatever the file's size, and the parts' CRC32s come from the pre-pass (the
     * SDK computes no checksum of a request that already carries one). Each part carries its
     * CRC32, which S3 checks; CompleteMultipartUpload carries the whole object's, with `ChecksumType: FULL_OBJECT`
     * (S3 User Guide, "Using full object checksums for multipart upload"), and create-only the
     * `If-None-Match: *` condition (S3 User Guide, "Preventing object overwrites with conditional
     * writes"). On any failure, a cancellation included, the upload is aborted so that no parts
     * are left stored (AbortMultipartUpload).
     */
    async multipart(file, digest, partSize, params, options, signal) {
        // Not cancelled mid-way: a request dropped after S3 created the upload would leave it open
        // with no id to abort it by. A cancellation that came meanwhile aborts it below, unstarted.
        const created = await this.client.send(new this.sdk.CreateMultipartUploadCommand({
            ...params,
            ChecksumAlgorithm: 'CRC32',
            ChecksumType: 'FULL_OBJECT',
        }));
        const upload = { Bucket: params.Bucket, Key: params.Key, UploadId: created.UploadId };
        const parts = planParts(digest.size, partSize);
        // The pre-pass's CRC32s when it read these parts; else each part's is computed as it is
        // read to be sent, and the whole file's combined from them.
        const precomputed = digest.parts?.partSize === partSize ? digest.parts.crc32 : undefined;
        let handle;
        const crcs = precomputed ? [...precomputed] : [];
        const done = [];
        // The first failure stops the other parts in flight.
        const stop = new AbortController();
        const partSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
        const queueSize = Math.min(options.queueSize ?? QUEUE_SIZE, parts.length);
        // Each part read whole into a buffer of its own worker, used again for the worker's next
        // part, when the buffers fit in PART_BUFFERS; else streamed from its range of the file.
        const buffered = partSize * queueSize <= PART_BUFFERS;
        let next = 0;
        let loaded = 0;
        const worker = async () => {
            const buffer = buffered ? Buffer.allocUnsafeSlow(partSize) : undefined;
            const scratch = !buffered && !precomputed ? Buffer.allocUnsafe(DIGEST_BUFFER) : undefined;
            while (next < parts.length && !partSignal.aborted) {
                const part = parts[next++];
                const body = buffer && handle ? await readRange(handle, part, buffer) : undefined;
                if (!precomputed)
                    crcs[part.partNumber - 1] = crc32Base64(body ? (0,external_node_zlib_.crc32)(body) : await crcOfRange(handle, part, scratch));
                const checksum = crcs[part.partNumber - 1];
                const out = await this.sendStreamed(`part ${part.partNumber} of ${params.Key}`, () => unsignedPayload(new this.sdk.UploadPartCommand({
                    ...upload,
                    PartNumber: part.partNumber,
                    Body: body ??
                        (0,external_node_fs_.createReadStream)(file, {
                            start: part.start,
                            end: part.end - 1,
                            highWaterMark: READ_CHUNK,
                        }),
                    ContentLength: part.end - part.start,
                    ChecksumCRC32: checksum,
                })), partSignal);
                done.push({ PartNumber: part.partNumber, ETag: out.ETag, ChecksumCRC32: checksum });
                loaded += part.end - part.start;
                options.onProgress?.(loaded, digest.size);
            }
        };
        try {
            if (signal?.aborted)
                throw signal.reason;
            if (buffered || !precomputed)
                handle = await (0,promises_.open)(file, 'r');
            const workers = Array.from({ length: queueSize }, worker);
            const settled = await Promise.allSettled(workers.map((w) => w.catch((error) => (stop.abort(error), Promise.reject(error)))));
            const failed = settled.find((r) => r.status === 'rejected');
            // The failure that stopped the others, not one of the aborts it caused in them.
            if (failed)
                throw stop.signal.aborted ? stop.signal.reason : failed.reason;
            await handle?.close();
            const whole = digest.crc32 ??
                crc32Base64(combineParts(crcs.map((c) => Buffer.from(c, 'base64').readUInt32BE(0)), partSize, digest.size));
            await options.beforeCommit?.();
            if (signal?.aborted)
                throw signal.reason;
            done.sort((a, b) => a.PartNumber - b.PartNumber);
            const out = await this.client.send(new this.sdk.CompleteMultipartUploadCommand({
                ...upload,
                MultipartUpload: { Parts: done },
                ChecksumCRC32: whole,
                ChecksumType: 'FULL_OBJECT',
                MpuObjectSize: digest.size,
                ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
            }), { abortSignal: signal });
            return {
                etag: out.ETag ?? '',
                digest: { size: digest.size, sha256: digest.sha256, crc32: whole, parts: { partSize, crc32: crcs } },
            };
        }
        catch (error) {
            stop.abort(error);
            await handle?.close().catch(() => undefined);
            // Sent even after a cancellation (no signal), so that no stored parts outlive the run.
            await this.client.send(new this.sdk.AbortMultipartUploadCommand(upload)).catch(() => undefined);
            throw error;
        }
    }
    /**
     * Sends a request whose body is a stream of the file. The SDK does not retry a request with a
     * streaming body (it cannot replay a consumed stream), so it is retried here with a fresh
     * stream each attempt, as often as the SDK retries other calls (`max-attempts`): after a 5xx,
     * throttling or a broken connection, not after S3 refused the request itself.
     */
    async sendStreamed(label, command, signal) {
        return retry(() => this.client.send(command(), { abortSignal: signal }), {
            label,
            attempts: Math.max(1, this.calls.settings.maxAttempts),
            minDelayMs: 100,
            maxDelayMs: 5000,
            signal,
            retryable: (error) => !signal?.aborted && retryableTransfer(error),
        });
    }
    /**
     * Checks an uploaded object against the file's digest, by HeadObject: size, the SHA-256 in
     * its metadata, and the full-object CRC32 S3 computed. A sentence when it differs.
     */
    async verify(location, digest) {
        const info = await this.head(location);
        if (!info)
            return `${location.uri} is not there after its upload`;
        if (info.size !== digest.size)
            return `${location.uri} holds ${info.size} bytes, the file ${digest.size}`;
        if (info.metadata[SHA256_METADATA] !== digest.sha256)
            return `${location.uri} does not carry the file's SHA-256 in its metadata`;
        if (info.crc32 !== digest.crc32)
            return `S3's CRC32 of ${location.uri} (${info.crc32 ?? 'none'}) differs from the file's (${digest.crc32})`;
        return undefined;
    }
    /**
     * Downloads an object to a file (mode 0600), checking the SHA-256 its metadata records (and,
     * through the SDK, S3's full-object checksum). Returns undefined when there is no such
     * object, else the file's SHA-256.
     */
    async download(from, file) {
        let expected;
        let actual;
        try {
            actual = await this.calls.send(`download ${from.uri}`, async (o) => {
                const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: from.bucket, Key: from.key, ChecksumMode: 'ENABLED' }), o);
                expected = out.Metadata?.[SHA256_METADATA];
                const hash = (0,external_node_crypto_.createHash)('sha256');
                const body = out.Body;
                body.on('data', (chunk) => hash.update(chunk));
                await (0,external_node_stream_promises_namespaceObject.pipeline)(body, (0,external_node_fs_.createWriteStream)(file, { mode: 0o600 }));
                return hash.digest('hex');
            });
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
        if (expected !== undefined && actual !== expected) {
            throw new Error(`The downloaded ${from.uri} does not match the SHA-256 recorded when it was uploaded; it is corrupt.`);
        }
        return actual;
    }
    /** A small object's text and ETag (a pointer, a record); undefined when there is none. */
    async getText(location) {
        try {
            return await this.calls.send(`read ${location.uri}`, async (o) => {
                const out = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: location.bucket, Key: location.key }), o);
                return { text: (await out.Body?.transformToString('utf8')) ?? '', etag: out.ETag ?? '' };
            });
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw error;
        }
    }
    /**
     * Writes a small object, optionally conditionally (S3 conditional writes, S3 User Guide
     * "Preventing object overwrites with conditional writes"): with `ifMatch` the write happens
     * only while the object still has that ETag, with `createOnly` only while it does not exist.
     * A 412 PreconditionFailed means someone else moved it: a ConditionalWriteError, never retried.
     * A 409 ConditionalRequestConflict means a concurrent request raced this one: S3 says to retry,
     * which is done a few times (a retry then sees the other writer's ETag and answers 412).
     * A conditional write carries a random `write-id` in its metadata: the SDK sends a request
     * again when its answer was lost (a 5xx, a dropped connection), and when the first one had
     * landed, the second fails its condition on this very write. A 412 is therefore checked
     * against the object: if it holds this write's id, the write succeeded.
     */
    async putText(location, text, options = {}) {
        const conditional = options.ifMatch !== undefined || options.createOnly === true;
        const writeId = conditional ? (0,external_node_crypto_.randomBytes)(8).toString('hex') : undefined;
        const metadata = writeId ? { ...options.metadata, [WRITE_ID_METADATA]: writeId } : options.metadata;
        const ours = async () => {
            const now = await this.head(location).catch(() => undefined);
            return now && now.metadata[WRITE_ID_METADATA] === writeId ? { etag: now.etag } : undefined;
        };
        return retry(() => this.calls
            .send(`write ${location.uri}`, (o) => this.client.send(new this.sdk.PutObjectCommand({
            Bucket: location.bucket,
            Key: location.key,
            Body: text,
            ContentType: options.contentType ?? 'text/plain; charset=utf-8',
            Metadata: metadata,
            ChecksumAlgorithm: 'CRC32',
            ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
            ...(options.createOnly ? { IfNoneMatch: '*' } : {}),
        }), o))
            .then((out) => ({ etag: out.ETag ?? '' }))
            .catch(async (error) => {
            if (conditional && (codeOf(error) === 'PreconditionFailed' || isStatus(error, 412))) {
                const landed = await ours();
                if (landed)
                    return landed;
                throw new ConditionalWriteError(location, options.createOnly
                    ? `${location.uri} was created by someone else meanwhile`
                    : `${location.uri} was changed by someone else since it was read (its ETag is no longer ${options.ifMatch})`);
            }
            if (options.ifMatch !== undefined && isNotFound(error))
                throw new ConditionalWriteError(location, `${location.uri} was deleted by someone else since it was read`);
            throw error;
        }), {
            label: `write ${location.uri}`,
            attempts: 4,
            minDelayMs: 200,
            maxDelayMs: 2000,
            signal: this.calls.signal,
            retryable: (error) => codeOf(error) === 'ConditionalRequestConflict' || isStatus(error, 409),
        });
    }
}
/** Whether a failed transfer request is worth sending again: a 5xx, throttling, or no answer at all. */
function retryableTransfer(error) {
    const e = error;
    const status = e?.$metadata?.httpStatusCode;
    if (e?.name === 'AbortError')
        return false;
    if (status === undefined)
        return true;
    return status >= 500 || status === 429 || e.$retryable !== undefined || codeOf(error) === 'SlowDown';
}
function isStatus(error, status) {
    const e = (error instanceof Error && error.cause ? error.cause : error);
    return e?.$metadata?.httpStatusCode === status;
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

;// CONCATENATED MODULE: ./src/deploy-binary/constants.ts
/** Input and output names of deploy-binary, defined once. */
const Input = {
    file: 'file',
    sha256: 'sha256',
    bucket: 'bucket',
    prefix: 'prefix',
    version: 'version',
    binaryName: 'binary-name',
    pointerKey: 'pointer-key',
    instanceIds: 'instance-ids',
    targets: 'targets',
    maxConcurrency: 'max-concurrency',
    maxErrors: 'max-errors',
    service: 'service',
    commands: 'commands',
    healthCheck: 'health-check',
    healthCheckTimeout: 'health-check-timeout',
    workingDirectory: 'working-directory',
    deliveryTimeout: 'delivery-timeout',
    executionTimeout: 'execution-timeout',
    installMode: 'install-mode',
    wait: 'wait',
    timeout: 'timeout',
    rollback: 'rollback',
    outputBucket: 'output-bucket',
    outputPrefix: 'output-prefix',
    region: 'region',
    maxAttempts: 'max-attempts',
    dryRun: 'dry-run',
};
const Output = {
    version: 'version',
    previousVersion: 'previous-version',
    objectKey: 'object-key',
    sha256: 'sha256',
    commandId: 'command-id',
    instances: 'instances',
    rolledBack: 'rolled-back',
};
const ACTION = 'deploy-binary';
/** The SSM document every command runs (AWS-owned, on every Linux node with the agent). */
const DOCUMENT = 'AWS-RunShellScript';
/** Polling of commands: notice an ended invocation within about 3 s, without hammering the API. */
const POLL_MIN_DELAY_MS = 1000;
const POLL_MAX_DELAY_MS = 3000;
/** How long a command cancelled at the timeout is followed until its invocations have ended. */
const CANCEL_SETTLE_MS = 60_000;
/** How long the health check waits between attempts on an instance, in seconds. */
const HEALTH_CHECK_INTERVAL_SECONDS = 2;
/** How many characters of each instance's output the outputs and the summary keep (the end of it). */
const OUTPUT_TAIL_CHARS = 400;
/** At most this many failed instances get their full output read (GetCommandInvocation) for the report. */
const DETAILED_FAILURES = 10;

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/common/inputs.ts
var common_inputs = __nccwpck_require__(9184);
;// CONCATENATED MODULE: ./src/deploy-binary/inputs.ts









/** What the log and the summary show of a health check. */
const healthCheckDisplay = (check) => check.kind === 'url' ? check.display : check.command;
const SHA256 = /^[0-9a-f]{64}$/;
const BINARY_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
/** S3 key segments the suite writes: letters, digits and `._+-`, separated by `/`, no `.` or `..` segment. */
const KEY_SEGMENT = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$|^\.[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/;
/** systemd unit names: letters, digits, `:-_.@` (systemd.unit(5)), optionally with a `.service` suffix. */
const SERVICE = /^[A-Za-z0-9][A-Za-z0-9:_.@-]{0,255}$/;
const INSTANCE_ID = /^(?:i-[0-9a-f]{8}(?:[0-9a-f]{9})?|mi-[0-9a-f]{17})$/;
/** SendCommand's MaxConcurrency and MaxErrors patterns (botocore ssm service-2.json). */
// SendCommand's MaxConcurrency and MaxErrors, as the SSM service model gives them (patterns, at
// most 7 characters): refused here, before anything is published, not by SendCommand afterwards.
const MAX_CONCURRENCY = /^(?:[1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$/;
const MAX_ERRORS = /^(?:[1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)$/;
const MAX_RATE_LENGTH = 7;
/** Absolute paths on the instance: letters, digits and `._@+-` between slashes, no `..`. */
const PATH = /^(?:\/[A-Za-z0-9._@+-]+)+\/?$/;
/** SSM target keys (`TargetKey` in the model, as the user guide's "tag:<key>" and "tag-key"). */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
function getInputs(env = process.env) {
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const fileText = (0,common_inputs/* getOptionalInput */.lI)(Input.file);
    const file = fileText === undefined ? undefined : checkFile(fileText, workspace);
    const versionText = (0,common_inputs/* getOptionalInput */.lI)(Input.version);
    if (file === undefined && versionText === undefined)
        throw new errors/* UserError */.yo(`Input '${Input.file}' is required to publish a release; to roll back to an existing release instead, set '${Input.version}' to its version and leave '${Input.file}' out.`);
    const region = (0,aws/* resolveRegion */.Zv)((0,common_inputs/* getOptionalInput */.lI)(Input.region), env, Input.region);
    const prefix = parseKey(Input.prefix, (0,common_inputs/* getRequiredInput */.K1)(Input.prefix).replace(/\/+$/, ''));
    const service = parseService((0,common_inputs/* getOptionalInput */.lI)(Input.service));
    const fleet = parseFleet((0,common_inputs/* getListInput */.DF)(Input.instanceIds), (0,common_inputs/* getOptionalInput */.lI)(Input.targets));
    const installMode = (0,common_inputs/* getEnumInput */.iv)(Input.installMode, ['pointer', 'direct'], 'pointer');
    const healthCheck = parseHealthCheck((0,common_inputs/* getOptionalInput */.lI)(Input.healthCheck));
    const healthCheckTimeoutSeconds = (0,common_inputs/* getDurationInput */.l0)(Input.healthCheckTimeout, '60s', { min: 1000, max: 3_600_000 }) / 1000;
    const executionTimeoutSeconds = Math.ceil((0,common_inputs/* getDurationInput */.l0)(Input.executionTimeout, '10m', { min: 1000, max: 172_800_000 }) / 1000);
    const outputBucketText = (0,common_inputs/* getOptionalInput */.lI)(Input.outputBucket);
    const outputPrefixText = (0,common_inputs/* getOptionalInput */.lI)(Input.outputPrefix);
    const inputs = {
        file,
        sha256: parseSha256((0,common_inputs/* getOptionalInput */.lI)(Input.sha256), file),
        bucket: (0,common_inputs/* parseBucketName */.Hh)(Input.bucket, (0,common_inputs/* getRequiredInput */.K1)(Input.bucket)),
        prefix,
        version: parseVersion(versionText ?? defaultVersion(env)),
        versionGiven: versionText !== undefined,
        binaryName: parseBinaryName((0,common_inputs/* getOptionalInput */.lI)(Input.binaryName), file, service),
        pointerKey: parseKey(Input.pointerKey, (0,common_inputs/* getOptionalInput */.lI)(Input.pointerKey) ?? `${prefix}/latest.txt`),
        fleet,
        maxConcurrency: parseRate(Input.maxConcurrency, (0,common_inputs/* getOptionalInput */.lI)(Input.maxConcurrency) ?? '25%', MAX_CONCURRENCY),
        maxErrors: parseRate(Input.maxErrors, (0,common_inputs/* getOptionalInput */.lI)(Input.maxErrors) ?? '0', MAX_ERRORS),
        service,
        commands: (0,common_inputs/* getOptionalInput */.lI)(Input.commands),
        healthCheck,
        healthCheckTimeoutSeconds,
        workingDirectory: parsePath(Input.workingDirectory, (0,common_inputs/* getOptionalInput */.lI)(Input.workingDirectory)),
        deliveryTimeoutSeconds: Math.ceil((0,common_inputs/* getDurationInput */.l0)(Input.deliveryTimeout, '10m', { min: 30_000, max: 2_592_000_000 }) / 1000),
        executionTimeoutSeconds,
        installMode,
        wait: (0,common_inputs/* getBooleanInput */.Vt)(Input.wait, true),
        timeoutMs: (0,common_inputs/* getDurationInput */.l0)(Input.timeout, '30m', { min: 10_000, max: 6 * 3_600_000 }),
        // Not for the rollback entry by default: its "previous version" is the release being left.
        rollback: (0,common_inputs/* getBooleanInput */.Vt)(Input.rollback, file !== undefined),
        rollbackGiven: (0,common_inputs/* getOptionalInput */.lI)(Input.rollback) !== undefined,
        output: outputBucketText === undefined
            ? undefined
            : {
                bucket: (0,common_inputs/* parseBucketName */.Hh)(Input.outputBucket, outputBucketText),
                prefix: outputPrefixText === undefined
                    ? undefined
                    : parseKey(Input.outputPrefix, outputPrefixText.replace(/\/+$/, '')),
            },
        dryRun: (0,common_inputs/* getBooleanInput */.Vt)(Input.dryRun, false),
        aws: {
            region,
            maxAttempts: (0,aws/* getMaxAttemptsInput */.$2)(Input.maxAttempts),
            action: ACTION,
        },
        origin: {
            commit: env.GITHUB_SHA,
            runUrl: (0,version/* runUrl */.Vp)(env),
        },
    };
    if (outputPrefixText !== undefined && outputBucketText === undefined)
        throw new errors/* UserError */.yo(`Input '${Input.outputPrefix}' is set but '${Input.outputBucket}' is not; set the bucket the command output goes to.`);
    checkCombination(inputs);
    return inputs;
}
/** The `sha256` input: 64 hex digits (as `sha256sum` prints them), for a file being published. */
function parseSha256(value, file) {
    if (value === undefined)
        return undefined;
    if (file === undefined)
        throw new errors/* UserError */.yo(`Input '${Input.sha256}' is the SHA-256 of the file to publish, but '${Input.file}' is not set; leave '${Input.sha256}' out for the rollback entry.`);
    const hex = value.toLowerCase();
    if (!SHA256.test(hex))
        throw new errors/* UserError */.yo(`Input '${Input.sha256}' must be a SHA-256 in hex (64 digits 0-9 and a-f, in either case, as sha256sum prints it), got ${JSON.stringify(value)}.`);
    return hex;
}
/** The rules between inputs, once each is valid on its own. */
function checkCombination(inputs) {
    const restarting = inputs.fleet.kind !== 'none';
    if (restarting && inputs.service === undefined && inputs.commands === undefined)
        throw new errors/* UserError */.yo(`Inputs '${Input.instanceIds}' and '${Input.targets}' need '${Input.service}' (the systemd unit to restart) or '${Input.commands}' (what to run instead).`);
    if (inputs.installMode === 'direct' && !restarting)
        throw new errors/* UserError */.yo(`Input '${Input.installMode}' is direct, which installs the release on instances; set '${Input.instanceIds}' or '${Input.targets}', or use the default pointer mode to publish only.`);
    if (inputs.installMode === 'direct' && inputs.workingDirectory === undefined)
        throw new errors/* UserError */.yo(`Input '${Input.installMode}' is direct, which installs under releases/<version> and switches the symlink 'current' in '${Input.workingDirectory}'; set '${Input.workingDirectory}' (for example /opt/app).`);
    if (restarting && inputs.healthCheck && inputs.healthCheckTimeoutSeconds >= inputs.executionTimeoutSeconds)
        throw new errors/* UserError */.yo(`Input '${Input.healthCheckTimeout}' (${inputs.healthCheckTimeoutSeconds}s) must be shorter than '${Input.executionTimeout}' (${inputs.executionTimeoutSeconds}s), or SSM stops the script before its health check gives up.`);
    if (!restarting) {
        const ignored = [
            inputs.service && Input.service,
            inputs.commands && Input.commands,
            inputs.healthCheck && Input.healthCheck,
            inputs.workingDirectory && Input.workingDirectory,
            inputs.output && Input.outputBucket,
        ].filter(Boolean);
        if (ignored.length)
            lib_core/* warning */.$e(`Inputs ${ignored.map((n) => `'${n}'`).join(', ')} are ignored: no '${Input.instanceIds}' or '${Input.targets}' is set, so nothing is restarted.`);
    }
    else if (!inputs.wait && inputs.rollback) {
        lib_core/* warning */.$e(`Input '${Input.rollback}' has no effect while '${Input.wait}' is false: the action does not learn whether the restart worked.`);
    }
}
function checkFile(path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
    let why;
    try {
        const stat = (0,external_node_fs_.statSync)(full);
        if (!stat.isFile())
            why = 'is not a regular file';
        else
            (0,external_node_fs_.accessSync)(full, external_node_fs_.constants.R_OK);
    }
    catch (error) {
        const code = error.code;
        why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? error.message})`;
    }
    if (why)
        throw new errors/* UserError */.yo(`Input '${Input.file}' names ${path}, which ${why}; build the binary before this step, or give its path relative to the workspace.`);
    return full;
}
/** The tag name on a tag push, else the short commit sha. */
function defaultVersion(env) {
    if (env.GITHUB_REF_TYPE === 'tag' && env.GITHUB_REF_NAME)
        return env.GITHUB_REF_NAME;
    if (env.GITHUB_SHA)
        return env.GITHUB_SHA.slice(0, 7);
    throw new errors/* UserError */.yo(`Input '${Input.version}' is not set and there is neither a tag nor a commit sha to default to; set '${Input.version}' (for example v1.4.2).`);
}
function parseVersion(value) {
    if (!version/* RELEASE_VERSION */.hG.test(value))
        throw new errors/* UserError */.yo(`Input '${Input.version}' must be 1 to 128 letters, digits, '.', '_', '+' and '-', starting with a letter or digit (for example v1.4.2); got ${JSON.stringify(value)}.`);
    return value;
}
function parseBinaryName(value, file, service) {
    const name = value ?? (file !== undefined ? (0,external_node_path_.basename)(file) : service?.replace(/\.service$/, ''));
    if (name === undefined)
        throw new errors/* UserError */.yo(`Input '${Input.binaryName}' is needed to find the release when no '${Input.file}' is given; set it to the binary's name in the release (for example app).`);
    if (!BINARY_NAME.test(name)) {
        const from = value !== undefined ? `Input '${Input.binaryName}'` : `The binary's name (from '${Input.file}')`;
        throw new errors/* UserError */.yo(`${from} must be letters, digits, '.', '_', '+' and '-', starting with a letter or digit; got ${JSON.stringify(name)}${value === undefined ? `; set '${Input.binaryName}'` : ''}.`);
    }
    return name;
}
/** An S3 key or key prefix of segments of letters, digits and `._+-` (no `.` or `..` segments). */
function parseKey(name, value) {
    const segments = value.split('/');
    if (value.length > 900 || !segments.every((s) => KEY_SEGMENT.test(s)))
        throw new errors/* UserError */.yo(`Input '${name}' must be an S3 key of segments made of letters, digits, '.', '_', '+' and '-', separated by '/' (for example releases/app); got ${JSON.stringify(value)}.`);
    return value;
}
function parseService(value) {
    if (value === undefined)
        return undefined;
    if (!SERVICE.test(value))
        throw new errors/* UserError */.yo(`Input '${Input.service}' must be a systemd unit name (letters, digits, ':', '-', '_', '.' and '@'); got ${JSON.stringify(value)}.`);
    return value;
}
function parsePath(name, value) {
    if (value === undefined)
        return undefined;
    if (!PATH.test(value) || value.split('/').some((s) => s === '.' || s === '..'))
        throw new errors/* UserError */.yo(`Input '${name}' must be an absolute path of letters, digits, '.', '_', '@', '+' and '-' without '..' (for example /opt/app); got ${JSON.stringify(value)}.`);
    return value.length > 1 ? value.replace(/\/$/, '') : value;
}
function parseRate(name, value, pattern) {
    if (!pattern.test(value) || value.length > MAX_RATE_LENGTH)
        throw new errors/* UserError */.yo(`Input '${name}' must be a number of instances (such as 1, at most 7 digits, no leading zero) or a percentage of them (such as 25%); got ${JSON.stringify(value)}.`);
    return value;
}
function parseHealthCheck(value) {
    if (value === undefined)
        return undefined;
    if (!/^https?:\/\//i.test(value))
        return { kind: 'command', command: value };
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = undefined;
    }
    // Only what a URL may hold: a value with spaces, quotes or control characters is refused, not escaped.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    if (!url || /[\s"'`\\<>]/.test(value) || /[\u0000-\u001f\u007f]/.test(value))
        throw new errors/* UserError */.yo(`Input '${Input.healthCheck}' looks like a URL but is not a valid http(s) URL; got ${JSON.stringify(withoutUserinfo(value))}.`);
    const shown = addUrlSecrets(value);
    return { kind: 'url', url: value, display: shown.includes(REDACTED) ? shown : value };
}
/**
 * A value shown in a refusal without what may be a `user:password@` before its host, nor the
 * values of query parameters whose names say they are secret (as addUrlSecrets masks them in a
 * URL it can take apart: `token=`, `api_key=`, `password=`, ...).
 */
function withoutUserinfo(value) {
    return value
        .replace(/^(https?:\/\/)[^/?#]*@/i, `$1${REDACTED}@`)
        .replace(/([?&][^=&#]*(?:pass|secret|token|key)[^=&#]*=)[^&#]*/gi, `$1${REDACTED}`);
}
/** `instance-ids` or `targets` (one `Key=Value[,Value]` per line), never both. */
function parseFleet(ids, targetsText) {
    (0,common_inputs/* exclusive */.jC)({ [Input.instanceIds]: ids, [Input.targets]: targetsText });
    if (targetsText !== undefined)
        return { kind: 'targets', targets: parseTargets(targetsText) };
    if (ids.length === 0)
        return { kind: 'none' };
    for (const id of ids)
        if (!INSTANCE_ID.test(id))
            throw new errors/* UserError */.yo(`Input '${Input.instanceIds}' must list instance ids such as i-0123456789abcdef0 (or mi-... for managed nodes); ${JSON.stringify(id)} is not one.`);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate)
        throw new errors/* UserError */.yo(`Input '${Input.instanceIds}' lists ${duplicate} more than once.`);
    return { kind: 'ids', ids };
}
function parseTargets(text) {
    const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
    if (lines.length > aws/* AWS_LIMITS */.RR.ssmTargets)
        throw new errors/* UserError */.yo(`Input '${Input.targets}' has ${lines.length} targets; SSM takes at most ${aws/* AWS_LIMITS */.RR.ssmTargets}, which must all match.`);
    return lines.map((line) => {
        const at = line.indexOf('=');
        const key = at > 0 ? line.slice(0, at).trim() : '';
        const values = at > 0
            ? line
                .slice(at + 1)
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean)
            : [];
        const tagKey = key.startsWith('tag:') ? key.slice(4) : key === 'tag-key' ? 'x' : '';
        if (!TAG_KEY.test(tagKey) ||
            values.length === 0 ||
            values.length > 50 ||
            values.some((v) => v.length > 256))
            throw new errors/* UserError */.yo(`Input '${Input.targets}' must hold one target per line, tag:<key>=<value>[,<value>] or tag-key=<key> (for example tag:Role=api); ${JSON.stringify(line)} is not one.`);
        return { Key: key, Values: values };
    });
}

;// CONCATENATED MODULE: ./src/deploy-binary/script.ts

/** Quotes a value as one POSIX shell word: `'...'`, with each `'` written as `'\''`. */
function shellQuote(value) {
    if (value.includes('\0'))
        throw new Error('a shell value cannot hold a NUL character');
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/** The marker line a failed script ends with, and what the report reads from it. */
const FAILURE_MARKER = /^deploy-binary: (install|switch|restart|health check) failed: (.*)$/m;
function parseFailureMarker(text) {
    const lines = text.split(/\r?\n/).filter((l) => FAILURE_MARKER.test(l));
    const last = lines.at(-1);
    if (!last)
        return undefined;
    const m = FAILURE_MARKER.exec(last);
    return { step: m[1], why: m[2] };
}
function buildScript(spec) {
    const health = spec.healthCheck;
    const vars = [
        ['VERSION', spec.version],
        ['NAME', spec.binaryName],
        ['OBJECT', spec.objectUri],
        ['SHA256', spec.sha256],
        ['REGION', spec.region],
        ['SERVICE', spec.service ?? ''],
        ['COMMANDS', spec.commands ?? ''],
        ['HEALTH_KIND', health?.kind ?? 'none'],
        ['HEALTH', health === undefined ? '' : health.kind === 'url' ? health.url : health.command],
        ['HEALTH_TIMEOUT', String(Math.round(spec.healthCheckTimeoutSeconds))],
    ];
    return [
        '#!/bin/sh',
        `# deploy-binary: ${spec.mode} mode. Every value below is data, quoted; nothing is interpolated into code.`,
        'set -u',
        ...vars.map(([name, value]) => `${name}=${shellQuote(value)}`),
        COMMON,
        spec.mode === 'direct' ? DIRECT : POINTER,
    ].join('\n');
}
const COMMON = `
# What the user's commands and health-check command may read.
export DEPLOY_VERSION="$VERSION"
FAILED_STEP=''
FAILED_WHY=''
STEP_QUIET=''
say() { printf 'deploy-binary: %s\\n' "$*"; }
# step NAME COMMAND...: runs COMMAND, shows its output (on failure not when STEP_QUIET is set),
# and on failure keeps its last line as the reason.
step() {
  step_name=$1
  shift
  step_log=$(mktemp) || return 1
  if "$@" >"$step_log" 2>&1; then
    cat "$step_log"
    rm -f "$step_log"
    return 0
  fi
  [ -n "$STEP_QUIET" ] || cat "$step_log"
  FAILED_STEP=$step_name
  FAILED_WHY=$(grep -v -e '^[[:space:]]*$' -e '^See "' "$step_log" | tail -n 1)
  [ -n "$FAILED_WHY" ] || FAILED_WHY='exited with an error and no output'
  rm -f "$step_log"
  return 1
}
fail() {
  printf 'deploy-binary: %s failed: %s\\n' "$FAILED_STEP" "$FAILED_WHY\${1:-}" >&2
  exit 1
}
restart() {
  if [ -n "$COMMANDS" ]; then
    sh -c "$COMMANDS"
  else
    systemctl restart "$SERVICE"
  fi
}
health_once() {
  case $HEALTH_KIND in
    url) curl -fsS -o /dev/null --max-time 10 "$HEALTH" ;;
    command) sh -c "$HEALTH" ;;
    *) return 0 ;;
  esac
}
# Retried until HEALTH_TIMEOUT seconds have passed. The first failed attempt shows its output,
# later ones only a reason that changed: SSM keeps the first 2,500 characters of the output in
# ListCommandInvocations, and the failure line written last must still fit.
health() {
  [ "$HEALTH_KIND" = none ] && return 0
  health_deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
  health_attempt=1
  health_last=''
  while :; do
    [ "$health_attempt" -eq 1 ] || STEP_QUIET=1
    if step 'health check' health_once; then
      STEP_QUIET=''
      say "healthy after $health_attempt attempt(s)"
      return 0
    fi
    STEP_QUIET=''
    if [ "$health_attempt" -gt 1 ] && [ "$FAILED_WHY" != "$health_last" ]; then
      say "health check attempt $health_attempt: $FAILED_WHY"
    fi
    health_last=$FAILED_WHY
    if [ "$(date +%s)" -ge "$health_deadline" ]; then
      FAILED_WHY="$FAILED_WHY (after $health_attempt attempts in \${HEALTH_TIMEOUT}s)"
      return 1
    fi
    health_attempt=$((health_attempt + 1))
    sleep ${HEALTH_CHECK_INTERVAL_SECONDS}
  done
}`;
// Pointer mode: the pointer has moved already; the restart makes the unit fetch what it names.
const POINTER = `
say "restarting for $VERSION"
step restart restart || fail
health || fail
say "$VERSION is running"
`;
// Direct mode: download the versioned object, check its SHA-256, install it under
// releases/<version>, switch the symlink 'current' atomically (a new link renamed over the old
// one), restart and health-check; on failure switch back to what 'current' named and restart.
const DIRECT = `
RELEASE="releases/$VERSION"
verify() {
  [ -z "$SHA256" ] && return 0
  printf '%s  %s\\n' "$SHA256" "$1" | sha256sum -c --status || {
    echo "the SHA-256 of $1 is not $SHA256"
    return 1
  }
}
install() {
  if [ -f "$RELEASE/$NAME" ] && verify "$RELEASE/$NAME" >/dev/null; then
    echo "$RELEASE/$NAME is installed already"
    return 0
  fi
  [ -n "$SHA256" ] || { echo "$RELEASE/$NAME is not installed and its SHA-256 is unknown"; return 1; }
  install_tmp="releases/.$VERSION.tmp.$$"
  rm -rf "$install_tmp" && mkdir -p "$install_tmp" || return 1
  aws s3 cp "$OBJECT" "$install_tmp/$NAME" --region "$REGION" --only-show-errors || { rm -rf "$install_tmp"; return 1; }
  verify "$install_tmp/$NAME" || { rm -rf "$install_tmp"; return 1; }
  chmod 0755 "$install_tmp/$NAME" && rm -rf "$RELEASE" && mv "$install_tmp" "$RELEASE" || return 1
  echo "installed $RELEASE/$NAME"
}
switch_to() {
  ln -sfn "$1" ".current.$$" && mv -T ".current.$$" current || { rm -f ".current.$$"; return 1; }
  echo "current -> $1"
}
PREVIOUS=$(readlink current 2>/dev/null || true)
step install install || fail
step switch switch_to "$RELEASE" || fail
if step restart restart && health; then
  say "$VERSION is running from $RELEASE"
  exit 0
fi
if [ -n "$PREVIOUS" ] && [ "$PREVIOUS" != "$RELEASE" ]; then
  KEEP_STEP=$FAILED_STEP
  KEEP_WHY=$FAILED_WHY
  if switch_to "$PREVIOUS" && restart >/dev/null 2>&1; then
    say "switched back to $PREVIOUS and restarted"
  else
    say "switching back to $PREVIOUS failed"
  fi
  FAILED_STEP=$KEEP_STEP
  FAILED_WHY=$KEEP_WHY
fi
fail
`;

;// CONCATENATED MODULE: ./src/deploy-binary/plan.ts






function locationOf(bucket, key) {
    return { uri: `s3://${bucket}/${key}`, bucket, key };
}
function objectKey(inputs, version) {
    return `${inputs.prefix}/${version}/${inputs.binaryName}`;
}
function plan(inputs, state) {
    const object = locationOf(inputs.bucket, objectKey(inputs, inputs.version));
    const checksumObject = locationOf(inputs.bucket, `${object.key}.sha256`);
    const pointer = locationOf(inputs.bucket, inputs.pointerKey);
    const rollbackEntry = inputs.file === undefined;
    const previousVersion = state.pointer?.text.trim() || undefined;
    let sha256;
    let upload = false;
    let uploadNote;
    if (rollbackEntry) {
        if (!state.object)
            throw new errors/* UserError */.yo(`Input '${Input.version}' names ${inputs.version}, but there is no release at ${object.uri}; give the version of a release published before (the pointer names ${previousVersion ?? 'nothing yet'}).`);
        sha256 = state.object.metadata[SHA256_METADATA] ?? '';
        uploadNote = `the release ${inputs.version} exists already (rollback to it)`;
    }
    else {
        const digest = state.digest;
        if (!digest)
            throw new Error('The file was not read before planning.');
        sha256 = digest.sha256;
        const same = S3Transfer.compare(state.object, digest);
        if (same === 'different')
            throw new errors/* UserError */.yo(`${object.uri} already holds a different binary for ${inputs.version} (SHA-256 ${state.object?.metadata[SHA256_METADATA] ?? 'unknown'}, ${state.object?.size} bytes; the file's is ${digest.sha256}, ${digest.size} bytes); a release is immutable: publish under a new '${Input.version}'.`);
        upload = same === 'absent';
        if (!upload)
            uploadNote = `${object.uri} holds this very file already`;
    }
    const checksumBody = sha256 ? `${sha256}  ${inputs.binaryName}\n` : '';
    const writeChecksum = !rollbackEntry && state.checksumText !== checksumBody;
    if (inputs.installMode === 'direct' && !sha256)
        throw new errors/* UserError */.yo(`The release ${object.uri} has no SHA-256 in its metadata, which '${Input.installMode}: direct' checks on each instance; publish it again under a new version with this action.`);
    const movePointer = previousVersion !== inputs.version;
    const restart = inputs.fleet.kind === 'none' ? undefined : planRestart(inputs, state, object, sha256, previousVersion);
    return {
        version: inputs.version,
        previousVersion,
        previousPointerText: state.pointer?.text,
        object,
        checksumObject,
        pointer,
        sha256,
        size: state.digest?.size ?? state.object?.size,
        rollbackEntry,
        upload,
        uploadNote,
        writeChecksum,
        checksumBody,
        movePointer,
        pointerEtag: state.pointer?.etag,
        restart,
        metadata: metadataOf(inputs),
    };
}
function metadataOf(inputs) {
    const metadata = { version: inputs.version };
    if (inputs.origin.commit)
        metadata.commit = inputs.origin.commit;
    if (inputs.origin.runUrl)
        metadata['run-url'] = inputs.origin.runUrl;
    return metadata;
}
function planRestart(inputs, state, object, sha256, previousVersion) {
    const fleet = inputs.fleet;
    const described = new Map(state.instances.map((i) => [i.InstanceId ?? '', i.PingStatus ?? 'unknown']));
    let targets;
    let instances;
    let offline = [];
    if (fleet.kind === 'ids') {
        const missing = fleet.ids.filter((id) => !described.has(id));
        if (missing.length)
            throw new errors/* UserError */.yo(`${listText(missing)} ${missing.length === 1 ? 'is' : 'are'} not registered with SSM in ${inputs.aws.region} (no SSM Agent, or no instance profile allowing it); nothing was changed.`);
        const notOnline = fleet.ids.filter((id) => described.get(id) !== 'Online');
        if (notOnline.length)
            throw new errors/* UserError */.yo(`${listText(notOnline.map((id) => `${id} (${described.get(id)})`))} ${notOnline.length === 1 ? 'is' : 'are'} not Online in SSM, so ${notOnline.length === 1 ? 'it' : 'they'} would miss the restart; nothing was changed.`);
        targets = { kind: 'ids', batches: chunkIds(fleet.ids) };
        instances = fleet.ids;
    }
    else {
        if (fleet.kind !== 'targets')
            throw new Error('unreachable');
        instances = [...described.keys()];
        const online = instances.filter((id) => described.get(id) === 'Online');
        const what = fleet.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ');
        if (instances.length === 0)
            throw new errors/* UserError */.yo(`No SSM managed instance in ${inputs.aws.region} matches ${what}; nothing was changed.`);
        if (online.length === 0)
            throw new errors/* UserError */.yo(`None of the ${instances.length} instances matching ${what} is Online in SSM (${listText(instances.map((id) => `${id} ${described.get(id)}`))}); nothing was changed.`);
        offline = instances.filter((id) => described.get(id) !== 'Online');
        targets = { kind: 'targets', targets: fleet.targets };
    }
    const common = {
        mode: inputs.installMode,
        binaryName: inputs.binaryName,
        region: inputs.aws.region,
        service: inputs.service,
        commands: inputs.commands,
        healthCheck: inputs.healthCheck,
        healthCheckTimeoutSeconds: inputs.healthCheckTimeoutSeconds,
    };
    const script = buildScript({ ...common, version: inputs.version, objectUri: object.uri, sha256 });
    const canRollBack = previousVersion !== undefined &&
        previousVersion !== inputs.version &&
        version/* RELEASE_VERSION */.hG.test(previousVersion);
    const rollbackScript = canRollBack
        ? buildScript({
            ...common,
            version: previousVersion,
            objectUri: `s3://${inputs.bucket}/${objectKey(inputs, previousVersion)}`,
            sha256: state.previousObject?.metadata[SHA256_METADATA] ?? '',
        })
        : undefined;
    return { targets, instances, offline, script, rollbackScript };
}
function chunkIds(ids) {
    const out = [];
    for (let i = 0; i < ids.length; i += 50)
        out.push(ids.slice(i, i + 50));
    return out;
}
/** `a`, `a and b`, `a, b and c`; at most 5 named, then `and N more`. */
function listText(items, max = 5) {
    if (items.length <= 1)
        return items.join('');
    if (items.length > max)
        return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
    return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
/** SendCommand's parameters for one batch (or the targets), with the script to run. */
function commandInput(inputs, script, to, comment, rates = inputs) {
    return {
        DocumentName: DOCUMENT,
        ...to,
        Comment: comment.slice(0, 100),
        Parameters: {
            commands: [script],
            ...(inputs.workingDirectory ? { workingDirectory: [inputs.workingDirectory] } : {}),
            executionTimeout: [String(inputs.executionTimeoutSeconds)],
        },
        TimeoutSeconds: inputs.deliveryTimeoutSeconds,
        MaxConcurrency: rates.maxConcurrency,
        MaxErrors: rates.maxErrors,
        ...(inputs.output
            ? {
                OutputS3BucketName: inputs.output.bucket,
                ...(inputs.output.prefix ? { OutputS3KeyPrefix: inputs.output.prefix } : {}),
            }
            : {}),
    };
}
/**
 * The rates of a rollback's restart: every changed instance gets it whatever the others do
 * (MaxErrors 100%: the instance that failed the deploy is among them and may fail again, and
 * SSM would otherwise stop the rollback and leave the rest on the new version, "Terminated"),
 * as many at once as the deploy restarted (a percentage of the deploy's instances, turned into
 * their number, since the rollback goes to fewer).
 */
function rollbackRates(inputs, deployed) {
    const percent = /^(\d+)%$/.exec(inputs.maxConcurrency);
    const maxConcurrency = percent
        ? String(Math.max(1, Math.ceil((Number(percent[1]) * Math.max(1, deployed)) / 100)))
        : inputs.maxConcurrency;
    return { maxConcurrency, maxErrors: '100%' };
}
/** The plan in readable lines, for the log. */
function describePlan(inputs, p) {
    const lines = [];
    const size = p.size === undefined ? '' : ` (${p.size} bytes)`;
    lines.push(`Release ${p.version}: ${p.object.uri}${size}, SHA-256 ${p.sha256 || 'unknown'}`);
    lines.push(p.upload
        ? `- upload ${inputs.file} to ${p.object.uri}, then ${p.checksumObject.uri}`
        : `- upload nothing: ${p.uploadNote}`);
    if (!p.upload && p.writeChecksum)
        lines.push(`- write ${p.checksumObject.uri}`);
    lines.push(p.movePointer
        ? `- move ${p.pointer.uri} from ${p.previousVersion ?? '(none)'} to ${p.version} (only if nobody moved it since it was read)`
        : `- leave ${p.pointer.uri}: it names ${p.version} already`);
    const r = p.restart;
    if (!r) {
        lines.push('- restart nothing (no instance-ids or targets)');
        return lines;
    }
    const to = r.targets.kind === 'ids'
        ? `${r.instances.length} instance${r.instances.length === 1 ? '' : 's'} (${listText(r.instances)})${r.targets.batches.length > 1 ? ` in ${r.targets.batches.length} commands of at most 50, one after the other` : ''}`
        : `the instances matching ${r.targets.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ')} (${r.instances.length} now)`;
    const what = inputs.commands !== undefined ? 'the given commands' : `systemctl restart ${inputs.service}`;
    lines.push(`- ${inputs.installMode === 'direct' ? `install under ${inputs.workingDirectory}/releases/${p.version}, switch ${inputs.workingDirectory}/current, ` : ''}run ${what} on ${to} through SSM ${DOCUMENT}, max-concurrency ${inputs.maxConcurrency}, max-errors ${inputs.maxErrors}`);
    if (inputs.healthCheck)
        lines.push(`- health check on each instance: ${healthCheckDisplay(inputs.healthCheck)} (retried for ${inputs.healthCheckTimeoutSeconds}s)`);
    if (r.offline.length)
        lines.push(`- not Online now, SSM may not reach them: ${listText(r.offline)}`);
    lines.push(!inputs.wait
        ? '- do not wait for the command'
        : !inputs.rollback
            ? '- wait for every instance; no rollback on failure'
            : r.rollbackScript
                ? `- on failure: move the pointer back to ${p.previousVersion} and restart the changed instances on it`
                : `- on failure: no previous version to roll back to`);
    return lines;
}

;// CONCATENATED MODULE: ./src/deploy-binary/rollout.ts




/**
 * Reading SSM's view of a command (pure): each instance's status, exit code, duration, output
 * tail and, for a failure, why; when a command is over; and the one sentence a failure gets.
 * Statuses from the Systems Manager User Guide, "Understanding command statuses".
 */
/** Invocation and command statuses that do not change any more. */
const TERMINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled'];
function isTerminal(status) {
    return status !== undefined && TERMINAL.includes(status);
}
function time(value) {
    return value instanceof Date ? value.getTime() : undefined;
}
function tail(text, max = OUTPUT_TAIL_CHARS) {
    const trimmed = text.replace(/\s+$/, '');
    return trimmed.length <= max ? trimmed : `...${trimmed.slice(trimmed.length - max + 3)}`;
}
/** One instance's result from its invocation (with plugin details), and optionally its full output. */
function resultOf(invocation, full) {
    const plugin = invocation.CommandPlugins?.[0];
    const status = invocation.Status ?? 'Pending';
    const details = invocation.StatusDetails ?? status;
    const start = time(plugin?.ResponseStartDateTime);
    const end = time(plugin?.ResponseFinishDateTime);
    const inline = plugin?.Output ?? '';
    const output = full ? [full.stdout ?? '', full.stderr ?? ''].filter(Boolean).join('\n') : inline;
    const code = full?.responseCode ?? plugin?.ResponseCode;
    const started = start !== undefined || ['Success', 'Failed', 'ExecutionTimedOut'].includes(details);
    const result = {
        instance: invocation.InstanceId ?? '',
        status,
        details,
        exitCode: isTerminal(status) && code !== undefined && code >= 0 ? code : undefined,
        durationMs: start !== undefined && end !== undefined ? end - start : undefined,
        started,
        output: tail(output),
    };
    if (isTerminal(status) && details !== 'Success')
        result.failure = failureOf(details, output, result.exitCode);
    return result;
}
function failureOf(details, output, code) {
    const marker = parseFailureMarker(output);
    switch (details) {
        case 'Undeliverable':
            return { kind: 'undeliverable', why: 'SSM could not deliver the command (Undeliverable)' };
        case 'DeliveryTimedOut':
            return {
                kind: 'delivery timeout',
                why: `the instance did not pick the command up within '${Input.deliveryTimeout}' (Delivery Timed Out)`,
            };
        case 'ExecutionTimedOut':
            return {
                kind: 'execution timeout',
                why: `the script ran longer than '${Input.executionTimeout}' (Execution Timed Out)`,
            };
        case 'Terminated':
            return {
                kind: 'terminated',
                why: `SSM stopped the command once more than '${Input.maxErrors}' instances had failed (Terminated)`,
            };
        case 'Cancelled':
            return { kind: 'cancelled', why: 'the command was cancelled (Cancelled)' };
        case 'InvalidPlatform':
        case 'AccessDenied':
            return { kind: 'not run', why: `SSM could not run the command there (${details})` };
    }
    if (marker)
        return { kind: marker.step, why: marker.why };
    const last = output
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^failed to run commands: exit status/.test(l) && l !== '----------ERROR-------')
        .at(-1);
    return { kind: 'script', why: last ?? `exit code ${code ?? 'unknown'}` };
}
const PHRASE = {
    'health check': 'failed the health check',
    restart: 'failed the restart',
    install: 'failed to install the release',
    switch: 'failed to switch the current symlink',
    script: 'failed',
    undeliverable: 'could not be reached',
    'delivery timeout': 'did not pick the command up in time',
    'execution timeout': 'ran out of time',
    terminated: 'were never restarted',
    cancelled: 'were cancelled',
    'not run': 'could not run the command',
};
/**
 * The failures in one clause each, grouped by kind:
 * `2 of 6 instances failed the health check (i-0a1, i-0b2: curl: (7) Failed to connect ...)`.
 */
function failureClauses(results, total = results.length) {
    const groups = new Map();
    for (const r of results)
        if (r.failure)
            groups.set(r.failure.kind, [...(groups.get(r.failure.kind) ?? []), r]);
    const order = [
        'health check',
        'restart',
        'install',
        'switch',
        'script',
        'execution timeout',
        'undeliverable',
        'delivery timeout',
        'not run',
        'cancelled',
        'terminated',
    ];
    return order
        .filter((kind) => groups.has(kind))
        .map((kind) => {
        const group = groups.get(kind);
        const n = group.length;
        const who = `${n} of ${total} instance${total === 1 ? '' : 's'}`;
        const verb = n === 1 ? PHRASE[kind].replace(/^were /, 'was ') : PHRASE[kind];
        return `${who} ${verb} (${listText(group.map((r) => r.instance))}: ${group[0].failure.why})`;
    });
}
/** A command is over when SSM says so and every invocation it lists has ended. */
function commandOver(snapshot) {
    const command = snapshot.command;
    if (!command || !isTerminal(command.Status))
        return false;
    const expected = command.TargetCount ?? 0;
    return snapshot.invocations.length >= expected && snapshot.invocations.every((i) => isTerminal(i.Status));
}
/** The wait's view: a state line logged when it changes, and done when the command is over. */
function assess(snapshot) {
    const results = snapshot.invocations.map((i) => resultOf(i));
    const ended = results.filter((r) => isTerminal(r.status));
    const failed = ended.filter((r) => r.failure).length;
    const total = Math.max(snapshot.command?.TargetCount ?? 0, results.length);
    const status = snapshot.command?.StatusDetails ?? snapshot.command?.Status ?? 'Pending';
    const state = total === 0 && !isTerminal(snapshot.command?.Status)
        ? `${status}, instances not resolved yet`
        : `${status}: ${ended.length}/${total} ended${failed ? `, ${failed} failed` : ''}`;
    return { state, done: commandOver(snapshot) };
}
/** One log line per instance whose state changed since the last poll. */
function changes(previous, snapshot) {
    const lines = [];
    for (const invocation of snapshot.invocations) {
        const r = resultOf(invocation);
        const key = `${r.status}/${r.details}`;
        if (previous.get(r.instance) === key)
            continue;
        previous.set(r.instance, key);
        lines.push(`${r.instance}: ${describeResult(r)}`);
    }
    return lines;
}
function describeResult(r) {
    const details = r.details !== r.status ? `${r.status} (${r.details})` : r.status;
    const extra = [
        r.exitCode !== undefined ? `exit ${r.exitCode}` : undefined,
        r.durationMs !== undefined ? formatDuration(r.durationMs) : undefined,
    ].filter(Boolean);
    const why = r.failure ? `: ${r.failure.why}` : '';
    return `${details}${extra.length ? ` [${extra.join(', ')}]` : ''}${why}`;
}

;// CONCATENATED MODULE: ./src/deploy-binary/deploy.ts







// ---- observe ----
async function observe(ctx) {
    const { inputs, s3, logger } = ctx;
    if (inputs.file)
        logger.info(inputs.sha256
            ? `Hashing ${inputs.file} on a second thread, to check it against input '${Input.sha256}' before the release is completed...`
            : `Reading ${inputs.file} for its SHA-256 and CRC32, beside the reads below...`);
    const bucketProblem = await s3.bucketProblem(inputs.bucket);
    if (bucketProblem)
        throw new errors/* UserError */.yo(`Input '${Input.bucket}' names ${inputs.bucket}, but ${bucketProblem}; nothing was changed.`);
    if (ctx.loadSsm && !ctx.ssm)
        ctx.ssm = await ctx.loadSsm();
    const { ssm } = ctx;
    const instances = inputs.fleet.kind === 'ids'
        ? await ssm.describeInstances(inputs.fleet.ids)
        : inputs.fleet.kind === 'targets'
            ? await ssm.describeTargets(inputs.fleet.targets)
            : [];
    for (const i of instances)
        logger.info(`${i.InstanceId}: ${i.PingStatus} in SSM (${i.PlatformName ?? i.PlatformType ?? 'unknown platform'})`);
    const pointer = await s3.getText(locationOf(inputs.bucket, inputs.pointerKey));
    logger.info(pointer
        ? `s3://${inputs.bucket}/${inputs.pointerKey} names ${pointer.text.trim() || '(empty)'} (ETag ${pointer.etag})`
        : `s3://${inputs.bucket}/${inputs.pointerKey} does not exist yet`);
    const objectLocation = locationOf(inputs.bucket, objectKey(inputs, inputs.version));
    const object = await s3.head(objectLocation);
    const checksumText = object
        ? (await s3.getText(locationOf(inputs.bucket, `${objectLocation.key}.sha256`)))?.text
        : undefined;
    const previous = pointer?.text.trim();
    const previousObject = inputs.installMode === 'direct' &&
        previous &&
        previous !== inputs.version &&
        version/* RELEASE_VERSION */.hG.test(previous)
        ? await s3.head(locationOf(inputs.bucket, objectKey(inputs, previous)))
        : undefined;
    if (inputs.file && ctx.digesting) {
        ctx.digest = await ctx.digesting;
        // An existing release is compared by its CRC32 too: a declared digest gets it here, and
        // the declaration is checked first, so that a wrong one is not taken for another binary.
        if (object && ctx.digest.crc32 === undefined) {
            ctx.digest = await digestFile(inputs.file, undefined, ctx.signal, ctx.digest.sha256);
            await checkDeclaredSha256(ctx);
        }
        logger.info(`${inputs.file}: ${ctx.digest.size} bytes, SHA-256 ${ctx.digest.sha256}${inputs.sha256 ? ` (as input '${Input.sha256}' declares it)` : ''}`);
    }
    return { digest: ctx.digest, object, checksumText, pointer, previousObject, instances };
}
/**
 * With the `sha256` input: the file's own SHA-256 must be the declared one. Awaited before the
 * upload completes (a mismatch aborts it), before the pointer moves and at the end of a dry run.
 */
function checkDeclaredSha256(ctx) {
    const { inputs, sha256, logger } = ctx;
    const declared = inputs.sha256;
    if (!sha256 || !declared)
        return Promise.resolve();
    ctx.sha256Check ??= sha256.then((actual) => {
        if (actual !== declared) {
            ctx.sha256Mismatch = actual;
            throw new errors/* UserError */.yo(`Input '${Input.sha256}' declares ${declared}, but ${inputs.file} has the SHA-256 ${actual}; nothing was published and the pointer was not moved.`);
        }
        logger.info(`${inputs.file} has the SHA-256 that input '${Input.sha256}' declares.`);
    });
    return ctx.sha256Check;
}
/** Write access, checked without writing (a multipart upload created and aborted). */
async function checkWriteAccess(ctx, plan) {
    const places = [
        ...(plan.upload || plan.writeChecksum ? [plan.object] : []),
        ...(plan.movePointer ? [plan.pointer] : []),
    ];
    for (const place of places) {
        const problem = await ctx.s3.writeProblem(place);
        if (problem)
            throw new errors/* UserError */.yo(`Cannot publish ${plan.version}: ${problem}; nothing was changed.`);
    }
}
// ---- publish ----
async function publish(ctx, plan) {
    const { s3, logger, inputs } = ctx;
    if (plan.upload) {
        let shown = -1;
        const started = Date.now();
        ctx.digest = await s3
            .upload(inputs.file, plan.object, {
            digest: ctx.digest,
            metadata: plan.metadata,
            contentType: 'application/octet-stream',
            createOnly: true,
            beforeCommit: () => checkDeclaredSha256(ctx),
            onProgress: (loaded, total) => {
                const percent = total > 0 ? Math.floor((loaded / total) * 10) * 10 : 100;
                if (percent > shown) {
                    shown = percent;
                    logger.info(`upload ${plan.object.uri}: ${percent}% (${loaded} of ${total} bytes)`);
                }
            },
        })
            .catch((error) => {
            if (error instanceof ConditionalWriteError)
                throw new errors/* UserError */.yo(`${plan.object.uri} was created by another run while this one uploaded it; a release is immutable, so this run stopped before moving the pointer.`);
            throw error;
        });
        ctx.uploaded = true;
        logger.info(`Uploaded ${plan.object.uri} in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
    }
    else
        logger.info(`Uploading nothing: ${plan.uploadNote}.`);
    await checkDeclaredSha256(ctx);
    if (!plan.rollbackEntry) {
        const digest = ctx.digest;
        if (digest?.crc32 === undefined)
            throw new Error('The file was not read before its release was verified.');
        const problem = await s3.verify(plan.object, digest);
        if (problem)
            throw new Error(`The release did not verify: ${problem}; the pointer was not moved.`);
        logger.info(`Verified ${plan.object.uri}: size, SHA-256 metadata and S3's full-object CRC32 match the file.`);
    }
    if (plan.writeChecksum) {
        await s3.putText(plan.checksumObject, plan.checksumBody, { metadata: { version: plan.version } });
        logger.info(`Wrote ${plan.checksumObject.uri} (sha256sum format).`);
    }
}
async function movePointer(ctx, plan) {
    if (!plan.movePointer) {
        ctx.logger.info(`${plan.pointer.uri} names ${plan.version} already; left as it is.`);
        return;
    }
    try {
        const out = await ctx.s3.putText(plan.pointer, `${plan.version}\n`, {
            ...(plan.pointerEtag === undefined ? { createOnly: true } : { ifMatch: plan.pointerEtag }),
            metadata: { version: plan.version },
        });
        ctx.pointerMovedEtag = out.etag;
    }
    catch (error) {
        if (error instanceof ConditionalWriteError)
            throw new errors/* UserError */.yo(`Another deploy moved ${plan.pointer.uri} after this run read it (it named ${plan.previousVersion ?? 'nothing'}); this run did not overwrite it and restarted nothing${ctx.uploaded ? ` (the release ${plan.object.uri} stays uploaded)` : ''}.`);
        throw error;
    }
    ctx.logger.info(`Moved ${plan.pointer.uri}: ${plan.previousVersion ?? '(none)'} -> ${plan.version}.`);
}
// ---- restart and wait ----
/** Sends the restart (one command, or one per batch of 50 ids, each waited for before the next). */
async function restart(ctx, plan, script, into, only) {
    const { inputs, ssm, logger } = ctx;
    const r = plan.restart;
    const deadline = Date.now() + inputs.timeoutMs;
    const batches = only !== undefined
        ? chunk(only).map((ids) => ({ InstanceIds: ids }))
        : r.targets.kind === 'ids'
            ? r.targets.batches.map((ids) => ({ InstanceIds: ids }))
            : [{ Targets: r.targets.targets }];
    const rollingBack = only !== undefined;
    const rates = rollingBack
        ? rollbackRates(inputs, allResults(ctx.commands).length + ctx.notSent.length)
        : inputs;
    for (const [n, to] of batches.entries()) {
        const comment = `deploy-binary ${rollingBack ? `rollback to ${plan.previousVersion}` : plan.version}`;
        const input = commandInput(inputs, script, to, comment, rates);
        const what = 'InstanceIds' in to
            ? `send the restart to ${listText(to.InstanceIds)}`
            : `send the restart to the instances matching ${to.Targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join(' and ')}`;
        let command;
        try {
            command = await ssm.sendCommand(input, what);
        }
        catch (error) {
            // The batches after this one were never sent (this one is named by the error).
            if (!rollingBack)
                ctx.notSent = batches.slice(n + 1).flatMap((b) => ('InstanceIds' in b ? b.InstanceIds : []));
            throw error;
        }
        const run = {
            id: command.CommandId ?? '',
            instanceIds: 'InstanceIds' in to ? to.InstanceIds : undefined,
            over: false,
            status: command.Status,
            statusDetails: command.StatusDetails,
            results: [],
        };
        into.push(run);
        logger.info(`SSM command ${run.id} sent (${comment}, ${'InstanceIds' in to ? `${to.InstanceIds.length} instances` : 'Targets'}).`);
        if (!inputs.wait)
            continue;
        await follow(ctx, run, Math.max(1000, deadline - Date.now()));
        if (!rollingBack && (!run.over || run.results.some((x) => x.failure))) {
            ctx.notSent = batches.slice(n + 1).flatMap((b) => ('InstanceIds' in b ? b.InstanceIds : []));
            if (ctx.notSent.length)
                logger.info(`Not sending the next batches (${ctx.notSent.length} instances): this one failed.`);
            return;
        }
    }
}
function chunk(ids) {
    const out = [];
    for (let i = 0; i < ids.length; i += 50)
        out.push(ids.slice(i, i + 50));
    return out;
}
/**
 * Follows one command until SSM says it and every invocation ended, logging each instance's
 * changes once. An instance seen in progress once counts as started from then on: an expired
 * command turns its invocations still in progress into DeliveryTimedOut ("If a command expires,
 * it changes status to DeliveryTimedOut for all invocations that have the status InProgress",
 * SSM API Reference, Command.Status), which alone would read as never started. At the timeout
 * the command is cancelled and followed until every invocation has ended (CancelCommand only
 * asks: invocations go through Cancelling), so that the instances to roll back are the ones that
 * really started, and none still runs the new version's script beside its rollback.
 */
async function follow(ctx, run, timeoutMs) {
    const { ssm, logger } = ctx;
    const seen = new Map();
    const started = new Set();
    const poll = async () => {
        const command = await ssm.getCommand(run.id);
        const invocations = command ? await ssm.listInvocations(run.id) : [];
        const snapshot = { command, invocations };
        for (const line of changes(seen, snapshot))
            logger.info(line);
        run.status = command?.Status;
        run.statusDetails = command?.StatusDetails;
        run.results = invocations.map((i) => {
            const r = resultOf(i);
            if (r.started || r.status === 'InProgress')
                started.add(r.instance);
            return started.has(r.instance) ? { ...r, started: true } : r;
        });
        return snapshot;
    };
    const result = await waitFor({
        label: `SSM command ${run.id}`,
        poll,
        assess: assess,
        timeoutMs,
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: POLL_MAX_DELAY_MS,
        signal: ctx.signal,
        logger,
    });
    run.over = result.outcome === 'done';
    let invocations = result.value?.invocations ?? [];
    if (!run.over) {
        run.waitProblem = result.reason;
        logger.info(`${result.reason}; cancelling the command so that it goes no further.`);
        await ssm.cancel(run.id);
        const settled = await waitFor({
            label: `SSM command ${run.id}, cancelled`,
            poll,
            assess: (s) => ({ ...assess(s), done: s.invocations.every((i) => isTerminal(i.Status)) }),
            timeoutMs: CANCEL_SETTLE_MS,
            minDelayMs: POLL_MIN_DELAY_MS,
            maxDelayMs: POLL_MAX_DELAY_MS,
            signal: ctx.signal,
            logger,
        });
        invocations = settled.value?.invocations ?? invocations;
    }
    await detailFailures(ctx, run, invocations);
}
/** Reads the full output of failed instances (GetCommandInvocation: 24,000 / 8,000 characters) for the report. */
async function detailFailures(ctx, run, invocations) {
    // Started as follow counts it (seen in progress once), not only as the last listing shows it.
    const started = new Set(run.results.filter((r) => r.started).map((r) => r.instance));
    const failed = invocations.filter((i) => resultOf(i).failure && started.has(i.InstanceId ?? ''));
    for (const invocation of failed.slice(0, DETAILED_FAILURES)) {
        const detail = await ctx.ssm.getInvocation(run.id, invocation.InstanceId ?? '');
        if (!detail)
            continue;
        const full = resultOf(invocation, {
            stdout: detail.StandardOutputContent,
            stderr: detail.StandardErrorContent,
            responseCode: detail.ResponseCode,
        });
        run.results = run.results.map((r) => (r.instance === full.instance ? { ...full, started: true } : r));
    }
}
// ---- rollback ----
/**
 * Back to what observe read: the pointer to the previous version (conditionally, against the
 * ETag this run's own write left), then the restart again on every instance the script started
 * on, waited for.
 */
async function rollBack(ctx, plan) {
    const rollback = { pointer: 'no-previous', commands: [], instances: [] };
    ctx.rollback = rollback;
    const previous = plan.previousVersion;
    if (!plan.restart?.rollbackScript || previous === undefined) {
        rollback.pointerNote =
            previous === plan.version
                ? `it named ${plan.version} before this run already`
                : 'there is no previous version';
        return rollback;
    }
    if (ctx.pointerMovedEtag !== undefined) {
        try {
            await ctx.s3.putText(plan.pointer, plan.previousPointerText ?? `${previous}\n`, {
                ifMatch: ctx.pointerMovedEtag,
                metadata: { version: previous },
            });
            rollback.pointer = 'restored';
            ctx.logger.info(`Moved ${plan.pointer.uri} back: ${plan.version} -> ${previous}.`);
        }
        catch (error) {
            if (error instanceof ConditionalWriteError) {
                rollback.pointer = 'moved-by-someone-else';
                rollback.pointerNote =
                    'another deploy moved the pointer meanwhile, so it was left as it is and nothing was restarted';
                return rollback;
            }
            rollback.pointer = 'failed';
            rollback.error = (0,errors/* errorMessage */.gJ)(error);
            return rollback;
        }
    }
    else
        rollback.pointer = 'restored';
    const changed = ctx.commands.flatMap((c) => c.results.filter((r) => r.started).map((r) => r.instance));
    rollback.instances = changed;
    if (changed.length === 0)
        return rollback;
    try {
        await restart(ctx, plan, plan.restart.rollbackScript, rollback.commands, changed);
    }
    catch (error) {
        if (error instanceof Error && error.name === 'CancelledError')
            throw error;
        rollback.error = (0,errors/* errorMessage */.gJ)(error);
    }
    return rollback;
}
function allResults(runs) {
    return runs.flatMap((c) => c.results);
}
function anyFailure(ctx) {
    return (ctx.restartError !== undefined ||
        ctx.notSent.length > 0 ||
        ctx.commands.some((c) => (ctx.inputs.wait && !c.over) || c.results.some((r) => r.failure)) ||
        ctx.commands.some((c) => c.over && c.results.length === 0));
}
/**
 * Cancels the commands still running after the restart phase failed, each then marked over;
 * a cancellation that fails is added to the restart's error.
 */
async function cancelStillRunning(ctx) {
    for (const command of stillRunning(ctx)) {
        try {
            await ctx.ssm.cancel(command.id);
            ctx.logger.info(`Cancelled SSM command ${command.id} so that it goes no further.`);
        }
        catch (error) {
            ctx.restartError = `${ctx.restartError}; cancelling SSM command ${command.id} failed too: ${(0,errors/* errorMessage */.gJ)(error).replace(/\.$/, '')}`;
        }
        await settleAfterFailure(ctx, command);
    }
}
/**
 * What a command left once it was cancelled after a failure of the restart phase: its
 * invocations read until they ended (without the run's signal), an instance counting as started
 * if it was seen so before; when they cannot be read, every instance it was sent to counts as
 * started, since rolling back one that never changed costs only a restart.
 */
async function settleAfterFailure(ctx, command) {
    const before = new Set(command.results.filter((r) => r.started).map((r) => r.instance));
    const settled = await waitFor({
        label: `SSM command ${command.id}, cancelled`,
        poll: () => ctx.ssm.listInvocations(command.id, null),
        assess: (list) => ({
            state: `${list.filter((i) => isTerminal(i.Status)).length}/${list.length} ended`,
            done: list.every((i) => isTerminal(i.Status)),
        }),
        timeoutMs: CANCEL_SETTLE_MS,
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: POLL_MAX_DELAY_MS,
        logger: ctx.logger,
    }).catch(() => undefined);
    if (settled?.value?.length) {
        command.results = settled.value.map((i) => {
            const r = resultOf(i);
            return before.has(r.instance) || r.status === 'InProgress' ? { ...r, started: true } : r;
        });
    }
    else if (command.instanceIds?.length) {
        const known = new Map(command.results.map((r) => [r.instance, r]));
        command.results = command.instanceIds.map((id) => ({
            ...(known.get(id) ?? { instance: id, status: 'Cancelled', details: 'Cancelled', output: '' }),
            started: true,
        }));
    }
    command.over = true;
}
function stillRunning(ctx) {
    return [...ctx.commands, ...(ctx.rollback?.commands ?? [])].filter((c) => !c.over && !isTerminal(c.status));
}


;// CONCATENATED MODULE: ./src/deploy-binary/report.ts









function instanceReports(ctx) {
    const rolled = new Map(allResults(ctx.rollback?.commands ?? []).map((r) => [r.instance, r]));
    const reports = allResults(ctx.commands).map((r) => {
        const back = rolled.get(r.instance);
        return {
            instance: r.instance,
            status: r.status,
            details: r.details,
            exitCode: r.exitCode ?? null,
            durationMs: r.durationMs ?? null,
            output: r.output,
            reason: r.failure?.why ?? null,
            rollback: back
                ? {
                    status: back.status,
                    details: back.details,
                    exitCode: back.exitCode ?? null,
                    reason: back.failure?.why ?? null,
                }
                : null,
        };
    });
    for (const id of ctx.notSent)
        reports.push({
            instance: id,
            status: 'NotSent',
            details: 'NotSent',
            exitCode: null,
            durationMs: null,
            output: '',
            reason: 'not sent: an earlier batch of instances failed',
            rollback: null,
        });
    return reports;
}
function rolledBack(ctx) {
    return ctx.rollback?.pointer === 'restored' && !ctx.rollback.error && !rollbackFailures(ctx.rollback).length;
}
function rollbackFailures(rollback) {
    return allResults(rollback.commands).filter((r) => r.failure);
}
/** Why the run failed, in one sentence; undefined when it did not. */
function failureSentence(ctx) {
    const plan = ctx.plan;
    if (!plan || ctx.inputs.dryRun)
        return undefined;
    const results = allResults(ctx.commands);
    const total = Math.max(results.length + ctx.notSent.length, plan.restart?.instances.length ?? 0);
    const clauses = failureClauses(results, total);
    if (ctx.restartError)
        clauses.unshift(`the restart failed: ${ctx.restartError}`);
    if (ctx.notSent.length)
        clauses.push(`${ctx.notSent.length} more ${ctx.notSent.length === 1 ? 'was' : 'were'} not sent the restart once a batch had failed`);
    for (const c of ctx.commands) {
        if (c.waitProblem)
            clauses.push(`${c.waitProblem}, so it was cancelled`);
        else if (c.over && c.results.length === 0)
            clauses.push(`SSM command ${c.id} reached no instance (${c.statusDetails ?? c.status})`);
    }
    if (clauses.length === 0)
        return undefined;
    return `${capitalize(clauses.join('; '))}; ${rollbackClause(ctx)}.`;
}
function rollbackClause(ctx) {
    const plan = ctx.plan;
    if (!ctx.inputs.rollback)
        return !ctx.inputs.rollbackGiven
            ? `the pointer stays at ${plan.version}: the rollback entry goes back to ${plan.previousVersion ?? 'the previous version'} only with '${Input.rollback}: true'`
            : `nothing was rolled back ('${Input.rollback}' is false): the pointer stays at ${plan.version}`;
    const rollback = ctx.rollback;
    if (!rollback)
        return `nothing was rolled back`;
    if (rollback.pointer === 'no-previous')
        return `there is nothing to roll back to (${rollback.pointerNote}), so the pointer stays at ${plan.version}`;
    if (rollback.pointer === 'moved-by-someone-else')
        return rollback.pointerNote;
    if (rollback.pointer === 'failed')
        return `moving the pointer back to ${plan.previousVersion} failed: ${rollback.error}`;
    const back = `the pointer is back at ${plan.previousVersion}`;
    if (rollback.error)
        return `${back}, but restarting the instances on it failed: ${rollback.error}`;
    const failed = rollbackFailures(rollback);
    if (failed.length)
        return `${back}, but restarting on it failed too: ${failureClauses(allResults(rollback.commands)).join('; ')}`;
    const n = rollback.instances.length;
    if (n === 0)
        return `${back} (no instance had been restarted yet)`;
    return `${back} and ${n === 1 ? `the changed instance ${rollback.instances[0]} was` : `the ${n} changed instances (${listText(rollback.instances)}) were`} restarted on it`;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
function setOutputs(ctx) {
    const plan = ctx.plan;
    lib_core/* setOutput */.uH(Output.version, plan.version);
    lib_core/* setOutput */.uH(Output.previousVersion, plan.previousVersion ?? '');
    lib_core/* setOutput */.uH(Output.objectKey, plan.object.key);
    // No release has a SHA-256 the file does not have.
    lib_core/* setOutput */.uH(Output.sha256, ctx.sha256Mismatch ? '' : plan.sha256);
    lib_core/* setOutput */.uH(Output.commandId, ctx.commands.map((c) => c.id).join(','));
    lib_core/* setOutput */.uH(Output.instances, JSON.stringify(instanceReports(ctx)));
    lib_core/* setOutput */.uH(Output.rolledBack, String(rolledBack(ctx)));
}
function headline(ctx, failure) {
    const plan = ctx.plan;
    if (ctx.inputs.dryRun)
        return `deploy-binary: ${plan.version} planned (dry run)`;
    if (!failure)
        return `deploy-binary: ${plan.version} released ✅`;
    if (rolledBack(ctx))
        return `deploy-binary: ${plan.version} failed and was rolled back to ${plan.previousVersion} ↩️`;
    return `deploy-binary: ${plan.version} failed ❌`;
}
function resultRows(reports) {
    return reports.map((r) => [
        r.instance,
        r.details !== r.status ? `${r.status} (${r.details})` : r.status,
        r.exitCode ?? undefined,
        r.durationMs === null ? undefined : formatDuration(r.durationMs),
        r.reason ?? undefined,
        r.rollback ? `${r.rollback.status}${r.rollback.reason ? `: ${r.rollback.reason}` : ''}` : undefined,
        r.output ? `<code>${escapeHtml(r.output.split(/\r?\n/).slice(-3).join('\n'))}</code>` : undefined,
    ]);
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
async function writeSummary(ctx, timeline, failure, logger) {
    const plan = ctx.plan;
    const reports = instanceReports(ctx);
    const summary = new SummaryBuilder().heading(headline(ctx, failure));
    if (failure)
        summary.paragraph(failure);
    summary.facts([
        ['Version', plan.version],
        ['Previous version', plan.previousVersion ?? '(none)'],
        ['Release', plan.object.uri],
        [
            'SHA-256',
            ctx.sha256Mismatch
                ? `\`${ctx.sha256Mismatch}\` (input '${Input.sha256}' declares \`${plan.sha256}\`)`
                : plan.sha256
                    ? `\`${plan.sha256}\``
                    : undefined,
        ],
        ['Uploaded', ctx.inputs.dryRun ? 'no (dry run)' : ctx.uploaded ? 'yes' : `no: ${plan.uploadNote}`],
        ['Pointer', `${plan.pointer.uri}`],
        ['Install mode', ctx.inputs.installMode],
        ['Rolled back', rolledBack(ctx) ? 'yes' : 'no'],
    ]);
    if (reports.length)
        summary
            .paragraph('**Instances**')
            .table(['Instance', 'Status', 'Exit', 'Duration', 'Why', 'Rollback', 'Output (end)'], resultRows(reports));
    for (const c of [...ctx.commands, ...(ctx.rollback?.commands ?? [])]) {
        summary.link(`SSM command ${c.id}`, (0,aws/* consoleUrl */.B9)(ctx.inputs.aws.region, `systems-manager/run-command/${c.id}`));
    }
    if (ctx.inputs.output)
        summary.paragraph(`Full output of each instance: s3://${ctx.inputs.output.bucket}/${ctx.inputs.output.prefix ? `${ctx.inputs.output.prefix}/` : ''}<command-id>/<instance>/awsrunShellScript/0.awsrunShellScript/stdout`);
    summary.timeline(timeline).awsCalls(ctx.calls.callCounts());
    summary.inputs({
        [Input.file]: ctx.inputs.file,
        [Input.bucket]: ctx.inputs.bucket,
        [Input.prefix]: ctx.inputs.prefix,
        [Input.version]: ctx.inputs.version,
        [Input.pointerKey]: ctx.inputs.pointerKey,
        [Input.instanceIds]: ctx.inputs.fleet.kind === 'ids' ? ctx.inputs.fleet.ids.join(', ') : undefined,
        [Input.targets]: ctx.inputs.fleet.kind === 'targets'
            ? ctx.inputs.fleet.targets.map((t) => `${t.Key}=${t.Values.join(',')}`).join('; ')
            : undefined,
        [Input.service]: ctx.inputs.service,
        [Input.installMode]: ctx.inputs.installMode,
        [Input.maxConcurrency]: ctx.inputs.maxConcurrency,
        [Input.maxErrors]: ctx.inputs.maxErrors,
        [Input.healthCheck]: ctx.inputs.healthCheck && healthCheckDisplay(ctx.inputs.healthCheck),
        [Input.dryRun]: ctx.inputs.dryRun,
    });
    await summary.write(logger);
}

;// CONCATENATED MODULE: ./src/deploy-binary/main.ts












/**
 * deploy-binary: publish a binary as an immutable, checksummed release in S3, move the pointer
 * that names the current release (conditionally: no lost update between two runs), restart the
 * service on EC2 instances through SSM Run Command with SSM's own rate controls, follow every
 * instance to its end, and on failure move the pointer back and restart the changed instances.
 *
 * inputs -> observe -> plan -> check -> publish -> restart and wait -> roll back -> report
 */
async function main({ signal, logger }) {
    const inputs = getInputs();
    // The file's digest is the longest read of pre-flight (its SHA-256 takes about 0.7 s a GiB): it
    // starts first, on its own thread, and loading the SDK and observe's reads of S3 and SSM happen
    // while it runs. It is stopped if the run ends before it does.
    // With a declared SHA-256 (input sha256) there is no pre-pass: the file's SHA-256 is computed
    // beside the upload, which it must match before the release is completed, and its CRC32s part
    // by part as the parts are sent (observe reads them first when the release exists already).
    const hashing = (0,cancel/* linkedController */.k9)(signal);
    const digesting = !inputs.file
        ? undefined
        : inputs.sha256
            ? declaredDigest(inputs.file, inputs.sha256)
            : digestFile(inputs.file, undefined, hashing.signal);
    digesting?.catch(() => undefined);
    const sha256 = inputs.file && inputs.sha256 ? sha256OfFile(inputs.file, hashing.signal) : undefined;
    sha256?.catch(() => undefined);
    const calls = new aws/* AwsCalls */.Vl(inputs.aws, signal);
    const s3 = await S3Transfer.connect(calls);
    // The SSM client loads when observe first needs it, after the first S3 request is on its way.
    const loadSsm = inputs.fleet.kind === 'none' ? undefined : async () => (await Promise.all(/* import() */[__nccwpck_require__.e(861), __nccwpck_require__.e(736), __nccwpck_require__.e(30)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1030))).connect(calls);
    const ctx = {
        inputs,
        calls,
        s3,
        loadSsm,
        digesting,
        sha256,
        logger,
        signal,
        uploaded: false,
        commands: [],
        notSent: [],
    };
    const run = new Phases(new Timeline(), 'observe');
    let thrown;
    try {
        await pipeline(ctx, run);
    }
    catch (error) {
        thrown = error instanceof errors/* CancelledError */.cc ? await cancelled(ctx, run.current, error) : error;
        throw thrown;
    }
    finally {
        hashing.abort();
        hashing.dispose();
        if (ctx.plan)
            await report(ctx, run.timeline, thrown);
    }
    const failure = failureSentence(ctx);
    if (failure)
        throw new errors/* UserError */.yo(failure);
}
async function pipeline(ctx, run) {
    const { inputs, logger } = ctx;
    const state = await run.phase('observe', 'Observe', () => observe(ctx));
    const p = await run.phase('plan', 'Plan', async () => {
        const planned = plan(inputs, state);
        for (const line of describePlan(inputs, planned))
            logger.info(line);
        return planned;
    });
    ctx.plan = p;
    await run.phase('check', 'Check write access', async () => {
        await checkWriteAccess(ctx, p);
        // A run that publishes checks it beside its upload; a dry run waits for it here.
        if (inputs.dryRun)
            await checkDeclaredSha256(ctx);
    });
    if (inputs.dryRun) {
        run.skip(['publish', 'restart'], 'dry run');
        return logger.info('Dry run: nothing was changed.');
    }
    await run.phase('publish', 'Publish the release', async () => {
        await publish(ctx, p);
        await movePointer(ctx, p);
    });
    if (!p.restart)
        return logger.info(`Published ${p.version}; no instance to restart.`);
    const restartScript = p.restart.script;
    try {
        await run.phase('restart', inputs.wait ? 'Restart and wait' : 'Restart', () => restart(ctx, p, restartScript, ctx.commands));
    }
    catch (error) {
        // The pointer has moved: a restart that could not be sent or followed to its end (a refused
        // SendCommand, a poll that ran out of retries) is a failure like an instance's, not the end
        // of the run: what is still running is cancelled, then rolled back like any failure.
        if (error instanceof errors/* CancelledError */.cc)
            throw error;
        ctx.restartError = (0,errors/* errorMessage */.gJ)(error).replace(/\.$/, '');
        logger.info(`The restart failed: ${ctx.restartError}.`);
        await cancelStillRunning(ctx);
    }
    if (!inputs.wait || !anyFailure(ctx))
        return;
    run.markFailed('restart');
    if (inputs.rollback)
        await run.phase('roll back', 'Roll back', () => rollBack(ctx, p));
}
async function report(ctx, timeline, thrown) {
    setOutputs(ctx);
    const failure = thrown === undefined ? failureSentence(ctx) : (0,errors/* errorMessage */.gJ)(thrown);
    await writeSummary(ctx, timeline, failure, ctx.logger);
}
/**
 * A cancelled run: the SSM command still running is cancelled (CancelCommand goes out whatever
 * the run's signal says), and the sentence says what each instance was left in.
 */
async function cancelled(ctx, stage, error) {
    const plan = ctx.plan;
    let left;
    if (!plan || stage === 'observe' || stage === 'plan' || stage === 'check')
        left = 'nothing was changed';
    else if (stage === 'publish')
        left = ctx.pointerMovedEtag
            ? `the pointer names ${plan.version} and nothing was restarted`
            : `the pointer still names ${plan.previousVersion ?? 'nothing'}${ctx.uploaded ? ` (the release ${plan.object.uri} was uploaded)` : ''} and nothing was restarted`;
    else {
        const parts = [];
        for (const command of stillRunning(ctx)) {
            try {
                await ctx.ssm.cancel(command.id);
                const invocations = await ctx.ssm.listInvocations(command.id, null);
                command.results = invocations.map((i) => resultOf(i));
                const states = command.results.map((r) => `${r.instance} ${r.details}`);
                parts.push(`SSM command ${command.id} was cancelled${states.length ? ` (${states.join(', ')})` : ' before it reached any instance'}`);
            }
            catch (cancelError) {
                parts.push(`cancelling SSM command ${command.id} failed: ${(0,errors/* errorMessage */.gJ)(cancelError)}`);
            }
        }
        const pointer = stage === 'roll back'
            ? ctx.rollback?.pointer === 'restored'
                ? `the pointer is back at ${plan.previousVersion}`
                : `the pointer names ${plan.version}`
            : `the pointer names ${plan.version} (not rolled back)`;
        left = `${parts.length ? `${parts.join('; ')}; ` : ''}${pointer}`;
    }
    lib_core/* info */.pq(`Cancelled during ${stage}: ${left}.`);
    return new errors/* CancelledError */.cc(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`);
}

;// CONCATENATED MODULE: ./src/deploy-binary/index.ts


start('deploy-binary', main);

