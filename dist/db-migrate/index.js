import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 785:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// This is an empty module that is served up when outside of a workerd environment
// See the `exports` field in package.json
exports["default"] = {};
//# sourceMappingURL=empty.js.map

/***/ }),

/***/ 6122:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



//Parse method copied from https://github.com/brianc/node-postgres
//Copyright (c) 2010-2014 Brian Carlson (brian.m.carlson@gmail.com)
//MIT License

//parses a connection string
function parse(str, options = {}) {
  //unix socket
  if (str.charAt(0) === '/') {
    const config = str.split(' ')
    return { host: config[0], database: config[1] }
  }

  // Check for empty host in URL

  const config = Object.create(null)
  let result
  let dummyHost = false
  if (/ |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(str)) {
    // Ensure spaces are encoded as %20
    str = encodeURI(str).replace(/%25(\d\d)/g, '%$1')
  }

  try {
    try {
      result = new URL(str, 'postgres://base')
    } catch (e) {
      // The URL is invalid so try again with a dummy host
      result = new URL(str.replace('@/', '@___DUMMY___/'), 'postgres://base')
      dummyHost = true
    }
  } catch (err) {
    // Remove the input from the error message to avoid leaking sensitive information
    err.input && (err.input = '*****REDACTED*****')
    throw err
  }

  // We'd like to use Object.fromEntries() here but Node.js 10 does not support it
  for (const entry of result.searchParams.entries()) {
    config[entry[0]] = entry[1]
  }

  config.user = config.user || decodeURIComponent(result.username)
  config.password = config.password || decodeURIComponent(result.password)

  if (result.protocol == 'socket:') {
    config.host = decodeURI(result.pathname)
    config.database = result.searchParams.get('db')
    config.client_encoding = result.searchParams.get('encoding')
    return config
  }
  const hostname = (dummyHost ? '' : result.hostname).replace(/^\[(.+)\]$/, '$1')
  if (!config.host) {
    // Only set the host if there is no equivalent query param.
    config.host = decodeURIComponent(hostname)
  } else if (hostname && /^%2f/i.test(hostname)) {
    // Only prepend the hostname to the pathname if it is not a URL encoded Unix socket host.
    result.pathname = hostname + result.pathname
  }
  if (!config.port) {
    // Only set the port if there is no equivalent query param.
    config.port = result.port
  }

  const pathname = result.pathname.slice(1) || null
  config.database = pathname ? decodeURI(pathname) : null

  if (config.ssl === 'true' || config.ssl === '1') {
    config.ssl = true
  }

  if (config.ssl === '0') {
    config.ssl = false
  }

  if (config.sslcert || config.sslkey || config.sslrootcert || config.sslmode) {
    config.ssl = {}
  }

  // sslnegotiation=direct implies SSL is in use (libpq requires sslmode>=require),
  // so enable SSL if the connection string did not otherwise configure it.
  if (config.sslnegotiation === 'direct' && config.ssl === undefined) {
    config.ssl = true
  }

  // Only try to load fs if we expect to read from the disk
  const fs = config.sslcert || config.sslkey || config.sslrootcert ? __nccwpck_require__(9896) : null

  if (config.sslcert) {
    config.ssl.cert = fs.readFileSync(config.sslcert).toString()
  }

  if (config.sslkey) {
    config.ssl.key = fs.readFileSync(config.sslkey).toString()
  }

  if (config.sslrootcert) {
    config.ssl.ca = fs.readFileSync(config.sslrootcert).toString()
  }

  if (options.useLibpqCompat && config.uselibpqcompat) {
    throw new Error('Both useLibpqCompat and uselibpqcompat are set. Please use only one of them.')
  }

  if (config.uselibpqcompat === 'true' || options.useLibpqCompat) {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer': {
        config.ssl.rejectUnauthorized = false
        break
      }
      case 'require': {
        if (config.sslrootcert) {
          // If a root CA is specified, behavior of `sslmode=require` will be the same as that of `verify-ca`
          config.ssl.checkServerIdentity = function () {}
        } else {
          config.ssl.rejectUnauthorized = false
        }
        break
      }
      case 'verify-ca': {
        if (!config.ssl.ca) {
          throw new Error(
            'SECURITY WARNING: Using sslmode=verify-ca requires specifying a CA with sslrootcert. If a public CA is used, verify-ca allows connections to a server that somebody else may have registered with the CA, making you vulnerable to Man-in-the-Middle attacks. Either specify a custom CA certificate with sslrootcert parameter or use sslmode=verify-full for proper security.'
          )
        }
        config.ssl.checkServerIdentity = function () {}
        break
      }
      case 'verify-full': {
        break
      }
    }
  } else {
    switch (config.sslmode) {
      case 'disable': {
        config.ssl = false
        break
      }
      case 'prefer':
      case 'require':
      case 'verify-ca':
      case 'verify-full': {
        if (config.sslmode !== 'verify-full') {
          deprecatedSslModeWarning(config.sslmode)
        }
        break
      }
      case 'no-verify': {
        config.ssl.rejectUnauthorized = false
        break
      }
    }
  }

  return config
}

// convert pg-connection-string ssl config to a ClientConfig.ConnectionOptions
function toConnectionOptions(sslConfig) {
  const connectionOptions = Object.entries(sslConfig).reduce((c, [key, value]) => {
    // we explicitly check for undefined and null instead of `if (value)` because some
    // options accept falsy values. Example: `ssl.rejectUnauthorized = false`
    if (value !== undefined && value !== null) {
      c[key] = value
    }

    return c
  }, Object.create(null))

  return connectionOptions
}

// convert pg-connection-string config to a ClientConfig
function toClientConfig(config) {
  const poolConfig = Object.entries(config).reduce((c, [key, value]) => {
    if (key === 'ssl') {
      const sslConfig = value

      if (typeof sslConfig === 'boolean') {
        c[key] = sslConfig
      }

      if (typeof sslConfig === 'object') {
        c[key] = toConnectionOptions(sslConfig)
      }
    } else if (value !== undefined && value !== null) {
      if (key === 'port') {
        // when port is not specified, it is converted into an empty string
        // we want to avoid NaN or empty string as a values in ClientConfig
        if (value !== '') {
          const v = parseInt(value, 10)
          if (isNaN(v)) {
            throw new Error(`Invalid ${key}: ${value}`)
          }

          c[key] = v
        }
      } else {
        c[key] = value
      }
    }

    return c
  }, Object.create(null))

  return poolConfig
}

// parses a connection string into ClientConfig
function parseIntoClientConfig(str) {
  return toClientConfig(parse(str))
}

function deprecatedSslModeWarning(sslmode) {
  if (!deprecatedSslModeWarning.warned && typeof process !== 'undefined' && process.emitWarning) {
    deprecatedSslModeWarning.warned = true
    process.emitWarning(`SECURITY WARNING: The SSL modes 'prefer', 'require', and 'verify-ca' are treated as aliases for 'verify-full'.
In the next major version (pg-connection-string v3.0.0 and pg v9.0.0), these modes will adopt standard libpq semantics, which have weaker security guarantees.

To prepare for this change:
- If you want the current behavior, explicitly use 'sslmode=verify-full'
- If you want libpq compatibility now, use 'uselibpqcompat=true&sslmode=${sslmode}'

See https://www.postgresql.org/docs/current/libpq-ssl.html for libpq SSL mode definitions.`)
  }
}

module.exports = parse

parse.parse = parse
parse.toClientConfig = toClientConfig
parse.parseIntoClientConfig = parseIntoClientConfig


/***/ }),

/***/ 2299:
/***/ ((module) => {



// selected so (BASE - 1) * 0x100000000 + 0xffffffff is a safe integer
var BASE = 1000000;

function readInt8(buffer) {
	var high = buffer.readInt32BE(0);
	var low = buffer.readUInt32BE(4);
	var sign = '';

	if (high < 0) {
		high = ~high + (low === 0);
		low = (~low + 1) >>> 0;
		sign = '-';
	}

	var result = '';
	var carry;
	var t;
	var digits;
	var pad;
	var l;
	var i;

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		high = high / BASE >>> 0;

		t = 0x100000000 * carry + low;
		low = t / BASE >>> 0;
		digits = '' + (t - BASE * low);

		if (low === 0 && high === 0) {
			return sign + digits + result;
		}

		pad = '';
		l = 6 - digits.length;

		for (i = 0; i < l; i++) {
			pad += '0';
		}

		result = pad + digits + result;
	}

	{
		carry = high % BASE;
		t = 0x100000000 * carry + low;
		digits = '' + t % BASE;

		return sign + digits + result;
	}
}

module.exports = readInt8;


/***/ }),

/***/ 7558:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const NOOP = function () {}

const removeWhere = (list, predicate) => {
  const i = list.findIndex(predicate)

  return i === -1 ? undefined : list.splice(i, 1)[0]
}

class IdleItem {
  constructor(client, idleListener, timeoutId) {
    this.client = client
    this.idleListener = idleListener
    this.timeoutId = timeoutId
  }
}

class PendingItem {
  constructor(callback) {
    this.callback = callback
  }
}

function throwOnDoubleRelease() {
  throw new Error('Release called on client which has already been released to the pool.')
}

function promisify(Promise, callback) {
  if (callback) {
    return { callback: callback, result: undefined }
  }
  let rej
  let res
  const cb = function (err, client) {
    err ? rej(err) : res(client)
  }
  const result = new Promise(function (resolve, reject) {
    res = resolve
    rej = reject
  }).catch((err) => {
    // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
    // application that created the query
    Error.captureStackTrace(err)
    throw err
  })
  return { callback: cb, result: result }
}

function makeIdleListener(pool, client) {
  return function idleListener(err) {
    err.client = client

    client.removeListener('error', idleListener)
    client.on('error', () => {
      pool.log('additional client error after disconnection due to error', err)
    })
    pool._remove(client)
    // TODO - document that once the pool emits an error
    // the client has already been closed & purged and is unusable
    pool.emit('error', err, client)
  }
}

class Pool extends EventEmitter {
  constructor(options, Client) {
    super()
    this.options = Object.assign({}, options)

    if (options != null && 'password' in options) {
      // "hiding" the password so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options, 'password', {
        configurable: true,
        enumerable: false,
        writable: true,
        value: options.password,
      })
    }
    if (options != null && options.ssl && options.ssl.key) {
      // "hiding" the ssl->key so it doesn't show up in stack traces
      // or if the client is console.logged
      Object.defineProperty(this.options.ssl, 'key', {
        enumerable: false,
      })
    }

    this.options.max = this.options.max || this.options.poolSize || 10
    this.options.min = this.options.min || 0
    this.options.maxUses = this.options.maxUses || Infinity
    this.options.allowExitOnIdle = this.options.allowExitOnIdle || false
    this.options.maxLifetimeSeconds = this.options.maxLifetimeSeconds || 0
    this.log = this.options.log || function () {}
    this.Client = this.options.Client || Client || (__nccwpck_require__(3273).Client)
    this.Promise = this.options.Promise || global.Promise

    if (typeof this.options.idleTimeoutMillis === 'undefined') {
      this.options.idleTimeoutMillis = 10000
    }

    this._clients = []
    this._idle = []
    this._expired = new WeakSet()
    this._pendingQueue = []
    this._endCallback = undefined
    this.ending = false
    this.ended = false
  }

  _promiseTry(f) {
    const Promise = this.Promise
    if (typeof Promise.try === 'function') {
      return Promise.try(f)
    }
    return new Promise((resolve) => resolve(f()))
  }

  _isFull() {
    return this._clients.length >= this.options.max
  }

  _isAboveMin() {
    return this._clients.length > this.options.min
  }

  _pulseQueue() {
    this.log('pulse queue')
    if (this.ended) {
      this.log('pulse queue ended')
      return
    }
    if (this.ending) {
      this.log('pulse queue on ending')
      if (this._idle.length) {
        this._idle.slice().map((item) => {
          this._remove(item.client)
        })
      }
      if (!this._clients.length) {
        this.ended = true
        this._endCallback()
      }
      return
    }

    // if we don't have any waiting, do nothing
    if (!this._pendingQueue.length) {
      this.log('no queued requests')
      return
    }
    // if we don't have any idle clients and we have no more room do nothing
    if (!this._idle.length && this._isFull()) {
      return
    }
    const pendingItem = this._pendingQueue.shift()
    if (this._idle.length) {
      const idleItem = this._idle.pop()
      clearTimeout(idleItem.timeoutId)
      const client = idleItem.client
      client.ref && client.ref()
      const idleListener = idleItem.idleListener

      return this._acquireClient(client, pendingItem, idleListener, false)
    }
    if (!this._isFull()) {
      return this.newClient(pendingItem)
    }
    throw new Error('unexpected condition')
  }

  _remove(client, callback) {
    const removed = removeWhere(this._idle, (item) => item.client === client)

    if (removed !== undefined) {
      clearTimeout(removed.timeoutId)
    }

    this._clients = this._clients.filter((c) => c !== client)
    const context = this
    client.end(() => {
      context.emit('remove', client)

      if (typeof callback === 'function') {
        callback()
      }
    })
  }

  connect(cb) {
    if (this.ending) {
      const err = new Error('Cannot use a pool after calling end on the pool')
      return cb ? cb(err) : this.Promise.reject(err)
    }

    const response = promisify(this.Promise, cb)
    const result = response.result

    // if we don't have to connect a new client, don't do so
    if (this._isFull() || this._idle.length) {
      // if we have idle clients schedule a pulse immediately
      if (this._idle.length) {
        process.nextTick(() => this._pulseQueue())
      }

      if (!this.options.connectionTimeoutMillis) {
        this._pendingQueue.push(new PendingItem(response.callback))
        return result
      }

      const queueCallback = (err, res, done) => {
        clearTimeout(tid)
        response.callback(err, res, done)
      }

      const pendingItem = new PendingItem(queueCallback)

      // set connection timeout on checking out an existing client
      const tid = setTimeout(() => {
        // remove the callback from pending waiters because
        // we're going to call it with a timeout error
        removeWhere(this._pendingQueue, (i) => i.callback === queueCallback)
        pendingItem.timedOut = true
        response.callback(new Error('timeout exceeded when trying to connect'))
      }, this.options.connectionTimeoutMillis)

      if (tid.unref) {
        tid.unref()
      }

      this._pendingQueue.push(pendingItem)
      return result
    }

    this.newClient(new PendingItem(response.callback))

    return result
  }

  newClient(pendingItem) {
    const client = new this.Client(this.options)
    this._clients.push(client)
    const idleListener = makeIdleListener(this, client)

    this.log('checking client timeout')

    // connection timeout logic
    let tid
    let timeoutHit = false
    if (this.options.connectionTimeoutMillis) {
      tid = setTimeout(() => {
        if (client.connection) {
          this.log('ending client due to timeout')
          timeoutHit = true
          client.connection.stream.destroy()
        } else if (!client.isConnected()) {
          this.log('ending client due to timeout')
          timeoutHit = true
          // force kill the node driver, and let libpq do its teardown
          client.end()
        }
      }, this.options.connectionTimeoutMillis)
    }

    this.log('connecting new client')
    client.connect((err) => {
      if (tid) {
        clearTimeout(tid)
      }
      client.on('error', idleListener)
      if (err) {
        this.log('client failed to connect', err)
        // remove the dead client from our list of clients
        this._clients = this._clients.filter((c) => c !== client)
        if (timeoutHit) {
          err = new Error('Connection terminated due to connection timeout', { cause: err })
        }

        // this client won’t be released, so move on immediately
        this._pulseQueue()

        if (!pendingItem.timedOut) {
          pendingItem.callback(err, undefined, NOOP)
        }
      } else {
        this.log('new client connected')

        if (this.options.onConnect) {
          this._promiseTry(() => this.options.onConnect(client)).then(
            () => {
              this._afterConnect(client, pendingItem, idleListener)
            },
            (hookErr) => {
              this._clients = this._clients.filter((c) => c !== client)
              client.end(() => {
                this._pulseQueue()
                if (!pendingItem.timedOut) {
                  pendingItem.callback(hookErr, undefined, NOOP)
                }
              })
            }
          )
          return
        }

        return this._afterConnect(client, pendingItem, idleListener)
      }
    })
  }

  _afterConnect(client, pendingItem, idleListener) {
    if (this.options.maxLifetimeSeconds !== 0) {
      const maxLifetimeTimeout = setTimeout(() => {
        this.log('ending client due to expired lifetime')
        this._expired.add(client)
        const idleIndex = this._idle.findIndex((idleItem) => idleItem.client === client)
        if (idleIndex !== -1) {
          this._acquireClient(
            client,
            new PendingItem((err, client, clientRelease) => clientRelease()),
            idleListener,
            false
          )
        }
      }, this.options.maxLifetimeSeconds * 1000)

      maxLifetimeTimeout.unref()
      client.once('end', () => clearTimeout(maxLifetimeTimeout))
    }

    return this._acquireClient(client, pendingItem, idleListener, true)
  }

  // acquire a client for a pending work item
  _acquireClient(client, pendingItem, idleListener, isNew) {
    if (isNew) {
      this.emit('connect', client)
    }

    this.emit('acquire', client)

    client.release = this._releaseOnce(client, idleListener)

    client.removeListener('error', idleListener)

    if (!pendingItem.timedOut) {
      if (isNew && this.options.verify) {
        this.options.verify(client, (err) => {
          if (err) {
            client.release(err)
            return pendingItem.callback(err, undefined, NOOP)
          }

          pendingItem.callback(undefined, client, client.release)
        })
      } else {
        pendingItem.callback(undefined, client, client.release)
      }
    } else {
      if (isNew && this.options.verify) {
        this.options.verify(client, client.release)
      } else {
        client.release()
      }
    }
  }

  // returns a function that wraps _release and throws if called more than once
  _releaseOnce(client, idleListener) {
    let released = false

    return (err) => {
      if (released) {
        throwOnDoubleRelease()
      }

      released = true
      this._release(client, idleListener, err)
    }
  }

  // release a client back to the poll, include an error
  // to remove it from the pool
  _release(client, idleListener, err) {
    client.on('error', idleListener)

    client._poolUseCount = (client._poolUseCount || 0) + 1

    this.emit('release', err, client)

    // TODO(bmc): expose a proper, public interface _queryable and _ending
    if (err || this.ending || !client._queryable || client._ending || client._poolUseCount >= this.options.maxUses) {
      if (client._poolUseCount >= this.options.maxUses) {
        this.log('remove expended client')
      }

      return this._remove(client, this._pulseQueue.bind(this))
    }

    const isExpired = this._expired.has(client)
    if (isExpired) {
      this.log('remove expired client')
      this._expired.delete(client)
      return this._remove(client, this._pulseQueue.bind(this))
    }

    // idle timeout
    let tid
    if (this.options.idleTimeoutMillis && this._isAboveMin()) {
      tid = setTimeout(() => {
        if (this._isAboveMin()) {
          this.log('remove idle client')
          this._remove(client, this._pulseQueue.bind(this))
        }
      }, this.options.idleTimeoutMillis)

      if (this.options.allowExitOnIdle) {
        // allow Node to exit if this is all that's left
        tid.unref()
      }
    }

    if (this.options.allowExitOnIdle) {
      client.unref()
    }

    this._idle.push(new IdleItem(client, idleListener, tid))
    this._pulseQueue()
  }

  query(text, values, cb) {
    // guard clause against passing a function as the first parameter
    if (typeof text === 'function') {
      const response = promisify(this.Promise, text)
      setImmediate(function () {
        return response.callback(new Error('Passing a function as the first parameter to pool.query is not supported'))
      })
      return response.result
    }

    // allow plain text query without values, but callback
    if (typeof values === 'function') {
      cb = values
      values = undefined
    }
    const response = promisify(this.Promise, cb)
    cb = response.callback

    this.connect((err, client) => {
      if (err) {
        return cb(err)
      }

      let clientReleased = false
      const onError = (err) => {
        if (clientReleased) {
          return
        }
        clientReleased = true
        client.release(err)
        cb(err)
      }

      client.once('error', onError)
      this.log('dispatching query')
      try {
        client.query(text, values, (err, res) => {
          this.log('query dispatched')
          client.removeListener('error', onError)
          if (clientReleased) {
            return
          }
          clientReleased = true
          client.release(err)
          if (err) {
            return cb(err)
          }
          return cb(undefined, res)
        })
      } catch (err) {
        client.release(err)
        return cb(err)
      }
    })
    return response.result
  }

  end(cb) {
    this.log('ending')
    if (this.ending) {
      const err = new Error('Called end on pool more than once')
      return cb ? cb(err) : this.Promise.reject(err)
    }
    this.ending = true
    const promised = promisify(this.Promise, cb)
    this._endCallback = promised.callback
    this._pulseQueue()
    return promised.result
  }

  get waitingCount() {
    return this._pendingQueue.length
  }

  get idleCount() {
    return this._idle.length
  }

  get expiredCount() {
    return this._clients.reduce((acc, client) => acc + (this._expired.has(client) ? 1 : 0), 0)
  }

  get totalCount() {
    return this._clients.length
  }
}
module.exports = Pool


/***/ }),

/***/ 9971:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.BufferReader = void 0;
class BufferReader {
    constructor(offset = 0) {
        this.offset = offset;
        this.buffer = Buffer.allocUnsafe(0);
        // TODO(bmc): support non-utf8 encoding?
        this.encoding = 'utf-8';
    }
    setBuffer(offset, buffer) {
        this.offset = offset;
        this.buffer = buffer;
    }
    int16() {
        const result = this.buffer.readInt16BE(this.offset);
        this.offset += 2;
        return result;
    }
    byte() {
        const result = this.buffer[this.offset];
        this.offset++;
        return result;
    }
    int32() {
        const result = this.buffer.readInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    uint32() {
        const result = this.buffer.readUInt32BE(this.offset);
        this.offset += 4;
        return result;
    }
    string(length) {
        const result = this.buffer.toString(this.encoding, this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
    cstring() {
        const start = this.offset;
        let end = start;
        // eslint-disable-next-line no-empty
        while (this.buffer[end++]) { }
        this.offset = end;
        return this.buffer.toString(this.encoding, start, end - 1);
    }
    bytes(length) {
        const result = this.buffer.slice(this.offset, this.offset + length);
        this.offset += length;
        return result;
    }
}
exports.BufferReader = BufferReader;
//# sourceMappingURL=buffer-reader.js.map

/***/ }),

/***/ 9315:
/***/ ((__unused_webpack_module, exports) => {


//binary data writer tuned for encoding binary specific to the postgres binary protocol
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Writer = void 0;
class Writer {
    constructor(size = 256) {
        this.size = size;
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(size);
    }
    ensure(size) {
        const remaining = this.buffer.length - this.offset;
        if (remaining < size) {
            const oldBuffer = this.buffer;
            // exponential growth factor of around ~ 1.5
            // https://stackoverflow.com/questions/2269063/buffer-growth-strategy
            const newSize = oldBuffer.length + (oldBuffer.length >> 1) + size;
            this.buffer = Buffer.allocUnsafe(newSize);
            oldBuffer.copy(this.buffer, 0, 0, this.offset);
        }
    }
    addInt32(num) {
        this.ensure(4);
        this.buffer[this.offset++] = (num >>> 24) & 0xff;
        this.buffer[this.offset++] = (num >>> 16) & 0xff;
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addInt16(num) {
        this.ensure(2);
        this.buffer[this.offset++] = (num >>> 8) & 0xff;
        this.buffer[this.offset++] = (num >>> 0) & 0xff;
        return this;
    }
    addCString(string) {
        if (!string) {
            this.ensure(1);
        }
        else {
            const len = Buffer.byteLength(string);
            this.ensure(len + 1); // +1 for null terminator
            this.buffer.write(string, this.offset, 'utf-8');
            this.offset += len;
        }
        this.buffer[this.offset++] = 0; // null terminator
        return this;
    }
    addString(string = '') {
        const len = Buffer.byteLength(string);
        this.ensure(len);
        this.buffer.write(string, this.offset);
        this.offset += len;
        return this;
    }
    // Write an Int32 byte-length prefix immediately followed by the string's UTF-8
    // bytes. Postgres' Bind wire format prefixes every parameter with its length,
    // and doing it in one method computes Buffer.byteLength ONCE — the previous
    // `addInt32(Buffer.byteLength(s)).addString(s)` pairing scanned the string
    // three times (byteLength for the prefix, byteLength again inside addString,
    // then the encode), which is costly for large text parameters.
    addInt32PrefixedString(string) {
        const len = Buffer.byteLength(string);
        this.ensure(4 + len);
        const buffer = this.buffer;
        let offset = this.offset;
        buffer[offset++] = (len >>> 24) & 0xff;
        buffer[offset++] = (len >>> 16) & 0xff;
        buffer[offset++] = (len >>> 8) & 0xff;
        buffer[offset++] = (len >>> 0) & 0xff;
        buffer.write(string, offset, 'utf-8');
        this.offset = offset + len;
        return this;
    }
    add(otherBuffer) {
        this.ensure(otherBuffer.length);
        otherBuffer.copy(this.buffer, this.offset);
        this.offset += otherBuffer.length;
        return this;
    }
    /**
     * Appends an uninitialized block of {@link size} bytes to the buffer and returns its offset.
     */
    reserveUnsafe(size) {
        const offset = this.offset;
        this.ensure(size);
        this.offset += size;
        return offset;
    }
    join(code) {
        if (code) {
            this.buffer[this.headerPosition] = code;
            //length is everything in this packet minus the code
            const length = this.offset - (this.headerPosition + 1);
            this.buffer.writeInt32BE(length, this.headerPosition + 1);
        }
        return this.buffer.slice(code ? 0 : 5, this.offset);
    }
    flush(code) {
        const result = this.join(code);
        this.offset = 5;
        this.headerPosition = 0;
        this.buffer = Buffer.allocUnsafe(this.size);
        return result;
    }
    clear() {
        this.offset = 5;
        this.headerPosition = 0;
    }
}
exports.Writer = Writer;
//# sourceMappingURL=buffer-writer.js.map

/***/ }),

/***/ 4233:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DatabaseError = exports.serialize = void 0;
exports.parse = parse;
const messages_1 = __nccwpck_require__(5809);
Object.defineProperty(exports, "DatabaseError", ({ enumerable: true, get: function () { return messages_1.DatabaseError; } }));
const serializer_1 = __nccwpck_require__(6513);
Object.defineProperty(exports, "serialize", ({ enumerable: true, get: function () { return serializer_1.serialize; } }));
const parser_1 = __nccwpck_require__(3318);
function parse(stream, callback) {
    const parser = new parser_1.Parser();
    stream.on('data', (buffer) => parser.parse(buffer, callback));
    return new Promise((resolve) => stream.on('end', () => resolve()));
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5809:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.NoticeMessage = exports.DataRowMessage = exports.CommandCompleteMessage = exports.ReadyForQueryMessage = exports.NotificationResponseMessage = exports.BackendKeyDataMessage = exports.AuthenticationMD5Password = exports.ParameterStatusMessage = exports.ParameterDescriptionMessage = exports.RowDescriptionMessage = exports.Field = exports.CopyResponse = exports.CopyDataMessage = exports.DatabaseError = exports.copyDone = exports.emptyQuery = exports.replicationStart = exports.portalSuspended = exports.noData = exports.closeComplete = exports.bindComplete = exports.parseComplete = void 0;
exports.parseComplete = {
    name: 'parseComplete',
    length: 5,
};
exports.bindComplete = {
    name: 'bindComplete',
    length: 5,
};
exports.closeComplete = {
    name: 'closeComplete',
    length: 5,
};
exports.noData = {
    name: 'noData',
    length: 5,
};
exports.portalSuspended = {
    name: 'portalSuspended',
    length: 5,
};
exports.replicationStart = {
    name: 'replicationStart',
    length: 4,
};
exports.emptyQuery = {
    name: 'emptyQuery',
    length: 4,
};
exports.copyDone = {
    name: 'copyDone',
    length: 4,
};
class DatabaseError extends Error {
    constructor(message, length, name) {
        super(message);
        this.length = length;
        this.name = name;
    }
}
exports.DatabaseError = DatabaseError;
class CopyDataMessage {
    constructor(length, chunk) {
        this.length = length;
        this.chunk = chunk;
        this.name = 'copyData';
    }
}
exports.CopyDataMessage = CopyDataMessage;
class CopyResponse {
    constructor(length, name, binary, columnCount) {
        this.length = length;
        this.name = name;
        this.binary = binary;
        this.columnTypes = new Array(columnCount);
    }
}
exports.CopyResponse = CopyResponse;
class Field {
    constructor(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, format) {
        this.name = name;
        this.tableID = tableID;
        this.columnID = columnID;
        this.dataTypeID = dataTypeID;
        this.dataTypeSize = dataTypeSize;
        this.dataTypeModifier = dataTypeModifier;
        this.format = format;
    }
}
exports.Field = Field;
class RowDescriptionMessage {
    constructor(length, fieldCount) {
        this.length = length;
        this.fieldCount = fieldCount;
        this.name = 'rowDescription';
        this.fields = new Array(this.fieldCount);
    }
}
exports.RowDescriptionMessage = RowDescriptionMessage;
class ParameterDescriptionMessage {
    constructor(length, parameterCount) {
        this.length = length;
        this.parameterCount = parameterCount;
        this.name = 'parameterDescription';
        this.dataTypeIDs = new Array(this.parameterCount);
    }
}
exports.ParameterDescriptionMessage = ParameterDescriptionMessage;
class ParameterStatusMessage {
    constructor(length, parameterName, parameterValue) {
        this.length = length;
        this.parameterName = parameterName;
        this.parameterValue = parameterValue;
        this.name = 'parameterStatus';
    }
}
exports.ParameterStatusMessage = ParameterStatusMessage;
class AuthenticationMD5Password {
    constructor(length, salt) {
        this.length = length;
        this.salt = salt;
        this.name = 'authenticationMD5Password';
    }
}
exports.AuthenticationMD5Password = AuthenticationMD5Password;
class BackendKeyDataMessage {
    constructor(length, processID, secretKey) {
        this.length = length;
        this.processID = processID;
        this.secretKey = secretKey;
        this.name = 'backendKeyData';
    }
}
exports.BackendKeyDataMessage = BackendKeyDataMessage;
class NotificationResponseMessage {
    constructor(length, processId, channel, payload) {
        this.length = length;
        this.processId = processId;
        this.channel = channel;
        this.payload = payload;
        this.name = 'notification';
    }
}
exports.NotificationResponseMessage = NotificationResponseMessage;
class ReadyForQueryMessage {
    constructor(length, status) {
        this.length = length;
        this.status = status;
        this.name = 'readyForQuery';
    }
}
exports.ReadyForQueryMessage = ReadyForQueryMessage;
class CommandCompleteMessage {
    constructor(length, text) {
        this.length = length;
        this.text = text;
        this.name = 'commandComplete';
    }
}
exports.CommandCompleteMessage = CommandCompleteMessage;
class DataRowMessage {
    constructor(length, fields) {
        this.length = length;
        this.fields = fields;
        this.name = 'dataRow';
        this.fieldCount = fields.length;
    }
}
exports.DataRowMessage = DataRowMessage;
class NoticeMessage {
    constructor(length, message) {
        this.length = length;
        this.message = message;
        this.name = 'notice';
    }
}
exports.NoticeMessage = NoticeMessage;
//# sourceMappingURL=messages.js.map

/***/ }),

/***/ 3318:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.Parser = void 0;
const messages_1 = __nccwpck_require__(5809);
const buffer_reader_1 = __nccwpck_require__(9971);
// every message is prefixed with a single byte
const CODE_LENGTH = 1;
// every message has an int32 length which includes itself but does
// NOT include the code in the length
const LEN_LENGTH = 4;
const HEADER_LENGTH = CODE_LENGTH + LEN_LENGTH;
// A placeholder for a `BackendMessage`’s length value that will be set after construction.
const LATEINIT_LENGTH = -1;
const emptyBuffer = Buffer.allocUnsafe(0);
class Parser {
    constructor(opts) {
        this.buffer = emptyBuffer;
        this.bufferLength = 0;
        this.bufferOffset = 0;
        this.reader = new buffer_reader_1.BufferReader();
        if ((opts === null || opts === void 0 ? void 0 : opts.mode) === 'binary') {
            throw new Error('Binary mode not supported yet');
        }
        this.mode = (opts === null || opts === void 0 ? void 0 : opts.mode) || 'text';
    }
    parse(buffer, callback) {
        this.mergeBuffer(buffer);
        const bufferFullLength = this.bufferOffset + this.bufferLength;
        let offset = this.bufferOffset;
        while (offset + HEADER_LENGTH <= bufferFullLength) {
            // code is 1 byte long - it identifies the message type
            const code = this.buffer[offset];
            // length is 1 Uint32BE - it is the length of the message EXCLUDING the code
            const length = this.buffer.readUInt32BE(offset + CODE_LENGTH);
            const fullMessageLength = CODE_LENGTH + length;
            if (fullMessageLength + offset <= bufferFullLength) {
                const message = this.handlePacket(offset + HEADER_LENGTH, code, length, this.buffer);
                callback(message);
                offset += fullMessageLength;
            }
            else {
                break;
            }
        }
        if (offset === bufferFullLength) {
            // No more use for the buffer
            this.buffer = emptyBuffer;
            this.bufferLength = 0;
            this.bufferOffset = 0;
        }
        else {
            // Adjust the cursors of remainingBuffer
            this.bufferLength = bufferFullLength - offset;
            this.bufferOffset = offset;
        }
    }
    mergeBuffer(buffer) {
        if (this.bufferLength > 0) {
            const newLength = this.bufferLength + buffer.byteLength;
            const newFullLength = newLength + this.bufferOffset;
            if (newFullLength > this.buffer.byteLength) {
                // We can't concat the new buffer with the remaining one
                let newBuffer;
                if (newLength <= this.buffer.byteLength && this.bufferOffset >= this.bufferLength) {
                    // We can move the relevant part to the beginning of the buffer instead of allocating a new buffer
                    newBuffer = this.buffer;
                }
                else {
                    // Allocate a new larger buffer
                    let newBufferLength = this.buffer.byteLength * 2;
                    while (newLength >= newBufferLength) {
                        newBufferLength *= 2;
                    }
                    newBuffer = Buffer.allocUnsafe(newBufferLength);
                }
                // Move the remaining buffer to the new one
                this.buffer.copy(newBuffer, 0, this.bufferOffset, this.bufferOffset + this.bufferLength);
                this.buffer = newBuffer;
                this.bufferOffset = 0;
            }
            // Concat the new buffer with the remaining one
            buffer.copy(this.buffer, this.bufferOffset + this.bufferLength);
            this.bufferLength = newLength;
        }
        else {
            this.buffer = buffer;
            this.bufferOffset = 0;
            this.bufferLength = buffer.byteLength;
        }
    }
    handlePacket(offset, code, length, bytes) {
        const { reader } = this;
        // NOTE: This undesirably retains the buffer in `this.reader` if the `parse*Message` calls below throw. However, those should only throw in the case of a protocol error, which normally results in the reader being discarded.
        reader.setBuffer(offset, bytes);
        let message;
        switch (code) {
            case 50 /* MessageCodes.BindComplete */:
                message = messages_1.bindComplete;
                break;
            case 49 /* MessageCodes.ParseComplete */:
                message = messages_1.parseComplete;
                break;
            case 51 /* MessageCodes.CloseComplete */:
                message = messages_1.closeComplete;
                break;
            case 110 /* MessageCodes.NoData */:
                message = messages_1.noData;
                break;
            case 115 /* MessageCodes.PortalSuspended */:
                message = messages_1.portalSuspended;
                break;
            case 99 /* MessageCodes.CopyDone */:
                message = messages_1.copyDone;
                break;
            case 87 /* MessageCodes.ReplicationStart */:
                message = messages_1.replicationStart;
                break;
            case 73 /* MessageCodes.EmptyQuery */:
                message = messages_1.emptyQuery;
                break;
            case 68 /* MessageCodes.DataRow */:
                message = parseDataRowMessage(reader);
                break;
            case 67 /* MessageCodes.CommandComplete */:
                message = parseCommandCompleteMessage(reader);
                break;
            case 90 /* MessageCodes.ReadyForQuery */:
                message = parseReadyForQueryMessage(reader);
                break;
            case 65 /* MessageCodes.NotificationResponse */:
                message = parseNotificationMessage(reader);
                break;
            case 82 /* MessageCodes.AuthenticationResponse */:
                message = parseAuthenticationResponse(reader, length);
                break;
            case 83 /* MessageCodes.ParameterStatus */:
                message = parseParameterStatusMessage(reader);
                break;
            case 75 /* MessageCodes.BackendKeyData */:
                message = parseBackendKeyData(reader);
                break;
            case 69 /* MessageCodes.ErrorMessage */:
                message = parseErrorMessage(reader, 'error');
                break;
            case 78 /* MessageCodes.NoticeMessage */:
                message = parseErrorMessage(reader, 'notice');
                break;
            case 84 /* MessageCodes.RowDescriptionMessage */:
                message = parseRowDescriptionMessage(reader);
                break;
            case 116 /* MessageCodes.ParameterDescriptionMessage */:
                message = parseParameterDescriptionMessage(reader);
                break;
            case 71 /* MessageCodes.CopyIn */:
                message = parseCopyInMessage(reader);
                break;
            case 72 /* MessageCodes.CopyOut */:
                message = parseCopyOutMessage(reader);
                break;
            case 100 /* MessageCodes.CopyData */:
                message = parseCopyData(reader, length);
                break;
            default:
                return new messages_1.DatabaseError('received invalid response: ' + code.toString(16), length, 'error');
        }
        reader.setBuffer(0, emptyBuffer);
        message.length = length;
        return message;
    }
}
exports.Parser = Parser;
const parseReadyForQueryMessage = (reader) => {
    const status = reader.string(1);
    return new messages_1.ReadyForQueryMessage(LATEINIT_LENGTH, status);
};
const parseCommandCompleteMessage = (reader) => {
    const text = reader.cstring();
    return new messages_1.CommandCompleteMessage(LATEINIT_LENGTH, text);
};
const parseCopyData = (reader, length) => {
    const chunk = reader.bytes(length - 4);
    return new messages_1.CopyDataMessage(LATEINIT_LENGTH, chunk);
};
const parseCopyInMessage = (reader) => parseCopyMessage(reader, 'copyInResponse');
const parseCopyOutMessage = (reader) => parseCopyMessage(reader, 'copyOutResponse');
const parseCopyMessage = (reader, messageName) => {
    const isBinary = reader.byte() !== 0;
    const columnCount = reader.int16();
    const message = new messages_1.CopyResponse(LATEINIT_LENGTH, messageName, isBinary, columnCount);
    for (let i = 0; i < columnCount; i++) {
        message.columnTypes[i] = reader.int16();
    }
    return message;
};
const parseNotificationMessage = (reader) => {
    const processId = reader.int32();
    const channel = reader.cstring();
    const payload = reader.cstring();
    return new messages_1.NotificationResponseMessage(LATEINIT_LENGTH, processId, channel, payload);
};
const parseRowDescriptionMessage = (reader) => {
    const fieldCount = reader.int16();
    const message = new messages_1.RowDescriptionMessage(LATEINIT_LENGTH, fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        message.fields[i] = parseField(reader);
    }
    return message;
};
const parseField = (reader) => {
    const name = reader.cstring();
    const tableID = reader.uint32();
    const columnID = reader.int16();
    const dataTypeID = reader.uint32();
    const dataTypeSize = reader.int16();
    const dataTypeModifier = reader.int32();
    const mode = reader.int16() === 0 ? 'text' : 'binary';
    return new messages_1.Field(name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier, mode);
};
const parseParameterDescriptionMessage = (reader) => {
    const parameterCount = reader.int16();
    const message = new messages_1.ParameterDescriptionMessage(LATEINIT_LENGTH, parameterCount);
    for (let i = 0; i < parameterCount; i++) {
        // OIDs are unsigned, same as dataTypeID in parseField above
        message.dataTypeIDs[i] = reader.uint32();
    }
    return message;
};
const parseDataRowMessage = (reader) => {
    const fieldCount = reader.int16();
    const fields = new Array(fieldCount);
    for (let i = 0; i < fieldCount; i++) {
        const len = reader.int32();
        // a -1 for length means the value of the field is null
        fields[i] = len === -1 ? null : reader.string(len);
    }
    return new messages_1.DataRowMessage(LATEINIT_LENGTH, fields);
};
const parseParameterStatusMessage = (reader) => {
    const name = reader.cstring();
    const value = reader.cstring();
    return new messages_1.ParameterStatusMessage(LATEINIT_LENGTH, name, value);
};
const parseBackendKeyData = (reader) => {
    const processID = reader.int32();
    const secretKey = reader.int32();
    return new messages_1.BackendKeyDataMessage(LATEINIT_LENGTH, processID, secretKey);
};
const parseAuthenticationResponse = (reader, length) => {
    const code = reader.int32();
    // TODO(bmc): maybe better types here
    const message = {
        name: 'authenticationOk',
        length,
    };
    switch (code) {
        case 0: // AuthenticationOk
            break;
        case 3: // AuthenticationCleartextPassword
            if (message.length === 8) {
                message.name = 'authenticationCleartextPassword';
            }
            break;
        case 5: // AuthenticationMD5Password
            if (message.length === 12) {
                message.name = 'authenticationMD5Password';
                const salt = reader.bytes(4);
                return new messages_1.AuthenticationMD5Password(LATEINIT_LENGTH, salt);
            }
            break;
        case 10: // AuthenticationSASL
            {
                message.name = 'authenticationSASL';
                message.mechanisms = [];
                let mechanism;
                do {
                    mechanism = reader.cstring();
                    if (mechanism) {
                        message.mechanisms.push(mechanism);
                    }
                } while (mechanism);
            }
            break;
        case 11: // AuthenticationSASLContinue
            message.name = 'authenticationSASLContinue';
            message.data = reader.string(length - 8);
            break;
        case 12: // AuthenticationSASLFinal
            message.name = 'authenticationSASLFinal';
            message.data = reader.string(length - 8);
            break;
        default:
            throw new Error('Unknown authenticationOk message type ' + code);
    }
    return message;
};
const parseErrorMessage = (reader, name) => {
    const fields = {};
    let fieldType = reader.string(1);
    while (fieldType !== '\0') {
        fields[fieldType] = reader.cstring();
        fieldType = reader.string(1);
    }
    const messageValue = fields.M;
    const message = name === 'notice'
        ? new messages_1.NoticeMessage(LATEINIT_LENGTH, messageValue)
        : new messages_1.DatabaseError(messageValue, LATEINIT_LENGTH, name);
    message.severity = fields.S;
    message.code = fields.C;
    message.detail = fields.D;
    message.hint = fields.H;
    message.position = fields.P;
    message.internalPosition = fields.p;
    message.internalQuery = fields.q;
    message.where = fields.W;
    message.schema = fields.s;
    message.table = fields.t;
    message.column = fields.c;
    message.dataType = fields.d;
    message.constraint = fields.n;
    message.file = fields.F;
    message.line = fields.L;
    message.routine = fields.R;
    return message;
};
//# sourceMappingURL=parser.js.map

/***/ }),

/***/ 6513:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.serialize = void 0;
const buffer_writer_1 = __nccwpck_require__(9315);
const writer = new buffer_writer_1.Writer();
const startup = (opts) => {
    // protocol version
    writer.addInt16(3).addInt16(0);
    for (const key of Object.keys(opts)) {
        writer.addCString(key).addCString(opts[key]);
    }
    writer.addCString('client_encoding').addCString('UTF8');
    const bodyBuffer = writer.addCString('').flush();
    // this message is sent without a code
    const length = bodyBuffer.length + 4;
    return new buffer_writer_1.Writer().addInt32(length).add(bodyBuffer).flush();
};
const requestSsl = () => {
    const response = Buffer.allocUnsafe(8);
    response.writeInt32BE(8, 0);
    response.writeInt32BE(80877103, 4);
    return response;
};
const password = (password) => {
    return writer.addCString(password).flush(112 /* code.startup */);
};
const sendSASLInitialResponseMessage = function (mechanism, initialResponse) {
    // 0x70 = 'p'
    writer.addCString(mechanism).addInt32PrefixedString(initialResponse);
    return writer.flush(112 /* code.startup */);
};
const sendSCRAMClientFinalMessage = function (additionalData) {
    return writer.addString(additionalData).flush(112 /* code.startup */);
};
const query = (text) => {
    return writer.addCString(text).flush(81 /* code.query */);
};
const emptyArray = [];
const parse = (query) => {
    // expect something like this:
    // { name: 'queryName',
    //   text: 'select * from blah',
    //   types: ['int8', 'bool'] }
    // normalize missing query names to allow for null
    const name = query.name || '';
    if (name.length > 63) {
        console.error('Warning! Postgres only supports 63 characters for query names.');
        console.error('You supplied %s (%s)', name, name.length);
        console.error('This can cause conflicts and silent errors executing queries');
    }
    const types = query.types || emptyArray;
    const len = types.length;
    const buffer = writer
        .addCString(name) // name of query
        .addCString(query.text) // actual query text
        .addInt16(len);
    for (let i = 0; i < len; i++) {
        buffer.addInt32(types[i]);
    }
    return writer.flush(80 /* code.parse */);
};
const writeValues = function (values, valueMapper, formatsOffset) {
    const len = values.length;
    for (let i = 0; i < len; i++) {
        const mappedVal = valueMapper ? valueMapper(values[i], i) : values[i];
        let formatByte = 0 /* ParamType.STRING */;
        if (mappedVal == null) {
            // write -1 to indicate null
            writer.addInt32(-1);
        }
        else if (mappedVal instanceof Buffer) {
            formatByte = 1 /* ParamType.BINARY */;
            // add the buffer to the param writer
            writer.addInt32(mappedVal.length);
            writer.add(mappedVal);
        }
        else {
            // length prefix + UTF-8 bytes in one pass (Buffer.byteLength computed once)
            writer.addInt32PrefixedString(mappedVal);
        }
        // beware: `writer` operations can replace `writer.buffer` with a new buffer
        const buf = writer.buffer;
        buf[formatsOffset++] = 0;
        buf[formatsOffset++] = formatByte;
    }
};
const bind = (config = {}) => {
    // normalize config
    const portal = config.portal || '';
    const statement = config.statement || '';
    const binary = config.binary || false;
    const values = config.values || emptyArray;
    const len = values.length;
    writer.addCString(portal).addCString(statement);
    // number of parameter format codes
    writer.addInt16(len);
    // space for those codes, filled by `writeValues`
    const formatsOffset = writer.reserveUnsafe(len * 2);
    // number of parameter values
    writer.addInt16(len);
    try {
        writeValues(values, config.valueMapper, formatsOffset);
    }
    catch (err) {
        writer.clear();
        throw err;
    }
    // all results use the same format code
    writer.addInt16(1);
    // format code
    writer.addInt16(binary ? 1 /* ParamType.BINARY */ : 0 /* ParamType.STRING */);
    return writer.flush(66 /* code.bind */);
};
const emptyExecute = Buffer.from([69 /* code.execute */, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00]);
const execute = (config) => {
    // this is the happy path for most queries
    if (!config || (!config.portal && !config.rows)) {
        return emptyExecute;
    }
    const portal = config.portal || '';
    const rows = config.rows || 0;
    const portalLength = Buffer.byteLength(portal);
    const len = 4 + portalLength + 1 + 4;
    // one extra bit for code
    const buff = Buffer.allocUnsafe(1 + len);
    buff[0] = 69 /* code.execute */;
    buff.writeInt32BE(len, 1);
    buff.write(portal, 5, 'utf-8');
    buff[portalLength + 5] = 0; // null terminate portal cString
    buff.writeUInt32BE(rows, buff.length - 4);
    return buff;
};
const cancel = (processID, secretKey) => {
    const buffer = Buffer.allocUnsafe(16);
    buffer.writeInt32BE(16, 0);
    buffer.writeInt16BE(1234, 4);
    buffer.writeInt16BE(5678, 6);
    buffer.writeInt32BE(processID, 8);
    buffer.writeInt32BE(secretKey, 12);
    return buffer;
};
const cstringMessage = (code, string) => {
    const stringLen = Buffer.byteLength(string);
    const len = 4 + stringLen + 1;
    // one extra bit for code
    const buffer = Buffer.allocUnsafe(1 + len);
    buffer[0] = code;
    buffer.writeInt32BE(len, 1);
    buffer.write(string, 5, 'utf-8');
    buffer[len] = 0; // null terminate cString
    return buffer;
};
const emptyDescribePortal = writer.addCString('P').flush(68 /* code.describe */);
const emptyDescribeStatement = writer.addCString('S').flush(68 /* code.describe */);
const describe = (msg) => {
    return msg.name
        ? cstringMessage(68 /* code.describe */, `${msg.type}${msg.name || ''}`)
        : msg.type === 'P'
            ? emptyDescribePortal
            : emptyDescribeStatement;
};
const close = (msg) => {
    const text = `${msg.type}${msg.name || ''}`;
    return cstringMessage(67 /* code.close */, text);
};
const copyData = (chunk) => {
    return writer.add(chunk).flush(100 /* code.copyFromChunk */);
};
const copyFail = (message) => {
    return cstringMessage(102 /* code.copyFail */, message);
};
const codeOnlyBuffer = (code) => Buffer.from([code, 0x00, 0x00, 0x00, 0x04]);
const flushBuffer = codeOnlyBuffer(72 /* code.flush */);
const syncBuffer = codeOnlyBuffer(83 /* code.sync */);
const endBuffer = codeOnlyBuffer(88 /* code.end */);
const copyDoneBuffer = codeOnlyBuffer(99 /* code.copyDone */);
const serialize = {
    startup,
    password,
    requestSsl,
    sendSASLInitialResponseMessage,
    sendSCRAMClientFinalMessage,
    query,
    parse,
    bind,
    execute,
    describe,
    close,
    flush: () => flushBuffer,
    sync: () => syncBuffer,
    end: () => endBuffer,
    copyData,
    copyDone: () => copyDoneBuffer,
    copyFail,
    cancel,
};
exports.serialize = serialize;
//# sourceMappingURL=serializer.js.map

/***/ }),

/***/ 1549:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var textParsers = __nccwpck_require__(4784);
var binaryParsers = __nccwpck_require__(7522);
var arrayParser = __nccwpck_require__(6471);
var builtinTypes = __nccwpck_require__(6345);

exports.getTypeParser = getTypeParser;
exports.setTypeParser = setTypeParser;
exports.arrayParser = arrayParser;
exports.builtins = builtinTypes;

var typeParsers = {
  text: {},
  binary: {}
};

//the empty parse function
function noParse (val) {
  return String(val);
};

//returns a function used to convert a specific type (specified by
//oid) into a result javascript type
//note: the oid can be obtained via the following sql query:
//SELECT oid FROM pg_type WHERE typname = 'TYPE_NAME_HERE';
function getTypeParser (oid, format) {
  format = format || 'text';
  if (!typeParsers[format]) {
    return noParse;
  }
  return typeParsers[format][oid] || noParse;
};

function setTypeParser (oid, format, parseFn) {
  if(typeof format == 'function') {
    parseFn = format;
    format = 'text';
  }
  typeParsers[format][oid] = parseFn;
};

textParsers.init(function(oid, converter) {
  typeParsers.text[oid] = converter;
});

binaryParsers.init(function(oid, converter) {
  typeParsers.binary[oid] = converter;
});


/***/ }),

/***/ 6471:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879);

module.exports = {
  create: function (source, transform) {
    return {
      parse: function() {
        return array.parse(source, transform);
      }
    };
  }
};


/***/ }),

/***/ 7522:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var parseInt64 = __nccwpck_require__(2299);

var parseBits = function(data, bits, offset, invert, callback) {
  offset = offset || 0;
  invert = invert || false;
  callback = callback || function(lastValue, newValue, bits) { return (lastValue * Math.pow(2, bits)) + newValue; };
  var offsetBytes = offset >> 3;

  var inv = function(value) {
    if (invert) {
      return ~value & 0xff;
    }

    return value;
  };

  // read first (maybe partial) byte
  var mask = 0xff;
  var firstBits = 8 - (offset % 8);
  if (bits < firstBits) {
    mask = (0xff << (8 - bits)) & 0xff;
    firstBits = bits;
  }

  if (offset) {
    mask = mask >> (offset % 8);
  }

  var result = 0;
  if ((offset % 8) + bits >= 8) {
    result = callback(0, inv(data[offsetBytes]) & mask, firstBits);
  }

  // read bytes
  var bytes = (bits + offset) >> 3;
  for (var i = offsetBytes + 1; i < bytes; i++) {
    result = callback(result, inv(data[i]), 8);
  }

  // bits to read, that are not a complete byte
  var lastBits = (bits + offset) % 8;
  if (lastBits > 0) {
    result = callback(result, inv(data[bytes]) >> (8 - lastBits), lastBits);
  }

  return result;
};

var parseFloatFromBits = function(data, precisionBits, exponentBits) {
  var bias = Math.pow(2, exponentBits - 1) - 1;
  var sign = parseBits(data, 1);
  var exponent = parseBits(data, exponentBits, 1);

  if (exponent === 0) {
    return 0;
  }

  // parse mantissa
  var precisionBitsCounter = 1;
  var parsePrecisionBits = function(lastValue, newValue, bits) {
    if (lastValue === 0) {
      lastValue = 1;
    }

    for (var i = 1; i <= bits; i++) {
      precisionBitsCounter /= 2;
      if ((newValue & (0x1 << (bits - i))) > 0) {
        lastValue += precisionBitsCounter;
      }
    }

    return lastValue;
  };

  var mantissa = parseBits(data, precisionBits, exponentBits + 1, false, parsePrecisionBits);

  // special cases
  if (exponent == (Math.pow(2, exponentBits + 1) - 1)) {
    if (mantissa === 0) {
      return (sign === 0) ? Infinity : -Infinity;
    }

    return NaN;
  }

  // normale number
  return ((sign === 0) ? 1 : -1) * Math.pow(2, exponent - bias) * mantissa;
};

var parseInt16 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 15, 1, true) + 1);
  }

  return parseBits(value, 15, 1);
};

var parseInt32 = function(value) {
  if (parseBits(value, 1) == 1) {
    return -1 * (parseBits(value, 31, 1, true) + 1);
  }

  return parseBits(value, 31, 1);
};

var parseFloat32 = function(value) {
  return parseFloatFromBits(value, 23, 8);
};

var parseFloat64 = function(value) {
  return parseFloatFromBits(value, 52, 11);
};

var parseNumeric = function(value) {
  var sign = parseBits(value, 16, 32);
  if (sign == 0xc000) {
    return NaN;
  }

  var weight = Math.pow(10000, parseBits(value, 16, 16));
  var result = 0;

  var digits = [];
  var ndigits = parseBits(value, 16);
  for (var i = 0; i < ndigits; i++) {
    result += parseBits(value, 16, 64 + (16 * i)) * weight;
    weight /= 10000;
  }

  var scale = Math.pow(10, parseBits(value, 16, 48));
  return ((sign === 0) ? 1 : -1) * Math.round(result * scale) / scale;
};

var parseDate = function(isUTC, value) {
  var sign = parseBits(value, 1);
  var rawValue = parseBits(value, 63, 1);

  // discard usecs and shift from 2000 to 1970
  var result = new Date((((sign === 0) ? 1 : -1) * rawValue / 1000) + 946684800000);

  if (!isUTC) {
    result.setTime(result.getTime() + result.getTimezoneOffset() * 60000);
  }

  // add microseconds to the date
  result.usec = rawValue % 1000;
  result.getMicroSeconds = function() {
    return this.usec;
  };
  result.setMicroSeconds = function(value) {
    this.usec = value;
  };
  result.getUTCMicroSeconds = function() {
    return this.usec;
  };

  return result;
};

var parseArray = function(value) {
  var dim = parseBits(value, 32);

  var flags = parseBits(value, 32, 32);
  var elementType = parseBits(value, 32, 64);

  var offset = 96;
  var dims = [];
  for (var i = 0; i < dim; i++) {
    // parse dimension
    dims[i] = parseBits(value, 32, offset);
    offset += 32;

    // ignore lower bounds
    offset += 32;
  }

  var parseElement = function(elementType) {
    // parse content length
    var length = parseBits(value, 32, offset);
    offset += 32;

    // parse null values
    if (length == 0xffffffff) {
      return null;
    }

    var result;
    if ((elementType == 0x17) || (elementType == 0x14)) {
      // int/bigint
      result = parseBits(value, length * 8, offset);
      offset += length * 8;
      return result;
    }
    else if (elementType == 0x19) {
      // string
      result = value.toString(this.encoding, offset >> 3, (offset += (length << 3)) >> 3);
      return result;
    }
    else {
      console.log("ERROR: ElementType not implemented: " + elementType);
    }
  };

  var parse = function(dimension, elementType) {
    var array = [];
    var i;

    if (dimension.length > 1) {
      var count = dimension.shift();
      for (i = 0; i < count; i++) {
        array[i] = parse(dimension, elementType);
      }
      dimension.unshift(count);
    }
    else {
      for (i = 0; i < dimension[0]; i++) {
        array[i] = parseElement(elementType);
      }
    }

    return array;
  };

  return parse(dims, elementType);
};

var parseText = function(value) {
  return value.toString('utf8');
};

var parseBool = function(value) {
  if(value === null) return null;
  return (parseBits(value, 8) > 0);
};

var init = function(register) {
  register(20, parseInt64);
  register(21, parseInt16);
  register(23, parseInt32);
  register(26, parseInt32);
  register(1700, parseNumeric);
  register(700, parseFloat32);
  register(701, parseFloat64);
  register(16, parseBool);
  register(1114, parseDate.bind(null, false));
  register(1184, parseDate.bind(null, true));
  register(1000, parseArray);
  register(1007, parseArray);
  register(1016, parseArray);
  register(1008, parseArray);
  register(1009, parseArray);
  register(25, parseText);
};

module.exports = {
  init: init
};


/***/ }),

/***/ 6345:
/***/ ((module) => {

/**
 * Following query was used to generate this file:

 SELECT json_object_agg(UPPER(PT.typname), PT.oid::int4 ORDER BY pt.oid)
 FROM pg_type PT
 WHERE typnamespace = (SELECT pgn.oid FROM pg_namespace pgn WHERE nspname = 'pg_catalog') -- Take only builting Postgres types with stable OID (extension types are not guaranted to be stable)
 AND typtype = 'b' -- Only basic types
 AND typelem = 0 -- Ignore aliases
 AND typisdefined -- Ignore undefined types
 */

module.exports = {
    BOOL: 16,
    BYTEA: 17,
    CHAR: 18,
    INT8: 20,
    INT2: 21,
    INT4: 23,
    REGPROC: 24,
    TEXT: 25,
    OID: 26,
    TID: 27,
    XID: 28,
    CID: 29,
    JSON: 114,
    XML: 142,
    PG_NODE_TREE: 194,
    SMGR: 210,
    PATH: 602,
    POLYGON: 604,
    CIDR: 650,
    FLOAT4: 700,
    FLOAT8: 701,
    ABSTIME: 702,
    RELTIME: 703,
    TINTERVAL: 704,
    CIRCLE: 718,
    MACADDR8: 774,
    MONEY: 790,
    MACADDR: 829,
    INET: 869,
    ACLITEM: 1033,
    BPCHAR: 1042,
    VARCHAR: 1043,
    DATE: 1082,
    TIME: 1083,
    TIMESTAMP: 1114,
    TIMESTAMPTZ: 1184,
    INTERVAL: 1186,
    TIMETZ: 1266,
    BIT: 1560,
    VARBIT: 1562,
    NUMERIC: 1700,
    REFCURSOR: 1790,
    REGPROCEDURE: 2202,
    REGOPER: 2203,
    REGOPERATOR: 2204,
    REGCLASS: 2205,
    REGTYPE: 2206,
    UUID: 2950,
    TXID_SNAPSHOT: 2970,
    PG_LSN: 3220,
    PG_NDISTINCT: 3361,
    PG_DEPENDENCIES: 3402,
    TSVECTOR: 3614,
    TSQUERY: 3615,
    GTSVECTOR: 3642,
    REGCONFIG: 3734,
    REGDICTIONARY: 3769,
    JSONB: 3802,
    REGNAMESPACE: 4089,
    REGROLE: 4096
};


/***/ }),

/***/ 4784:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var array = __nccwpck_require__(3879)
var arrayParser = __nccwpck_require__(6471);
var parseDate = __nccwpck_require__(2690);
var parseInterval = __nccwpck_require__(8755);
var parseByteA = __nccwpck_require__(463);

function allowNull (fn) {
  return function nullAllowed (value) {
    if (value === null) return value
    return fn(value)
  }
}

function parseBool (value) {
  if (value === null) return value
  return value === 'TRUE' ||
    value === 't' ||
    value === 'true' ||
    value === 'y' ||
    value === 'yes' ||
    value === 'on' ||
    value === '1';
}

function parseBoolArray (value) {
  if (!value) return null
  return array.parse(value, parseBool)
}

function parseBaseTenInt (string) {
  return parseInt(string, 10)
}

function parseIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(parseBaseTenInt))
}

function parseBigIntegerArray (value) {
  if (!value) return null
  return array.parse(value, allowNull(function (entry) {
    return parseBigInteger(entry).trim()
  }))
}

var parsePointArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parsePoint(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseFloatArray = function(value) {
  if(!value) { return null; }
  var p = arrayParser.create(value, function(entry) {
    if(entry !== null) {
      entry = parseFloat(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseStringArray = function(value) {
  if(!value) { return null; }

  var p = arrayParser.create(value);
  return p.parse();
};

var parseDateArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseDate(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseIntervalArray = function(value) {
  if (!value) { return null; }

  var p = arrayParser.create(value, function(entry) {
    if (entry !== null) {
      entry = parseInterval(entry);
    }
    return entry;
  });

  return p.parse();
};

var parseByteAArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(parseByteA));
};

var parseInteger = function(value) {
  return parseInt(value, 10);
};

var parseBigInteger = function(value) {
  var valStr = String(value);
  if (/^\d+$/.test(valStr)) { return valStr; }
  return value;
};

var parseJsonArray = function(value) {
  if (!value) { return null; }

  return array.parse(value, allowNull(JSON.parse));
};

var parsePoint = function(value) {
  if (value[0] !== '(') { return null; }

  value = value.substring( 1, value.length - 1 ).split(',');

  return {
    x: parseFloat(value[0])
  , y: parseFloat(value[1])
  };
};

var parseCircle = function(value) {
  if (value[0] !== '<' && value[1] !== '(') { return null; }

  var point = '(';
  var radius = '';
  var pointParsed = false;
  for (var i = 2; i < value.length - 1; i++){
    if (!pointParsed) {
      point += value[i];
    }

    if (value[i] === ')') {
      pointParsed = true;
      continue;
    } else if (!pointParsed) {
      continue;
    }

    if (value[i] === ','){
      continue;
    }

    radius += value[i];
  }
  var result = parsePoint(point);
  result.radius = parseFloat(radius);

  return result;
};

var init = function(register) {
  register(20, parseBigInteger); // int8
  register(21, parseInteger); // int2
  register(23, parseInteger); // int4
  register(26, parseInteger); // oid
  register(700, parseFloat); // float4/real
  register(701, parseFloat); // float8/double
  register(16, parseBool);
  register(1082, parseDate); // date
  register(1114, parseDate); // timestamp without timezone
  register(1184, parseDate); // timestamp
  register(600, parsePoint); // point
  register(651, parseStringArray); // cidr[]
  register(718, parseCircle); // circle
  register(1000, parseBoolArray);
  register(1001, parseByteAArray);
  register(1005, parseIntegerArray); // _int2
  register(1007, parseIntegerArray); // _int4
  register(1028, parseIntegerArray); // oid[]
  register(1016, parseBigIntegerArray); // _int8
  register(1017, parsePointArray); // point[]
  register(1021, parseFloatArray); // _float4
  register(1022, parseFloatArray); // _float8
  register(1231, parseFloatArray); // _numeric
  register(1014, parseStringArray); //char
  register(1015, parseStringArray); //varchar
  register(1008, parseStringArray);
  register(1009, parseStringArray);
  register(1040, parseStringArray); // macaddr[]
  register(1041, parseStringArray); // inet[]
  register(1115, parseDateArray); // timestamp without time zone[]
  register(1182, parseDateArray); // _date
  register(1185, parseDateArray); // timestamp with time zone[]
  register(1186, parseInterval);
  register(1187, parseIntervalArray);
  register(17, parseByteA);
  register(114, JSON.parse.bind(JSON)); // json
  register(3802, JSON.parse.bind(JSON)); // jsonb
  register(199, parseJsonArray); // json[]
  register(3807, parseJsonArray); // jsonb[]
  register(3907, parseStringArray); // numrange[]
  register(2951, parseStringArray); // uuid[]
  register(791, parseStringArray); // money[]
  register(1183, parseStringArray); // time[]
  register(1270, parseStringArray); // timetz[]
};

module.exports = {
  init: init
};


/***/ }),

/***/ 5042:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const utils = __nccwpck_require__(9652)
const nodeUtils = __nccwpck_require__(9023)
const sasl = __nccwpck_require__(948)
const TypeOverrides = __nccwpck_require__(365)

const ConnectionParameters = __nccwpck_require__(646)
const Query = __nccwpck_require__(4473)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const crypto = __nccwpck_require__(4150)

const activeQueryDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.activeQuery is deprecated and will be removed in pg@9.0'
)

const queryQueueDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Client.queryQueue is deprecated and will be removed in pg@9.0.'
)

const pgPassDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'pgpass support is deprecated and will be removed in pg@9.0. ' +
    'You can provide an async function as the password property to the Client/Pool constructor that returns a password instead. Within this function you can call the pgpass module in your own code.'
)

const byoPromiseDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Passing a custom Promise implementation to the Client/Pool constructor is deprecated and will be removed in pg@9.0.'
)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

function coerceNumberOrDefault(value, defaultValue) {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : defaultValue
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : defaultValue
  }
  return defaultValue
}

class Client extends EventEmitter {
  constructor(config) {
    super()

    this.connectionParameters = new ConnectionParameters(config)
    this.user = this.connectionParameters.user
    this.database = this.connectionParameters.database
    this.port = this.connectionParameters.port
    this.host = this.connectionParameters.host

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: this.connectionParameters.password,
    })

    this.replication = this.connectionParameters.replication

    const c = config || {}

    if (c.Promise) {
      byoPromiseDeprecationNotice()
    }
    this._Promise = c.Promise || global.Promise
    this._types = new TypeOverrides(c.types)
    this._ending = false
    this._ended = false
    this._connecting = false
    this._connected = false
    this._connectionError = false
    this._queryable = true
    this._activeQuery = null
    this._txStatus = null

    this.enableChannelBinding = Boolean(c.enableChannelBinding) // set true to use SCRAM-SHA-256-PLUS when offered
    this.scramMaxIterations = coerceNumberOrDefault(c.scramMaxIterations, sasl.DEFAULT_MAX_SCRAM_ITERATIONS)
    this.connection =
      c.connection ||
      new Connection({
        stream: c.stream,
        ssl: this.connectionParameters.ssl,
        sslNegotiation: this.connectionParameters.sslnegotiation,
        keepAlive: c.keepAlive || false,
        keepAliveInitialDelayMillis: c.keepAliveInitialDelayMillis || 0,
        encoding: this.connectionParameters.client_encoding || 'utf8',
      })
    this._queryQueue = []
    this._sentQueryQueue = []
    this.pipeline = Boolean(c.pipeline)
    this.binary = c.binary || defaults.binary
    this.processID = null
    this.secretKey = null
    this.ssl = this.connectionParameters.ssl || false
    this.sslNegotiation = this.connectionParameters.sslnegotiation || 'postgres'
    // As with Password, make SSL->Key (the private key) non-enumerable.
    // It won't show up in stack traces
    // or if the client is console.logged
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    this._connectionTimeoutMillis = c.connectionTimeoutMillis || 0
  }

  get activeQuery() {
    activeQueryDeprecationNotice()
    return this._activeQuery
  }

  set activeQuery(val) {
    activeQueryDeprecationNotice()
    this._activeQuery = val
  }

  _getActiveQuery() {
    return this._activeQuery
  }

  _errorAllQueries(err) {
    const enqueueError = (query) => {
      process.nextTick(() => {
        query.handleError(err, this.connection)
      })
    }

    const activeQuery = this._getActiveQuery()
    if (activeQuery) {
      enqueueError(activeQuery)
      this._activeQuery = null
    }

    this._sentQueryQueue.forEach(enqueueError)
    this._sentQueryQueue.length = 0

    this._queryQueue.forEach(enqueueError)
    this._queryQueue.length = 0
  }

  _connect(callback) {
    const self = this
    const con = this.connection
    this._connectionCallback = callback

    if (this._connecting || this._connected) {
      const err = new Error('Client has already been connected. You cannot reuse a client.')
      process.nextTick(() => {
        callback(err)
      })
      return
    }
    this._connecting = true

    if (this._connectionTimeoutMillis > 0) {
      this.connectionTimeoutHandle = setTimeout(() => {
        con._ending = true
        con.stream.destroy(new Error('timeout expired'))
      }, this._connectionTimeoutMillis)

      if (this.connectionTimeoutHandle.unref) {
        this.connectionTimeoutHandle.unref()
      }
    }

    if (this.host && this.host.indexOf('/') === 0) {
      con.connect(this.host + '/.s.PGSQL.' + this.port)
    } else {
      con.connect(this.port, this.host)
    }

    // once connection is established send startup message
    con.on('connect', function () {
      if (self.ssl) {
        // With direct SSL negotiation the connection upgrades to TLS without an
        // SSLRequest packet, so the startup message is sent after 'sslconnect'.
        if (self.sslNegotiation !== 'direct') {
          con.requestSsl()
        }
      } else {
        con.startup(self.getStartupConf())
      }
    })

    con.on('sslconnect', function () {
      con.startup(self.getStartupConf())
    })

    this._attachListeners(con)

    con.once('end', () => {
      const error = this._ending ? new Error('Connection terminated') : new Error('Connection terminated unexpectedly')

      clearTimeout(this.connectionTimeoutHandle)
      this._errorAllQueries(error)
      this._ended = true

      if (!this._ending) {
        // if the connection is ended without us calling .end()
        // on this client then we have an unexpected disconnection
        // treat this as an error unless we've already emitted an error
        // during connection.
        if (this._connecting && !this._connectionError) {
          if (this._connectionCallback) {
            this._connectionCallback(error)
          } else {
            this._handleErrorEvent(error)
          }
        } else if (!this._connectionError) {
          this._handleErrorEvent(error)
        }
      }

      process.nextTick(() => {
        this.emit('end')
      })
    })
  }

  connect(callback) {
    if (callback) {
      this._connect(callback)
      return
    }

    return new this._Promise((resolve, reject) => {
      this._connect((error) => {
        if (error) {
          reject(error)
        } else {
          resolve(this)
        }
      })
    })
  }

  _attachListeners(con) {
    // password request handling
    con.on('authenticationCleartextPassword', this._handleAuthCleartextPassword.bind(this))
    // password request handling
    con.on('authenticationMD5Password', this._handleAuthMD5Password.bind(this))
    // password request handling (SASL)
    con.on('authenticationSASL', this._handleAuthSASL.bind(this))
    con.on('authenticationSASLContinue', this._handleAuthSASLContinue.bind(this))
    con.on('authenticationSASLFinal', this._handleAuthSASLFinal.bind(this))
    con.on('backendKeyData', this._handleBackendKeyData.bind(this))
    con.on('error', this._handleErrorEvent.bind(this))
    con.on('errorMessage', this._handleErrorMessage.bind(this))
    con.on('readyForQuery', this._handleReadyForQuery.bind(this))
    con.on('notice', this._handleNotice.bind(this))
    con.on('rowDescription', this._handleRowDescription.bind(this))
    con.on('dataRow', this._handleDataRow.bind(this))
    con.on('portalSuspended', this._handlePortalSuspended.bind(this))
    con.on('emptyQuery', this._handleEmptyQuery.bind(this))
    con.on('commandComplete', this._handleCommandComplete.bind(this))
    con.on('parseComplete', this._handleParseComplete.bind(this))
    con.on('copyInResponse', this._handleCopyInResponse.bind(this))
    con.on('copyData', this._handleCopyData.bind(this))
    con.on('notification', this._handleNotification.bind(this))
  }

  _getPassword(cb) {
    const con = this.connection
    if (typeof this.password === 'function') {
      this._Promise
        .resolve()
        .then(() => this.password(this.connectionParameters))
        .then((pass) => {
          if (pass !== undefined) {
            if (typeof pass !== 'string') {
              con.emit('error', new TypeError('Password must be a string'))
              return
            }
            this.connectionParameters.password = this.password = pass
          } else {
            this.connectionParameters.password = this.password = null
          }
          cb()
        })
        .catch((err) => {
          con.emit('error', err)
        })
    } else if (this.password !== null) {
      cb()
    } else {
      try {
        const pgPass = __nccwpck_require__(3272)
        pgPass(this.connectionParameters, (pass) => {
          if (undefined !== pass) {
            pgPassDeprecationNotice()
            this.connectionParameters.password = this.password = pass
          }
          cb()
        })
      } catch (e) {
        this.emit('error', e)
      }
    }
  }

  _handleAuthCleartextPassword(msg) {
    this._getPassword(() => {
      this.connection.password(this.password)
    })
  }

  _handleAuthMD5Password(msg) {
    this._getPassword(async () => {
      try {
        const hashedPassword = await crypto.postgresMd5PasswordHash(this.user, this.password, msg.salt)
        this.connection.password(hashedPassword)
      } catch (e) {
        this.emit('error', e)
      }
    })
  }

  _handleAuthSASL(msg) {
    this._getPassword(() => {
      try {
        this.saslSession = sasl.startSession(
          msg.mechanisms,
          this.enableChannelBinding && this.connection.stream,
          this.scramMaxIterations
        )
        this.connection.sendSASLInitialResponseMessage(this.saslSession.mechanism, this.saslSession.response)
      } catch (err) {
        this.connection.emit('error', err)
      }
    })
  }

  async _handleAuthSASLContinue(msg) {
    try {
      await sasl.continueSession(
        this.saslSession,
        this.password,
        msg.data,
        this.enableChannelBinding && this.connection.stream
      )
      this.connection.sendSCRAMClientFinalMessage(this.saslSession.response)
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleAuthSASLFinal(msg) {
    try {
      sasl.finalizeSession(this.saslSession, msg.data)
      this.saslSession = null
    } catch (err) {
      this.connection.emit('error', err)
    }
  }

  _handleBackendKeyData(msg) {
    this.processID = msg.processID
    this.secretKey = msg.secretKey
  }

  _handleReadyForQuery(msg) {
    if (this._connecting) {
      this._connecting = false
      this._connected = true
      clearTimeout(this.connectionTimeoutHandle)

      // process possible callback argument to Client#connect
      if (this._connectionCallback) {
        this._connectionCallback(null, this)
        // remove callback for proper error handling
        // after the connect event
        this._connectionCallback = null
      }
      this.emit('connect')
    }
    const activeQuery = this._getActiveQuery()
    this._activeQuery = null
    this._txStatus = msg?.status ?? null
    this.readyForQuery = true
    if (activeQuery) {
      activeQuery.handleReadyForQuery(this.connection)
    }
    this._pulseQueryQueue()
  }

  // if we receive an error event or error message
  // during the connection process we handle it here
  _handleErrorWhileConnecting(err) {
    if (this._connectionError) {
      // TODO(bmc): this is swallowing errors - we shouldn't do this
      return
    }
    this._connectionError = true
    clearTimeout(this.connectionTimeoutHandle)
    if (this._connectionCallback) {
      return this._connectionCallback(err)
    }
    this.emit('error', err)
  }

  // if we're connected and we receive an error event from the connection
  // this means the socket is dead - do a hard abort of all queries and emit
  // the socket error on the client as well
  _handleErrorEvent(err) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(err)
    }
    this._queryable = false
    this._errorAllQueries(err)
    this.emit('error', err)
  }

  // handle error messages from the postgres backend
  _handleErrorMessage(msg) {
    if (this._connecting) {
      return this._handleErrorWhileConnecting(msg)
    }
    const activeQuery = this._getActiveQuery()

    if (!activeQuery) {
      this._handleErrorEvent(msg)
      return
    }

    this._activeQuery = null
    if (activeQuery.name) {
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
    activeQuery.handleError(msg, this.connection)
  }

  _handleRowDescription(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected rowDescription message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate rowDescription to active query
    activeQuery.handleRowDescription(msg)
  }

  _handleDataRow(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected dataRow message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate dataRow to active query
    activeQuery.handleDataRow(msg)
  }

  _handlePortalSuspended(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected portalSuspended message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate portalSuspended to active query
    activeQuery.handlePortalSuspended(this.connection)
  }

  _handleEmptyQuery(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected emptyQuery message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate emptyQuery to active query
    activeQuery.handleEmptyQuery(this.connection)
  }

  _handleCommandComplete(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected commandComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // delegate commandComplete to active query
    activeQuery.handleCommandComplete(msg, this.connection)
  }

  _handleParseComplete() {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected parseComplete message from backend.')
      this._handleErrorEvent(error)
      return
    }
    // if a prepared statement has a name and properly parses
    // we track that its already been executed so we don't parse
    // it again on the same client
    if (activeQuery.name) {
      this.connection.parsedStatements[activeQuery.name] = activeQuery.text
      delete this.connection.submittedNamedStatements[activeQuery.name]
    }
  }

  _handleCopyInResponse(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyInResponse message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyInResponse(this.connection)
  }

  _handleCopyData(msg) {
    const activeQuery = this._getActiveQuery()
    if (activeQuery == null) {
      const error = new Error('Received unexpected copyData message from backend.')
      this._handleErrorEvent(error)
      return
    }
    activeQuery.handleCopyData(msg, this.connection)
  }

  _handleNotification(msg) {
    this.emit('notification', msg)
  }

  _handleNotice(msg) {
    this.emit('notice', msg)
  }

  getStartupConf() {
    const params = this.connectionParameters

    const data = {
      user: params.user,
      database: params.database,
    }

    const appName = params.application_name || params.fallback_application_name
    if (appName) {
      data.application_name = appName
    }
    if (params.replication) {
      data.replication = '' + params.replication
    }
    if (params.statement_timeout) {
      data.statement_timeout = String(parseInt(params.statement_timeout, 10))
    }
    if (params.lock_timeout) {
      data.lock_timeout = String(parseInt(params.lock_timeout, 10))
    }
    if (params.idle_in_transaction_session_timeout) {
      data.idle_in_transaction_session_timeout = String(parseInt(params.idle_in_transaction_session_timeout, 10))
    }
    if (params.options) {
      data.options = params.options
    }

    return data
  }

  cancel(client, query) {
    if (client.activeQuery === query) {
      const con = this.connection

      if (this.host && this.host.indexOf('/') === 0) {
        con.connect(this.host + '/.s.PGSQL.' + this.port)
      } else {
        con.connect(this.port, this.host)
      }

      // once connection is established send cancel message
      con.on('connect', function () {
        con.cancel(client.processID, client.secretKey)
      })
    } else if (client._queryQueue.indexOf(query) !== -1) {
      client._queryQueue.splice(client._queryQueue.indexOf(query), 1)
    } else if (client._sentQueryQueue.indexOf(query) !== -1) {
      // Query already sent on wire — can't remove it without corrupting the
      // pipeline. No-op the callback so the result is silently discarded.
      query.callback = () => {}
    }
  }

  setTypeParser(oid, format, parseFn) {
    return this._types.setTypeParser(oid, format, parseFn)
  }

  getTypeParser(oid, format) {
    return this._types.getTypeParser(oid, format)
  }

  // escapeIdentifier and escapeLiteral moved to utility functions & exported
  // on PG
  // re-exported here for backwards compatibility
  escapeIdentifier(str) {
    return utils.escapeIdentifier(str)
  }

  escapeLiteral(str) {
    return utils.escapeLiteral(str)
  }

  _pulseQueryQueue() {
    if (this.pipeline) {
      this._pulsePipelinedQueryQueue()
      return
    }
    if (this.readyForQuery === true) {
      this._activeQuery = this._queryQueue.shift()
      const activeQuery = this._getActiveQuery()
      if (activeQuery) {
        this.readyForQuery = false
        this.hasExecuted = true

        const queryError = activeQuery.submit(this.connection)
        if (queryError) {
          process.nextTick(() => {
            activeQuery.handleError(queryError, this.connection)
            this.readyForQuery = true
            this._pulseQueryQueue()
          })
        }
      } else if (this.hasExecuted) {
        this._activeQuery = null
        this.emit('drain')
      }
    }
  }

  _pulsePipelinedQueryQueue() {
    if (!this._connected || !this._queryable) {
      return
    }
    while (this._queryQueue.length > 0) {
      const query = this._queryQueue.shift()
      this.hasExecuted = true
      const queryError = query.submit(this.connection)
      if (queryError) {
        process.nextTick(() => {
          query.handleError(queryError, this.connection)
        })
        continue
      }
      this._sentQueryQueue.push(query)
    }
    if (this.readyForQuery && !this._activeQuery && this._sentQueryQueue.length > 0) {
      this._activeQuery = this._sentQueryQueue.shift()
      this.readyForQuery = false
    }
    if (!this._activeQuery && this._sentQueryQueue.length === 0 && this._queryQueue.length === 0 && this.hasExecuted) {
      this.emit('drain')
    }
  }

  query(config, values, callback) {
    // can take in strings, config object or query object
    let query
    let result

    if (config == null) {
      throw new TypeError('Client was passed a null or undefined query')
    }

    if (typeof config.submit === 'function') {
      result = query = config
      if (!query.callback) {
        if (typeof values === 'function') {
          query.callback = values
        } else if (callback) {
          query.callback = callback
        }
      }
    } else {
      query = new Query(config, values, callback)
      if (!query.callback) {
        result = new this._Promise((resolve, reject) => {
          query.callback = (err, res) => (err ? reject(err) : resolve(res))
        }).catch((err) => {
          // replace the stack trace that leads to `TCP.onStreamRead` with one that leads back to the
          // application that created the query
          Error.captureStackTrace(err)
          throw err
        })
      } else if (typeof query.callback !== 'function') {
        throw new TypeError('callback is not a function')
      }
    }

    const readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    if (readTimeout) {
      const queryCallback = query.callback || (() => {})

      const readTimeoutTimer = setTimeout(() => {
        const error = new Error('Query read timeout')

        process.nextTick(() => {
          query.handleError(error, this.connection)
        })

        queryCallback(error)

        // we already returned an error,
        // just do nothing if query completes
        query.callback = () => {}

        // Remove from queue (only safe if not yet sent)
        const index = this._queryQueue.indexOf(query)
        if (index > -1) {
          this._queryQueue.splice(index, 1)
        } else if (this.pipeline) {
          // Query already sent — the pipeline is blocked until it completes.
          // Destroy the connection to unblock all remaining pipelined queries.
          this.connection.stream.destroy()
          return
        }

        this._pulseQueryQueue()
      }, readTimeout)

      query.callback = (err, res) => {
        clearTimeout(readTimeoutTimer)
        queryCallback(err, res)
      }
    }

    if (this.binary && !query.binary) {
      query.binary = true
    }

    if (query._result && !query._result._types) {
      query._result._types = this._types
    }

    // A query that keeps a portal open across round trips cannot share a pipelined connection: the
    // queries written behind it are answered out of its portal, so rows land on the wrong query and
    // the reads that follow fail with 'portal does not exist'. Refuse it instead of corrupting.
    if (this.pipeline) {
      const portalQuery =
        typeof config.submit === 'function' && !(query instanceof Query)
          ? 'Custom query classes such as pg-cursor and pg-query-stream are'
          : query.rows
          ? 'The `rows` option is'
          : null
      if (portalQuery) {
        process.nextTick(() => {
          query.handleError(new Error(`${portalQuery} not supported in pipeline mode`), this.connection)
        })
        return result
      }
    }

    if (!this._queryable) {
      process.nextTick(() => {
        query.handleError(new Error('Client has encountered a connection error and is not queryable'), this.connection)
      })
      return result
    }

    if (this._ending) {
      process.nextTick(() => {
        query.handleError(new Error('Client was closed and is not queryable'), this.connection)
      })
      return result
    }

    if (this._queryQueue.length > 0 && !this.pipeline) {
      queryQueueLengthDeprecationNotice()
    }
    this._queryQueue.push(query)
    this._pulseQueryQueue()
    return result
  }

  ref() {
    this.connection.ref()
  }

  unref() {
    this.connection.unref()
  }

  getTransactionStatus() {
    return this._txStatus
  }

  end(cb) {
    this._ending = true

    // if we have never connected, then end is a noop, callback immediately
    if (!this.connection._connecting || this._ended) {
      if (cb) {
        cb()
        return
      } else {
        return this._Promise.resolve()
      }
    }

    if (!this._queryable) {
      // socket is dead — force close
      this.connection.stream.destroy()
    } else if (
      this.pipeline &&
      (this._getActiveQuery() || this._sentQueryQueue.length > 0 || this._queryQueue.length > 0)
    ) {
      // pipelined queries are already on the wire (or queued to send) and will
      // complete normally; wait for drain then do a graceful goodbye
      this.once('drain', () => this.connection.end())
    } else if (this._getActiveQuery()) {
      // non-pipeline: a hung query could block end forever — force disconnect
      this.connection.stream.destroy()
    } else {
      this.connection.end()
    }

    if (cb) {
      this.connection.once('end', cb)
    } else {
      return new this._Promise((resolve) => {
        this.connection.once('end', resolve)
      })
    }
  }
  get queryQueue() {
    queryQueueDeprecationNotice()
    return this._queryQueue
  }
}

// expose a Query constructor
Client.Query = Query

module.exports = Client


/***/ }),

/***/ 646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const dns = __nccwpck_require__(2250)

const defaults = __nccwpck_require__(8995)

const parse = (__nccwpck_require__(6122).parse) // parses a connection string

const val = function (key, config, envVar) {
  if (config[key]) {
    return config[key]
  }

  if (envVar === undefined) {
    envVar = process.env['PG' + key.toUpperCase()]
  } else if (envVar === false) {
    // do nothing ... use false
  } else {
    envVar = process.env[envVar]
  }

  return envVar || defaults[key]
}

const readSSLConfigFromEnvironment = function () {
  switch (process.env.PGSSLMODE) {
    case 'disable':
      return false
    case 'prefer':
    case 'require':
    case 'verify-ca':
    case 'verify-full':
      return true
    case 'no-verify':
      return { rejectUnauthorized: false }
  }
  return defaults.ssl
}

// Convert arg to a string, surround in single quotes, and escape single quotes and backslashes
const quoteParamValue = function (value) {
  return "'" + ('' + value).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'"
}

const add = function (params, config, paramName) {
  const value = config[paramName]
  if (value !== undefined && value !== null) {
    params.push(paramName + '=' + quoteParamValue(value))
  }
}

class ConnectionParameters {
  constructor(config) {
    // if a string is passed, it is a raw connection string so we parse it into a config
    config = typeof config === 'string' ? parse(config) : config || {}

    // if the config has a connectionString defined, parse IT into the config we use
    // this will override other default values with what is stored in connectionString
    if (config.connectionString) {
      config = Object.assign({}, config, parse(config.connectionString))
    }

    this.user = val('user', config)
    this.database = val('database', config)

    if (this.database === undefined) {
      this.database = this.user
    }

    this.port = parseInt(val('port', config), 10)
    this.host = val('host', config)

    // "hiding" the password so it doesn't show up in stack traces
    // or if the client is console.logged
    Object.defineProperty(this, 'password', {
      configurable: true,
      enumerable: false,
      writable: true,
      value: val('password', config),
    })

    this.binary = val('binary', config)
    this.options = val('options', config)

    this.ssl = typeof config.ssl === 'undefined' ? readSSLConfigFromEnvironment() : config.ssl

    if (typeof this.ssl === 'string') {
      if (this.ssl === 'true') {
        this.ssl = true
      }
    }
    // support passing in ssl=no-verify via connection string
    if (this.ssl === 'no-verify') {
      this.ssl = { rejectUnauthorized: false }
    }
    if (this.ssl && this.ssl.key) {
      Object.defineProperty(this.ssl, 'key', {
        enumerable: false,
      })
    }

    // How to negotiate SSL: 'postgres' (default, the traditional SSLRequest
    // handshake) or 'direct' (start the TLS handshake immediately on connect).
    this.sslnegotiation = val('sslnegotiation', config, 'PGSSLNEGOTIATION')
    if (this.sslnegotiation !== undefined && this.sslnegotiation !== 'postgres' && this.sslnegotiation !== 'direct') {
      throw new Error(
        `Invalid sslnegotiation value: "${this.sslnegotiation}". Valid values are "postgres" and "direct".`
      )
    }
    if (this.sslnegotiation === 'direct' && !this.ssl) {
      throw new Error('sslnegotiation=direct requires SSL to be enabled')
    }

    this.client_encoding = val('client_encoding', config)
    this.replication = val('replication', config)
    // a domain socket begins with '/'
    this.isDomainSocket = !(this.host || '').indexOf('/')

    this.application_name = val('application_name', config, 'PGAPPNAME')
    this.fallback_application_name = val('fallback_application_name', config, false)
    this.statement_timeout = val('statement_timeout', config, false)
    this.lock_timeout = val('lock_timeout', config, false)
    this.idle_in_transaction_session_timeout = val('idle_in_transaction_session_timeout', config, false)
    this.query_timeout = val('query_timeout', config, false)

    if (config.connectionTimeoutMillis === undefined) {
      this.connect_timeout = process.env.PGCONNECT_TIMEOUT || 0
    } else {
      this.connect_timeout = Math.floor(config.connectionTimeoutMillis / 1000)
    }

    if (config.keepAlive === false) {
      this.keepalives = 0
    } else if (config.keepAlive === true) {
      this.keepalives = 1
    }

    if (typeof config.keepAliveInitialDelayMillis === 'number') {
      this.keepalives_idle = Math.floor(config.keepAliveInitialDelayMillis / 1000)
    }
  }

  getLibpqConnectionString(cb) {
    const params = []
    add(params, this, 'user')
    add(params, this, 'password')
    add(params, this, 'port')
    add(params, this, 'application_name')
    add(params, this, 'fallback_application_name')
    add(params, this, 'connect_timeout')
    add(params, this, 'options')

    const ssl = typeof this.ssl === 'object' ? this.ssl : this.ssl ? { sslmode: this.ssl } : {}
    add(params, ssl, 'sslmode')
    add(params, ssl, 'sslca')
    add(params, ssl, 'sslkey')
    add(params, ssl, 'sslcert')
    add(params, ssl, 'sslrootcert')
    add(params, this, 'sslnegotiation')

    if (this.database) {
      params.push('dbname=' + quoteParamValue(this.database))
    }
    if (this.replication) {
      params.push('replication=' + quoteParamValue(this.replication))
    }
    if (this.host) {
      params.push('host=' + quoteParamValue(this.host))
    }
    if (this.isDomainSocket) {
      return cb(null, params.join(' '))
    }
    if (this.client_encoding) {
      params.push('client_encoding=' + quoteParamValue(this.client_encoding))
    }
    dns.lookup(this.host, function (err, address) {
      if (err) return cb(err, null)
      params.push('hostaddr=' + quoteParamValue(address))
      return cb(null, params.join(' '))
    })
  }
}

module.exports = ConnectionParameters


/***/ }),

/***/ 9809:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)

const { parse, serialize } = __nccwpck_require__(4233)
const stream = __nccwpck_require__(829)
const { getStream } = stream

const flushBuffer = serialize.flush()
const syncBuffer = serialize.sync()
const endBuffer = serialize.end()

// TODO(bmc) support binary mode at some point
class Connection extends EventEmitter {
  constructor(config) {
    super()
    config = config || {}

    this.stream = config.stream || getStream(config.ssl)
    if (typeof this.stream === 'function') {
      this.stream = this.stream(config)
    }

    this._keepAlive = config.keepAlive
    this._keepAliveInitialDelayMillis = config.keepAliveInitialDelayMillis
    this.parsedStatements = {}
    this.submittedNamedStatements = {}
    this.ssl = config.ssl || false
    this.sslNegotiation = config.sslNegotiation || 'postgres'
    this._ending = false
    this._emitMessage = false
    const self = this
    this.on('newListener', function (eventName) {
      if (eventName === 'message') {
        self._emitMessage = true
      }
    })
  }

  connect(port, host) {
    const self = this

    this._connecting = true
    this.stream.setNoDelay(true)
    this.stream.connect(port, host)

    this.stream.once('connect', function () {
      if (self._keepAlive) {
        self.stream.setKeepAlive(true, self._keepAliveInitialDelayMillis)
      }
      self.emit('connect')
    })

    const reportStreamError = function (error) {
      // errors about disconnections should be ignored during disconnect
      if (self._ending && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return
      }
      self.emit('error', error)
    }
    this.stream.on('error', reportStreamError)

    this.stream.on('close', function () {
      self.emit('end')
    })

    if (!this.ssl) {
      return this.attachListeners(this.stream)
    }

    // With direct SSL negotiation the TLS handshake starts immediately on the
    // raw socket, skipping the SSLRequest packet and the server's 'S'/'N' reply.
    if (this.sslNegotiation === 'direct') {
      return this.stream.once('connect', function () {
        self.upgradeToSSL(host, reportStreamError)
      })
    }

    this.stream.once('data', function (buffer) {
      const responseCode = buffer.toString('utf8')
      switch (responseCode) {
        case 'S': // Server supports SSL connections, continue with a secure connection
          break
        case 'N': // Server does not support SSL connections
          self.stream.end()
          return self.emit('error', new Error('The server does not support SSL connections'))
        default:
          // Any other response byte, including 'E' (ErrorResponse) indicating a server error
          self.stream.end()
          return self.emit('error', new Error('There was an error establishing an SSL connection'))
      }
      self.upgradeToSSL(host, reportStreamError)
    })
  }

  upgradeToSSL(host, reportStreamError) {
    const self = this
    const options = {
      socket: self.stream,
      // tls.connect checks the server identity against `servername`, falling
      // back to `host` and then to 'localhost'. `servername` must stay unset
      // for IP addresses (see below), so `host` is needed to keep certificate
      // validation working when connecting to an IP address.
      host,
    }

    if (self.ssl !== true) {
      Object.assign(options, self.ssl)

      if ('key' in self.ssl) {
        options.key = self.ssl.key
      }
    }

    // Direct SSL negotiation requires ALPN so the server can confirm it is
    // speaking the PostgreSQL protocol over the TLS connection.
    if (self.sslNegotiation === 'direct') {
      options.ALPNProtocols = ['postgresql']
    }

    // SNI must not be set to an IP address (RFC 6066 section 3)
    const net = __nccwpck_require__(9278)
    if (net.isIP && net.isIP(host) === 0) {
      options.servername = host
    }
    try {
      self.stream = stream.getSecureStream(options)
    } catch (err) {
      return self.emit('error', err)
    }
    self.attachListeners(self.stream)
    self.stream.on('error', reportStreamError)

    self.emit('sslconnect')
  }

  attachListeners(stream) {
    parse(stream, (msg) => {
      const eventName = msg.name === 'error' ? 'errorMessage' : msg.name
      if (this._emitMessage) {
        this.emit('message', msg)
      }
      this.emit(eventName, msg)
    })
  }

  requestSsl() {
    this.stream.write(serialize.requestSsl())
  }

  startup(config) {
    this.stream.write(serialize.startup(config))
  }

  cancel(processID, secretKey) {
    this._send(serialize.cancel(processID, secretKey))
  }

  password(password) {
    this._send(serialize.password(password))
  }

  sendSASLInitialResponseMessage(mechanism, initialResponse) {
    this._send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse))
  }

  sendSCRAMClientFinalMessage(additionalData) {
    this._send(serialize.sendSCRAMClientFinalMessage(additionalData))
  }

  _send(buffer) {
    if (!this.stream.writable) {
      return false
    }
    return this.stream.write(buffer)
  }

  query(text) {
    this._send(serialize.query(text))
  }

  // send parse message
  parse(query) {
    this._send(serialize.parse(query))
  }

  // send bind message
  bind(config) {
    this._send(serialize.bind(config))
  }

  // send execute message
  execute(config) {
    this._send(serialize.execute(config))
  }

  flush() {
    if (this.stream.writable) {
      this.stream.write(flushBuffer)
    }
  }

  sync() {
    // Sync is the extended-query protocol barrier, not a disconnect.
    // Only end()/Terminate (and connect-timeout teardown) should set _ending.
    this._send(syncBuffer)
  }

  ref() {
    this.stream.ref()
  }

  unref() {
    this.stream.unref()
  }

  end() {
    // 0x58 = 'X'
    this._ending = true
    if (!this._connecting || !this.stream.writable) {
      this.stream.end()
      return
    }
    return this.stream.write(endBuffer, () => {
      this.stream.end()
    })
  }

  close(msg) {
    this._send(serialize.close(msg))
  }

  describe(msg) {
    this._send(serialize.describe(msg))
  }

  sendCopyFromChunk(chunk) {
    this._send(serialize.copyData(chunk))
  }

  endCopyFrom() {
    this._send(serialize.copyDone())
  }

  sendCopyFail(msg) {
    this._send(serialize.copyFail(msg))
  }
}

module.exports = Connection


/***/ }),

/***/ 9765:
/***/ ((module) => {

function x509Error(msg, cert) {
  return new Error('SASL channel binding: ' + msg + ' when parsing public certificate ' + cert.toString('base64'))
}

function readASN1Length(data, index) {
  let length = data[index++]
  if (length < 0x80) return { length, index }

  const lengthBytes = length & 0x7f
  if (lengthBytes > 4) throw x509Error('bad length', data)

  length = 0
  for (let i = 0; i < lengthBytes; i++) {
    length = (length << 8) | data[index++]
  }

  return { length, index }
}

function readASN1OID(data, index) {
  if (data[index++] !== 0x6) throw x509Error('non-OID data', data) // 6 = OID

  const { length: OIDLength, index: indexAfterOIDLength } = readASN1Length(data, index)
  index = indexAfterOIDLength
  const lastIndex = index + OIDLength

  const byte1 = data[index++]
  let oid = ((byte1 / 40) >> 0) + '.' + (byte1 % 40)

  while (index < lastIndex) {
    // loop over numbers in OID
    let value = 0
    while (index < lastIndex) {
      // loop over bytes in number
      const nextByte = data[index++]
      value = (value << 7) | (nextByte & 0x7f)
      if (nextByte < 0x80) break
    }
    oid += '.' + value
  }

  return { oid, index }
}

function expectASN1Seq(data, index) {
  if (data[index++] !== 0x30) throw x509Error('non-sequence data', data) // 30 = Sequence
  return readASN1Length(data, index)
}

function signatureAlgorithmHashFromCertificate(data, index) {
  // read this thread: https://www.postgresql.org/message-id/17760-b6c61e752ec07060%40postgresql.org
  if (index === undefined) index = 0
  index = expectASN1Seq(data, index).index
  const { length: certInfoLength, index: indexAfterCertInfoLength } = expectASN1Seq(data, index)
  index = indexAfterCertInfoLength + certInfoLength // skip over certificate info
  index = expectASN1Seq(data, index).index // skip over signature length field
  const { oid, index: indexAfterOID } = readASN1OID(data, index)
  switch (oid) {
    // RSA
    case '1.2.840.113549.1.1.4':
      return 'MD5'
    case '1.2.840.113549.1.1.5':
      return 'SHA-1'
    case '1.2.840.113549.1.1.11':
      return 'SHA-256'
    case '1.2.840.113549.1.1.12':
      return 'SHA-384'
    case '1.2.840.113549.1.1.13':
      return 'SHA-512'
    case '1.2.840.113549.1.1.14':
      return 'SHA-224'
    case '1.2.840.113549.1.1.15':
      return 'SHA512-224'
    case '1.2.840.113549.1.1.16':
      return 'SHA512-256'
    // ECDSA
    case '1.2.840.10045.4.1':
      return 'SHA-1'
    case '1.2.840.10045.4.3.1':
      return 'SHA-224'
    case '1.2.840.10045.4.3.2':
      return 'SHA-256'
    case '1.2.840.10045.4.3.3':
      return 'SHA-384'
    case '1.2.840.10045.4.3.4':
      return 'SHA-512'
    // RSASSA-PSS: hash is indicated separately
    case '1.2.840.113549.1.1.10': {
      index = indexAfterOID
      index = expectASN1Seq(data, index).index
      if (data[index++] !== 0xa0) throw x509Error('non-tag data', data) // a0 = constructed tag 0
      index = readASN1Length(data, index).index // skip over tag length field
      index = expectASN1Seq(data, index).index // skip over sequence length field
      const { oid: hashOID } = readASN1OID(data, index)
      switch (hashOID) {
        // standalone hash OIDs
        case '1.2.840.113549.2.5':
          return 'MD5'
        case '1.3.14.3.2.26':
          return 'SHA-1'
        case '2.16.840.1.101.3.4.2.1':
          return 'SHA-256'
        case '2.16.840.1.101.3.4.2.2':
          return 'SHA-384'
        case '2.16.840.1.101.3.4.2.3':
          return 'SHA-512'
      }
      throw x509Error('unknown hash OID ' + hashOID, data)
    }
    // Ed25519 -- see https://github.com/openssl/openssl/issues/15477
    case '1.3.101.110':
    case '1.3.101.112': // ph
      return 'SHA-512'
    // Ed448 -- still not in pg 17.2 (if supported, digest would be SHAKE256 x 64 bytes)
    case '1.3.101.111':
    case '1.3.101.113': // ph
      throw x509Error('Ed448 certificate channel binding is not currently supported by Postgres')
  }
  throw x509Error('unknown OID ' + oid, data)
}

module.exports = { signatureAlgorithmHashFromCertificate }


/***/ }),

/***/ 948:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


const crypto = __nccwpck_require__(4150)
const { signatureAlgorithmHashFromCertificate } = __nccwpck_require__(9765)

// SASLprep (RFC 4013) — minimal in-tree implementation.
//
// Per RFC 5802 §2.2, the SCRAM-SHA-256 client must normalize the password via
// SASLprep before feeding it into PBKDF2. PostgreSQL's server applies the same
// SASLprep when computing the stored verifier, and libpq does the same client
// side, so passwords whose NFKC form differs from the raw form
// would otherwise authenticate against psql/libpq but fail against pg with `28P01`.
//
// We deliberately implement only the three steps that change the byte content:
//   1. RFC 3454 Table C.1.2 (non-ASCII space) → U+0020 SPACE.
//   2. RFC 3454 Table B.1 (commonly mapped to nothing) → empty.
//   3. NFKC normalization.
// We skip the prohibition (RFC 4013 §2.3) and bidi (RFC 3454 §6) checks.
// libpq is forgiving on those paths and Postgres's own SASLprep matches that
// leniency for legacy roles, so omitting the rejection logic keeps existing
// roles working without adding complexity.
function saslprep(password) {
  // RFC 3454 Table C.1.2 — non-ASCII space characters, mapped to U+0020.
  const nonAsciiSpace = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g
  // RFC 3454 Table B.1 — "commonly mapped to nothing". The set intentionally
  // contains zero-width joiners and variation selectors — the very characters
  // ESLint's no-misleading-character-class warns about — because they combine
  // with their neighbors and the RFC strips them for that reason.
  // eslint-disable-next-line no-misleading-character-class
  const mappedToNothing = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g
  return password.replace(nonAsciiSpace, ' ').replace(mappedToNothing, '').normalize('NFKC')
}

const DEFAULT_MAX_SCRAM_ITERATIONS = 100000

function startSession(mechanisms, stream, scramMaxIterations = DEFAULT_MAX_SCRAM_ITERATIONS) {
  const candidates = ['SCRAM-SHA-256']
  if (stream) candidates.unshift('SCRAM-SHA-256-PLUS') // higher-priority, so placed first

  const mechanism = candidates.find((candidate) => mechanisms.includes(candidate))

  if (!mechanism) {
    throw new Error('SASL: Only mechanism(s) ' + candidates.join(' and ') + ' are supported')
  }

  if (mechanism === 'SCRAM-SHA-256-PLUS' && typeof stream.getPeerCertificate !== 'function') {
    // this should never happen if we are really talking to a Postgres server
    throw new Error('SASL: Mechanism SCRAM-SHA-256-PLUS requires a certificate')
  }

  const clientNonce = crypto.randomBytes(18).toString('base64')
  const gs2Header = mechanism === 'SCRAM-SHA-256-PLUS' ? 'p=tls-server-end-point' : stream ? 'y' : 'n'

  return {
    mechanism,
    clientNonce,
    response: gs2Header + ',,n=*,r=' + clientNonce,
    message: 'SASLInitialResponse',
    scramMaxIterations,
  }
}

async function continueSession(session, password, serverData, stream) {
  if (session.message !== 'SASLInitialResponse') {
    throw new Error('SASL: Last message was not SASLInitialResponse')
  }
  if (typeof password !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')
  }
  if (password === '') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: serverData must be a string')
  }

  const sv = parseServerFirstMessage(serverData)

  if (!sv.nonce.startsWith(session.clientNonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce does not start with client nonce')
  } else if (sv.nonce.length === session.clientNonce.length) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: server nonce is too short')
  }

  const scramMaxIterations =
    typeof session.scramMaxIterations === 'number' ? session.scramMaxIterations : DEFAULT_MAX_SCRAM_ITERATIONS
  // a value of 0 disables the iteration count check
  if (scramMaxIterations !== 0 && sv.iteration > scramMaxIterations) {
    throw new Error(
      'SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration count ' +
        sv.iteration +
        ' exceeds scramMaxIterations of ' +
        scramMaxIterations
    )
  }

  const clientFirstMessageBare = 'n=*,r=' + session.clientNonce
  const serverFirstMessage = 'r=' + sv.nonce + ',s=' + sv.salt + ',i=' + sv.iteration

  // without channel binding:
  let channelBinding = stream ? 'eSws' : 'biws' // 'y,,' or 'n,,', base64-encoded

  // override if channel binding is in use:
  if (session.mechanism === 'SCRAM-SHA-256-PLUS') {
    const peerCert = stream.getPeerCertificate().raw
    let hashName = signatureAlgorithmHashFromCertificate(peerCert)
    if (hashName === 'MD5' || hashName === 'SHA-1') hashName = 'SHA-256'
    const certHash = await crypto.hashByName(hashName, peerCert)
    const bindingData = Buffer.concat([Buffer.from('p=tls-server-end-point,,'), Buffer.from(certHash)])
    channelBinding = bindingData.toString('base64')
  }

  const clientFinalMessageWithoutProof = 'c=' + channelBinding + ',r=' + sv.nonce
  const authMessage = clientFirstMessageBare + ',' + serverFirstMessage + ',' + clientFinalMessageWithoutProof

  const saltBytes = Buffer.from(sv.salt, 'base64')
  const saltedPassword = await crypto.deriveKey(saslprep(password), saltBytes, sv.iteration)
  const clientKey = await crypto.hmacSha256(saltedPassword, 'Client Key')
  const storedKey = await crypto.sha256(clientKey)
  const clientSignature = await crypto.hmacSha256(storedKey, authMessage)
  const clientProof = xorBuffers(Buffer.from(clientKey), Buffer.from(clientSignature)).toString('base64')
  const serverKey = await crypto.hmacSha256(saltedPassword, 'Server Key')
  const serverSignatureBytes = await crypto.hmacSha256(serverKey, authMessage)

  session.message = 'SASLResponse'
  session.serverSignature = Buffer.from(serverSignatureBytes).toString('base64')
  session.response = clientFinalMessageWithoutProof + ',p=' + clientProof
}

function finalizeSession(session, serverData) {
  if (session.message !== 'SASLResponse') {
    throw new Error('SASL: Last message was not SASLResponse')
  }
  if (typeof serverData !== 'string') {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: serverData must be a string')
  }

  const { serverSignature } = parseServerFinalMessage(serverData)

  if (serverSignature !== session.serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature does not match')
  }
}

/**
 * printable       = %x21-2B / %x2D-7E
 *                   ;; Printable ASCII except ",".
 *                   ;; Note that any "printable" is also
 *                   ;; a valid "value".
 */
function isPrintableChars(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: text must be a string')
  }
  return text
    .split('')
    .map((_, i) => text.charCodeAt(i))
    .every((c) => (c >= 0x21 && c <= 0x2b) || (c >= 0x2d && c <= 0x7e))
}

/**
 * base64-char     = ALPHA / DIGIT / "/" / "+"
 *
 * base64-4        = 4base64-char
 *
 * base64-3        = 3base64-char "="
 *
 * base64-2        = 2base64-char "=="
 *
 * base64          = *base64-4 [base64-3 / base64-2]
 */
function isBase64(text) {
  return /^(?:[a-zA-Z0-9+/]{4})*(?:[a-zA-Z0-9+/]{2}==|[a-zA-Z0-9+/]{3}=)?$/.test(text)
}

function parseAttributePairs(text) {
  if (typeof text !== 'string') {
    throw new TypeError('SASL: attribute pairs text must be a string')
  }

  return new Map(
    text.split(',').map((attrValue) => {
      if (!/^.=/.test(attrValue)) {
        throw new Error('SASL: Invalid attribute pair entry')
      }
      const name = attrValue[0]
      const value = attrValue.substring(2)
      return [name, value]
    })
  )
}

function parseServerFirstMessage(data) {
  const attrPairs = parseAttributePairs(data)

  const nonce = attrPairs.get('r')
  if (!nonce) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce missing')
  } else if (!isPrintableChars(nonce)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: nonce must only contain printable characters')
  }
  const salt = attrPairs.get('s')
  if (!salt) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt missing')
  } else if (!isBase64(salt)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: salt must be base64')
  }
  const iterationText = attrPairs.get('i')
  if (!iterationText) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: iteration missing')
  } else if (!/^[1-9][0-9]*$/.test(iterationText)) {
    throw new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: invalid iteration count')
  }
  const iteration = parseInt(iterationText, 10)

  return {
    nonce,
    salt,
    iteration,
  }
}

function parseServerFinalMessage(serverData) {
  const attrPairs = parseAttributePairs(serverData)
  const error = attrPairs.get('e')
  const serverSignature = attrPairs.get('v')

  if (error) {
    throw new Error(`SASL: SCRAM-SERVER-FINAL-MESSAGE: server returned error: "${error}"`)
  }

  if (!serverSignature) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature is missing')
  } else if (!isBase64(serverSignature)) {
    throw new Error('SASL: SCRAM-SERVER-FINAL-MESSAGE: server signature must be base64')
  }
  return {
    serverSignature,
  }
}

function xorBuffers(a, b) {
  if (!Buffer.isBuffer(a)) {
    throw new TypeError('first argument must be a Buffer')
  }
  if (!Buffer.isBuffer(b)) {
    throw new TypeError('second argument must be a Buffer')
  }
  if (a.length !== b.length) {
    throw new Error('Buffer lengths must match')
  }
  if (a.length === 0) {
    throw new Error('Buffers cannot be empty')
  }
  return Buffer.from(a.map((_, i) => a[i] ^ b[i]))
}

module.exports = {
  startSession,
  continueSession,
  finalizeSession,
  DEFAULT_MAX_SCRAM_ITERATIONS,
}


/***/ }),

/***/ 4150:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeCrypto = __nccwpck_require__(6982)

module.exports = {
  postgresMd5PasswordHash,
  randomBytes,
  deriveKey,
  sha256,
  hashByName,
  hmacSha256,
  md5,
}

/**
 * The Web Crypto API - grabbed from the Node.js library or the global
 * @type Crypto
 */
// eslint-disable-next-line no-undef
const webCrypto = nodeCrypto.webcrypto || globalThis.crypto
/**
 * The SubtleCrypto API for low level crypto operations.
 * @type SubtleCrypto
 */
const subtleCrypto = webCrypto.subtle
const textEncoder = new TextEncoder()

/**
 *
 * @param {*} length
 * @returns
 */
function randomBytes(length) {
  return webCrypto.getRandomValues(Buffer.alloc(length))
}

async function md5(string) {
  try {
    return nodeCrypto.createHash('md5').update(string, 'utf-8').digest('hex')
  } catch (e) {
    // `createHash()` failed so we are probably not in Node.js, use the WebCrypto API instead.
    // Note that the MD5 algorithm on WebCrypto is not available in Node.js.
    // This is why we cannot just use WebCrypto in all environments.
    const data = typeof string === 'string' ? textEncoder.encode(string) : string
    const hash = await subtleCrypto.digest('MD5', data)
    return Array.from(new Uint8Array(hash))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
  }
}

// See AuthenticationMD5Password at https://www.postgresql.org/docs/current/static/protocol-flow.html
async function postgresMd5PasswordHash(user, password, salt) {
  const inner = await md5(password + user)
  const outer = await md5(Buffer.concat([Buffer.from(inner), salt]))
  return 'md5' + outer
}

/**
 * Create a SHA-256 digest of the given data
 * @param {Buffer} data
 */
async function sha256(text) {
  return await subtleCrypto.digest('SHA-256', text)
}

async function hashByName(hashName, text) {
  return await subtleCrypto.digest(hashName, text)
}

/**
 * Sign the message with the given key
 * @param {ArrayBuffer} keyBuffer
 * @param {string} msg
 */
async function hmacSha256(keyBuffer, msg) {
  const key = await subtleCrypto.importKey('raw', keyBuffer, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return await subtleCrypto.sign('HMAC', key, textEncoder.encode(msg))
}

/**
 * Derive a key from the password and salt
 * @param {string} password
 * @param {Uint8Array} salt
 * @param {number} iterations
 */
async function deriveKey(password, salt, iterations) {
  const key = await subtleCrypto.importKey('raw', textEncoder.encode(password), 'PBKDF2', false, ['deriveBits'])
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }
  return await subtleCrypto.deriveBits(params, key, 32 * 8, ['deriveBits'])
}


/***/ }),

/***/ 8995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



let user
try {
  user = process.platform === 'win32' ? process.env.USERNAME : process.env.USER
} catch {
  // ignore, e.g., Deno without --allow-env
}

module.exports = {
  // database host. defaults to localhost
  host: 'localhost',

  // database user's name
  user,

  // name of database to connect
  database: undefined,

  // database user's password
  password: null,

  // a Postgres connection string to be used instead of setting individual connection items
  // NOTE:  Setting this value will cause it to override any other value (such as database or user) defined
  // in the defaults object.
  connectionString: undefined,

  // database port
  port: 5432,

  // number of rows to return at a time from a prepared statement's
  // portal. 0 will return all rows at once
  rows: 0,

  // binary result mode
  binary: false,

  // Connection pool options - see https://github.com/brianc/node-pg-pool

  // number of connections to use in connection pool
  // 0 will disable connection pooling
  max: 10,

  // max milliseconds a client can go unused before it is removed
  // from the pool and destroyed
  idleTimeoutMillis: 30000,

  client_encoding: '',

  ssl: false,

  // SSL negotiation style: 'postgres' (traditional SSLRequest) or 'direct'
  sslnegotiation: undefined,

  application_name: undefined,

  fallback_application_name: undefined,

  options: undefined,

  parseInputDatesAsUTC: false,

  // max milliseconds any query using this connection will execute for before timing out in error.
  // false=unlimited
  statement_timeout: false,

  // Abort any statement that waits longer than the specified duration in milliseconds while attempting to acquire a lock.
  // false=unlimited
  lock_timeout: false,

  // Terminate any session with an open transaction that has been idle for longer than the specified duration in milliseconds
  // false=unlimited
  idle_in_transaction_session_timeout: false,

  // max milliseconds to wait for query to complete (client side)
  query_timeout: false,

  connect_timeout: 0,

  keepalives: 1,

  keepalives_idle: 0,
}

const pgTypes = __nccwpck_require__(1549)
// save default parsers
const parseBigInteger = pgTypes.getTypeParser(20, 'text')
const parseBigIntegerArray = pgTypes.getTypeParser(1016, 'text')

// parse int8 so you can get your count values as actual numbers
module.exports.__defineSetter__('parseInt8', function (val) {
  pgTypes.setTypeParser(20, 'text', val ? pgTypes.getTypeParser(23, 'text') : parseBigInteger)
  pgTypes.setTypeParser(1016, 'text', val ? pgTypes.getTypeParser(1007, 'text') : parseBigIntegerArray)
})


/***/ }),

/***/ 3273:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Client = __nccwpck_require__(5042)
const defaults = __nccwpck_require__(8995)
const Connection = __nccwpck_require__(9809)
const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)
const Pool = __nccwpck_require__(7558)
const TypeOverrides = __nccwpck_require__(365)
const { DatabaseError } = __nccwpck_require__(4233)
const { escapeIdentifier, escapeLiteral } = __nccwpck_require__(9652)

const poolFactory = (Client) => {
  return class BoundPool extends Pool {
    constructor(options) {
      super(options, Client)
    }
  }
}

const PG = function (clientConstructor) {
  this.defaults = defaults
  this.Client = clientConstructor
  this.Query = this.Client.Query
  this.Pool = poolFactory(this.Client)
  this._pools = []
  this.Connection = Connection
  this.types = __nccwpck_require__(1549)
  this.DatabaseError = DatabaseError
  this.TypeOverrides = TypeOverrides
  this.escapeIdentifier = escapeIdentifier
  this.escapeLiteral = escapeLiteral
  this.Result = Result
  this.utils = utils
}

let clientConstructor = Client

let forceNative = false
try {
  forceNative = !!process.env.NODE_PG_FORCE_NATIVE
} catch {
  // ignore, e.g., Deno without --allow-env
}

if (forceNative) {
  clientConstructor = __nccwpck_require__(5301)
}

module.exports = new PG(clientConstructor)

// lazy require native module...the native module may not have installed
Object.defineProperty(module.exports, "native", ({
  configurable: true,
  enumerable: false,
  get() {
    let native = null
    try {
      native = new PG(__nccwpck_require__(5301))
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') {
        throw err
      }
    }

    // overwrite module.exports.native so that getter is never called again
    Object.defineProperty(module.exports, "native", ({
      value: native,
    }))

    return native
  },
}))


/***/ }),

/***/ 8942:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const nodeUtils = __nccwpck_require__(9023)
// eslint-disable-next-line
var Native
// eslint-disable-next-line no-useless-catch
try {
  // Wrap this `require()` in a try-catch to avoid upstream bundlers from complaining that this might not be available since it is an optional import
  Native = __nccwpck_require__(4390)
} catch (e) {
  throw e
}
const TypeOverrides = __nccwpck_require__(365)
const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const ConnectionParameters = __nccwpck_require__(646)

const NativeQuery = __nccwpck_require__(7581)

const queryQueueLengthDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'
)

const Client = (module.exports = function (config) {
  EventEmitter.call(this)
  config = config || {}

  this._Promise = config.Promise || global.Promise
  this._types = new TypeOverrides(config.types)

  this.native = new Native({
    types: this._types,
  })

  this._queryQueue = []
  this._ending = false
  this._connecting = false
  this._connected = false
  this._queryable = true
  this.pipeline = Boolean(config.pipeline)
  this._pipelineInFlight = false

  // keep these on the object for legacy reasons
  // for the time being. TODO: deprecate all this jazz
  const cp = (this.connectionParameters = new ConnectionParameters(config))
  if (config.nativeConnectionString) cp.nativeConnectionString = config.nativeConnectionString
  this.user = cp.user

  // "hiding" the password so it doesn't show up in stack traces
  // or if the client is console.logged
  Object.defineProperty(this, 'password', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: cp.password,
  })
  this.database = cp.database
  this.host = cp.host
  this.port = cp.port

  // a hash to hold named queries
  this.namedQueries = {}
})

Client.Query = NativeQuery

util.inherits(Client, EventEmitter)

Client.prototype._errorAllQueries = function (err) {
  const enqueueError = (query) => {
    process.nextTick(() => {
      query.native = this.native
      query.handleError(err)
    })
  }

  if (this._hasActiveQuery()) {
    enqueueError(this._activeQuery)
    this._activeQuery = null
  }

  this._queryQueue.forEach(enqueueError)
  this._queryQueue.length = 0
}

// connect to the backend
// pass an optional callback to be called once connected
// or with an error if there was a connection error
Client.prototype._connect = function (cb) {
  const self = this

  if (this._connecting) {
    process.nextTick(() => cb(new Error('Client has already been connected. You cannot reuse a client.')))
    return
  }

  this._connecting = true

  this.connectionParameters.getLibpqConnectionString(function (err, conString) {
    if (self.connectionParameters.nativeConnectionString) conString = self.connectionParameters.nativeConnectionString
    if (err) return cb(err)
    self.native.connect(conString, function (err) {
      if (err) {
        self.native.end()
        return cb(err)
      }

      // set internal states to connected
      self._connected = true

      // handle connection errors from the native layer
      self.native.on('error', function (err) {
        self._queryable = false
        self._errorAllQueries(err)
        self.emit('error', err)
      })

      self.native.on('notification', function (msg) {
        self.emit('notification', {
          channel: msg.relname,
          payload: msg.extra,
        })
      })

      // signal we are connected now
      self.emit('connect')
      self._pulseQueryQueue(true)

      cb(null, this)
    })
  })
}

Client.prototype.connect = function (callback) {
  if (callback) {
    this._connect(callback)
    return
  }

  return new this._Promise((resolve, reject) => {
    this._connect((error) => {
      if (error) {
        reject(error)
      } else {
        resolve(this)
      }
    })
  })
}

// send a query to the server
// this method is highly overloaded to take
// 1) string query, optional array of parameters, optional function callback
// 2) object query with {
//    string query
//    optional array values,
//    optional function callback instead of as a separate parameter
//    optional string name to name & cache the query plan
//    optional string rowMode = 'array' for an array of results
//  }
Client.prototype.query = function (config, values, callback) {
  let query
  let result
  let readTimeout
  let readTimeoutTimer
  let queryCallback

  if (config === null || config === undefined) {
    throw new TypeError('Client was passed a null or undefined query')
  } else if (typeof config.submit === 'function') {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    result = query = config
    // accept query(new Query(...), (err, res) => { }) style
    if (typeof values === 'function') {
      config.callback = values
    }
  } else {
    readTimeout = config.query_timeout || this.connectionParameters.query_timeout
    query = new NativeQuery(config, values, callback)
    if (!query.callback) {
      let resolveOut, rejectOut
      result = new this._Promise((resolve, reject) => {
        resolveOut = resolve
        rejectOut = reject
      }).catch((err) => {
        Error.captureStackTrace(err)
        throw err
      })
      query.callback = (err, res) => (err ? rejectOut(err) : resolveOut(res))
    }
  }

  if (readTimeout) {
    queryCallback = query.callback || (() => {})

    readTimeoutTimer = setTimeout(() => {
      const error = new Error('Query read timeout')

      process.nextTick(() => {
        query.handleError(error, this.connection)
      })

      queryCallback(error)

      // we already returned an error,
      // just do nothing if query completes
      query.callback = () => {}

      // Remove from queue
      const index = this._queryQueue.indexOf(query)
      if (index > -1) {
        this._queryQueue.splice(index, 1)
      }

      this._pulseQueryQueue()
    }, readTimeout)

    query.callback = (err, res) => {
      clearTimeout(readTimeoutTimer)
      queryCallback(err, res)
    }
  }

  if (!this._queryable) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client has encountered a connection error and is not queryable'))
    })
    return result
  }

  if (this._ending) {
    query.native = this.native
    process.nextTick(() => {
      query.handleError(new Error('Client was closed and is not queryable'))
    })
    return result
  }

  if (this._queryQueue.length > 0 && !this.pipeline) {
    queryQueueLengthDeprecationNotice()
  }

  this._queryQueue.push(query)
  this._pulseQueryQueue()
  return result
}

// disconnect from the backend server
Client.prototype.end = function (cb) {
  const self = this

  this._ending = true

  if (this._connecting && !this._connected) {
    this.once('connect', () => {
      this.end(() => {})
    })
  }
  let result
  if (!cb) {
    result = new this._Promise(function (resolve, reject) {
      cb = (err) => (err ? reject(err) : resolve())
    })
  }

  const doEnd = function () {
    self.native.end(function () {
      self._connected = false

      self._errorAllQueries(new Error('Connection terminated'))

      process.nextTick(() => {
        self.emit('end')
        if (cb) cb()
      })
    })
  }

  // If pipeline has in-flight or queued queries, wait for them to drain before closing
  if (this.pipeline && (this._pipelineInFlight || this._queryQueue.length > 0)) {
    this.once('drain', doEnd)
  } else {
    doEnd()
  }
  return result
}

Client.prototype._hasActiveQuery = function () {
  return this._activeQuery && this._activeQuery.state !== 'error' && this._activeQuery.state !== 'end'
}

Client.prototype._pulseQueryQueue = function (initialConnection) {
  if (!this._connected) {
    return
  }
  if (this.pipeline && !initialConnection) {
    return this._pulsePipelinedQueryQueue()
  }
  if (this._hasActiveQuery()) {
    return
  }
  const query = this._queryQueue.shift()
  if (!query) {
    if (!initialConnection) {
      this.emit('drain')
    }
    return
  }
  this._activeQuery = query
  query.submit(this)
  const self = this
  query.once('_done', function () {
    self._pulseQueryQueue()
  })
}

Client.prototype._pulsePipelinedQueryQueue = function () {
  if (!this._connected || this._pipelineInFlight) {
    return
  }
  if (this._queryQueue.length === 0) {
    if (this.hasExecuted) {
      this.emit('drain')
    }
    return
  }

  this._pipelineInFlight = true
  const self = this
  const queries = []
  const nativeQueries = []
  const utils = __nccwpck_require__(9652)

  while (this._queryQueue.length > 0) {
    const query = this._queryQueue.shift()
    this.hasExecuted = true
    nativeQueries.push(query)

    const values = query.values ? query.values.map(utils.prepareValue) : null
    const pipelineEntry = { text: query.text, name: query.name, arrayMode: query._arrayMode }
    if (values) {
      pipelineEntry.values = values
    }
    if (query.name && this.namedQueries[query.name]) {
      pipelineEntry._alreadyPrepared = true
    }
    queries.push(pipelineEntry)
  }

  this.native.pipeline(queries, function (err, results) {
    self._pipelineInFlight = false

    if (err) {
      // Total pipeline failure. Per-query errors arrive on results[i].err, so reaching here means
      // the connection itself is gone: mark it unusable and say so, the way the JS client and the
      // non-pipelined native path both do. Without this the client looks healthy after losing its
      // backend, a Pool never discards it, and everything routed to it fails one query at a time
      // for the life of the process.
      self._connected = false
      self._queryable = false
      for (let i = 0; i < nativeQueries.length; i++) {
        const q = nativeQueries[i]
        q.native = self.native
        q.handleError(err)
      }
      self._errorAllQueries(err)
      self.emit('error', err)
      self.emit('end')
      return
    }

    // Deliver results to each query
    for (let i = 0; i < nativeQueries.length; i++) {
      const q = nativeQueries[i]
      const r = results[i]
      q.native = self.native

      if (r.err) {
        q.handleError(r.err)
      } else {
        // Track named queries on success
        if (q.name) {
          self.namedQueries[q.name] = q.text
        }
        q.state = 'end'
        q.emit('end', r.result)
        if (q.callback) {
          q.callback(null, r.result)
        }
      }

      setImmediate(function () {
        q.emit('_done')
      })
    }

    // Process any queries that arrived while we were reading
    self._pulsePipelinedQueryQueue()
  })
}

// attempt to cancel an in-progress query
Client.prototype.cancel = function (query) {
  if (this._activeQuery === query) {
    this.native.cancel(function () {})
  } else if (this._queryQueue.indexOf(query) !== -1) {
    this._queryQueue.splice(this._queryQueue.indexOf(query), 1)
  }
}

Client.prototype.ref = function () {}
Client.prototype.unref = function () {}

Client.prototype.setTypeParser = function (oid, format, parseFn) {
  return this._types.setTypeParser(oid, format, parseFn)
}

Client.prototype.getTypeParser = function (oid, format) {
  return this._types.getTypeParser(oid, format)
}

Client.prototype.isConnected = function () {
  return this._connected
}

Client.prototype.getTransactionStatus = function () {
  return this.native.getTransactionStatus()
}


/***/ }),

/***/ 5301:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


module.exports = __nccwpck_require__(8942)


/***/ }),

/***/ 7581:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const EventEmitter = (__nccwpck_require__(4434).EventEmitter)
const util = __nccwpck_require__(9023)
const utils = __nccwpck_require__(9652)

const NativeQuery = (module.exports = function (config, values, callback) {
  EventEmitter.call(this)
  config = utils.normalizeQueryConfig(config, values, callback)
  this.text = config.text
  this.values = config.values
  this.name = config.name
  this.queryMode = config.queryMode
  this.callback = config.callback
  this.state = 'new'
  this._arrayMode = config.rowMode === 'array'

  // if the 'row' event is listened for
  // then emit them as they come in
  // without setting singleRowMode to true
  // this has almost no meaning because libpq
  // reads all rows into memory before returning any
  this._emitRowEvents = false
  this.on(
    'newListener',
    function (event) {
      if (event === 'row') this._emitRowEvents = true
    }.bind(this)
  )
})

util.inherits(NativeQuery, EventEmitter)

const errorFieldMap = {
  sqlState: 'code',
  statementPosition: 'position',
  messagePrimary: 'message',
  messageDetail: 'detail',
  messageHint: 'hint',
  context: 'where',
  schemaName: 'schema',
  tableName: 'table',
  columnName: 'column',
  dataTypeName: 'dataType',
  constraintName: 'constraint',
  sourceFile: 'file',
  sourceLine: 'line',
  sourceFunction: 'routine',
}

NativeQuery.prototype.handleError = function (err) {
  // copy pq error fields into the error object
  const fields = this.native && this.native.pq.resultErrorFields()
  if (fields) {
    for (const key in fields) {
      const normalizedFieldName = errorFieldMap[key] || key
      err[normalizedFieldName] = fields[key]
    }
  }
  if (this.callback) {
    this.callback(err)
  } else {
    this.emit('error', err)
  }
  this.state = 'error'
}

NativeQuery.prototype.then = function (onSuccess, onFailure) {
  return this._getPromise().then(onSuccess, onFailure)
}

NativeQuery.prototype.catch = function (callback) {
  return this._getPromise().catch(callback)
}

NativeQuery.prototype._getPromise = function () {
  if (this._promise) return this._promise
  this._promise = new Promise(
    function (resolve, reject) {
      this._once('end', resolve)
      this._once('error', reject)
    }.bind(this)
  )
  return this._promise
}

NativeQuery.prototype.submit = function (client) {
  this.state = 'running'
  const self = this
  this.native = client.native
  client.native.arrayMode = this._arrayMode

  let after = function (err, rows, results) {
    client.native.arrayMode = false
    setImmediate(function () {
      self.emit('_done')
    })

    // handle possible query error
    if (err) {
      return self.handleError(err)
    }

    // emit row events for each row in the result
    if (self._emitRowEvents) {
      if (results.length > 1) {
        rows.forEach((rowOfRows, i) => {
          rowOfRows.forEach((row) => {
            self.emit('row', row, results[i])
          })
        })
      } else {
        rows.forEach(function (row) {
          self.emit('row', row, results)
        })
      }
    }

    // handle successful result
    self.state = 'end'
    self.emit('end', results)
    if (self.callback) {
      self.callback(null, results)
    }
  }

  if (process.domain) {
    after = process.domain.bind(after)
  }

  // named query
  if (this.name) {
    if (this.name.length > 63) {
      console.error('Warning! Postgres only supports 63 characters for query names.')
      console.error('You supplied %s (%s)', this.name, this.name.length)
      console.error('This can cause conflicts and silent errors executing queries')
    }
    const values = (this.values || []).map(utils.prepareValue)

    // check if the client has already executed this named query
    // if so...just execute it again - skip the planning phase
    if (client.namedQueries[this.name] !== undefined) {
      if (this.text && client.namedQueries[this.name] !== this.text) {
        const err = new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
        return after(err)
      }
      return client.native.execute(this.name, values, after)
    }
    // plan the named query the first time, then execute it
    return client.native.prepare(this.name, this.text, values.length, function (err) {
      if (err) return after(err)
      client.namedQueries[self.name] = self.text
      return self.native.execute(self.name, values, after)
    })
  } else if (this.values) {
    if (!Array.isArray(this.values)) {
      const err = new Error('Query values must be an array')
      return after(err)
    }
    const vals = this.values.map(utils.prepareValue)
    client.native.query(this.text, vals, after)
  } else if (this.queryMode === 'extended') {
    client.native.query(this.text, [], after)
  } else {
    client.native.query(this.text, after)
  }
}


/***/ }),

/***/ 4473:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { EventEmitter } = __nccwpck_require__(4434)

const Result = __nccwpck_require__(6424)
const utils = __nccwpck_require__(9652)

class Query extends EventEmitter {
  constructor(config, values, callback) {
    super()

    config = utils.normalizeQueryConfig(config, values, callback)

    this.text = config.text
    this.values = config.values
    this.rows = config.rows
    this.types = config.types
    this.name = config.name
    this.queryMode = config.queryMode
    this.binary = config.binary
    // use unique portal name each time
    this.portal = config.portal || ''
    this.callback = config.callback
    this._rowMode = config.rowMode
    if (process.domain && config.callback) {
      this.callback = process.domain.bind(config.callback)
    }
    this._result = new Result(this._rowMode, this.types)

    // potential for multiple results
    this._results = this._result
    this._canceledDueToError = false
  }

  requiresPreparation() {
    if (this.queryMode === 'extended') {
      return true
    }

    // named queries must always be prepared
    if (this.name) {
      return true
    }
    // always prepare if there are max number of rows expected per
    // portal execution
    if (this.rows) {
      return true
    }
    // don't prepare empty text queries
    if (!this.text) {
      return false
    }
    // prepare if there are values
    if (!this.values) {
      return false
    }
    return this.values.length > 0
  }

  _checkForMultirow() {
    // if we already have a result with a command property
    // then we've already executed one query in a multi-statement simple query
    // turn our results into an array of results
    if (this._result.command) {
      if (!Array.isArray(this._results)) {
        this._results = [this._result]
      }
      this._result = new Result(this._rowMode, this._result._types)
      this._results.push(this._result)
    }
  }

  // associates row metadata from the supplied
  // message with this query object
  // metadata used when parsing row results
  handleRowDescription(msg) {
    this._checkForMultirow()
    this._result.addFields(msg.fields)
    this._accumulateRows = this.callback || !this.listeners('row').length
  }

  handleDataRow(msg) {
    let row

    if (this._canceledDueToError) {
      return
    }

    try {
      row = this._result.parseRow(msg.fields)
    } catch (err) {
      this._canceledDueToError = err
      return
    }

    this.emit('row', row, this._result)
    if (this._accumulateRows) {
      this._result.addRow(row)
    }
  }

  handleCommandComplete(msg, connection) {
    this._checkForMultirow()
    this._result.addCommandComplete(msg)
    // need to sync after each command complete of a prepared statement
    // if we were using a row count which results in multiple calls to _getRows
    if (this.rows) {
      connection.sync()
    }
  }

  // if a named prepared statement is created with empty query text
  // the backend will send an emptyQuery message but *not* a command complete message
  // since we pipeline sync immediately after execute we don't need to do anything here
  // unless we have rows specified, in which case we did not pipeline the initial sync call
  handleEmptyQuery(connection) {
    if (this.rows) {
      connection.sync()
    }
  }

  handleError(err, connection) {
    // need to sync after error during a prepared statement
    if (this._canceledDueToError) {
      err = this._canceledDueToError
      this._canceledDueToError = false
    }
    // if callback supplied do not emit error event as uncaught error
    // events will bubble up to node process
    if (this.callback) {
      return this.callback(err)
    }
    this.emit('error', err)
  }

  handleReadyForQuery(con) {
    if (this._canceledDueToError) {
      return this.handleError(this._canceledDueToError, con)
    }
    if (this.callback) {
      try {
        this.callback(null, this._results)
      } catch (err) {
        process.nextTick(() => {
          throw err
        })
      }
    }
    this.emit('end', this._results)
  }

  submit(connection) {
    if (typeof this.text !== 'string' && typeof this.name !== 'string') {
      return new Error('A query must have either text or a name. Supplying neither is unsupported.')
    }
    const previous = connection.parsedStatements[this.name] || connection.submittedNamedStatements[this.name]
    if (this.text && previous && this.text !== previous) {
      return new Error(`Prepared statements must be unique - '${this.name}' was used for a different statement`)
    }
    if (this.values && !Array.isArray(this.values)) {
      return new Error('Query values must be an array')
    }
    if (this.requiresPreparation()) {
      // If we're using the extended query protocol we fire off several separate commands
      // to the backend. On some versions of node & some operating system versions
      // the network stack writes each message separately instead of buffering them together
      // causing the client & network to send more slowly. Corking & uncorking the stream
      // allows node to buffer up the messages internally before sending them all off at once.
      // note: we're checking for existence of cork/uncork because some versions of streams
      // might not have this (cloudflare?)
      connection.stream.cork && connection.stream.cork()
      try {
        this.prepare(connection)
      } finally {
        // while unlikely for this.prepare to throw, if it does & we don't uncork this stream
        // this client becomes unresponsive, so put in finally block "just in case"
        connection.stream.uncork && connection.stream.uncork()
      }
    } else {
      connection.query(this.text)
    }
    return null
  }

  hasBeenParsed(connection) {
    return (
      this.name &&
      (connection.parsedStatements[this.name] !== undefined ||
        connection.submittedNamedStatements[this.name] !== undefined)
    )
  }

  handlePortalSuspended(connection) {
    this._getRows(connection, this.rows)
  }

  _getRows(connection, rows) {
    connection.execute({
      portal: this.portal,
      rows: rows,
    })
    // if we're not reading pages of rows send the sync command
    // to indicate the pipeline is finished
    if (!rows) {
      connection.sync()
    } else {
      // otherwise flush the call out to read more rows
      connection.flush()
    }
  }

  // http://developer.postgresql.org/pgdocs/postgres/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
  prepare(connection) {
    // TODO refactor this poor encapsulation
    if (!this.hasBeenParsed(connection)) {
      connection.parse({
        text: this.text,
        name: this.name,
        types: this.types,
      })
      if (this.name) {
        connection.submittedNamedStatements[this.name] = this.text
      }
    }

    // because we're mapping user supplied values to
    // postgres wire protocol compatible values it could
    // throw an exception, so try/catch this section
    try {
      connection.bind({
        portal: this.portal,
        statement: this.name,
        values: this.values,
        binary: this.binary,
        valueMapper: utils.prepareValue,
      })
    } catch (err) {
      // we should close parse to avoid leaking connections
      connection.close({ type: 'S', name: this.name })
      connection.sync()

      this.handleError(err, connection)
      return
    }

    connection.describe({
      type: 'P',
      name: this.portal || '',
    })

    this._getRows(connection, this.rows)
  }

  handleCopyInResponse(connection) {
    connection.sendCopyFail('No source stream defined')
  }

  handleCopyData(msg, connection) {
    // noop
  }
}

module.exports = Query


/***/ }),

/***/ 6424:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

const matchRegexp = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/

// result object returned from query
// in the 'end' event and also
// passed as second argument to provided callback
class Result {
  constructor(rowMode, types) {
    this.command = null
    this.rowCount = null
    this.oid = null
    this.rows = []
    this.fields = []
    this._parsers = undefined
    this._types = types
    this.RowCtor = null
    this.rowAsArray = rowMode === 'array'
    if (this.rowAsArray) {
      this.parseRow = this._parseRowAsArray
    }
    this._prebuiltEmptyResultObject = null
  }

  // adds a command complete message
  addCommandComplete(msg) {
    let match
    if (msg.text) {
      // pure javascript
      match = matchRegexp.exec(msg.text)
    } else {
      // native bindings
      match = matchRegexp.exec(msg.command)
    }
    if (match) {
      this.command = match[1]
      if (match[3]) {
        // COMMAND OID ROWS
        this.oid = parseInt(match[2], 10)
        this.rowCount = parseInt(match[3], 10)
      } else if (match[2]) {
        // COMMAND ROWS
        this.rowCount = parseInt(match[2], 10)
      }
    }
  }

  _parseRowAsArray(rowData) {
    const row = new Array(rowData.length)
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      if (rawValue !== null) {
        row[i] = this._parsers[i](rawValue)
      } else {
        row[i] = null
      }
    }
    return row
  }

  parseRow(rowData) {
    const row = { ...this._prebuiltEmptyResultObject }
    for (let i = 0, len = rowData.length; i < len; i++) {
      const rawValue = rowData[i]
      const field = this.fields[i].name
      if (rawValue !== null) {
        const v = this.fields[i].format === 'binary' ? Buffer.from(rawValue) : rawValue
        row[field] = this._parsers[i](v)
      } else {
        row[field] = null
      }
    }
    return row
  }

  addRow(row) {
    this.rows.push(row)
  }

  addFields(fieldDescriptions) {
    // clears field definitions
    // multiple query statements in 1 action can result in multiple sets
    // of rowDescriptions...eg: 'select NOW(); select 1::int;'
    // you need to reset the fields
    this.fields = fieldDescriptions
    if (this.fields.length) {
      this._parsers = new Array(fieldDescriptions.length)
    }

    const row = Object.create(null)

    for (let i = 0; i < fieldDescriptions.length; i++) {
      const desc = fieldDescriptions[i]
      row[desc.name] = null

      if (this._types) {
        this._parsers[i] = this._types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      } else {
        this._parsers[i] = types.getTypeParser(desc.dataTypeID, desc.format || 'text')
      }
    }

    this._prebuiltEmptyResultObject = { ...row }
  }
}

module.exports = Result


/***/ }),

/***/ 829:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

const { getStream, getSecureStream } = getStreamFuncs()

module.exports = {
  /**
   * Get a socket stream compatible with the current runtime environment.
   * @returns {Duplex}
   */
  getStream,
  /**
   * Get a TLS secured socket, compatible with the current environment,
   * using the socket and other settings given in `options`.
   * @returns {Duplex}
   */
  getSecureStream,
}

/**
 * The stream functions that work in Node.js
 */
function getNodejsStreamFuncs() {
  function getStream(ssl) {
    const net = __nccwpck_require__(9278)
    return new net.Socket()
  }

  function getSecureStream(options) {
    const tls = __nccwpck_require__(4756)
    return tls.connect(options)
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * The stream functions that work in Cloudflare Workers
 */
function getCloudflareStreamFuncs() {
  function getStream(ssl) {
    const { CloudflareSocket } = __nccwpck_require__(785)
    return new CloudflareSocket(ssl)
  }

  function getSecureStream(options) {
    options.socket.startTls(options)
    return options.socket
  }
  return {
    getStream,
    getSecureStream,
  }
}

/**
 * Are we running in a Cloudflare Worker?
 *
 * @returns true if the code is currently running inside a Cloudflare Worker.
 */
function isCloudflareRuntime() {
  // Since 2022-03-21 the `global_navigator` compatibility flag is on for Cloudflare Workers
  // which means that `navigator.userAgent` will be defined.
  // eslint-disable-next-line no-undef
  if (typeof navigator === 'object' && navigator !== null && typeof navigator.userAgent === 'string') {
    // eslint-disable-next-line no-undef
    return navigator.userAgent === 'Cloudflare-Workers'
  }
  // In case `navigator` or `navigator.userAgent` is not defined then try a more sneaky approach
  if (typeof Response === 'function') {
    const resp = new Response(null, { cf: { thing: true } })
    if (typeof resp.cf === 'object' && resp.cf !== null && resp.cf.thing) {
      return true
    }
  }
  return false
}

function getStreamFuncs() {
  if (isCloudflareRuntime()) {
    return getCloudflareStreamFuncs()
  }
  return getNodejsStreamFuncs()
}


/***/ }),

/***/ 365:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const types = __nccwpck_require__(1549)

function TypeOverrides(userTypes) {
  this._types = userTypes || types
  this.text = {}
  this.binary = {}
}

TypeOverrides.prototype.getOverrides = function (format) {
  switch (format) {
    case 'text':
      return this.text
    case 'binary':
      return this.binary
    default:
      return {}
  }
}

TypeOverrides.prototype.setTypeParser = function (oid, format, parseFn) {
  if (typeof format === 'function') {
    parseFn = format
    format = 'text'
  }
  this.getOverrides(format)[oid] = parseFn
}

TypeOverrides.prototype.getTypeParser = function (oid, format) {
  format = format || 'text'
  return this.getOverrides(format)[oid] || this._types.getTypeParser(oid, format)
}

module.exports = TypeOverrides


/***/ }),

/***/ 9652:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const defaults = __nccwpck_require__(8995)
const nodeUtils = __nccwpck_require__(9023)

const { isDate } = __nccwpck_require__(8253)

const invalidDateDeprecationNotice = nodeUtils.deprecate(
  () => {},
  'Sending an invalid date to Postgres is deprecated and will throw an error in the next major version of pg. Ensure any Date object passed as a query parameter is valid.',
  'PG_INVALID_DATE'
)

function escapeElement(elementRepresentation) {
  const escaped = elementRepresentation.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

  return '"' + escaped + '"'
}

// convert a JS array to a postgres array literal
// uses comma separator so won't work for types like box that use
// a different array separator.
function arrayString(val) {
  let result = '{'
  for (let i = 0; i < val.length; i++) {
    if (i > 0) {
      result += ','
    }
    let item = val[i]
    if (item == null) {
      result += 'NULL'
    } else if (Array.isArray(item)) {
      result += arrayString(item)
    } else if (ArrayBuffer.isView(item)) {
      if (!(item instanceof Buffer)) {
        item = Buffer.from(item.buffer, item.byteOffset, item.byteLength)
      }
      result += '\\\\x' + item.toString('hex')
    } else {
      result += escapeElement(prepareValue(item))
    }
  }
  result += '}'
  return result
}

// converts values from javascript types
// to their 'raw' counterparts for use as a postgres parameter
// note: you can override this function to provide your own conversion mechanism
// for complex types, etc...
const prepareValue = function (val, seen) {
  // null and undefined are both null for postgres
  if (val == null) {
    return null
  }
  if (typeof val === 'object') {
    if (val instanceof Buffer) {
      return val
    }
    if (ArrayBuffer.isView(val)) {
      return Buffer.from(val.buffer, val.byteOffset, val.byteLength)
    }
    if (isDate(val)) {
      if (isNaN(val.getTime())) {
        invalidDateDeprecationNotice()
      }
      if (defaults.parseInputDatesAsUTC) {
        return dateToStringUTC(val)
      } else {
        return dateToString(val)
      }
    }
    if (Array.isArray(val)) {
      return arrayString(val)
    }

    return prepareObject(val, seen)
  }
  return val.toString()
}

function prepareObject(val, seen) {
  if (val && typeof val.toPostgres === 'function') {
    seen = seen || []
    if (seen.indexOf(val) !== -1) {
      throw new Error('circular reference detected while preparing "' + val + '" for query')
    }
    seen.push(val)

    return prepareValue(val.toPostgres(prepareValue), seen)
  }
  return JSON.stringify(val)
}

function dateToString(date) {
  let offset = -date.getTimezoneOffset()

  let year = date.getFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getDate()).padStart(2, '0') +
    'T' +
    String(date.getHours()).padStart(2, '0') +
    ':' +
    String(date.getMinutes()).padStart(2, '0') +
    ':' +
    String(date.getSeconds()).padStart(2, '0') +
    '.' +
    String(date.getMilliseconds()).padStart(3, '0')

  if (offset < 0) {
    ret += '-'
    offset *= -1
  } else {
    ret += '+'
  }

  ret += String(Math.floor(offset / 60)).padStart(2, '0') + ':' + String(offset % 60).padStart(2, '0')
  if (isBCYear) ret += ' BC'
  return ret
}

function dateToStringUTC(date) {
  let year = date.getUTCFullYear()
  const isBCYear = year < 1
  if (isBCYear) year = Math.abs(year) + 1 // negative years are 1 off their BC representation

  let ret =
    String(year).padStart(4, '0') +
    '-' +
    String(date.getUTCMonth() + 1).padStart(2, '0') +
    '-' +
    String(date.getUTCDate()).padStart(2, '0') +
    'T' +
    String(date.getUTCHours()).padStart(2, '0') +
    ':' +
    String(date.getUTCMinutes()).padStart(2, '0') +
    ':' +
    String(date.getUTCSeconds()).padStart(2, '0') +
    '.' +
    String(date.getUTCMilliseconds()).padStart(3, '0')

  ret += '+00:00'
  if (isBCYear) ret += ' BC'
  return ret
}

function normalizeQueryConfig(config, values, callback) {
  // can take in strings or config objects
  // Copy config so normalization does not mutate the caller's object.
  config = typeof config === 'string' ? { text: config } : cloneQueryConfig(config)
  if (values) {
    if (typeof values === 'function') {
      config.callback = values
    } else {
      config.values = values
    }
  }
  if (callback) {
    config.callback = callback
  }
  return config
}

function cloneQueryConfig(config) {
  if (config == null) {
    return config
  }
  return Object.defineProperties(Object.create(Object.getPrototypeOf(config)), Object.getOwnPropertyDescriptors(config))
}

// Ported from PostgreSQL 9.2.4 source code in src/interfaces/libpq/fe-exec.c
const escapeIdentifier = function (str) {
  return '"' + str.replace(/"/g, '""') + '"'
}

const escapeLiteral = function (str) {
  let hasBackslash = false
  let escaped = "'"

  if (str == null) {
    return "''"
  }

  if (typeof str !== 'string') {
    return "''"
  }

  for (let i = 0; i < str.length; i++) {
    const c = str[i]
    if (c === "'") {
      escaped += c + c
    } else if (c === '\\') {
      escaped += c + c
      hasBackslash = true
    } else {
      escaped += c
    }
  }

  escaped += "'"

  if (hasBackslash === true) {
    escaped = ' E' + escaped
  }

  return escaped
}

module.exports = {
  prepareValue: function prepareValueWrapper(value) {
    // this ensures that extra arguments do not get passed into prepareValue
    // by accident, eg: from calling values.map(utils.prepareValue)
    return prepareValue(value)
  },
  normalizeQueryConfig,
  escapeIdentifier,
  escapeLiteral,
}


/***/ }),

/***/ 8702:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , Stream = (__nccwpck_require__(2203).Stream)
  , split = __nccwpck_require__(5286)
  , util = __nccwpck_require__(9023)
  , defaultPort = 5432
  , isWin = (process.platform === 'win32')
  , warnStream = process.stderr
;


var S_IRWXG = 56     //    00070(8)
  , S_IRWXO = 7      //    00007(8)
  , S_IFMT  = 61440  // 00170000(8)
  , S_IFREG = 32768  //  0100000(8)
;
function isRegFile(mode) {
    return ((mode & S_IFMT) == S_IFREG);
}

var fieldNames = [ 'host', 'port', 'database', 'user', 'password' ];
var nrOfFields = fieldNames.length;
var passKey = fieldNames[ nrOfFields -1 ];


function warn() {
    var isWritable = (
        warnStream instanceof Stream &&
          true === warnStream.writable
    );

    if (isWritable) {
        var args = Array.prototype.slice.call(arguments).concat("\n");
        warnStream.write( util.format.apply(util, args) );
    }
}


Object.defineProperty(module.exports, "isWin", ({
    get : function() {
        return isWin;
    } ,
    set : function(val) {
        isWin = val;
    }
}));


module.exports.warnTo = function(stream) {
    var old = warnStream;
    warnStream = stream;
    return old;
};

module.exports.getFileName = function(rawEnv){
    var env = rawEnv || process.env;
    var file = env.PGPASSFILE || (
        isWin ?
          path.join( env.APPDATA || './' , 'postgresql', 'pgpass.conf' ) :
          path.join( env.HOME || './', '.pgpass' )
    );
    return file;
};

module.exports.usePgPass = function(stats, fname) {
    if (Object.prototype.hasOwnProperty.call(process.env, 'PGPASSWORD')) {
        return false;
    }

    if (isWin) {
        return true;
    }

    fname = fname || '<unkn>';

    if (! isRegFile(stats.mode)) {
        warn('WARNING: password file "%s" is not a plain file', fname);
        return false;
    }

    if (stats.mode & (S_IRWXG | S_IRWXO)) {
        /* If password file is insecure, alert the user and ignore it. */
        warn('WARNING: password file "%s" has group or world access; permissions should be u=rw (0600) or less', fname);
        return false;
    }

    return true;
};


var matcher = module.exports.match = function(connInfo, entry) {
    return fieldNames.slice(0, -1).reduce(function(prev, field, idx){
        if (idx == 1) {
            // the port
            if ( Number( connInfo[field] || defaultPort ) === Number( entry[field] ) ) {
                return prev && true;
            }
        }
        return prev && (
            entry[field] === '*' ||
              entry[field] === connInfo[field]
        );
    }, true);
};


module.exports.getPassword = function(connInfo, stream, cb) {
    var pass;
    var lineStream = stream.pipe(split());

    function onLine(line) {
        var entry = parseLine(line);
        if (entry && isValidEntry(entry) && matcher(connInfo, entry)) {
            pass = entry[passKey];
            lineStream.end(); // -> calls onEnd(), but pass is set now
        }
    }

    var onEnd = function() {
        stream.destroy();
        cb(pass);
    };

    var onErr = function(err) {
        stream.destroy();
        warn('WARNING: error on reading file: %s', err);
        cb(undefined);
    };

    stream.on('error', onErr);
    lineStream
        .on('data', onLine)
        .on('end', onEnd)
        .on('error', onErr)
    ;

};


var parseLine = module.exports.parseLine = function(line) {
    if (line.length < 11 || line.match(/^\s+#/)) {
        return null;
    }

    var curChar = '';
    var prevChar = '';
    var fieldIdx = 0;
    var startIdx = 0;
    var endIdx = 0;
    var obj = {};
    var isLastField = false;
    var addToObj = function(idx, i0, i1) {
        var field = line.substring(i0, i1);

        if (! Object.hasOwnProperty.call(process.env, 'PGPASS_NO_DEESCAPE')) {
            field = field.replace(/\\([:\\])/g, '$1');
        }

        obj[ fieldNames[idx] ] = field;
    };

    for (var i = 0 ; i < line.length-1 ; i += 1) {
        curChar = line.charAt(i+1);
        prevChar = line.charAt(i);

        isLastField = (fieldIdx == nrOfFields-1);

        if (isLastField) {
            addToObj(fieldIdx, startIdx);
            break;
        }

        if (i >= 0 && curChar == ':' && prevChar !== '\\') {
            addToObj(fieldIdx, startIdx, i+1);

            startIdx = i+2;
            fieldIdx += 1;
        }
    }

    obj = ( Object.keys(obj).length === nrOfFields ) ? obj : null;

    return obj;
};


var isValidEntry = module.exports.isValidEntry = function(entry){
    var rules = {
        // host
        0 : function(x){
            return x.length > 0;
        } ,
        // port
        1 : function(x){
            if (x === '*') {
                return true;
            }
            x = Number(x);
            return (
                isFinite(x) &&
                  x > 0 &&
                  x < 9007199254740992 &&
                  Math.floor(x) === x
            );
        } ,
        // database
        2 : function(x){
            return x.length > 0;
        } ,
        // username
        3 : function(x){
            return x.length > 0;
        } ,
        // password
        4 : function(x){
            return x.length > 0;
        }
    };

    for (var idx = 0 ; idx < fieldNames.length ; idx += 1) {
        var rule = rules[idx];
        var value = entry[ fieldNames[idx] ] || '';

        var res = rule(value);
        if (!res) {
            return false;
        }
    }

    return true;
};



/***/ }),

/***/ 3272:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var path = __nccwpck_require__(6928)
  , fs = __nccwpck_require__(9896)
  , helper = __nccwpck_require__(8702)
;


module.exports = function(connInfo, cb) {
    var file = helper.getFileName();
    
    fs.stat(file, function(err, stat){
        if (err || !helper.usePgPass(stat, file)) {
            return cb(undefined);
        }

        var st = fs.createReadStream(file);

        helper.getPassword(connInfo, st, cb);
    });
};

module.exports.warnTo = helper.warnTo;


/***/ }),

/***/ 3879:
/***/ ((__unused_webpack_module, exports) => {



exports.parse = function (source, transform) {
  return new ArrayParser(source, transform).parse()
}

class ArrayParser {
  constructor (source, transform) {
    this.source = source
    this.transform = transform || identity
    this.position = 0
    this.entries = []
    this.recorded = []
    this.dimension = 0
  }

  isEof () {
    return this.position >= this.source.length
  }

  nextCharacter () {
    var character = this.source[this.position++]
    if (character === '\\') {
      return {
        value: this.source[this.position++],
        escaped: true
      }
    }
    return {
      value: character,
      escaped: false
    }
  }

  record (character) {
    this.recorded.push(character)
  }

  newEntry (includeEmpty) {
    var entry
    if (this.recorded.length > 0 || includeEmpty) {
      entry = this.recorded.join('')
      if (entry === 'NULL' && !includeEmpty) {
        entry = null
      }
      if (entry !== null) entry = this.transform(entry)
      this.entries.push(entry)
      this.recorded = []
    }
  }

  consumeDimensions () {
    if (this.source[0] === '[') {
      while (!this.isEof()) {
        var char = this.nextCharacter()
        if (char.value === '=') break
      }
    }
  }

  parse (nested) {
    var character, parser, quote
    this.consumeDimensions()
    while (!this.isEof()) {
      character = this.nextCharacter()
      if (character.value === '{' && !quote) {
        this.dimension++
        if (this.dimension > 1) {
          parser = new ArrayParser(this.source.substr(this.position - 1), this.transform)
          this.entries.push(parser.parse(true))
          this.position += parser.position - 2
        }
      } else if (character.value === '}' && !quote) {
        this.dimension--
        if (!this.dimension) {
          this.newEntry()
          if (nested) return this.entries
        }
      } else if (character.value === '"' && !character.escaped) {
        if (quote) this.newEntry(true)
        quote = !quote
      } else if (character.value === ',' && !quote) {
        this.newEntry()
      } else {
        this.record(character.value)
      }
    }
    if (this.dimension !== 0) {
      throw new Error('array dimension not balanced')
    }
    return this.entries
  }
}

function identity (value) {
  return value
}


/***/ }),

/***/ 463:
/***/ ((module) => {



var bufferFrom = Buffer.from || Buffer

module.exports = function parseBytea (input) {
  if (/^\\x/.test(input)) {
    // new 'hex' style response (pg >9.0)
    return bufferFrom(input.substr(2), 'hex')
  }
  var output = ''
  var i = 0
  while (i < input.length) {
    if (input[i] !== '\\') {
      output += input[i]
      ++i
    } else {
      if (/[0-7]{3}/.test(input.substr(i + 1, 3))) {
        output += String.fromCharCode(parseInt(input.substr(i + 1, 3), 8))
        i += 4
      } else {
        var backslashes = 1
        while (i + backslashes < input.length && input[i + backslashes] === '\\') {
          backslashes++
        }
        for (var k = 0; k < Math.floor(backslashes / 2); ++k) {
          output += '\\'
        }
        i += Math.floor(backslashes / 2) * 2
      }
    }
  }
  return bufferFrom(output, 'binary')
}


/***/ }),

/***/ 2690:
/***/ ((module) => {



var DATE_TIME = /(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$/
var DATE = /^(\d{1,})-(\d{2})-(\d{2})( BC)?$/
var TIME_ZONE = /([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?/
var INFINITY = /^-?infinity$/

module.exports = function parseDate (isoDate) {
  if (INFINITY.test(isoDate)) {
    // Capitalize to Infinity before passing to Number
    return Number(isoDate.replace('i', 'I'))
  }
  var matches = DATE_TIME.exec(isoDate)

  if (!matches) {
    // Force YYYY-MM-DD dates to be parsed as local time
    return getDate(isoDate) || null
  }

  var isBC = !!matches[8]
  var year = parseInt(matches[1], 10)
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  var hour = parseInt(matches[4], 10)
  var minute = parseInt(matches[5], 10)
  var second = parseInt(matches[6], 10)

  var ms = matches[7]
  ms = ms ? 1000 * parseFloat(ms) : 0

  var date
  var offset = timeZoneOffset(isoDate)
  if (offset != null) {
    date = new Date(Date.UTC(year, month, day, hour, minute, second, ms))

    // Account for years from 0 to 99 being interpreted as 1900-1999
    // by Date.UTC / the multi-argument form of the Date constructor
    if (is0To99(year)) {
      date.setUTCFullYear(year)
    }

    if (offset !== 0) {
      date.setTime(date.getTime() - offset)
    }
  } else {
    date = new Date(year, month, day, hour, minute, second, ms)

    if (is0To99(year)) {
      date.setFullYear(year)
    }
  }

  return date
}

function getDate (isoDate) {
  var matches = DATE.exec(isoDate)
  if (!matches) {
    return
  }

  var year = parseInt(matches[1], 10)
  var isBC = !!matches[4]
  if (isBC) {
    year = bcYearToNegativeYear(year)
  }

  var month = parseInt(matches[2], 10) - 1
  var day = matches[3]
  // YYYY-MM-DD will be parsed as local time
  var date = new Date(year, month, day)

  if (is0To99(year)) {
    date.setFullYear(year)
  }

  return date
}

// match timezones:
// Z (UTC)
// -05
// +06:30
function timeZoneOffset (isoDate) {
  if (isoDate.endsWith('+00')) {
    return 0
  }

  var zone = TIME_ZONE.exec(isoDate.split(' ')[1])
  if (!zone) return
  var type = zone[1]

  if (type === 'Z') {
    return 0
  }
  var sign = type === '-' ? -1 : 1
  var offset = parseInt(zone[2], 10) * 3600 +
    parseInt(zone[3] || 0, 10) * 60 +
    parseInt(zone[4] || 0, 10)

  return offset * sign * 1000
}

function bcYearToNegativeYear (year) {
  // Account for numerical difference between representations of BC years
  // See: https://github.com/bendrucker/postgres-date/issues/5
  return -(year - 1)
}

function is0To99 (num) {
  return num >= 0 && num < 100
}


/***/ }),

/***/ 8755:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



var extend = __nccwpck_require__(223)

module.exports = PostgresInterval

function PostgresInterval (raw) {
  if (!(this instanceof PostgresInterval)) {
    return new PostgresInterval(raw)
  }
  extend(this, parse(raw))
}
var properties = ['seconds', 'minutes', 'hours', 'days', 'months', 'years']
PostgresInterval.prototype.toPostgres = function () {
  var filtered = properties.filter(this.hasOwnProperty, this)

  // In addition to `properties`, we need to account for fractions of seconds.
  if (this.milliseconds && filtered.indexOf('seconds') < 0) {
    filtered.push('seconds')
  }

  if (filtered.length === 0) return '0'
  return filtered
    .map(function (property) {
      var value = this[property] || 0

      // Account for fractional part of seconds,
      // remove trailing zeroes.
      if (property === 'seconds' && this.milliseconds) {
        value = (value + this.milliseconds / 1000).toFixed(6).replace(/\.?0+$/, '')
      }

      return value + ' ' + property
    }, this)
    .join(' ')
}

var propertiesISOEquivalent = {
  years: 'Y',
  months: 'M',
  days: 'D',
  hours: 'H',
  minutes: 'M',
  seconds: 'S'
}
var dateProperties = ['years', 'months', 'days']
var timeProperties = ['hours', 'minutes', 'seconds']
// according to ISO 8601
PostgresInterval.prototype.toISOString = PostgresInterval.prototype.toISO = function () {
  var datePart = dateProperties
    .map(buildProperty, this)
    .join('')

  var timePart = timeProperties
    .map(buildProperty, this)
    .join('')

  return 'P' + datePart + 'T' + timePart

  function buildProperty (property) {
    var value = this[property] || 0

    // Account for fractional part of seconds,
    // remove trailing zeroes.
    if (property === 'seconds' && this.milliseconds) {
      value = (value + this.milliseconds / 1000).toFixed(6).replace(/0+$/, '')
    }

    return value + propertiesISOEquivalent[property]
  }
}

var NUMBER = '([+-]?\\d+)'
var YEAR = NUMBER + '\\s+years?'
var MONTH = NUMBER + '\\s+mons?'
var DAY = NUMBER + '\\s+days?'
var TIME = '([+-])?([\\d]*):(\\d\\d):(\\d\\d)\\.?(\\d{1,6})?'
var INTERVAL = new RegExp([YEAR, MONTH, DAY, TIME].map(function (regexString) {
  return '(' + regexString + ')?'
})
  .join('\\s*'))

// Positions of values in regex match
var positions = {
  years: 2,
  months: 4,
  days: 6,
  hours: 9,
  minutes: 10,
  seconds: 11,
  milliseconds: 12
}
// We can use negative time
var negatives = ['hours', 'minutes', 'seconds', 'milliseconds']

function parseMilliseconds (fraction) {
  // add omitted zeroes
  var microseconds = fraction + '000000'.slice(fraction.length)
  return parseInt(microseconds, 10) / 1000
}

function parse (interval) {
  if (!interval) return {}
  var matches = INTERVAL.exec(interval)
  var isNegative = matches[8] === '-'
  return Object.keys(positions)
    .reduce(function (parsed, property) {
      var position = positions[property]
      var value = matches[position]
      // no empty string
      if (!value) return parsed
      // milliseconds are actually microseconds (up to 6 digits)
      // with omitted trailing zeroes.
      value = property === 'milliseconds'
        ? parseMilliseconds(value)
        : parseInt(value, 10)
      // no zeros
      if (!value) return parsed
      if (isNegative && ~negatives.indexOf(property)) {
        value *= -1
      }
      parsed[property] = value
      return parsed
    }, {})
}


/***/ }),

/***/ 5286:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/*
Copyright (c) 2014-2021, Matteo Collina <hello@matteocollina.com>

Permission to use, copy, modify, and/or distribute this software for any
purpose with or without fee is hereby granted, provided that the above
copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR
IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
*/



const { Transform } = __nccwpck_require__(2203)
const { StringDecoder } = __nccwpck_require__(3193)
const kLast = Symbol('last')
const kDecoder = Symbol('decoder')

function transform (chunk, enc, cb) {
  let list
  if (this.overflow) { // Line buffer is full. Skip to start of next line.
    const buf = this[kDecoder].write(chunk)
    list = buf.split(this.matcher)

    if (list.length === 1) return cb() // Line ending not found. Discard entire chunk.

    // Line ending found. Discard trailing fragment of previous line and reset overflow state.
    list.shift()
    this.overflow = false
  } else {
    this[kLast] += this[kDecoder].write(chunk)
    list = this[kLast].split(this.matcher)
  }

  this[kLast] = list.pop()

  for (let i = 0; i < list.length; i++) {
    try {
      push(this, this.mapper(list[i]))
    } catch (error) {
      return cb(error)
    }
  }

  this.overflow = this[kLast].length > this.maxLength
  if (this.overflow && !this.skipOverflow) {
    cb(new Error('maximum buffer reached'))
    return
  }

  cb()
}

function flush (cb) {
  // forward any gibberish left in there
  this[kLast] += this[kDecoder].end()

  if (this[kLast]) {
    try {
      push(this, this.mapper(this[kLast]))
    } catch (error) {
      return cb(error)
    }
  }

  cb()
}

function push (self, val) {
  if (val !== undefined) {
    self.push(val)
  }
}

function noop (incoming) {
  return incoming
}

function split (matcher, mapper, options) {
  // Set defaults for any arguments not supplied.
  matcher = matcher || /\r?\n/
  mapper = mapper || noop
  options = options || {}

  // Test arguments explicitly.
  switch (arguments.length) {
    case 1:
      // If mapper is only argument.
      if (typeof matcher === 'function') {
        mapper = matcher
        matcher = /\r?\n/
      // If options is only argument.
      } else if (typeof matcher === 'object' && !(matcher instanceof RegExp) && !matcher[Symbol.split]) {
        options = matcher
        matcher = /\r?\n/
      }
      break

    case 2:
      // If mapper and options are arguments.
      if (typeof matcher === 'function') {
        options = mapper
        mapper = matcher
        matcher = /\r?\n/
      // If matcher and options are arguments.
      } else if (typeof mapper === 'object') {
        options = mapper
        mapper = noop
      }
  }

  options = Object.assign({}, options)
  options.autoDestroy = true
  options.transform = transform
  options.flush = flush
  options.readableObjectMode = true

  const stream = new Transform(options)

  stream[kLast] = ''
  stream[kDecoder] = new StringDecoder('utf8')
  stream.matcher = matcher
  stream.mapper = mapper
  stream.maxLength = options.maxLength
  stream.skipOverflow = options.skipOverflow || false
  stream.overflow = false
  stream._destroy = function (err, cb) {
    // Weird Node v12 bug that we need to work around
    this._writableState.errorEmitted = false
    cb(err)
  }

  return stream
}

module.exports = split


/***/ }),

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

/***/ 223:
/***/ ((module) => {

module.exports = extend

var hasOwnProperty = Object.prototype.hasOwnProperty;

function extend(target) {
    for (var i = 1; i < arguments.length; i++) {
        var source = arguments[i]

        for (var key in source) {
            if (hasOwnProperty.call(source, key)) {
                target[key] = source[key]
            }
        }
    }

    return target
}


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

/***/ 4390:
/***/ ((module) => {

module.exports = eval("require")("pg-native");


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

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

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

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
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_namespaceObject.EOL}`, {
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
    return `${key}<<${delimiter}${external_os_namespaceObject.EOL}${convertedValue}${external_os_namespaceObject.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
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
// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
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


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat: io_util_stat, symlink, unlink } = external_fs_.promises;
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
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield io_util_stat(fsPath);
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
        const stats = useStat ? yield io_util_stat(fsPath) : yield lstat(fsPath);
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
            stats = yield io_util_stat(filePath);
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
                const upperExt = external_path_.extname(filePath).toUpperCase();
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
                stats = yield io_util_stat(filePath);
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
                        const directory = external_path_.dirname(filePath);
                        const upperName = external_path_.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_.join(directory, actualName);
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
            for (const extension of process.env['PATHEXT'].split(external_path_.delimiter)) {
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
        if (tool.includes(external_path_.sep)) {
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
            for (const p of process.env.PATH.split(external_path_.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_.join(directory, tool), extensions);
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
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
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
;// CONCATENATED MODULE: ./src/common/errors.ts
/**
 * One error model for the whole suite.
 *
 * A `UserError` is something the user must fix: a bad input, or a state of their
 * infrastructure the action refuses to change. It fails the step with one actionable
 * sentence and no stack trace. Anything else is a failure of the action itself (or of AWS):
 * its message is shown and its stack goes to the debug log.
 */
class errors_UserError extends Error {
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
function errors_errorMessage(error) {
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
    const message = errors_errorMessage(error);
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
        if (error instanceof errors_UserError || error instanceof CancelledError)
            throw error;
        throw describeAwsFailure(what, error);
    }
}

;// CONCATENATED MODULE: ./src/common/cancel.ts

/**
 * Cancellation: GitHub's runner sends SIGINT when a run is cancelled, then SIGTERM 7.5 s later,
 * then kills the process. Both signals abort one process-wide AbortSignal that reaches every
 * wait, SDK call and child process, so the action stops cleanly and says what it left behind.
 */
function cancel_installCancellation() {
    const controller = new AbortController();
    let count = 0;
    const onSignal = (name) => {
        count += 1;
        if (count === 1) {
            controller.abort(new CancelledError(`The run was cancelled (${name}).`));
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
    return signal.reason instanceof CancelledError
        ? signal.reason
        : new CancelledError('The run was cancelled.');
}
function throwIfCancelled(signal) {
    if (signal?.aborted)
        throw cancelledError(signal);
}
/** Sleeps, or rejects with `CancelledError` as soon as the signal aborts. */
const cancel_sleep = (ms, signal) => new Promise((resolve, reject) => {
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
    return error instanceof CancelledError;
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

;// CONCATENATED MODULE: ./src/common/log.ts

const log_coreLogger = {
    info: (message) => info(message),
    warning: (message) => warning(message),
    debug: (message) => core_debug(message),
    error: (message) => error(message),
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
async function log_group(name, fn) {
    return group(name, fn);
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
        core_setSecret(form);
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
    save: (name, value) => saveState(name, typeof value === 'string' ? value : JSON.stringify(value)),
    get: (name) => getState(name) || undefined,
    getJson(name) {
        const text = getState(name);
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
    const cancellation = cancel_installCancellation();
    const unfinished = failIfUnfinished(() => setFailed(`${name} stopped before it finished: it was waiting for something that can no longer happen (nothing was left running), so its outcome is unknown; this is a fault in the action, please report it with this log.`));
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
    const message = secrets_redact(errors_errorMessage(error));
    if (error instanceof errors_UserError || error instanceof CancelledError) {
        setFailed(message);
        return;
    }
    if (error instanceof Error && error.stack)
        core_debug(secrets_redact(error.stack));
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && cause.stack)
        core_debug(`Caused by: ${secrets_redact(cause.stack)}`);
    setFailed(message);
}
/**
 * The entry point of every bundle: runs the action, and as a last resort (an error thrown
 * outside the error model, e.g. while reporting) fails the step with the action's name.
 */
function start(name, main) {
    runAction(name, main).catch((error) => {
        setFailed(`${name} action failed: ${secrets_redact(errors_errorMessage(error))}`);
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
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
            phase.outcome = isCancellation(error) ? 'cancelled' : 'failed';
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
        return secrets_redact(`${this.parts.join('\n\n')}\n\n<sub>infra-actions ${VERSION}</sub>\n`);
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
        return this.timeline.phase(name, () => log_group(title, fn));
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

// EXTERNAL MODULE: ./node_modules/pg/lib/index.js
var lib = __nccwpck_require__(3273);
;// CONCATENATED MODULE: ./node_modules/pg/esm/index.mjs
// ESM wrapper for pg


// Re-export all the properties
const Client = lib.Client
const Pool = lib.Pool
const Connection = lib.Connection
const types = lib.types
const Query = lib.Query
const DatabaseError = lib.DatabaseError
const escapeIdentifier = lib.escapeIdentifier
const escapeLiteral = lib.escapeLiteral
const Result = lib.Result
const TypeOverrides = lib.TypeOverrides

// Also export the defaults
const defaults = lib.defaults

// Re-export the default
/* harmony default export */ const esm = (lib);

;// CONCATENATED MODULE: ./src/common/retry.ts


async function retry(fn, options) {
    const min = options.minDelayMs ?? 500;
    const max = options.maxDelayMs ?? 10_000;
    const sleep = options.sleep ?? cancel_sleep;
    const random = options.random ?? Math.random;
    const retryable = options.retryable ?? ((e) => !(e instanceof errors_UserError) && !(e instanceof CancelledError));
    for (let attempt = 1;; attempt++) {
        throwIfCancelled(options.signal);
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (attempt >= options.attempts || !retryable(error))
                throw error;
            const base = Math.min(max, min * 2 ** (attempt - 1));
            const delay = Math.round(base / 2 + (random() * base) / 2);
            options.logger?.info(`${options.label}: attempt ${attempt}${Number.isSafeInteger(options.attempts) && options.attempts < Number.MAX_SAFE_INTEGER ? ` of ${options.attempts}` : ''} failed (${errors_errorMessage(error)}); retrying in ${delay}ms`);
            await sleep(delay, options.signal);
        }
    }
}

// EXTERNAL MODULE: ./node_modules/pg-connection-string/index.js
var pg_connection_string = __nccwpck_require__(6122);
;// CONCATENATED MODULE: ./node_modules/pg-connection-string/esm/index.mjs
// ESM wrapper for pg-connection-string


// Re-export the parse function
/* harmony default export */ const pg_connection_string_esm = (pg_connection_string.parse);
const parse = pg_connection_string.parse
const toClientConfig = pg_connection_string.toClientConfig
const parseIntoClientConfig = pg_connection_string.parseIntoClientConfig

;// CONCATENATED MODULE: ./src/db-migrate/url.ts




const SECRET_PARAMS = /pass|secret|token/i;
/** Parses and masks a `postgres://` / `postgresql://` URL, or throws one sentence naming the input. */
function parseDatabaseUrl(input, side, text) {
    // Mask first, so that no error below can print the password.
    addUrlSecrets(text);
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors_UserError(`Input '${input}' must be a PostgreSQL URL such as postgresql://user:password@host:5432/db?sslmode=require, with special characters percent-encoded.`);
    }
    if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
        throw new errors_UserError(`Input '${input}' must start with postgresql:// or postgres://, got ${url.protocol}//.`);
    }
    for (const [key] of url.searchParams) {
        if (SECRET_PARAMS.test(key)) {
            throw new errors_UserError(`Input '${input}' carries a secret in its query parameter '${key}'; put the password in the URL's user:password part.`);
        }
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (database === '' || database.includes('/')) {
        throw new errors_UserError(`Input '${input}' must name a database in its path, e.g. postgresql://user@host:5432/app.`);
    }
    const host = decodeURIComponent(url.hostname || url.searchParams.get('host') || '');
    if (host === '')
        throw new errors_UserError(`Input '${input}' must name a host, e.g. postgresql://user@db.example.com:5432/app.`);
    const port = url.port === '' ? 5432 : Number(url.port);
    const user = url.username === '' ? undefined : decodeURIComponent(url.username);
    const password = url.password === '' ? undefined : decodeURIComponent(url.password);
    addSecret(password);
    const safe = new URL(url.toString());
    safe.password = '';
    return {
        side,
        host,
        port,
        user,
        database,
        password,
        display: `${user ? `${user}@` : ''}${host}:${port}/${database}`,
        conninfo: safe.toString(),
    };
}
/** The same server with another database (swap creates and renames databases beside the target). */
function withDatabase(url, database) {
    const safe = new URL(url.conninfo);
    safe.pathname = `/${encodeURIComponent(database)}`;
    return {
        ...url,
        database,
        conninfo: safe.toString(),
        display: url.display.replace(/\/[^/]*$/, `/${database}`),
    };
}
/** Options for the `pg` client, with libpq's meaning of sslmode (require means encrypt, not verify). */
function clientConfig(url) {
    const parsed = parse(url.conninfo, { useLibpqCompat: true });
    return {
        ...toClientConfig(parsed),
        host: url.host,
        port: url.port,
        password: url.password,
        application_name: 'infra-actions db-migrate',
    };
}
/** The environment a libpq tool needs besides `--dbname`: the password, never in argv. */
function toolSecretEnv(url) {
    return url.password === undefined ? {} : { PGPASSWORD: url.password };
}

;// CONCATENATED MODULE: ./src/db-migrate/db.ts




const NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);
/** Why a connection failed, in words, never with the password. */
function describeConnectError(error) {
    const e = error;
    if (e.code === 'ECONNREFUSED')
        return 'the connection was refused (is the server running and listening on that port?)';
    if (e.code === 'ENOTFOUND')
        return 'the host name does not resolve';
    if (e.code === '28P01')
        return 'password authentication failed';
    if (e.code === '28000')
        return `the server refused the login (${e.message})`;
    if (e.code === '3D000')
        return `${e.message}`;
    if (/timeout/i.test(e.message ?? ''))
        return 'the connection timed out';
    return errors_errorMessage(error);
}
/** Connects to one side, retrying network blips; a refusal names the side and the reason. */
async function connect(url, options = {}) {
    try {
        return await retry(async () => {
            const client = new esm.Client({ ...clientConfig(url), connectionTimeoutMillis: 15_000 });
            client.on('error', () => undefined);
            try {
                await client.connect();
            }
            catch (error) {
                await client.end().catch(() => undefined);
                throw error;
            }
            return client;
        }, {
            label: `connect to the ${url.side} server`,
            attempts: options.attempts ?? 3,
            minDelayMs: 500,
            retryable: (error) => NETWORK_CODES.has(error.code ?? ''),
            logger: options.logger,
            signal: options.signal,
        });
    }
    catch (error) {
        throw new errors_UserError(`Could not connect to the ${url.side} server ${url.display}: ${describeConnectError(error)}.`);
    }
}
async function db_close(db) {
    await db?.end().catch(() => undefined);
}
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
function qualified(schema, name) {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
async function rows(db, sql, params = []) {
    return (await db.query(sql, params)).rows;
}
const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;
const NOT_EXTENSION_MEMBER = (catalog, oid) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
async function serverInfo(db) {
    const [row] = await rows(db, `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num,
            pg_database_size(current_database()) AS bytes, r.rolcreatedb AS createdb, r.rolsuper AS superuser,
            pg_size_bytes(current_setting('maintenance_work_mem')) AS mwm,
            current_setting('server_encoding') AS encoding, current_setting('wal_level') AS wal,
            pg_size_bytes(current_setting('temp_file_limit')) AS tfl
       FROM pg_roles r WHERE r.rolname = current_user`);
    return {
        version: row.version.split(' ')[0],
        versionNum: Number(row.num),
        databaseBytes: Number(row.bytes),
        canCreateDatabase: row.createdb || row.superuser,
        superuser: row.superuser,
        maintenanceWorkMem: Number(row.mwm),
        encoding: row.encoding,
        walLevel: row.wal,
        tempFileLimit: Number(row.tfl),
    };
}
async function installedExtensions(db) {
    return rows(db, `SELECT oid::int AS oid, extname AS name, extversion AS version FROM pg_extension ORDER BY extname`);
}
async function availableExtensions(db) {
    return (await rows(db, `SELECT name FROM pg_available_extensions ORDER BY name`)).map((r) => r.name);
}
async function largeObjectCount(db) {
    const [row] = await rows(db, `SELECT count(*) AS n FROM pg_largeobject_metadata`);
    return Number(row.n);
}
/**
 * Every object a restore can create in a database, from each catalog that holds such objects:
 * relations, routines, types (standalone composite ones too), domains, collations, conversions,
 * operators and their classes and families, text search objects, extended statistics, schemas
 * (but `public`), extensions (but `plpgsql`), foreign-data wrappers and servers, publications,
 * and casts, languages, transforms and access methods created after initdb. Objects that belong
 * to an extension, or exist only as part of another object (array and multirange types, a
 * table's row type, a range's constructors, the relation behind a standalone composite type: an
 * internal dependency, deptype 'i', in pg_depend),
 * are left out, as pg_dump leaves them out. Event triggers are left out: only a superuser can
 * create them, and they hold no data.
 * https://www.postgresql.org/docs/current/catalog-pg-depend.html
 */
const USER_OBJECTS_SQL = `WITH candidates (classid, objid) AS (
       SELECT 'pg_class'::regclass, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_type'::regclass, t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r', 'p') AND ${USER_NAMESPACE}
          AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = t.typelem AND e.typarray = t.oid)
       UNION ALL SELECT 'pg_collation'::regclass, x.oid FROM pg_collation x JOIN pg_namespace n ON n.oid = x.collnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_conversion'::regclass, x.oid FROM pg_conversion x JOIN pg_namespace n ON n.oid = x.connamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_operator'::regclass, x.oid FROM pg_operator x JOIN pg_namespace n ON n.oid = x.oprnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_opclass'::regclass, x.oid FROM pg_opclass x JOIN pg_namespace n ON n.oid = x.opcnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_opfamily'::regclass, x.oid FROM pg_opfamily x JOIN pg_namespace n ON n.oid = x.opfnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_config'::regclass, x.oid FROM pg_ts_config x JOIN pg_namespace n ON n.oid = x.cfgnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_dict'::regclass, x.oid FROM pg_ts_dict x JOIN pg_namespace n ON n.oid = x.dictnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_parser'::regclass, x.oid FROM pg_ts_parser x JOIN pg_namespace n ON n.oid = x.prsnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_ts_template'::regclass, x.oid FROM pg_ts_template x JOIN pg_namespace n ON n.oid = x.tmplnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_statistic_ext'::regclass, x.oid FROM pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace WHERE ${USER_NAMESPACE}
       UNION ALL SELECT 'pg_namespace'::regclass, n.oid FROM pg_namespace n WHERE ${USER_NAMESPACE} AND n.nspname <> 'public'
       UNION ALL SELECT 'pg_extension'::regclass, x.oid FROM pg_extension x WHERE x.extname <> 'plpgsql' AND x.extname <> ALL ($1::text[])
       UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, x.oid FROM pg_foreign_data_wrapper x
       UNION ALL SELECT 'pg_foreign_server'::regclass, x.oid FROM pg_foreign_server x
       UNION ALL SELECT 'pg_publication'::regclass, x.oid FROM pg_publication x
       UNION ALL SELECT 'pg_cast'::regclass, x.oid FROM pg_cast x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_language'::regclass, x.oid FROM pg_language x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_transform'::regclass, x.oid FROM pg_transform x WHERE x.oid >= 16384
       UNION ALL SELECT 'pg_am'::regclass, x.oid FROM pg_am x WHERE x.oid >= 16384
     )
     SELECT i.type, i.identity FROM candidates c CROSS JOIN LATERAL pg_catalog.pg_identify_object(c.classid, c.objid, 0) i
      WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = c.classid AND d.objid = c.objid AND d.deptype IN ('e', 'i'))
      ORDER BY CASE i.type WHEN 'schema' THEN 0 WHEN 'extension' THEN 1 ELSE 2 END, i.type, i.identity`;
/**
 * The user objects of a database (see USER_OBJECTS_SQL), as `table public.orders`, and its large
 * objects as one entry (`3 large objects`); `extensions` are extensions that do not count (the
 * ones the restore would create anyway).
 */
async function userObjects(db, extensions = []) {
    const found = await rows(db, USER_OBJECTS_SQL, [extensions]);
    const objects = found.map((r) => `${r.type} ${r.identity}`);
    // Large objects belong to the database, not to a schema, and a restore creates them: a database
    // holding any is not empty. Counted, not listed: a database may hold millions.
    const large = await largeObjectCount(db);
    if (large > 0)
        objects.push(large === 1 ? '1 large object' : `${large} large objects`);
    return objects;
}
/** The SQL keyword pg_identify_object's type names, where the two differ; the others are upper-cased. */
const KEYWORDS = {
    'composite type': 'TYPE',
    'foreign-data wrapper': 'FOREIGN DATA WRAPPER',
    'statistics object': 'STATISTICS',
};
/** The keyword of DROP / ALTER ... OWNER TO for an object type as pg_identify_object names it. */
function objectKeyword(type) {
    return KEYWORDS[type] ?? type.toUpperCase();
}
/** Opens the transaction whose snapshot the dump and the source's counts share; returns the snapshot id. */
async function exportSnapshot(db) {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [row] = await rows(db, 'SELECT pg_export_snapshot() AS id');
    return row.id;
}
/** Makes another session see exactly the exported snapshot. */
async function importSnapshot(db, snapshot) {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await db.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
}
async function catalogTables(db) {
    const found = await rows(db, `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            pg_table_size(c.oid) AS bytes, greatest(c.reltuples, 0)::bigint AS estimate
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'f') AND ${USER_NAMESPACE}`);
    return found.map((r) => ({ ...r, bytes: Number(r.bytes), estimatedRows: Number(r.estimate) }));
}
/**
 * Index and constraint OIDs (keyed `<catalog>:<oid>`) to the OID of their table and, for an
 * index and the constraint built on one, how long its build takes beside the other builds of its
 * table, as a rank (higher first): an index on an expression or with a predicate ranks 2 (every
 * row's expression is computed before the sort), any other 1 - |correlation| of its leading
 * column in the source's statistics, so an index whose input arrives in order ranks near 0 (the
 * copy keeps the source's physical row order, and PostgreSQL's sort checks for presorted input
 * and returns at once: the presorted check in src/include/lib/sort_template.h); a column without
 * statistics ranks 1. Builds of one table start longest first, so that none starts alone at the end.
 */
async function postDataOwners(db) {
    const found = await rows(db, `WITH indexes AS (
       SELECT x.indexrelid, x.indrelid,
              CASE WHEN x.indexprs IS NOT NULL OR x.indpred IS NOT NULL OR x.indkey[0] = 0 THEN 2
                   ELSE 1 - coalesce((SELECT abs(s.correlation) FROM pg_stats s
                                       WHERE s.schemaname = n.nspname AND s.tablename = t.relname
                                         AND s.attname = a.attname AND NOT s.inherited), 0)
              END AS cost
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0])
     SELECT '1259:' || indexrelid::int AS key, indrelid::int AS owner, cost::float8 AS cost FROM indexes
     UNION ALL
     SELECT '2606:' || c.oid::int, c.conrelid::int, i.cost::float8 FROM pg_constraint c
       LEFT JOIN indexes i ON i.indexrelid = c.conindid AND c.contype IN ('p', 'u', 'x')
      WHERE c.conrelid <> 0`);
    return new Map(found.map((r) => [r.key, { owner: r.owner, ...(r.cost === null ? {} : { cost: Number(r.cost) }) }]));
}
/**
 * Foreign keys between two plain tables (relkind r, not partitions: `relispartition` read through
 * to_jsonb, absent before PostgreSQL 10), by constraint OID, with the referencing and referenced
 * table. Keys of partitioned tables and partitions are left to pg_restore's ordering.
 */
async function plainForeignKeys(db) {
    const found = await rows(db, `SELECT c.oid::int AS oid, c.conrelid::int AS "from", c.confrelid::int AS "to"
       FROM pg_constraint c
       JOIN pg_class f ON f.oid = c.conrelid
       JOIN pg_class t ON t.oid = c.confrelid
      WHERE c.contype = 'f' AND f.relkind = 'r' AND t.relkind = 'r'
        AND NOT coalesce((to_jsonb(f) ->> 'relispartition')::boolean, false)
        AND NOT coalesce((to_jsonb(t) ->> 'relispartition')::boolean, false)`);
    return new Map(found.map((r) => [r.oid, { from: r.from, to: r.to }]));
}
/**
 * The primary key and unique constraints among `oids` (pg_constraint OIDs) that the copy builds
 * as `CREATE UNIQUE INDEX` beside the other index builds of their table, instead of
 * `ALTER TABLE ... ADD CONSTRAINT`, whose ACCESS EXCLUSIVE lock makes every other build of the
 * table wait for it (https://www.postgresql.org/docs/current/explicit-locking.html: CREATE INDEX
 * takes SHARE, which SHARE does not conflict with). Only those where the two are the same object
 * in the end: a B-tree index in the database's default tablespace, on a plain table that is not a
 * partition, neither clustered on nor the replica identity (pg_dump writes those as more
 * statements in the constraint's entry). `ADD CONSTRAINT ... USING INDEX` takes any such index
 * ("the index ... becomes owned by the constraint, in the same way as if it had been built by a
 * regular ADD PRIMARY KEY or ADD UNIQUE command",
 * https://www.postgresql.org/docs/current/sql-altertable.html). Read with an empty search_path,
 * as pg_dump reads definitions, so that every name in them is qualified.
 */
async function uniqueIndexesFirst(db, oids) {
    if (oids.length === 0)
        return new Map();
    await db.query(`SELECT pg_catalog.set_config('search_path', '', true)`);
    const found = await rows(db, `SELECT c.oid::int AS oid, pg_catalog.pg_get_indexdef(c.conindid) AS "createIndex",
            n.nspname AS schema, t.relname AS table, c.conname AS constraint, i.relname AS index,
            c.contype = 'p' AS "primaryKey", c.condeferrable AS deferrable, c.condeferred AS deferred
       FROM pg_catalog.pg_constraint c
       JOIN pg_catalog.pg_class t ON t.oid = c.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_catalog.pg_class i ON i.oid = c.conindid
       JOIN pg_catalog.pg_index x ON x.indexrelid = i.oid
       JOIN pg_catalog.pg_am a ON a.oid = i.relam
      WHERE c.oid = ANY($1::oid[]) AND c.contype IN ('p', 'u') AND t.relkind = 'r'
        AND NOT coalesce((to_jsonb(t) ->> 'relispartition')::boolean, false)
        AND coalesce((to_jsonb(c) ->> 'conparentid')::oid, 0) = 0
        AND a.amname = 'btree' AND i.reltablespace = 0 AND x.indisunique
        AND NOT x.indisclustered AND NOT x.indisreplident
        AND x.indexprs IS NULL AND x.indpred IS NULL`, [oids]);
    return new Map(found.map(({ oid, ...first }) => [oid, first]));
}
/** The statement that makes a unique index built by `UniqueIndexFirst.createIndex` its constraint. */
function constraintUsingIndex(found) {
    const kind = found.primaryKey ? 'PRIMARY KEY' : 'UNIQUE';
    const timing = found.deferrable ? ` DEFERRABLE${found.deferred ? ' INITIALLY DEFERRED' : ''}` : '';
    return `ALTER TABLE ONLY ${qualified(found.schema, found.table)} ADD CONSTRAINT ${quoteIdent(found.constraint)} ${kind} USING INDEX ${quoteIdent(found.index)}${timing}`;
}
/** A stored column of the table `a.attrelid`: not a system column, not dropped, not generated. */
const STORED_COLUMN = `a.attnum > 0 AND NOT a.attisdropped AND coalesce(to_jsonb(a) ->> 'attgenerated', '') = ''`;
/**
 * The column list each table's data is copied with, by table OID: every column in order except
 * dropped and generated ones (as pg_dump writes it). `attgenerated` is read through to_jsonb so
 * the query also runs on servers older than 12, which have no such column.
 */
async function copyColumns(db, oids) {
    const found = await rows(db, `SELECT a.attrelid::int AS oid, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) AS columns, count(*)::int AS count
       FROM pg_attribute a
      WHERE a.attrelid = ANY($1::oid[]) AND ${STORED_COLUMN}
      GROUP BY a.attrelid`, [oids]);
    return new Map(found.map((r) => [r.oid, { list: r.columns, count: r.count }]));
}
/** How many stored columns (not dropped, not generated) the table `schema.name` has; undefined when there is no such table. */
async function storedColumnCount(db, schema, name) {
    const [row] = await rows(db, `SELECT (SELECT count(*)::int FROM pg_attribute a WHERE a.attrelid = c.oid AND ${STORED_COLUMN}) AS n
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2`, [schema, name]);
    return row?.n ?? undefined;
}
/**
 * Main-fork block counts (for splitting a table into block ranges, see split.ts). Not MVCC: read
 * in the snapshot's session, they are at least as large as the snapshot's, and the last range of
 * a split is open-ended anyway.
 */
async function tableBlocks(db, oids) {
    const found = await rows(db, `SELECT c.oid::int AS oid, pg_relation_size(c.oid, 'main') / current_setting('block_size')::int AS blocks
       FROM pg_class c WHERE c.oid = ANY($1::oid[])`, [oids]);
    return new Map(found.map((r) => [r.oid, Number(r.blocks)]));
}
/**
 * The tables among `oids` whose every column can travel in COPY's binary format between two
 * servers of the same major version: every type reached through domains, ranges, arrays and
 * composites has a binary send and receive function; none is a base type defined outside the
 * built-in catalog (an extension's C type, whose binary form may change with its version); and
 * every type inside an array or a composite is built-in, because their binary form carries the
 * element's or field's type OID, which the receiving server checks against its own ("binary
 * data has array element type ... instead of expected", array_recv and record_recv in
 * src/backend/utils/adt), and a user-defined type's OID differs between two servers; and none is
 * an OID alias type (regclass, regconfig, regproc, ...: pg_catalog's `reg*` types), whose binary
 * form is the object's OID on the source, meaningless on the target, where their text form is the
 * object's name, looked up again as pg_dump's text COPY does. Multiranges
 * take the text format too (their subtypes are not walked here). Built-in objects have OIDs
 * below 16384 (FirstNormalObjectId, src/include/access/transam.h);
 * https://www.postgresql.org/docs/current/sql-copy.html ("binary format is very data type specific").
 */
async function binaryCopyable(db, oids) {
    const found = await rows(db, `WITH RECURSIVE reached(rel, typ, nested) AS (
       SELECT a.attrelid, a.atttypid, false FROM pg_attribute a
        WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
       UNION
       SELECT r.rel, s.typ, s.nested FROM reached r JOIN pg_type t ON t.oid = r.typ,
         LATERAL (
           SELECT t.typbasetype, r.nested WHERE t.typtype = 'd'
           UNION ALL SELECT g.rngsubtype, r.nested FROM pg_range g WHERE g.rngtypid = t.oid
           UNION ALL SELECT e.oid, true FROM pg_type e WHERE e.typarray = t.oid
           UNION ALL SELECT a.atttypid, true FROM pg_attribute a
                      WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
         ) s(typ, nested)
     )
     SELECT c.oid::int AS oid FROM pg_class c
      WHERE c.oid = ANY($1::oid[])
        AND NOT EXISTS (
          SELECT 1 FROM reached r JOIN pg_type t ON t.oid = r.typ
           WHERE r.rel = c.oid
             AND (t.typsend = 0 OR t.typreceive = 0 OR t.typtype NOT IN ('b', 'c', 'd', 'e', 'r')
                  OR (t.typname LIKE 'reg%' AND t.typnamespace = 'pg_catalog'::regnamespace)
                  OR (r.nested AND t.oid >= 16384)
                  OR (t.typtype = 'b' AND t.oid >= 16384
                      AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid))))`, [oids]);
    return new Set(found.map((r) => r.oid));
}
async function sequenceValues(db) {
    const found = await rows(db, `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')} ORDER BY 1, 2`);
    const values = [];
    for (const seq of found) {
        const [v] = await rows(db, `SELECT last_value::text, is_called FROM ${qualified(seq.schema, seq.name)}`);
        values.push({ ...seq, lastValue: v.last_value, isCalled: v.is_called });
    }
    return values;
}
async function setSequence(db, seq) {
    await db.query(`SELECT pg_catalog.setval($1::regclass, $2::bigint, $3)`, [
        qualified(seq.schema, seq.name),
        seq.lastValue,
        seq.isCalled,
    ]);
}
/** Materialized views that hold data on the source (REFRESH them after the copy, dependencies first by OID). */
async function populatedMatviews(db) {
    return rows(db, `SELECT n.nspname AS schema, c.relname AS name, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'm' AND c.relispopulated AND ${USER_NAMESPACE} ORDER BY c.oid`);
}
/**
 * Settings under which a row prints the same text on any server, so row hashes compare: also an
 * empty search_path, so that `reg*` values print schema-qualified whatever a database's own
 * search_path (a target's database settings are carried only after success), and `lc_monetary`
 * fixed for `money`.
 */
const STABLE_OUTPUT = `SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; SET bytea_output = 'hex'; SET search_path = ''; SET lc_monetary = 'C'`;
async function countRows(db, schema, name) {
    const [row] = await rows(db, `SELECT count(*) AS n FROM ONLY ${qualified(schema, name)}`);
    return Number(row.n);
}
/**
 * Counts of the objects around the tables `$1` (schemas) / `$3` (names), and of views and functions
 * in the schemas `$2` (NULL: not counted). Also run inside the transaction strategy's verification.
 */
const OBJECT_COUNTS_SQL = `WITH t AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $3::text[])))
     SELECT (SELECT count(*) FROM t) AS tables,
            (SELECT count(*) FROM pg_index i WHERE i.indrelid IN (SELECT oid FROM t)) AS indexes,
            (SELECT count(*) FROM pg_constraint k WHERE k.conrelid IN (SELECT oid FROM t) AND k.contype IN ('p', 'u', 'f', 'c', 'x')) AS constraints,
            (SELECT count(*) FROM pg_trigger g WHERE g.tgrelid IN (SELECT oid FROM t) AND NOT g.tgisinternal) AS triggers,
            (SELECT count(*) FROM pg_policy p WHERE p.polrelid IN (SELECT oid FROM t)) AS policies,
            (SELECT count(*) FROM pg_class c WHERE c.oid IN (SELECT oid FROM t) AND c.relrowsecurity) AS rowsecurity,
            (SELECT count(*) FROM pg_class c WHERE c.oid IN (SELECT oid FROM t) AND c.relforcerowsecurity) AS forcedrowsecurity,
            CASE WHEN $2::text[] IS NOT NULL THEN (SELECT count(*) FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace
              WHERE v.relkind IN ('v', 'm') AND n.nspname = ANY($2) AND ${NOT_EXTENSION_MEMBER('pg_class', 'v.oid')}) END AS views,
            CASE WHEN $2::text[] IS NOT NULL THEN (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = ANY($2) AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}) END AS functions`;
/** Counts of the objects around the copied tables (and, for whole schemas, views and functions). */
async function objectCounts(db, tables, schemas) {
    const [row] = await rows(db, OBJECT_COUNTS_SQL, [
        tables.map((t) => t.schema),
        schemas ?? null,
        tables.map((t) => t.name),
    ]);
    const num = (v) => v === null || v === undefined ? undefined : Number(v);
    return {
        tables: Number(row.tables),
        indexes: Number(row.indexes),
        constraints: Number(row.constraints),
        triggers: Number(row.triggers),
        policies: Number(row.policies),
        rowSecurity: Number(row.rowsecurity),
        forcedRowSecurity: Number(row.forcedrowsecurity),
        views: num(row.views),
        functions: num(row.functions),
    };
}
async function baseline(db) {
    const schemas = await rows(db, `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`);
    const extensions = await installedExtensions(db);
    const large = await rows(db, `SELECT oid::text AS oid FROM pg_largeobject_metadata`);
    return {
        schemas: schemas.map((s) => s.name),
        extensions: extensions.map((e) => e.name),
        largeObjects: large.map((l) => l.oid),
    };
}
/**
 * Unlinks the large objects not in `keep`, a thousand per statement: each unlink holds a lock
 * until its transaction ends, and one statement for all of them could exhaust the lock table
 * (max_locks_per_transaction). Stops when a round unlinks nothing (what is left is measured by
 * the caller).
 */
async function unlinkLargeObjects(db, keep) {
    for (;;) {
        const [row] = await rows(db, `SELECT count(pg_catalog.lo_unlink(oid)) AS n
         FROM (SELECT oid FROM pg_catalog.pg_largeobject_metadata WHERE oid <> ALL ($1::oid[]) LIMIT 1000) l`, [keep]);
        if (Number(row.n) === 0)
            return;
    }
}
/**
 * Removes everything a failed direct restore created: the large objects it added, the extensions
 * and schemas it added with all they hold, then every user object left (the target was empty
 * before: pre-flight saw to that). Each DROP runs on its own, a few rounds over, so one that
 * fails does not keep the others; the caller measures what is left afterwards.
 */
async function dropRestored(db, before) {
    const attempt = async (sql) => {
        await db.query(sql).catch(() => undefined);
    };
    await unlinkLargeObjects(db, before.largeObjects).catch(() => undefined);
    for (const ext of await installedExtensions(db)) {
        if (!before.extensions.includes(ext.name))
            await attempt(`DROP EXTENSION IF EXISTS ${quoteIdent(ext.name)} CASCADE`);
    }
    const schemas = await rows(db, `SELECT nspname AS name FROM pg_namespace n WHERE ${USER_NAMESPACE}`);
    for (const schema of schemas) {
        if (!before.schemas.includes(schema.name))
            await attempt(`DROP SCHEMA IF EXISTS ${quoteIdent(schema.name)} CASCADE`);
    }
    for (let round = 0; round < 3; round++) {
        const left = await rows(db, USER_OBJECTS_SQL, [before.extensions]);
        if (left.length === 0)
            return;
        for (const object of left) {
            await attempt(`DROP ${objectKeyword(object.type)} IF EXISTS ${object.identity} CASCADE`);
        }
    }
}
async function databaseProperties(db, name) {
    const [row] = await rows(db, `SELECT pg_catalog.pg_get_userbyid(d.datdba) AS owner, d.datconnlimit AS limit,
            pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
            (SELECT coalesce(json_agg(json_build_object('role', CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END,
                                                        'config', s.setconfig) ORDER BY s.setrole), '[]')
               FROM pg_catalog.pg_db_role_setting s WHERE s.setdatabase = d.oid) AS settings,
            CASE WHEN d.datacl IS NULL THEN NULL ELSE
              (SELECT json_agg(json_build_object('grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                                                 'privilege', a.privilege_type, 'grantable', a.is_grantable))
                 FROM pg_catalog.aclexplode(d.datacl) a) END AS acl
       FROM pg_catalog.pg_database d WHERE d.datname = $1`, [name]);
    if (!row)
        return undefined;
    const settings = row.settings.flatMap((s) => s.config.map((entry) => {
        const at = entry.indexOf('=');
        return { role: s.role, name: entry.slice(0, at), value: entry.slice(at + 1) };
    }));
    return {
        name,
        owner: row.owner,
        connectionLimit: Number(row.limit),
        comment: row.comment,
        settings,
        acl: row.acl,
    };
}
/**
 * Settings whose value is a list of names, which pg_dump splits and quotes element by element
 * (its variable_is_guc_list_quote and makeAlterConfigCommand): quoting the stored text whole
 * would make one name of `app, public`.
 */
const LIST_SETTINGS = new Set([
    'local_preload_libraries',
    'search_path',
    'session_preload_libraries',
    'shared_preload_libraries',
    'temp_tablespaces',
    'unix_socket_directories',
]);
/** A setting's stored value as the literal(s) of `SET name TO ...`. */
function settingValue(db, name, value) {
    if (!LIST_SETTINGS.has(name.toLowerCase()))
        return db.escapeLiteral(value);
    const items = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
        const c = value[i];
        if (c === '"') {
            if (quoted && value[i + 1] === '"') {
                current += '"';
                i++;
            }
            else
                quoted = !quoted;
        }
        else if (c === ',' && !quoted) {
            items.push(current.trim());
            current = '';
        }
        else
            current += quoted || c !== ' ' ? c : '';
    }
    items.push(current.trim());
    return items.map((item) => db.escapeLiteral(item)).join(', ');
}
/**
 * Gives the database `into` the source's comment and settings and, when it replaces another
 * database (swap), that database's settings, privileges, connection limit and owner first, so
 * it ends as the in-place strategies leave the target. Each property is set on its own; one that
 * cannot be set is reported with the server's reason, never fatal.
 */
async function carryDatabaseProperties(db, into, source, replaced) {
    const outcome = { carried: [], notCarried: [] };
    const database = quoteIdent(into);
    const run = async (what, sql) => {
        try {
            await db.query(sql);
            outcome.carried.push(what);
        }
        catch (error) {
            outcome.notCarried.push(`${what}: ${errors_errorMessage(error)}`);
        }
    };
    const settings = [...(replaced?.settings ?? []), ...(source?.settings ?? [])];
    for (const s of settings) {
        const set = `SET ${quoteIdent(s.name)} TO ${settingValue(db, s.name, s.value)}`;
        if (s.role === null)
            await run(`setting ${s.name}`, `ALTER DATABASE ${database} ${set}`);
        else
            await run(`setting ${s.name} for role ${s.role}`, `ALTER ROLE ${quoteIdent(s.role)} IN DATABASE ${database} ${set}`);
    }
    const comment = source?.comment ?? replaced?.comment ?? null;
    if (comment !== null)
        await run('comment', `COMMENT ON DATABASE ${database} IS ${db.escapeLiteral(comment)}`);
    if (replaced) {
        if (replaced.acl !== null) {
            const grants = replaced.acl.map((a) => `GRANT ${a.privilege} ON DATABASE ${database} TO ${a.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(a.grantee)}${a.grantable ? ' WITH GRANT OPTION' : ''}`);
            await run('privileges', `REVOKE ALL ON DATABASE ${database} FROM PUBLIC; ${grants.join('; ')}`);
        }
        if (replaced.connectionLimit !== -1)
            await run('connection limit', `ALTER DATABASE ${database} CONNECTION LIMIT ${Number(replaced.connectionLimit)}`);
        await run(`owner ${replaced.owner}`, `ALTER DATABASE ${database} OWNER TO ${quoteIdent(replaced.owner)}`);
    }
    return outcome;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/common/plural.ts
/**
 * A count with its noun in the right number, for log lines and summaries: `count(1, 'index',
 * 'indexes')` is `1 index`, `count(3, 'object')` is `3 objects`.
 */
function count(n, one, many = `${one}s`) {
    return `${n} ${plural(n, one, many)}`;
}
/** The noun alone, in the number `n` asks for: `plural(2, 'batch', 'batches')` is `batches`. */
function plural(n, one, many = `${one}s`) {
    return n === 1 ? one : many;
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
        throw cancelledError(options.signal);
    if (result.cancelled)
        throw new CancelledError(describeExit(result));
    if (result.exitCode !== 0)
        throw new ProcessError(result);
    return result;
}

;// CONCATENATED MODULE: ./src/db-migrate/psql-messages.ts
/**
 * What psql's stderr tells during a restore in one transaction: the server's errors and warnings,
 * and the messages db-migrate's own blocks raise there, each marked by a prefix.
 */
/** How the verification block (check.ts) fails: its error message starts with this. */
const MISMATCH_PREFIX = 'db-migrate verification:';
/** How the owners-and-privileges block (access.ts) fails: never a known-harmless error, whatever the cause. */
const ACCESS_PREFIX = 'db-migrate access:';
/** How that block reports, as a WARNING, an owner the server refused although pre-flight expected it carried. */
const NOT_CARRIED_PREFIX = 'db-migrate not carried:';
/** One line of psql's stderr: `psql:<stdin>:12: ERROR:  ...`, `psql: error: ...`, or a continuation. */
function parsePsqlLine(line) {
    const server = /^psql:.*?:(\d+): (ERROR|FATAL|PANIC|WARNING):\s+(.*)$/.exec(line);
    if (server) {
        return server[2] === 'WARNING'
            ? { kind: 'warning', message: server[3].trim() }
            : { kind: 'error', message: server[3].trim(), line: Number(server[1]) };
    }
    const client = /^psql:(?:.*?:(\d+):)? error: (.*)$/.exec(line);
    if (client)
        return { kind: 'error', message: client[2].trim(), line: client[1] ? Number(client[1]) : undefined };
    return { kind: 'other' };
}

;// CONCATENATED MODULE: ./src/db-migrate/sql.ts


/**
 * SQL text built by db-migrate: every name is embedded as a string literal (and turned into an
 * identifier by format('%I') inside the server), every number is checked to be one, and every
 * block is dollar-quoted with a tag its body does not contain.
 */
/** A SQL string literal, read the same way whatever standard_conforming_strings says (as quote_literal does). */
function quoteLiteral(text) {
    if (text.includes('\0'))
        throw new Error('A name holds a NUL character, which PostgreSQL does not allow.');
    const doubled = text.replace(/'/g, "''");
    return text.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`;
}
/** A number for SQL text, checked to be an integer; `what` names it in the error. */
function integerLiteral(value, what) {
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' ||
        !/^-?\d{1,40}$/.test(text) ||
        (typeof value === 'number' && !Number.isSafeInteger(value))) {
        throw new errors_UserError(`The expected ${what} is not an integer (${JSON.stringify(value)}).`);
    }
    return text;
}
/** A text[] literal. */
const textArray = (values) => values.length === 0 ? `'{}'::text[]` : `ARRAY[${values.map(quoteLiteral).join(', ')}]::text[]`;
/** A dollar-quote tag no embedded text contains, so no name can end the block early. */
function dollarTag(nonce, body) {
    let tag = `$db_migrate_${nonce}$`;
    while (body.includes(tag))
        tag = `$db_migrate_${(0,external_node_crypto_.randomBytes)(6).toString('hex')}$`;
    return tag;
}

;// CONCATENATED MODULE: ./src/db-migrate/toc.ts
/**
 * The table of contents of a pg_dump archive, as `pg_restore -l` prints it, and the schedule
 * db-migrate builds from it. pg_restore has no machine-readable listing, so the parser is
 * written here; it relies on the line shape `<dumpId>; <catalogOid> <objectOid> <DESC> <rest>`
 * and on pg_dump's fixed set of DESC words (some contain spaces, so the longest one wins).
 */
const DESCS = [
    'ACCESS METHOD',
    'ACL',
    'AGGREGATE',
    'BLOB',
    'BLOB METADATA',
    'BLOBS',
    'CAST',
    'CHECK CONSTRAINT',
    'COLLATION',
    'COMMENT',
    'CONSTRAINT',
    'CONVERSION',
    'DATABASE',
    'DATABASE PROPERTIES',
    'DEFAULT',
    'DEFAULT ACL',
    'DOMAIN',
    'ENCODING',
    'EVENT TRIGGER',
    'EXTENSION',
    'FK CONSTRAINT',
    'FOREIGN DATA WRAPPER',
    'FOREIGN SERVER',
    'FOREIGN TABLE',
    'FUNCTION',
    'INDEX',
    'INDEX ATTACH',
    'LARGE OBJECT',
    'MATERIALIZED VIEW',
    'MATERIALIZED VIEW DATA',
    'OPERATOR',
    'OPERATOR CLASS',
    'OPERATOR FAMILY',
    'POLICY',
    'PROCEDURAL LANGUAGE',
    'PROCEDURE',
    'PUBLICATION',
    'PUBLICATION TABLE',
    'PUBLICATION TABLES IN SCHEMA',
    'ROW SECURITY',
    'RULE',
    'SCHEMA',
    'SEARCHPATH',
    'SECURITY LABEL',
    'SEQUENCE',
    'SEQUENCE OWNED BY',
    'SEQUENCE SET',
    'SERVER',
    'SHELL TYPE',
    'STATISTICS',
    'STDSTRINGS',
    'SUBSCRIPTION',
    'SUBSCRIPTION TABLE',
    'TABLE',
    'TABLE ATTACH',
    'TABLE DATA',
    'TEXT SEARCH CONFIGURATION',
    'TEXT SEARCH DICTIONARY',
    'TEXT SEARCH PARSER',
    'TEXT SEARCH TEMPLATE',
    'TRANSFORM',
    'TRIGGER',
    'TYPE',
    'USER MAPPING',
    'VIEW',
].sort((a, b) => b.length - a.length);
/** Parses `pg_restore -l` output; comment lines (`;`) and blank lines are skipped. */
function parseToc(text) {
    const entries = [];
    for (const line of text.split(/\r?\n/)) {
        const match = /^(\d+);\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
        if (!match)
            continue;
        const body = match[4];
        const desc = DESCS.find((d) => body === d || body.startsWith(`${d} `)) ?? body.split(' ')[0];
        entries.push({
            id: Number(match[1]),
            catalogOid: Number(match[2]),
            oid: Number(match[3]),
            desc,
            rest: body.slice(desc.length).trim(),
            line,
        });
    }
    return entries;
}
/** A `pg_restore -L` file holding the given entries, in the given order. */
function tocList(entries) {
    return entries.map((e) => e.line).join('\n') + '\n';
}
/** Post-data entries that belong to one table and can be built while other tables still copy. */
const PER_TABLE = new Set(['INDEX', 'CONSTRAINT']);
/**
 * Orders a copy the way the fastest tools do: data largest first; each table's indexes and
 * constraints right after its own data, longest first; a foreign key between two tables with data once both
 * are complete; other foreign keys, triggers and the rest last (a trigger created earlier would
 * fire on the data still loading, a foreign key would check it row by row).
 */
function schedule(tables, postData, { ownerOf, foreignKeyOf = () => undefined, buildCost = () => undefined }) {
    const byOid = new Map(tables.map((t) => [t.oid, t]));
    const data = tables.filter((t) => t.hasData).sort((a, b) => b.bytes - a.bytes || a.oid - b.oid);
    const afterTable = new Map(data.map((t) => [t.oid, []]));
    const immediate = [];
    const last = [];
    const foreignKeys = [];
    const tableOf = new Map();
    for (const entry of postData) {
        const key = entry.desc === 'FK CONSTRAINT' ? foreignKeyOf(entry.oid) : undefined;
        const from = key && byOid.get(key.from);
        const to = key && byOid.get(key.to);
        // `foreignKeyOf` knows only keys between plain tables (see plainForeignKeys in db.ts).
        if (from?.hasData && to?.hasData) {
            foreignKeys.push({ entry, from, to });
            tableOf.set(entry.id, from);
            continue;
        }
        const owner = PER_TABLE.has(entry.desc) ? ownerOf(entry.catalogOid, entry.oid) : undefined;
        const table = owner === undefined ? undefined : byOid.get(owner);
        if (table)
            tableOf.set(entry.id, table);
        if (!table)
            last.push(entry);
        else if (table.hasData)
            afterTable.get(table.oid)?.push(entry);
        else
            immediate.push(entry);
    }
    // Longest first, so that the last build of a table does not run alone while the other jobs
    // wait: the order that keeps the end of a batch of tasks on a few workers shortest (LPT).
    const cost = (entry) => buildCost(entry.catalogOid, entry.oid) ?? 0;
    for (const entries of afterTable.values())
        entries.sort((a, b) => cost(b) - cost(a));
    return { data, afterTable, immediate, foreignKeys, last, tableOf };
}
/**
 * The tables a copy holds back until its largest table is complete (its data in, its indexes
 * built), to copy them while that table's foreign keys are checked instead of beside its COPY
 * and its index builds. The keys of one table are checked
 * one at a time (ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on the table, which conflicts with
 * itself, https://www.postgresql.org/docs/current/explicit-locking.html), each a scan of the
 * whole table, so all but one job wait there; beside its COPY, the other jobs share the cores its
 * COPY out and COPY in run on. Held back: with two jobs or more, when the largest table has keys
 * to other tables, the smallest tables its keys do not need, as long as they add up to at most
 * 1/16 of its size per key (a key's check reads the table once, at a small part of the cost per
 * byte of copying it and building its indexes: 0.6 s per key against 9 s for the copy and
 * builds of the benchmark's 0.9 GiB table).
 */
function heldBack(plan, jobs) {
    const [largest, ...rest] = plan.data;
    if (!largest || jobs < 2)
        return [];
    const keys = plan.foreignKeys.filter((k) => k.from.oid === largest.oid && k.to.oid !== largest.oid);
    const needed = new Set(keys.map((k) => k.to.oid));
    let budget = (largest.bytes * keys.length) / 16;
    const held = new Set();
    for (const table of rest
        .filter((t) => !needed.has(t.oid))
        .sort((a, b) => a.bytes - b.bytes || a.oid - b.oid)) {
        if (table.bytes > budget)
            break;
        budget -= table.bytes;
        held.add(table.oid);
    }
    // In the order of the copy, largest first.
    return rest.filter((t) => held.has(t.oid));
}
/**
 * How a log line names an index or constraint of `table`: `index orders_customer_idx of
 * shop.orders`. pg_restore's listing prints `<schema> <name> <owner>` for an index and
 * `<schema> <table> <name> <owner>` for a constraint, unquoted: the schema and table are known
 * and stripped, and so is the owner, the last word (a name holding a space keeps its first part
 * only when the owner holds one too; this is for the log alone).
 */
function describePostData(entry, table) {
    let rest = entry.rest;
    const strip = (prefix) => {
        if (rest.startsWith(`${prefix} `))
            rest = rest.slice(prefix.length + 1);
    };
    strip(table.schema);
    if (entry.desc !== 'INDEX')
        strip(table.name);
    const at = rest.lastIndexOf(' ');
    const name = at > 0 ? rest.slice(0, at) : rest;
    const kind = entry.desc === 'FK CONSTRAINT' ? 'foreign key' : entry.desc.toLowerCase();
    return `${kind} ${name} of ${displayName(table.schema, table.name)}`;
}
/** Quotes a table for pg_dump's `-t`, so the name is matched literally. */
function exactTablePattern(schema, name) {
    const q = (s) => `"${s.replace(/"/g, '""')}"`;
    return `${q(schema)}.${q(name)}`;
}
/**
 * A relation's name for messages and the `verification` output: each part as it is when it needs
 * no quotes (lower-case letters, digits, `_` and `$`, not starting with a digit), double-quoted
 * otherwise, so that no two relations print the same.
 */
function displayName(schema, name) {
    const part = (s) => (/^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
    return `${part(schema)}.${part(name)}`;
}

;// CONCATENATED MODULE: ./src/db-migrate/partitions.ts
/**
 * How each partition's rows are loaded: into the partition itself, or through the root of its
 * partition tree, where the target routes every row to the partition it belongs in there.
 *
 * A partition can be loaded on its own only when every row the source holds in it belongs in it
 * on the target too. That is not so where the partition key is routed by something another
 * server computes differently: hash partitioning on an enum (the hash is that of the label's OID,
 * which differs on every other database) or on any key the hash of which goes through a
 * polymorphic or user-defined operator class (arrays, ranges, records of enums), a key whose
 * collation is nondeterministic (equality and hashing then follow the collation library), range
 * partitioning on a collation whose order comes from the C library or ICU (their versions may
 * order text differently), and keys of reg* types (their OIDs differ on the target). Rows loaded
 * into such a partition on the target would violate its partition constraint there.
 *
 * pg_dump's --load-via-partition-root exists for this: "When dumping data for a table partition,
 * make the COPY or INSERT statements target the root of the partitioning hierarchy that contains
 * it, rather than the partition itself. This causes the appropriate partition to be re-determined
 * for each row when the data is loaded. This may be useful when restoring data on a server where
 * rows do not always fall into the same partitions as they did on the original server. That could
 * happen, for example, if the partitioning column is of type text and the two systems have
 * different definitions of the collation used to sort the partitioning column."
 * (https://www.postgresql.org/docs/current/app-pgdump.html). pg_dump applies it on its own to
 * partitions of tables hash-partitioned on an enum (PostgreSQL 17, and the minor releases of
 * 11 to 16 from May 2023: postgres commit 012ffb365a05); the other cases above it leaves to the
 * user, so db-migrate asks for it whenever one of the dump's trees needs it.
 *
 * Such partitions' rows land, on the target, in the partitions the target's routing gives them:
 * each partition's count may then differ from the source's while the tree's rows are the same, so
 * verification compares those trees as a whole (and reports, without failing on it, each
 * partition's count). Every other partition is verified on its own, and every tree as a whole.
 */
/**
 * The partitioned tables (OIDs) whose routing of rows another server may do differently (see
 * above). Columns newer than the oldest supported servers are read through to_jsonb.
 */
async function unstablePartitioning(db) {
    const { rows } = await db.query(`SELECT p.partrelid::int AS oid FROM pg_catalog.pg_partitioned_table p
      WHERE (p.partstrat = 'h' AND EXISTS (
               SELECT 1 FROM unnest(p.partclass::oid[]) AS k (opclass)
                 JOIN pg_catalog.pg_opclass o ON o.oid = k.opclass JOIN pg_catalog.pg_type t ON t.oid = o.opcintype
                WHERE t.typtype = 'p' OR o.oid >= 16384))
         OR EXISTS (
               SELECT 1 FROM unnest(p.partcollation::oid[]) AS k (coll) JOIN pg_catalog.pg_collation c ON c.oid = k.coll
                WHERE NOT coalesce((to_jsonb(c) ->> 'collisdeterministic')::boolean, true)
                   OR (p.partstrat = 'r' AND c.collname NOT IN ('C', 'POSIX') AND c.collprovider <> 'b'
                       AND NOT (c.oid = 100 AND (SELECT d.datcollate FROM pg_catalog.pg_database d WHERE d.datname = current_database()) IN ('C', 'POSIX'))))
         OR EXISTS (
               SELECT 1 FROM unnest(p.partattrs::int2[]) AS k (attnum)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k.attnum
                 JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
                WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typname LIKE 'reg%')`);
    return new Set(rows.map((r) => r.oid));
}
/**
 * Sets, on the dump's tables, `viaRoot` for each partition with data whose tree (its ancestors)
 * holds a partitioned table of `unstable`: its rows are loaded through the top of the tree, when
 * the dump holds that top; and `partitioned` for each partitioned table every partition under
 * which has its data in the dump (a tree some of whose data is left out is not counted whole).
 * Pure; returns whether any partition is loaded through its root.
 */
function choosePartitionRoutes(tables, catalog, unstable) {
    const byOid = new Map(tables.map((t) => [t.oid, t]));
    const children = new Map();
    for (const rel of catalog.values()) {
        const parent = rel.parents.length === 1 ? catalog.get(rel.parents[0]) : undefined;
        if (parent?.relkind === 'p')
            children.set(parent.oid, [...(children.get(parent.oid) ?? []), rel.oid]);
    }
    const complete = (oid) => (children.get(oid) ?? []).every((child) => catalog.get(child)?.relkind === 'p' ? complete(child) : byOid.get(child)?.hasData === true);
    for (const table of tables) {
        if (catalog.get(table.oid)?.relkind === 'p' && complete(table.oid))
            table.partitioned = true;
    }
    let any = false;
    for (const table of tables) {
        if (!table.hasData)
            continue;
        let unsafe = false;
        let top;
        for (let rel = catalog.get(table.oid); rel;) {
            const parent = rel.parents.length === 1 ? catalog.get(rel.parents[0]) : undefined;
            if (parent?.relkind !== 'p')
                break;
            if (unstable.has(parent.oid))
                unsafe = true;
            top = parent;
            rel = parent;
        }
        if (unsafe && top && byOid.has(top.oid)) {
            table.viaRoot = { oid: top.oid, schema: top.schema, name: top.name };
            any = true;
        }
    }
    return any;
}
/**
 * The tables verification counts: each with data on its own, and each partitioned table as the
 * whole of its tree (its own rows are none: they are its partitions'). A partition loaded through
 * its root is `routed` when that root is counted: its count is reported, its tree's decides.
 */
function countedTables(tables) {
    const trees = new Set(tables.filter((t) => t.partitioned).map((t) => t.oid));
    return tables
        .filter((t) => t.hasData || t.partitioned)
        .map((t) => ({
        schema: t.schema,
        name: t.name,
        ...(t.filter ? { filter: t.filter } : {}),
        ...(t.partitioned ? { tree: true } : {}),
        ...(t.viaRoot && trees.has(t.viaRoot.oid) ? { routed: true } : {}),
    }));
}

;// CONCATENATED MODULE: ./src/db-migrate/verify.ts




/** pg_class.relkind to the kind's name. */
const RELATION_KINDS = {
    r: 'table',
    p: 'partitioned table',
    v: 'view',
    m: 'materialized view',
    S: 'sequence',
    f: 'foreign table',
};
/**
 * Every session counts with row_security off: a count that a row-level security policy would
 * filter fails instead of coming out short. Superusers and BYPASSRLS roles are not subject to
 * policies; table owners are not either, unless the table has FORCE ROW LEVEL SECURITY.
 * https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-ROW-SECURITY
 * https://www.postgresql.org/docs/current/ddl-rowsecurity.html
 */
const ROW_SECURITY_OFF = 'SET row_security = off';
/**
 * Counts (and hashes) every table on one side (`countRows`), then reads its objects, sequences
 * and relations; with `counted`, the tables were counted already and only the rest is read.
 */
async function measure(options) {
    const tables = options.counted ?? (await verify_countRows(options));
    const [db] = await openSessions(options, 1);
    try {
        const rowHash = options.rowHash ?? 'hashtext';
        const objects = await objectCounts(db, options.objectTables ?? options.tables, options.schemas);
        if (options.largeObjects)
            objects.largeObjects = await largeObjectCount(db);
        const sequences = await readSequences(db);
        const relations = options.relations ? await findRelations(db, options.relations) : undefined;
        return { tables, objects, sequences, relations, ...(options.level === 'checksums' ? { rowHash } : {}) };
    }
    finally {
        await db_close(db);
    }
}
/** The tables' rows (and checksums) of one side, over up to `jobs` sessions. */
async function verify_countRows(options) {
    const sessions = await openSessions(options, options.jobs);
    try {
        // The source is read in a read-only snapshot, where nothing can be lifted: there a forced
        // policy makes the count fail (as it makes pg_dump fail).
        const lifted = options.snapshot ? new Set() : await forcedOnOwner(sessions[0], options.tables);
        const tables = {};
        const rowHash = options.rowHash ?? 'hashtext';
        const queue = [...options.tables];
        await Promise.all(sessions.map(async (db) => {
            for (let table = queue.shift(); table; table = queue.shift()) {
                const key = displayName(table.schema, table.name);
                const level = options.streamed?.has(key) ? 'counts' : options.level;
                const measured = await countTable(db, table, level, rowHash, lifted.has(key));
                if (measured)
                    tables[key] = {
                        ...measured,
                        ...(table.tree ? { tree: true } : {}),
                        ...(table.routed ? { routed: true } : {}),
                    };
            }
        }));
        return tables;
    }
    finally {
        await Promise.all(sessions.map((db) => db_close(db)));
    }
}
/** Up to `jobs` sessions (one per table at most), in the snapshot if given, with stable output and row_security off. */
async function openSessions(options, jobs) {
    const sessions = [];
    try {
        const count = Math.max(1, Math.min(jobs, options.tables.length));
        for (let i = 0; i < count; i++) {
            const db = await connect(options.url, { logger: options.logger, signal: options.signal });
            sessions.push(db);
            if (options.snapshot)
                await importSnapshot(db, options.snapshot);
            await db.query(STABLE_OUTPUT);
            await db.query(ROW_SECURITY_OFF);
        }
        return sessions;
    }
    catch (error) {
        await Promise.all(sessions.map((db) => db_close(db)));
        throw error;
    }
}
/**
 * The source side of every verification, measured once here: in the snapshot, with the sequence
 * values read there. `tables` defaults to the tables verification counts (`countedTables`);
 * a backup passes them without an extension's condition, as the restore counts them.
 */
async function measureSource(url, state, options) {
    const measured = await measure({
        counted: options.counted,
        url,
        snapshot: state.snapshot,
        tables: options.tables ?? countedTables(state.tables),
        objectTables: state.tables,
        schemas: state.schemas,
        relations: state.relations,
        level: options.level,
        rowHash: options.rowHash,
        streamed: options.streamed,
        jobs: options.jobs,
        logger: options.logger,
        signal: options.signal,
    });
    return { ...measured, sequences: state.sequences };
}
/**
 * A table's checksum, over its rows `t`: order-independent, the sum of one hash of each row's
 * text (a sum, so duplicate rows do not cancel out), as exact numeric. `hashtext` is the 64-bit
 * hashtextextended, which PostgreSQL keeps stable across versions because hash partitioning
 * stores its values (https://www.postgresql.org/docs/current/ddl-partitioning.html, "hash
 * partitioning"; available since PostgreSQL 11); it costs about half of `md5`, the first 60 bits
 * of each row text's MD5, which manifests of format 1 hold. Both read the row as text
 * (`t::text`, each column through its output function), so a value that prints differently
 * differs.
 */
const ROW_HASHES = {
    md5: `coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)`,
    hashtext: `coalesce(sum(hashtextextended(t::text, 0)), 0)`,
};
/**
 * The rows the dump holds: the table's own (ONLY: a parent's rows are counted without its
 * partitions; a partitioned table, `tree`, with all of them), or for a configuration table those its extension's condition keeps, read the
 * way pg_dump reads them (`SELECT ... FROM table <condition>`). A table that does not exist
 * gives undefined. `lift`: the table forces row-level security on its owner, the current user;
 * FORCE is lifted for the count in a transaction that is rolled back, so nothing changes.
 */
async function countTable(db, table, level, rowHash, lift) {
    const relation = qualified(table.schema, table.name);
    const from = table.filter
        ? `(SELECT * FROM ${relation} ${table.filter}) t`
        : `${table.tree ? '' : 'ONLY '}${relation} t`;
    const sql = `SELECT count(*) AS n${level === 'checksums' ? `, ${ROW_HASHES[rowHash]}::text AS h` : ''} FROM ${from}`;
    const run = async () => {
        const [row] = (await db.query(sql)).rows;
        return level === 'checksums' ? { rows: Number(row.n), checksum: row.h } : { rows: Number(row.n) };
    };
    try {
        if (!lift)
            return await run();
        await db.query('BEGIN');
        try {
            await db.query(`ALTER TABLE ONLY ${relation} NO FORCE ROW LEVEL SECURITY`);
            return await run();
        }
        finally {
            await db.query('ROLLBACK');
        }
    }
    catch (error) {
        if (error.code === '42P01')
            return undefined;
        throw error;
    }
}
/** Tables among `tables` whose policies apply to their owner (FORCE), owned by the current user, which does not bypass them. */
async function forcedOnOwner(db, tables) {
    const { rows } = await db.query(`SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relrowsecurity AND c.relforcerowsecurity AND pg_has_role(c.relowner, 'USAGE')
        AND NOT (SELECT r.rolsuper OR r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user)
        AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [tables.map((t) => t.schema), tables.map((t) => t.name)]);
    return new Set(rows.map((r) => displayName(r.schema, r.name)));
}
/** The user sequences, with the configuration sequences of extensions (which pg_dump sets too), and their values. */
async function readSequences(db) {
    const { rows: found } = await db.query(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'S' AND ${USER_NAMESPACE}
        AND (NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
             OR EXISTS (SELECT 1 FROM pg_extension e WHERE c.oid = ANY (e.extconfig)))
      ORDER BY 2, 3`);
    const values = [];
    for (const seq of found) {
        const { rows } = await db.query(`SELECT last_value::text, is_called FROM ${qualified(seq.schema, seq.name)}`);
        values.push({ ...seq, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
    }
    return values;
}
/** Which of `relations` exist on this side, and as what. */
async function findRelations(db, relations) {
    const { rows } = await db.query(`SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`, [relations.map((r) => r.schema), relations.map((r) => r.name)]);
    const found = {};
    for (const row of rows) {
        const kind = RELATION_KINDS[row.relkind];
        if (kind)
            found[displayName(row.schema, row.name)] = kind;
    }
    return found;
}
/** How a kind of object is named in a verdict, where its field name is not a word. */
const OBJECT_LABELS = {
    largeObjects: 'large objects',
    rowSecurity: 'tables with row-level security',
    forcedRowSecurity: 'tables forcing row-level security',
};
/** One object of each kind, for the sentence of a count of 1 (also in the in-transaction check). */
const OBJECT_LABEL_ONE = {
    tables: 'table',
    indexes: 'index',
    constraints: 'constraint',
    triggers: 'trigger',
    policies: 'policy',
    rowSecurity: 'table with row-level security',
    forcedRowSecurity: 'table forcing row-level security',
    views: 'view',
    functions: 'function',
    largeObjects: 'large object',
};
/** How several objects of a kind are named in a verdict (also in the in-transaction check). */
const objectLabelMany = (kind) => OBJECT_LABELS[kind] ?? kind;
const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
/** Compares the two sides. Pure. */
function compare(level, source, target) {
    if (level === 'checksums' && (source.rowHash ?? 'md5') !== (target.rowHash ?? 'md5'))
        throw new Error(`Checksums computed two ways (${source.rowHash ?? 'md5'}, ${target.rowHash ?? 'md5'}) cannot be compared.`);
    const failures = [];
    const tables = {};
    for (const [name, s] of Object.entries(source.tables)) {
        const t = target.tables[name];
        const verdict = { source: s.rows, target: t?.rows ?? 0, ok: true };
        if (s.tree)
            verdict.tree = true;
        if (!t) {
            verdict.ok = false;
            failures.push(`Table ${name} is missing on the target.`);
        }
        else if (s.routed) {
            // Loaded through its root: the target's routing placed its rows, and its tree is compared.
            verdict.routed = true;
            if (level === 'checksums')
                verdict.checksum = t.checksum === s.checksum ? 'match' : 'differs';
        }
        else if (t.rows !== s.rows) {
            verdict.ok = false;
            failures.push(`Table ${name} has ${count(t.rows, 'row')} on the target but ${s.rows} on the source.`);
        }
        else if (level === 'checksums') {
            verdict.checksum = t.checksum === s.checksum ? 'match' : 'differs';
            if (verdict.checksum === 'differs') {
                verdict.ok = false;
                failures.push(`Table ${name} has the same ${s.rows} rows count on both sides but different contents (checksum).`);
            }
        }
        tables[name] = verdict;
    }
    // Every relation of the dump must be on the target, as the same kind of relation (tables and
    // sequences missing there are reported below and above).
    const sequenceNames = new Set(source.sequences.map((q) => displayName(q.schema, q.name)));
    for (const [name, kind] of Object.entries(source.relations ?? {})) {
        const found = target.relations?.[name];
        if (found === kind)
            continue;
        if (found === undefined && name in source.tables && !(name in target.tables))
            continue;
        if (found === undefined && kind === 'sequence' && sequenceNames.has(name))
            continue;
        failures.push(found === undefined
            ? `${capitalized(kind)} ${name} is missing on the target.`
            : `${capitalized(kind)} ${name} is a ${found} on the target.`);
    }
    // The source's counts must see everything the dump holds: a count lower than the dump's own
    // relations means the counting looked in the wrong place, and a match there would prove nothing.
    if (source.relations) {
        const kinds = Object.values(source.relations);
        const inDump = {
            tables: kinds.filter((k) => k === 'table' || k === 'partitioned table').length,
            views: kinds.filter((k) => k === 'view' || k === 'materialized view').length,
        };
        for (const kind of ['tables', 'views']) {
            const counted = source.objects[kind];
            if (counted !== undefined && counted < inDump[kind])
                failures.push(`The source's ${kind} were counted as ${counted} although the dump holds ${inDump[kind]}; verification would not cover them.`);
        }
    }
    const objects = Object.keys(source.objects)
        .filter((kind) => source.objects[kind] !== undefined)
        .map((kind) => {
        const s = source.objects[kind];
        const t = target.objects[kind] ?? 0;
        const label = objectLabelMany(kind);
        if (s !== t)
            failures.push(`The target has ${t} ${t === 1 ? OBJECT_LABEL_ONE[kind] : label} where the source has ${s}.`);
        return { kind: label, source: s, target: t, ok: s === t };
    });
    const targetSeqs = new Map(target.sequences.map((q) => [displayName(q.schema, q.name), q]));
    const sequences = source.sequences.map((q) => {
        const name = displayName(q.schema, q.name);
        const t = targetSeqs.get(name);
        // Sequences are not transactional: the target must be at least where the source was when the copy began.
        const ok = t !== undefined && sequencePosition(t) >= sequencePosition(q);
        if (!ok)
            failures.push(t
                ? `Sequence ${name} is at ${t.lastValue} on the target, behind the source's ${q.lastValue}.`
                : `Sequence ${name} is missing on the target.`);
        return { name, source: q.lastValue, target: t?.lastValue, ok };
    });
    return { level, tables, objects, sequences, failures };
}
function sequencePosition(seq) {
    return BigInt(seq.lastValue) - (seq.isCalled ? 0n : 1n);
}
/**
 * The failures of a verification in one sentence: the first three, then how many more (the log
 * and the summary list them all). `Verification failed: table a has 9 rows where ...; the
 * target has 1 trigger where the source has 0; and 2 more.`
 */
function verificationSentence(failures) {
    const clause = (text, i) => {
        const bare = text.replace(/\.$/, '');
        return i === 0 ? bare : bare.charAt(0).toLowerCase() + bare.slice(1);
    };
    const shown = failures.slice(0, 3).map(clause);
    const more = failures.length - shown.length;
    return `Verification failed: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

;// CONCATENATED MODULE: ./src/db-migrate/check.ts






/**
 * A DO block comparing what the transaction holds with the expected values. It raises one error
 * whose message starts with `MISMATCH_PREFIX` and names the first mismatches.
 */
function verificationBlock(check, nonce) {
    const rows = check.tables.map((t) => {
        const name = displayName(t.schema, t.name);
        return `(${quoteLiteral(t.schema)}, ${quoteLiteral(t.name)}, ${quoteLiteral(name)}, ${integerLiteral(t.rows, `row count of ${name}`)}::numeric, ${check.level === 'checksums'
            ? `${integerLiteral(t.checksum, `checksum of ${name}`)}::numeric`
            : 'NULL::numeric'}, ${t.filter ? quoteLiteral(t.filter) : 'NULL::text'}, ${t.tree === true}, ${t.routed === true})`;
    });
    const sequences = check.sequences.map((s) => {
        const name = displayName(s.schema, s.name);
        return `(${quoteLiteral(s.schema)}, ${quoteLiteral(s.name)}, ${quoteLiteral(name)}, ${integerLiteral(s.lastValue, `value of sequence ${name}`)}::numeric - ${s.isCalled === true ? 0 : 1})`;
    });
    const counted = new Set([
        ...check.tables.map((t) => displayName(t.schema, t.name)),
        ...check.sequences.map((s) => displayName(s.schema, s.name)),
    ]);
    const relations = (check.relations ?? [])
        .filter((r) => !counted.has(displayName(r.schema, r.name)))
        .map((r) => {
        const kind = r.kind.charAt(0).toUpperCase() + r.kind.slice(1);
        return `(${quoteLiteral(r.schema)}, ${quoteLiteral(r.name)}, ${quoteLiteral(displayName(r.schema, r.name))}, ${quoteLiteral(kind)})`;
    });
    const hash = check.level === 'checksums' ? `${ROW_HASHES[check.rowHash]}::numeric` : 'NULL::numeric';
    const select = `SELECT count(*)::numeric, ${hash} FROM`.replace(/'/g, "''");
    const objects = check.objects ? objectChecks(check, check.objects) : '';
    const body = `
DECLARE
  expected record;
  got_rows numeric;
  got_hash numeric;
  seq_at numeric;
  counts record;
  bypass boolean;
  lift boolean;
  failures text[] := '{}';
BEGIN
  -- The row text hashed must print the same on every server.
  PERFORM pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  PERFORM pg_catalog.set_config('IntervalStyle', 'postgres', true);
  PERFORM pg_catalog.set_config('TimeZone', 'UTC', true);
  PERFORM pg_catalog.set_config('extra_float_digits', '1', true);
  PERFORM pg_catalog.set_config('bytea_output', 'hex', true);
  -- A count that a row-level security policy would filter fails instead (see verify.ts); FORCE
  -- ROW LEVEL SECURITY on a table the current user owns is lifted for its count and set again.
  PERFORM pg_catalog.set_config('row_security', 'off', true);
  SELECT r.rolsuper OR r.rolbypassrls INTO bypass FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
  FOR expected IN SELECT * FROM (VALUES ${rows.length > 0 ? rows.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric, NULL::numeric, NULL::text, false, false)`}) AS v (schema_name, table_name, display_name, row_count, checksum, filter, tree, routed)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Table %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    SELECT c.relrowsecurity AND c.relforcerowsecurity AND pg_catalog.pg_has_role(c.relowner, 'USAGE') AND NOT coalesce(bypass, false)
      INTO lift FROM pg_catalog.pg_class c
     WHERE c.oid = pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.table_name));
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I NO FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.tree THEN
      -- A partitioned table: the rows of all its partitions.
      EXECUTE pg_catalog.format('${select} %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSIF expected.filter IS NULL THEN
      EXECUTE pg_catalog.format('${select} ONLY %I.%I t', expected.schema_name, expected.table_name)
        INTO got_rows, got_hash;
    ELSE
      -- An extension's configuration table: the rows its condition keeps, read as pg_dump reads them.
      EXECUTE pg_catalog.format('${select} (SELECT * FROM %I.%I ', expected.schema_name, expected.table_name) || expected.filter || ') t'
        INTO got_rows, got_hash;
    END IF;
    IF lift THEN
      EXECUTE pg_catalog.format('ALTER TABLE ONLY %I.%I FORCE ROW LEVEL SECURITY', expected.schema_name, expected.table_name);
    END IF;
    IF expected.routed THEN
      -- Loaded through its root: the target's routing placed its rows; its tree is compared.
      CONTINUE;
    ELSIF got_rows <> expected.row_count THEN
      failures := failures || pg_catalog.format('Table %s has %s %s on the target but %s on the source.',
        expected.display_name, got_rows, CASE WHEN got_rows = 1 THEN 'row' ELSE 'rows' END, expected.row_count);
    ELSIF expected.checksum IS NOT NULL AND got_hash IS DISTINCT FROM expected.checksum THEN
      failures := failures || pg_catalog.format('Table %s has the same %s rows count on both sides but different contents (checksum).',
        expected.display_name, got_rows);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${relations.length > 0 ? relations.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::text)`}) AS v (schema_name, relation_name, display_name, kind_name)
                   WHERE schema_name IS NOT NULL LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = expected.schema_name AND c.relname = expected.relation_name) THEN
      failures := failures || pg_catalog.format('%s %s is missing on the target.', expected.kind_name, expected.display_name);
    END IF;
  END LOOP;
  FOR expected IN SELECT * FROM (VALUES ${sequences.length > 0 ? sequences.join(',\n    ') : `(NULL::text, NULL::text, NULL::text, NULL::numeric)`}) AS v (schema_name, sequence_name, display_name, position)
                   WHERE schema_name IS NOT NULL LOOP
    IF pg_catalog.to_regclass(pg_catalog.format('%I.%I', expected.schema_name, expected.sequence_name)) IS NULL THEN
      failures := failures || pg_catalog.format('Sequence %s is missing on the target.', expected.display_name);
      CONTINUE;
    END IF;
    EXECUTE pg_catalog.format('SELECT last_value::numeric - CASE WHEN is_called THEN 0 ELSE 1 END FROM %I.%I', expected.schema_name, expected.sequence_name)
      INTO seq_at;
    IF seq_at < expected.position THEN
      failures := failures || pg_catalog.format('Sequence %s is behind the source on the target.', expected.display_name);
    END IF;
  END LOOP;${objects}
  IF pg_catalog.cardinality(failures) > 0 THEN
    -- Every mismatch, apart by the unit separator: one line for psql, one sentence made of them.
    RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`${MISMATCH_PREFIX} `)} || pg_catalog.array_to_string(failures, E'\\x1f');
  END IF;
END
`;
    const tag = dollarTag(nonce, body);
    return `DO ${tag}${body}${tag};\n`;
}
/** The kinds of objects counted, a fixed list: they become column names in the block (folded to lower case, as db.ts's query names them). */
const OBJECT_KINDS = [
    'tables',
    'indexes',
    'constraints',
    'triggers',
    'policies',
    'rowSecurity',
    'forcedRowSecurity',
    'views',
    'functions',
];
/** The object counts of verify.ts (db.ts's query, run with the same arguments), compared in the block. */
function objectChecks(check, expected) {
    const tables = check.objectTables ?? check.tables;
    const kinds = OBJECT_KINDS.filter((k) => expected[k] !== undefined && expected[k] !== null);
    const compares = kinds
        .map((kind) => {
        const column = `counts.${kind.toLowerCase()}`;
        return `
  IF ${column} <> ${integerLiteral(expected[kind], `number of ${kind}`)} THEN
    failures := failures || pg_catalog.format('The target has %s %s where the source has %s.', ${column}, CASE WHEN ${column} = 1 THEN ${quoteLiteral(OBJECT_LABEL_ONE[kind])} ELSE ${quoteLiteral(objectLabelMany(kind))} END, ${integerLiteral(expected[kind], `number of ${kind}`)});
  END IF;`;
    })
        .join('');
    const large = expected.largeObjects === undefined
        ? ''
        : `
  IF (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata) <> ${integerLiteral(expected.largeObjects, 'number of large objects')} THEN
    failures := failures || pg_catalog.format('The target has %s %s where the source has %s.', (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata), CASE WHEN (SELECT count(*) FROM pg_catalog.pg_largeobject_metadata) = 1 THEN 'large object' ELSE 'large objects' END, ${integerLiteral(expected.largeObjects, 'number of large objects')});
  END IF;`;
    return `
  EXECUTE ${quoteLiteral(OBJECT_COUNTS_SQL)} INTO counts
    USING ${textArray(tables.map((t) => t.schema))}, ${check.schemas ? textArray(check.schemas) : 'NULL::text[]'}, ${textArray(tables.map((t) => t.name))};${compares}${large}`;
}
/**
 * The check for the given tables from one side's measurement (the source in its snapshot, or a
 * backup's manifest); a table the measurement lacks is refused before anything is written.
 */
function checkFrom(level, tables, measured, scope) {
    return {
        level,
        rowHash: measured.rowHash ?? 'md5',
        tables: tables.map(({ schema, name, filter, tree, routed }) => {
            const values = measured.tables[displayName(schema, name)];
            if (!values)
                throw new errors_UserError(`The expected values hold nothing for table ${displayName(schema, name)}.`);
            return {
                schema,
                name,
                rows: values.rows,
                checksum: values.checksum,
                ...(filter ? { filter } : {}),
                ...(tree ? { tree } : {}),
                ...(routed ? { routed } : {}),
            };
        }),
        sequences: measured.sequences,
        objects: measured.objects,
        objectTables: scope.objectTables,
        schemas: scope.schemas,
        relations: scope.relations,
    };
}

;// CONCATENATED MODULE: ./src/db-migrate/classify.ts
/**
 * pg_restore's errors, read from its stderr (it has no other channel for them) and sorted into
 * failures and warnings. Managed servers (RDS, Cloud SQL, Azure) refuse a few statements of
 * every dump to a non-superuser, harmlessly: the object is there, only its owner or comment
 * differs. With `no-owner` / `no-privileges` those are warnings; `ignore-errors` adds patterns;
 * anything else fails the step.
 */
/** Errors a non-superuser meets on a managed target, whose objects are nevertheless in place. */
const KNOWN_HARMLESS = [
    /must be owner of (extension|schema|language) /i,
    /schema "public" already exists/i,
    /extension "[^"]+" already exists/i,
    /language "plpgsql" already exists/i,
    /unrecognized configuration parameter "(transaction_timeout|default_table_access_method|xmloption|row_security|idle_in_transaction_session_timeout)"/i,
    /permission denied to (create|alter) extension "plpgsql"/i,
];
/** Splits pg_restore's stderr into its errors, each with the TOC entry and the command it names. */
function parseRestoreErrors(lines) {
    const errors = [];
    let entry;
    for (const line of lines) {
        const from = /^pg_restore: from TOC entry (.*)$/.exec(line);
        if (from) {
            entry = from[1].trim();
            continue;
        }
        const error = /^pg_restore: error: (.*)$/.exec(line);
        if (error) {
            const server = /ERROR:\s+(.*)$/.exec(error[1]);
            errors.push({ message: (server ? server[1] : error[1]).trim(), entry });
            entry = undefined;
            continue;
        }
        const command = /^Command was: (.*)$/.exec(line);
        const last = errors[errors.length - 1];
        if (command && last && last.command === undefined)
            last.command = command[1].trim();
    }
    return errors;
}
/**
 * Errors that no pattern turns into warnings: a row-level security policy, row security itself
 * or a privilege that failed to restore would leave the copy granting more than the source (a
 * restrictive policy missing, a REVOKE not made), whatever `ignore-errors` was meant to pass
 * over (`role ".*" does not exist` for a grant also matches a CREATE POLICY naming that role).
 * Told by the TOC entry's kind, else by the command.
 */
const SECURITY_ENTRY = /^\d+; \d+ \d+ (?:POLICY|ROW SECURITY|ACL|DEFAULT ACL) /;
const SECURITY_COMMAND = /^\s*(?:CREATE POLICY|ALTER POLICY|ALTER TABLE\b.*\bROW LEVEL SECURITY|REVOKE|GRANT)\b/i;
function isSecurityError(error) {
    return SECURITY_ENTRY.test(error.entry ?? '') || SECURITY_COMMAND.test(error.command ?? '');
}
function classifyErrors(errors, options) {
    const harmless = [...(options.managed ? KNOWN_HARMLESS : []), ...options.ignore];
    const warnings = [];
    const failures = [];
    for (const error of errors) {
        const text = `${error.message}\n${error.command ?? ''}`;
        if (!isSecurityError(error) && harmless.some((pattern) => pattern.test(text)))
            warnings.push(error);
        else
            failures.push(error);
    }
    return { warnings, failures };
}
/** One line per error for the log and the summary. */
function describeRestoreError(error) {
    return error.entry ? `${error.message} (TOC entry ${error.entry})` : error.message;
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: ./src/db-migrate/hold-commit.ts

const COMMIT_LINE = Buffer.from('\nCOMMIT;\n');
/** How much of the script's end is held back while looking for its COMMIT; only comments follow it. */
const TAIL_BYTES = 64 * 1024;
/**
 * Passes pg_restore's script through, except its final `COMMIT;` and what follows it (the closing
 * comment and psql's `\unrestrict` line), kept in `rest`. A script not ending that way (pg_restore
 * stopped early, or was run without --single-transaction) is an error, so it never reaches a commit.
 * Written by hand: the split point must be found in a stream too large to hold.
 */
class HoldCommit extends external_node_stream_.Transform {
    held = Buffer.alloc(0);
    /** Everything after the held-back COMMIT, once the stream has ended. */
    rest = '';
    bytes = 0;
    _transform(chunk, _encoding, done) {
        this.bytes += chunk.length;
        this.held = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
        if (this.held.length > 2 * TAIL_BYTES) {
            const cut = this.held.length - TAIL_BYTES;
            this.push(this.held.subarray(0, cut));
            this.held = this.held.subarray(cut);
        }
        done();
    }
    _flush(done) {
        const at = this.held.lastIndexOf(COMMIT_LINE);
        const after = at < 0 ? '' : this.held.subarray(at + COMMIT_LINE.length).toString('utf8');
        const onlyTrailer = after
            .split('\n')
            .every((line) => line.trim() === '' || line.startsWith('--') || line.startsWith('\\unrestrict '));
        if (at < 0 || !onlyTrailer) {
            done(new Error("pg_restore's script does not end with the transaction's COMMIT; nothing was committed."));
            return;
        }
        this.push(this.held.subarray(0, at + 1));
        this.rest = after;
        this.held = Buffer.alloc(0);
        done();
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/plan.ts


/** Decides every change, or refuses with one sentence. Pure: no I/O. */
function plan(facts) {
    const warnings = [];
    if (facts.source)
        checkSource(facts, facts.source, warnings);
    if (facts.mode === 'backup')
        return { mode: 'backup', steps: backupSteps(facts), warnings };
    const target = facts.target;
    if (facts.source)
        checkExtensions(facts.source, target);
    if (facts.source && target.major < facts.source.major) {
        warnings.push(`The target runs PostgreSQL ${target.major}, older than the source's ${facts.source.major}; objects using newer features may fail to restore.`);
    }
    const strategy = chooseStrategy(facts, target);
    const result = { mode: facts.mode, strategy, steps: [], warnings };
    if (strategy === 'swap') {
        result.incomingDatabase = truncateName(`${target.database}_incoming_${facts.stamp}`);
        result.previousDatabase = truncateName(`${target.database}_previous_${facts.stamp}`);
    }
    result.steps = writeSteps(facts, result);
    return result;
}
function checkSource(facts, source, warnings) {
    if (source.allTables > 0 && source.selectedTables === 0) {
        throw new errors_UserError(`The selection matches none of the source's ${source.allTables} tables; check 'schemas', 'exclude-schemas', 'tables' and 'exclude-tables'.`);
    }
    if (facts.mode === 'copy' && source.largeObjects > 0) {
        throw new errors_UserError(`The source holds ${source.largeObjects} large objects, which mode 'copy' does not move; use mode 'backup' then mode 'restore' for this database.`);
    }
    if (facts.mode === 'backup' && facts.freeDiskBytes !== undefined) {
        // A compressed dump of ordinary data takes a third of the data or less; refuse only when even that cannot fit.
        if (facts.freeDiskBytes < source.dataBytes / 3) {
            throw new errors_UserError(`The runner has ${formatBytes(facts.freeDiskBytes)} free but the dump of ${formatBytes(source.dataBytes)} of table data needs about ${formatBytes(source.dataBytes / 3)}; free disk space or write 'dump-file' to a larger volume.`);
        }
        if (facts.freeDiskBytes < source.dataBytes) {
            warnings.push(`The runner has ${formatBytes(facts.freeDiskBytes)} free, less than the ${formatBytes(source.dataBytes)} of table data; the dump fits only if it compresses well.`);
        }
    }
}
function checkExtensions(source, target) {
    const available = new Set(target.availableExtensions);
    const missing = source.extensions.filter((e) => !available.has(e.name)).map((e) => `${e.name} ${e.version}`);
    if (missing.length > 0) {
        throw new errors_UserError(`The source uses ${missing.length === 1 ? 'an extension' : 'extensions'} the target server does not offer (${missing.join(', ')}); install ${missing.length === 1 ? 'it' : 'them'} on the target server (pg_available_extensions) before migrating.`);
    }
}
function describeTarget(target) {
    const more = target.objectCount > target.objects.length
        ? ` and ${target.objectCount - target.objects.length} more`
        : '';
    return `The target database ${target.database} is not empty (${target.objects.join(', ')}${more})`;
}
/** The strategy the inputs ask for, checked against the target; `auto` picks the fastest safe one. */
function chooseStrategy(facts, target) {
    const empty = target.objectCount === 0;
    const strategy = facts.strategy === 'auto' ? (empty || !facts.clean ? 'direct' : 'transaction') : facts.strategy;
    if (strategy === 'direct' && !empty) {
        const hint = facts.clean
            ? "use 'strategy: transaction' or 'strategy: swap' to replace it"
            : "set 'clean: true' to replace its objects in one transaction, or 'strategy: swap' to restore beside it and swap it in";
        throw new errors_UserError(`${describeTarget(target)}; ${hint}.`);
    }
    if (strategy === 'transaction' && !empty && !facts.clean) {
        throw new errors_UserError(`${describeTarget(target)}; set 'clean: true' to replace its objects, or use 'strategy: swap'.`);
    }
    if (strategy === 'swap' && !target.canCreateDatabase) {
        throw new errors_UserError(`Strategy 'swap' restores into a new database beside ${target.database}, but the target user may not create databases; grant it CREATEDB or use 'strategy: transaction'.`);
    }
    return strategy;
}
function backupSteps(facts) {
    return [
        `read ${facts.source?.display} in one exported snapshot`,
        `dump the data of ${count(tablesOf(facts.source), 'table')} (${formatBytes(facts.source?.dataBytes ?? 0)}) with pg_dump ${facts.clientVersion} in custom format`,
        ...(facts.verify === 'none' ? [] : [`record per-table ${facts.verify} in a manifest beside the dump`]),
    ];
}
function writeSteps(facts, result) {
    const target = facts.target;
    const into = result.strategy === 'swap' ? `new database ${result.incomingDatabase}` : `database ${target.database}`;
    const from = facts.mode === 'copy' ? `${facts.source?.display} (one exported snapshot)` : 'the dump';
    const steps = [];
    if (result.strategy === 'swap')
        steps.push(`create ${into} on the target server`);
    if (result.strategy === 'transaction') {
        steps.push(`restore ${from} into ${into} in a single transaction${facts.clean ? ', replacing existing objects' : ''}`);
    }
    else if (facts.mode === 'restore') {
        steps.push(`restore the dump into ${into} with pg_restore, ${count(facts.jobs, 'job')}${restoreMemoryNote(facts.source, target)}`);
    }
    else {
        steps.push(`restore the schema of ${from} into ${into}`);
        steps.push(`copy the data of ${count(tablesOf(facts.source), 'table')} largest first with ${count(facts.jobs, 'job')}, building each table's indexes as soon as its data lands${copyMemoryNote(target, facts.source?.largestTableBytes ?? 0)}`);
        steps.push('create foreign keys, triggers and the rest of post-data last; set sequences');
    }
    const countsOnly = facts.mode === 'restore' && facts.manifestLevel !== 'checksums';
    const checks = `${facts.verify !== 'checksums' ? 'row counts' : countsOnly ? 'row counts (the manifest holds no checksums)' : 'row counts and checksums'}, sequences and object counts`;
    if (facts.verify === 'none')
        steps.push('no verification (verify: none)');
    else if (facts.mode !== 'restore')
        steps.push(`verify ${checks}`);
    else if (!facts.source)
        steps.push('no verification: the dump has no manifest');
    else
        steps.push(`verify ${checks} against the manifest`);
    if (result.strategy === 'swap') {
        steps.push(`rename ${target.database} to ${result.previousDatabase} and ${result.incomingDatabase} to ${target.database}`);
    }
    return steps;
}
/**
 * The memory a foreign key's check (and the rest of post-data) may use on the target: 1 GiB, what
 * pgcopydb gives its builds, unless the target already allows more. PostgreSQL runs the check's
 * join in maintenance_work_mem (RI_Initial_Check, src/backend/utils/adt/ri_triggers.c), so that a
 * large referenced table is hashed in one batch.
 */
const BUILD_MEMORY = 2 ** 30;
/** Session settings (PGOPTIONS) for the target's foreign keys and the rest, or none when its own setting is as large. */
function buildSettings(target) {
    return target && target.maintenanceWorkMem < BUILD_MEMORY
        ? `-c maintenance_work_mem=${BUILD_MEMORY / 2 ** 20}MB`
        : undefined;
}
/** Sort memory for each run merged at once: one pass merges memory / (34 blocks) runs (tuplesort_merge_order, src/backend/utils/sort/tuplesort.c). */
const MERGE_BYTES_PER_RUN = 34 * 8192;
/**
 * The memory an index build of a table sorts in: the least that still sorts it in one merge pass,
 * a power of two from 16 MiB to 1 GiB. Not as much as possible: a sort larger than its memory
 * quicksorts runs of that size and merges them, and runs that stay in the CPU's caches sort faster
 * than one large array. On the benchmark's 0.95 GiB table, its four builds two at a time took
 * 3.0-3.4 s with 4 to 32 MiB, 3.8 s with 64 MiB and 3.9-4.4 s with 128 MiB to 1 GiB, and the whole
 * copy 12.8 s (median of 3) with 16 MiB against 13.4 s with 1 GiB. One pass merges up to memory /
 * 272 KiB runs of memory each, so it needs memory >= sqrt(bytes x 272 KiB); the table's bytes
 * stand for its index's (an index entry is smaller than its row).
 */
function indexBuildMemory(tableBytes) {
    const least = Math.sqrt(Math.max(0, tableBytes) * MERGE_BYTES_PER_RUN);
    const power = 2 ** Math.ceil(Math.log2(Math.max(1, least)));
    return Math.min(2 ** 30, Math.max(2 ** 24, power));
}
/**
 * Session settings (PGOPTIONS) for the index builds of a table of `tableBytes`. A target that
 * limits its sessions' temporary files (`temp_file_limit`) gets `buildSettings` instead: a sort
 * that spills writes its runs there, and counts against the limit, where one in memory does not.
 */
function indexBuildSettings(tableBytes, target) {
    if (target.tempFileLimit >= 0)
        return buildSettings(target);
    return `-c maintenance_work_mem=${indexBuildMemory(tableBytes) / 2 ** 20}MB`;
}
/**
 * The session settings of a restore's two pg_restore runs: everything but the foreign keys, its
 * index builds sorting in memory sized to the dump's largest table (`indexBuildSettings`; one
 * run cannot size each build), then the foreign keys with `buildSettings`. Undefined where the
 * manifest does not give the largest table (none, or an older one) or the target limits
 * temporary files: then one run with `buildSettings`, as for foreign keys.
 */
function restoreMemory(source, target) {
    const largest = source?.largestTableBytes;
    if (largest === undefined || target.tempFileLimit >= 0)
        return undefined;
    return { builds: indexBuildSettings(largest, target), keys: buildSettings(target) };
}
/** How the plan says what `restoreMemory` does. */
function restoreMemoryNote(source, target) {
    if (!restoreMemory(source, target))
        return buildMemoryNote(target);
    const keys = raisedMemory(target, (raised) => ` with ${raised}`);
    return `, each index build with maintenance_work_mem sized to the largest table (${formatBytes(indexBuildMemory(source?.largestTableBytes ?? 0))}), then the foreign keys${keys}`;
}
/**
 * How the plan says that `buildSettings` raises the target's memory: `say` given `1.0 GiB (the
 * target's is 64.0 MiB)`, with `more` inside the brackets; empty where it does not raise it.
 */
function raisedMemory(target, say, more = '') {
    return buildSettings(target)
        ? say(`${formatBytes(BUILD_MEMORY)} (the target's is ${formatBytes(target.maintenanceWorkMem)}${more})`)
        : '';
}
/** How the plan says what `buildSettings` does. */
function buildMemoryNote(target, more = '') {
    return raisedMemory(target, (raised) => `, each index build with maintenance_work_mem ${raised}`, more);
}
/** How the plan says what `indexBuildSettings` and `buildSettings` do in a copy. */
function copyMemoryNote(target, largestTableBytes) {
    if (target.tempFileLimit >= 0)
        return buildMemoryNote(target, '; its temp_file_limit keeps every sort in memory');
    const keys = raisedMemory(target, (raised) => `, each foreign key checked with ${raised}`);
    return `, each index build with maintenance_work_mem sized to its table (${formatBytes(indexBuildMemory(largestTableBytes))} for the largest)${keys}`;
}
/** The number of tables (see `SourceFacts.tables`); a manifest older than that field gives its selected tables. */
function tablesOf(source) {
    return source?.tables ?? source?.selectedTables ?? 0;
}
/** PostgreSQL truncates identifiers to 63 bytes; keep the timestamp suffix by shortening the stem. */
function truncateName(name) {
    if (Buffer.byteLength(name) <= 63)
        return name;
    const suffix = name.slice(name.lastIndexOf('_', name.length - 16));
    return name.slice(0, 63 - suffix.length) + suffix;
}
function formatBytes(bytes) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/db-migrate/tools.ts




class RestoreFailure extends Error {
    what;
    failures;
    name = 'RestoreFailure';
    constructor(what, failures) {
        super(`${what} failed: ${failures.slice(0, 3).map(describeRestoreError).join('; ')}`);
        this.what = what;
        this.failures = failures;
    }
}
const COMMON_ENV = { PGCONNECT_TIMEOUT: '15', PGAPPNAME: 'infra-actions db-migrate' };
function selectionArgs(selection) {
    return [
        ...selection.schemas.flatMap((s) => ['--schema', s]),
        ...selection.excludeSchemas.flatMap((s) => ['--exclude-schema', s]),
        ...selection.tables.flatMap((t) => ['--table', t]),
        ...selection.excludeTables.flatMap((t) => ['--exclude-table', t]),
        ...selection.excludeTableData.flatMap((t) => ['--exclude-table-data', t]),
    ];
}
function ownershipArgs(ctx) {
    return [...(ctx.noOwner ? ['--no-owner'] : []), ...(ctx.noPrivileges ? ['--no-privileges'] : [])];
}
function startDump(ctx, source, args) {
    return spawnProcess(ctx.client.pgDump, [`--dbname=${source.conninfo}`, ...args], {
        env: COMMON_ENV,
        secretEnv: toolSecretEnv(source),
        pipeStdout: true,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        logger: debugLogger(ctx.logger),
        onStderrLine: (line) => ctx.logger.debug(line),
    });
}
/** Runs pg_dump to a file (schema dumps, backups). */
async function dumpToFile(ctx, source, args) {
    return runProcess(ctx.client.pgDump, [`--dbname=${source.conninfo}`, ...args], {
        env: COMMON_ENV,
        secretEnv: toolSecretEnv(source),
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        logger: debugLogger(ctx.logger),
        onStderrLine: (line) => ctx.logger.debug(line),
    });
}
async function listToc(ctx, file, section) {
    const lines = [];
    await runProcess(ctx.client.pgRestore, ['--list', ...(section ? [`--section=${section}`] : []), file], {
        signal: ctx.signal,
        logger: debugLogger(ctx.logger),
        onStdoutLine: (line) => lines.push(line),
    });
    return lines.join('\n');
}
/**
 * Starts psql on one side to run `commands` (each a `--command`), quietly, stopping at the first
 * error. `options` are session settings for PGOPTIONS, added to any the user set; `encoding` is
 * the client encoding.
 */
function startPsql(ctx, psql, url, commands, io) {
    return spawnProcess(psql, [
        '--no-psqlrc',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        `--dbname=${url.conninfo}`,
        ...commands.flatMap((command) => ['--command', command]),
    ], {
        env: {
            ...COMMON_ENV,
            PGOPTIONS: [process.env.PGOPTIONS, io.options].filter(Boolean).join(' ') || undefined,
            PGCLIENTENCODING: io.encoding ?? process.env.PGCLIENTENCODING,
        },
        secretEnv: toolSecretEnv(url),
        stdin: io.stdin,
        pipeStdout: io.pipeStdout,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        logger: debugLogger(ctx.logger),
        onStderrLine: (line) => ctx.logger.debug(line),
    });
}
/**
 * Sorts the server's errors met restoring `what` as this run is told to (`no-owner` /
 * `no-privileges` make the known-harmless ones warnings, `ignore-errors` adds patterns): any
 * other error throws a `RestoreFailure`; the warnings are returned.
 */
function sortRestoreErrors(ctx, what, errors) {
    const { warnings, failures } = classifyErrors(errors, {
        managed: ctx.noOwner || ctx.noPrivileges,
        ignore: ctx.ignore,
    });
    if (failures.length > 0)
        throw new RestoreFailure(what, failures);
    return warnings;
}
/**
 * Runs pg_restore into the target (from a file, or from `stdin`), and sorts its errors: known
 * harmless ones become warnings, any other fails with a `RestoreFailure` naming them.
 */
async function restore(ctx, target, what, args, io = {}) {
    const stderr = [];
    const handle = spawnProcess(ctx.client.pgRestore, [`--dbname=${target.conninfo}`, ...ownershipArgs(ctx), ...args], {
        // The user's own PGOPTIONS come last, so a setting they chose wins over ours.
        env: {
            ...COMMON_ENV,
            PGOPTIONS: [io.options, process.env.PGOPTIONS].filter(Boolean).join(' ') || undefined,
        },
        secretEnv: toolSecretEnv(target),
        stdin: io.stdin,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
        logger: debugLogger(ctx.logger),
        onStderrLine: (line) => {
            stderr.push(line);
            ctx.logger.debug(line);
        },
    });
    const result = await handle.done;
    if (result.cancelled)
        throw new ProcessError(result);
    const warnings = sortRestoreErrors(ctx, what, parseRestoreErrors(stderr));
    if (result.exitCode !== 0 && warnings.length === 0) {
        throw new RestoreFailure(what, [
            { message: stderr.slice(-3).join(' | ') || `pg_restore exited with code ${result.exitCode}` },
        ]);
    }
    return { result, warnings };
}

;// CONCATENATED MODULE: ./src/db-migrate/transaction.ts


















/** Raised when verification inside the transaction finds a mismatch (the transaction was rolled back). */
class InTransactionMismatch extends Error {
    name = 'InTransactionMismatch';
}
/** Raised when the connection was lost while committing and the outcome could not be read. */
class CommitOutcomeUnknown extends Error {
    name = 'CommitOutcomeUnknown';
}
/** psql from the same client directory as the chosen pg_restore, so the two agree on the script. */
function psqlOf(tools) {
    const psql = (0,external_node_path_.join)(tools.client.dir, 'psql');
    if (!(0,external_node_fs_.existsSync)(psql)) {
        throw new errors_UserError(`Strategy 'transaction' runs pg_restore's script through psql, which is missing from ${tools.client.dir}; install postgresql-client-${tools.client.major} (it ships pg_restore and psql together) or use another strategy.`);
    }
    return psql;
}
/**
 * A statement whose WARNING tells, on psql's stderr in order with every error before it, that psql
 * got there; inside the transaction it also names the transaction, whose fate can be asked later.
 */
function markerStatement(marker, nonce, withTxid) {
    const txid = withTxid ? ` || ' ' || pg_catalog.txid_current()` : '';
    const body = ` BEGIN RAISE WARNING '%', ${quoteLiteral(marker)}${txid}; END `;
    const tag = dollarTag(nonce, body);
    return `DO ${tag}${body}${tag};\n`;
}
const transaction_COMMON_ENV = { PGCONNECT_TIMEOUT: '15', PGAPPNAME: 'infra-actions db-migrate' };
/**
 * Restores the archive in one transaction, verifies it inside, and commits only then. Resolves
 * once the commit is confirmed; rejects with the transaction rolled back otherwise (or with
 * `CommitOutcomeUnknown` when the connection was lost during the commit and its outcome could
 * not be read back).
 */
async function restoreInTransaction(job) {
    const { tools, target, abort } = job;
    const psql = psqlOf(tools);
    const nonce = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const ready = `db-migrate ${nonce} ready to commit`;
    const committed = `db-migrate ${nonce} committed`;
    const check = job.check ? verificationBlock(job.check, nonce) : '';
    const harmless = { managed: tools.noOwner || tools.noPrivileges, ignore: tools.ignore };
    const warnings = [];
    const failures = [];
    const notCarried = [];
    const commitErrors = [];
    let phase = 'script';
    let txid;
    let reachedReady;
    const readyReached = new Promise((resolve) => (reachedReady = resolve));
    let sawCommitted = false;
    let stopped = false;
    // Assigned once psql and pg_restore run; until then there is nothing to stop.
    let stop = () => undefined;
    const onStderr = (line) => {
        tools.logger.debug(line);
        const parsed = parsePsqlLine(line);
        if (parsed.kind === 'warning' && parsed.message.startsWith(ready)) {
            txid = parsed.message.slice(ready.length).trim() || undefined;
            reachedReady();
            return;
        }
        if (parsed.kind === 'warning' && parsed.message.startsWith(committed)) {
            sawCommitted = true;
            return;
        }
        if (parsed.kind === 'warning' && parsed.message.startsWith(NOT_CARRIED_PREFIX)) {
            notCarried.push(parsed.message.slice(NOT_CARRIED_PREFIX.length).trim());
            return;
        }
        if (parsed.kind !== 'error')
            return;
        if (phase !== 'script') {
            commitErrors.push(parsed.message);
            return;
        }
        const error = { message: parsed.message };
        const mismatch = parsed.message.startsWith(MISMATCH_PREFIX) || parsed.message.startsWith(ACCESS_PREFIX);
        const sorted = mismatch ? { warnings: [], failures: [error] } : classifyErrors([error], harmless);
        warnings.push(...sorted.warnings);
        if (sorted.failures.length > 0) {
            failures.push(...sorted.failures);
            // Nothing will be committed; stop at once rather than run the rest of the script.
            stop(new RestoreFailure(job.what, sorted.failures));
        }
    };
    const psqlHandle = spawnProcess(psql, [
        '--no-psqlrc',
        '--quiet',
        '--no-align',
        '--tuples-only',
        '--set=ON_ERROR_STOP=0',
        '--set=ON_ERROR_ROLLBACK=on',
        '--set=VERBOSITY=default',
        `--dbname=${target.conninfo}`,
        '--file=-',
    ], {
        env: transaction_COMMON_ENV,
        secretEnv: toolSecretEnv(target),
        stdin: 'pipe',
        signal: abort.signal,
        timeoutMs: tools.timeoutMs,
        logger: debugLogger(tools.logger),
        onStdoutLine: () => undefined,
        onStderrLine: onStderr,
    });
    const restoreStderr = [];
    const restoreHandle = spawnProcess(tools.client.pgRestore, [
        '--file=-',
        '--single-transaction',
        ...(tools.noOwner ? ['--no-owner'] : []),
        ...(tools.noPrivileges ? ['--no-privileges'] : []),
        ...(job.clean ? ['--clean', '--if-exists'] : []),
        ...(typeof job.archive === 'string' ? [job.archive] : []),
    ], {
        env: transaction_COMMON_ENV,
        stdin: typeof job.archive === 'string' ? undefined : job.archive,
        pipeStdout: true,
        signal: abort.signal,
        timeoutMs: tools.timeoutMs,
        logger: debugLogger(tools.logger),
        onStderrLine: (line) => {
            restoreStderr.push(line);
            tools.logger.debug(line);
        },
    });
    const hold = new HoldCommit();
    const stdin = psqlHandle.stdin;
    const scriptWritten = new Promise((resolve, reject) => {
        hold.once('error', reject);
        hold.once('end', resolve);
    });
    restoreHandle.stdout.pipe(hold).pipe(stdin, { end: false });
    stop = (reason) => {
        if (stopped || phase !== 'script')
            return;
        stopped = true;
        // End psql's input without a COMMIT: psql exits at once and the server rolls the transaction
        // back. The interrupt stops a statement psql may still be running, and the producers.
        hold.unpipe(stdin);
        hold.resume();
        stdin.end();
        abort.abort(reason);
    };
    // psql gone (an error, a lost connection): stop the producers, nobody reads their output.
    const psqlDone = psqlHandle.done.then((result) => {
        if (phase === 'script')
            stop(new ProcessError(result));
        return result;
    });
    const rollBack = async (error) => {
        stop(error);
        await Promise.allSettled([psqlDone, restoreHandle.done, job.upstream]);
        if (tools.signal.aborted)
            throw cancelledError(tools.signal);
        throw error;
    };
    // 1. The whole script but its COMMIT, from a pg_restore (and pg_dump) that finished cleanly.
    const [written, restored, upstream] = await Promise.allSettled([
        scriptWritten,
        restoreHandle.done,
        job.upstream ?? Promise.resolve(undefined),
    ]);
    if (failures.length > 0)
        return rollBack(failureError(job.what, failures));
    if (tools.signal.aborted)
        return rollBack(cancelledError(tools.signal));
    if (abort.signal.aborted)
        return rollBack(abort.signal.reason);
    if (restored.status === 'fulfilled' && restored.value.exitCode !== 0) {
        return rollBack(new RestoreFailure(job.what, [
            { message: restoreStderr.slice(-3).join(' | ') || describeExit(restored.value) },
        ]));
    }
    if (upstream.status === 'fulfilled' && upstream.value && upstream.value.exitCode !== 0) {
        return rollBack(new ProcessError(upstream.value));
    }
    if (written.status === 'rejected')
        return rollBack(written.reason);
    // 2. Owners and privileges, verification and the marker; wait for psql to get there.
    tools.logger.info(`Ran the restore script (${formatBytes(hold.bytes)} of SQL)${job.access ? '; carrying owners and privileges' : ''}${job.check ? `; verifying ${count(job.check.tables.filter((t) => !t.tree).length, 'table')} inside the transaction` : ''}`);
    stdin.write(`${job.access ?? ''}${check}${markerStatement(ready, nonce, true)}`);
    const outcome = await Promise.race([readyReached.then(() => 'ready'), psqlDone]);
    if (outcome !== 'ready')
        return rollBack(failureError(job.what, failures, outcome));
    if (failures.length > 0)
        return rollBack(failureError(job.what, failures));
    if (tools.signal.aborted)
        return rollBack(cancelledError(tools.signal));
    // 3. The commit, then a marker saying it went through.
    tools.logger.info(job.check
        ? 'Verification inside the transaction passed; committing'
        : 'Committing (nothing to verify inside the transaction)');
    phase = 'commit';
    const committing = Date.now();
    stdin.end(`COMMIT;\n${markerStatement(committed, nonce, false)}${hold.rest}`);
    const result = await psqlDone;
    phase = 'done';
    if (commitErrors.length > 0) {
        throw new RestoreFailure(`${job.what} (COMMIT)`, commitErrors.map((message) => ({ message })));
    }
    if (!sawCommitted)
        await confirmCommit(job, txid, result);
    tools.logger.info(`Committed in ${formatDuration(Date.now() - committing)}`);
    return { warnings, scriptBytes: hold.bytes, notCarried };
}
function failureError(what, failures, exit) {
    const mismatch = failures.find((f) => f.message.startsWith(MISMATCH_PREFIX));
    if (mismatch) {
        const mismatches = mismatch.message.slice(MISMATCH_PREFIX.length).trim().split('\x1f');
        return new InTransactionMismatch(verificationSentence(mismatches).replace(/^Verification failed:/, 'Verification inside the transaction failed:'));
    }
    if (failures.length > 0)
        return new RestoreFailure(what, failures);
    return new RestoreFailure(what, [
        { message: exit ? describeExit(exit) : 'psql stopped before the transaction could be verified' },
    ]);
}
/**
 * psql ended after COMMIT was sent without confirming it (the connection dropped): ask the
 * server what became of the transaction.
 */
async function confirmCommit(job, txid, exit) {
    const lost = `psql ended while committing (${describeExit(exit)})`;
    if (txid === undefined)
        throw new CommitOutcomeUnknown(`${lost} and the transaction's id is unknown.`);
    let status;
    try {
        const db = await connect(job.target, { logger: job.tools.logger, signal: new AbortController().signal });
        try {
            const { rows } = await db.query('SELECT pg_catalog.txid_status($1::bigint) AS status', [txid]);
            status = rows[0]?.status ?? undefined;
        }
        finally {
            await db_close(db);
        }
    }
    catch (error) {
        throw new CommitOutcomeUnknown(`${lost}, and its outcome could not be read: ${errors_errorMessage(error)}.`);
    }
    if (status === 'committed')
        return;
    if (status === 'aborted')
        throw new RestoreFailure(`${job.what} (COMMIT)`, [{ message: lost }]);
    throw new CommitOutcomeUnknown(`${lost}; the server reports the transaction as ${status ?? 'unknown'}.`);
}

;// CONCATENATED MODULE: ./src/db-migrate/apply.ts



class ApplyFailure extends Error {
    state;
    stateSentence;
    name = 'ApplyFailure';
    constructor(error, state, stateSentence) {
        const message = (error?.message ?? String(error)).replace(/[.\s]*$/, '');
        super(`${message}. ${stateSentence}`, { cause: error });
        this.state = state;
        this.stateSentence = stateSentence;
    }
}
/**
 * Carries out the plan's strategy so that a failure never leaves a half-restored target:
 * direct drops what it restored, transaction rolls back (verification runs inside it, before
 * the commit), swap drops the incoming database.
 */
async function applyStrategy(plan, target, work, logger, signal) {
    if (plan.strategy === 'swap')
        return swap(plan, target, work, logger, signal);
    if (plan.strategy === 'transaction') {
        // The write verifies inside the transaction and commits only when that passes.
        let result;
        try {
            result = await work.write(target);
        }
        catch (error) {
            if (error instanceof CommitOutcomeUnknown)
                throw new ApplyFailure(error, 'unknown', `Whether ${target.database} holds the restored data is unknown; check it before running again.`);
            throw new ApplyFailure(error, 'unchanged', `The transaction was rolled back; ${target.database} is exactly as it was.`);
        }
        // Checked again on the committed data: cheap, and it proves what was committed.
        await verifyOrExplain(work, target, result, `${target.database} holds the restored data, which had passed verification inside the transaction before the commit.`);
        return { result, state: 'restored', properties: await carryInPlace(target, work, logger) };
    }
    return direct(target, work, logger, signal);
}
/** The source's database comment and settings, onto the target database itself (direct, transaction). */
async function carryInPlace(target, work, logger) {
    const db = await connect(target, { logger, signal: new AbortController().signal }).catch(() => undefined);
    if (!db)
        return { carried: [], notCarried: ['database properties: could not reconnect to the target'] };
    try {
        return await carryDatabaseProperties(db, target.database, work.database);
    }
    finally {
        await db_close(db);
    }
}
async function verifyOrExplain(work, into, written, sentence) {
    try {
        await work.verify(into, written);
    }
    catch (error) {
        throw new ApplyFailure(error, 'restored', sentence);
    }
}
async function direct(target, work, logger, signal) {
    let before;
    try {
        const db = await connect(target, { logger, signal });
        before = await baseline(db).finally(() => db_close(db));
    }
    catch (error) {
        throw new ApplyFailure(error, 'unchanged', `Nothing was written to ${target.database}.`);
    }
    let result;
    try {
        result = await work.write(target);
        await work.verify(target, result);
        result = await carryVerified(work, target, result);
    }
    catch (error) {
        logger.info(`Removing what was restored into ${target.database}, so that it is empty again`);
        throw await undoDirect(error, target, before, logger);
    }
    return { result, state: 'restored', properties: await carryInPlace(target, work, logger) };
}
/** The owners and privileges, carried last (see `WriteTarget.access`); what was not carried joins the result's. */
async function carryVerified(work, into, result) {
    if (!work.access)
        return result;
    const notCarried = await work.access(into);
    return { ...result, notCarried: [...(result.notCarried ?? []), ...notCarried] };
}
async function undoDirect(error, target, before, logger) {
    // A fresh signal: cleaning up must happen even when the run is being cancelled.
    const db = await connect(target, { logger, signal: new AbortController().signal }).catch(() => undefined);
    if (!db)
        return new ApplyFailure(error, 'partial', `Could not reconnect to remove the partial restore; ${target.database} holds part of the data.`);
    try {
        await dropRestored(db, before);
        // Measured, not assumed: what the emptiness check of the next run's pre-flight would see.
        const left = await userObjects(db, before.extensions);
        if (left.length === 0)
            return new ApplyFailure(error, 'empty', `Everything restored was removed; ${target.database} is empty again.`);
        return new ApplyFailure(error, 'partial', `Removing the partial restore left ${left.length} objects (${left.slice(0, 3).join(', ')}) in ${target.database}.`);
    }
    catch (cleanup) {
        return new ApplyFailure(error, 'partial', `Removing the partial restore failed (${cleanup.message}); ${target.database} holds part of the data.`);
    }
    finally {
        await db_close(db);
    }
}
async function swap(plan, target, work, logger, signal) {
    const incoming = plan.incomingDatabase;
    const previous = plan.previousDatabase;
    const admin = await connect(withDatabase(target, 'postgres'), { logger, signal })
        .catch(() => connect(target, { logger, signal }))
        .catch((error) => {
        throw new ApplyFailure(error, 'unchanged', `Nothing was written; ${target.database} was not touched.`);
    });
    let result;
    let properties;
    try {
        try {
            await createLike(admin, target.database, incoming);
        }
        catch (error) {
            throw new ApplyFailure(error, 'unchanged', `${target.database} was not touched.`);
        }
        logger.info(`Created database ${incoming} beside ${target.database}`);
        try {
            result = await work.write(withDatabase(target, incoming));
            await work.verify(withDatabase(target, incoming), result);
            result = await carryVerified(work, withDatabase(target, incoming), result);
            // Before the rename: the database that takes the target's name has its properties from the start.
            const replaced = await databaseProperties(admin, target.database);
            properties = await carryDatabaseProperties(admin, incoming, work.database, replaced);
        }
        catch (error) {
            await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(incoming)} WITH (FORCE)`).catch(() => undefined);
            throw new ApplyFailure(error, 'unchanged', `The incoming database ${incoming} was dropped; ${target.database} was not touched.`);
        }
        await cutOver(admin, target.database, incoming, previous, logger);
    }
    finally {
        await db_close(admin);
    }
    return { result, state: 'swapped', properties };
}
const DATABASE_LOCALE_SQL = `SELECT pg_encoding_to_char(d.encoding) AS encoding, d.datcollate::text AS collate, d.datctype::text AS ctype,
        to_jsonb(d) ->> 'datlocprovider' AS provider,
        coalesce(to_jsonb(d) ->> 'datlocale', to_jsonb(d) ->> 'daticulocale') AS locale,
        to_jsonb(d) ->> 'daticurules' AS rules
   FROM pg_catalog.pg_database d WHERE d.datname = $1`;
const literal = (text) => `'${text.replace(/'/g, "''")}'`;
/**
 * CREATE DATABASE `name` from template0 with the locale of `like` (undefined: the server's
 * defaults). The provider is always named where the server has one, libc too: template0's own
 * provider would apply otherwise. Pure.
 * https://www.postgresql.org/docs/15/sql-createdatabase.html (LOCALE_PROVIDER, ICU_LOCALE),
 * https://www.postgresql.org/docs/16/sql-createdatabase.html (ICU_RULES),
 * https://www.postgresql.org/docs/17/sql-createdatabase.html (BUILTIN_LOCALE)
 */
function createDatabaseSql(name, like) {
    const options = [];
    if (like) {
        options.push(`ENCODING ${literal(like.encoding)}`, `LC_COLLATE ${literal(like.collate)}`, `LC_CTYPE ${literal(like.ctype)}`);
        if (like.provider === 'c')
            options.push('LOCALE_PROVIDER libc');
        else if (like.provider === 'i') {
            options.push('LOCALE_PROVIDER icu', `ICU_LOCALE ${literal(like.locale ?? '')}`);
            if (like.rules !== null)
                options.push(`ICU_RULES ${literal(like.rules)}`);
        }
        else if (like.provider === 'b')
            options.push('LOCALE_PROVIDER builtin', `BUILTIN_LOCALE ${literal(like.locale ?? '')}`);
        else if (like.provider !== null)
            throw new Error(`Database locale provider ${JSON.stringify(like.provider)} is not one db-migrate knows; use another strategy than swap.`);
    }
    return `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0${options.map((o) => ` ${o}`).join('')}`;
}
async function createLike(admin, model, name) {
    const { rows } = await admin.query(DATABASE_LOCALE_SQL, [model]);
    await admin.query(createDatabaseSql(name, rows[0]));
}
/** Renames the old target aside and the verified copy into its place; the old one stays for rollback. */
async function cutOver(admin, name, incoming, previous, logger) {
    const { rows } = await admin.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    if (Number(rows[0].n) > 0) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(incoming)} WITH (FORCE)`).catch(() => undefined);
        throw new ApplyFailure(new Error(`${rows[0].n} other sessions are connected to ${name}, so it cannot be renamed.`), 'unchanged', `The incoming database was dropped and ${name} was not touched; stop its clients (or point them elsewhere) and run again.`);
    }
    await admin.query(`ALTER DATABASE ${quoteIdent(name)} RENAME TO ${quoteIdent(previous)}`).catch((error) => {
        throw new ApplyFailure(error, 'unchanged', `${name} was not renamed; the restored copy stays as ${incoming}.`);
    });
    try {
        await admin.query(`ALTER DATABASE ${quoteIdent(incoming)} RENAME TO ${quoteIdent(name)}`);
    }
    catch (error) {
        try {
            await admin.query(`ALTER DATABASE ${quoteIdent(previous)} RENAME TO ${quoteIdent(name)}`);
        }
        catch (back) {
            throw new ApplyFailure(error, 'unknown', `${name} was renamed to ${previous} and renaming it back failed (${back.message}); the restored copy stays as ${incoming}.`);
        }
        throw new ApplyFailure(error, 'unchanged', `${name} was renamed back; the restored copy stays as ${incoming}.`);
    }
    logger.info(`Swapped: ${incoming} is now ${name}; the previous database is kept as ${previous}`);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/common/inputs.ts



/**
 * Typed readers for action inputs. Each reads one input (as the runner passes it, through
 * `INPUT_<NAME>`), validates it and returns a typed value, or throws a `UserError` whose one
 * sentence names the input, what was wrong and what is accepted. The `parse*` functions do the
 * same for a value that did not come from an input, so they are unit-tested without any runner.
 */
const quote = (value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
function raw(name) {
    return getInput(name, { trimWhitespace: true });
}
function getRequiredInput(name) {
    const value = raw(name);
    if (value === '')
        throw new UserError(`Input '${name}' is required but was not provided.`);
    return value;
}
function getOptionalInput(name) {
    const value = raw(name);
    return value === '' ? undefined : value;
}
/** Reads a secret input and masks it (and each of its lines) before anything can log it. */
function getSecretInput(name, required = false) {
    const value = getInput(name, { trimWhitespace: false });
    if (value.trim() === '') {
        if (required)
            throw new errors_UserError(`Input '${name}' is required but was not provided.`);
        return undefined;
    }
    core_setSecret(value);
    for (const line of value.split(/\r?\n/))
        if (line.trim() !== '')
            core_setSecret(line.trim());
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
    throw new errors_UserError(`Input '${name}' must be a boolean (true or false), got ${quote(value)}.`);
}
function inputs_getBooleanInput(name, defaultValue) {
    return parseBoolean(name, raw(name), defaultValue);
}
function parseEnum(name, value, allowed) {
    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
        throw new errors_UserError(`Input '${name}' must be one of ${allowed.join(', ')}; got ${quote(value)}.`);
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
        throw new errors_UserError(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed))
        throw new errors_UserError(`Input '${name}' must be ${accepted}, got ${quote(value)}.`);
    if ((options.min !== undefined && parsed < options.min) ||
        (options.max !== undefined && parsed > options.max)) {
        throw new errors_UserError(`Input '${name}' must be ${accepted}, got ${parsed}.`);
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
            throw new errors_UserError(`Input '${name}' must be ${DURATION_TEXT}; got ${quote(value)}.`);
        }
        ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0);
    }
    ms = Math.round(ms);
    const { min, max } = options;
    if (min !== undefined && ms < min) {
        throw new errors_UserError(`Input '${name}' must be at least ${describeMs(min)}; got ${quote(value)}.`);
    }
    if (max !== undefined && ms > max) {
        throw new errors_UserError(`Input '${name}' must be at most ${describeMs(max)}; got ${quote(value)}.`);
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
        throw new errors_UserError(`Input '${name}' must be an ${kind === 'object' ? 'object' : 'S3 prefix'} URI such as ${example}, got ${quote(value)}.`);
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
        throw new UserError(`Inputs ${set.join(' and ')} cannot be used together; set at most one of them.`);
    }
}

;// CONCATENATED MODULE: ./src/common/aws.ts




const DEFAULT_MAX_ATTEMPTS = 8;
/** The `max-attempts` input every action has: total attempts per AWS call, 1 to 20. */
function getMaxAttemptsInput(name = 'max-attempts') {
    return getIntInput(name, { min: 1, max: 20, default: DEFAULT_MAX_ATTEMPTS });
}
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** The region from the input, else `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
function resolveRegion(input, env = process.env, name = 'region') {
    const region = input || env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new errors_UserError(`Input '${name}' is not set and neither AWS_REGION nor AWS_DEFAULT_REGION is; set '${name}' (for example us-east-1) or run aws-actions/configure-aws-credentials first.`);
    }
    if (!REGION_PATTERN.test(region)) {
        const source = input ? `Input '${name}'` : 'The AWS region from the environment';
        throw new errors_UserError(`${source} must be an AWS region such as us-east-1 or eu-west-2; got ${JSON.stringify(region)}.`);
    }
    return region;
}
/** The suite's part of the user agent: `infra-actions/<version> <action>`. */
function userAgent(action) {
    return [[SUITE, VERSION], [action]];
}
function aws_clientConfig(settings, region = settings.region) {
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
    return { ...aws_clientConfig(settings), ...s3Extras(env) };
}
function s3Extras(env = process.env) {
    return {
        forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
        expectContinueHeader: false,
    };
}
/** Builds a client of the given SDK class with the suite's settings (optionally for another region). */
function createClient(Client, settings, region) {
    return new Client(aws_clientConfig(settings, region));
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
        const client = new Client({ ...aws_clientConfig(this.settings, region), ...extra });
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
        throwIfCancelled(signal ?? undefined);
        try {
            return await attempt(what, () => call({ abortSignal: signal ?? undefined }));
        }
        catch (error) {
            throwIfCancelled(signal ?? undefined);
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
    return { size: (await stat(file)).size, sha256 };
}
const isNotFound = (error) => {
    const code = awsErrorCode(error);
    return code === 'NotFound' || code === 'NoSuchKey' || code === '404';
};
const codeOf = awsErrorCode;
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
        const sdk = await __nccwpck_require__.e(/* import() */ 711).then(__nccwpck_require__.t.bind(__nccwpck_require__, 3711, 19));
        return new S3Transfer(calls, calls.client(sdk.S3Client, region, s3Extras()), sdk);
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

;// CONCATENATED MODULE: ./src/db-migrate/access.ts








const OWNER_COLUMNS = [
    ['pg_proc', 'proowner'],
    ['pg_type', 'typowner'],
    ['pg_namespace', 'nspowner'],
    ['pg_collation', 'collowner'],
    ['pg_conversion', 'conowner'],
    ['pg_operator', 'oprowner'],
    ['pg_opclass', 'opcowner'],
    ['pg_opfamily', 'opfowner'],
    ['pg_ts_config', 'cfgowner'],
    ['pg_ts_dict', 'dictowner'],
    ['pg_foreign_data_wrapper', 'fdwowner'],
    ['pg_foreign_server', 'srvowner'],
    ['pg_language', 'lanowner'],
    ['pg_statistic_ext', 'stxowner'],
    ['pg_publication', 'pubowner'],
];
/**
 * The owners, on the source, of the archive's objects (by the catalog and object OIDs of its TOC
 * entries). Sequences owned by a column follow their table's owner and are left out, as are
 * relations that have no owner of their own (indexes).
 */
async function sourceOwners(db, entries) {
    const objects = entries.filter((e) => e.catalogOid > 0 && e.oid > 0);
    if (objects.length === 0)
        return [];
    const cases = OWNER_COLUMNS.map(([catalog, column]) => `WHEN 'pg_catalog.${catalog}'::regclass THEN (SELECT x.${column} FROM pg_catalog.${catalog} x WHERE x.oid = e.objid)`).join('\n          ');
    const { rows } = await db.query(`SELECT i.type, i.identity, pg_catalog.pg_get_userbyid(o.owner) AS owner, coalesce(o.secdef, false) AS "securityDefiner"
       FROM (SELECT DISTINCT * FROM unnest($1::oid[], $2::oid[])) AS e (classid, objid)
       CROSS JOIN LATERAL (SELECT CASE e.classid
          WHEN 'pg_catalog.pg_class'::regclass THEN (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = e.objid
            AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = e.classid AND d.objid = e.objid
                              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')))
          ${cases}
          END AS owner,
          (SELECT p.prosecdef FROM pg_catalog.pg_proc p WHERE e.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = e.objid) AS secdef) o
       CROSS JOIN LATERAL pg_catalog.pg_identify_object(e.classid, e.objid, 0) i
      WHERE o.owner IS NOT NULL AND i.identity IS NOT NULL
      ORDER BY 1, 2`, [objects.map((e) => e.catalogOid), objects.map((e) => e.oid)]);
    return rows;
}
/**
 * The target's roles. Giving an object to a role takes, from PostgreSQL 16, being able to SET ROLE
 * to it (membership WITH SET OPTION), before that membership; the role must also have CREATE on
 * the object's schema, which the block checks as it goes.
 * https://www.postgresql.org/docs/16/sql-altertable.html, https://www.postgresql.org/docs/15/sql-altertable.html
 */
async function targetRoles(db) {
    const { rows } = await db.query(`SELECT r.rolname AS name,
            CASE WHEN current_setting('server_version_num')::int >= 160000 THEN pg_catalog.pg_has_role(current_user, r.oid, 'SET')
                 ELSE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') END AS member,
            current_user AS user, (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser
       FROM pg_catalog.pg_roles r`);
    return {
        user: rows[0]?.user ?? '',
        superuser: rows[0]?.superuser ?? false,
        roles: new Map(rows.map((r) => [r.name, r.member])),
    };
}
/**
 * The GRANT, REVOKE and ALTER DEFAULT PRIVILEGES statements of the archive's ACL entries, as
 * pg_restore writes them in its script (one per line; a quoted name may span lines).
 */
async function archiveAcl(tools, file, toc, workDir) {
    const entries = toc.filter((e) => e.desc === 'ACL' || e.desc === 'DEFAULT ACL');
    if (entries.length === 0)
        return [];
    const list = (0,external_node_path_.join)((0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(workDir, 'acl-')), 'acl.list');
    (0,external_node_fs_.writeFileSync)(list, tocList(entries));
    const script = [];
    await runProcess(tools.client.pgRestore, ['--file=-', '--use-list', list, file], {
        signal: tools.signal,
        logger: debugLogger(tools.logger),
        onStdoutLine: (line) => script.push(line),
    });
    return aclStatements(script);
}
/** The ACL statements of a pg_restore script: everything else (comments, SET, psql meta-commands) is skipped. */
function aclStatements(script) {
    const statements = [];
    let current = '';
    for (const line of script) {
        if (current === '' && (line.trim() === '' || /^(--|SET |RESET |SELECT pg_catalog\.|\\)/.test(line)))
            continue;
        current = current === '' ? line : `${current}\n${line}`;
        const quotes = (current.match(/"/g) ?? []).length;
        if (quotes % 2 === 0 && current.trimEnd().endsWith(';')) {
            if (/^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES) /.test(current))
                statements.push(current.trim());
            current = '';
        }
    }
    return statements;
}
/** Words and quoted identifiers of a statement; punctuation other than `,` is dropped. */
function tokens(statement) {
    const found = [];
    const re = /"((?:[^"]|"")*)"|([A-Za-z0-9_$]+)|(,)/g;
    for (let m = re.exec(statement); m; m = re.exec(statement)) {
        if (m[1] !== undefined)
            found.push({ word: m[1].replace(/""/g, '"'), quoted: true });
        else
            found.push({ word: m[2] ?? m[3], quoted: false });
    }
    return found;
}
const isWord = (t, word) => t !== undefined && !t.quoted && t.word.toUpperCase() === word;
/** The roles a GRANT or REVOKE statement names: its grantees (PUBLIC as `PUBLIC`) and, for default privileges, the FOR ROLE. */
function aclRoles(statement) {
    const t = tokens(statement);
    const revoke = /^(ALTER DEFAULT PRIVILEGES\b.*?\s)?REVOKE\s/s.test(statement);
    const keyword = revoke ? 'FROM' : 'TO';
    let at = -1;
    for (let i = t.length - 1; i >= 0; i--) {
        if (isWord(t[i], keyword)) {
            at = i;
            break;
        }
    }
    const grantees = [];
    for (let i = at + 1; at >= 0 && i < t.length; i++) {
        if (isWord(t[i], 'WITH') ||
            isWord(t[i], 'GRANTED') ||
            isWord(t[i], 'CASCADE') ||
            isWord(t[i], 'RESTRICT'))
            break;
        if (t[i].word === ',' && !t[i].quoted)
            continue;
        if (isWord(t[i], 'GROUP'))
            continue;
        grantees.push(!t[i].quoted && t[i].word.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : t[i].word);
    }
    let forRole;
    if (isWord(t[0], 'ALTER') && isWord(t[1], 'DEFAULT')) {
        const i = t.findIndex((x, n) => isWord(x, 'FOR') && (isWord(t[n + 1], 'ROLE') || isWord(t[n + 1], 'USER')));
        if (i >= 0)
            forRole = t[i + 2]?.word;
    }
    return { grantees, forRole, revoke };
}
/**
 * Decides what is carried and writes the block that carries it. Pure.
 *
 * The grants and revokes run first, while the target user still owns every object it restored
 * (so each of them is its to give or take), then the owners: ALTER ... OWNER TO hands the
 * object's privileges, and the grants made by the old owner, to the new one. An owner change the
 * server refuses (the new owner lacks CREATE on the schema, say) is reported by a WARNING
 * starting with NOT_CARRIED_PREFIX and, for a SECURITY DEFINER function, makes it private.
 */
function planAccess(input) {
    const { roles } = input;
    const grants = [];
    const owners = [];
    const notCarried = [];
    const exists = (role) => role === 'PUBLIC' || roles.roles.has(role);
    const mayBecome = (role) => roles.superuser || role === roles.user || roles.roles.get(role) === true;
    for (const statement of input.acl) {
        const { grantees, forRole, revoke } = aclRoles(statement);
        const missing = [...grantees, ...(forRole ? [forRole] : [])].filter((r) => !exists(r));
        const restriction = revoke && grantees.every((g) => g === 'PUBLIC');
        if (revoke && !restriction && missing.length > 0)
            continue; // Nothing to take from a role that is not there.
        let reason;
        if (missing.length > 0)
            reason = `role ${missing.join(', ')} does not exist on the target`;
        else if (forRole && !mayBecome(forRole))
            reason = `the target user ${roles.user} may not act as role ${forRole}`;
        else if (input.noPrivileges && !revoke)
            reason = "'no-privileges' is set";
        if (reason === undefined)
            grants.push(`  EXECUTE ${quoteLiteral(statement.replace(/;\s*$/, ''))};`);
        else
            notCarried.push(`${statement.replace(/\s+/g, ' ')} not carried (${reason}).`);
    }
    const ownerless = [];
    for (const object of input.owners) {
        if (object.owner === roles.user)
            continue;
        const what = `${object.type} ${object.identity}`;
        let reason;
        if (input.noOwner)
            reason = "'no-owner' is set";
        else if (!roles.roles.has(object.owner))
            reason = `role ${object.owner} does not exist on the target`;
        else if (!mayBecome(object.owner))
            reason = `the target user ${roles.user} may not act as role ${object.owner}`;
        if (reason !== undefined) {
            notCarried.push(`Owner ${object.owner} of ${what} not carried (${reason}); ${roles.user} owns it.`);
            ownerless.push(object);
            continue;
        }
        const refused = `${NOT_CARRIED_PREFIX} Owner ${object.owner} of ${what} not carried (`;
        const fallback = object.securityDefiner
            ? `
${privatize(`p.oid = ${quoteLiteral(object.identity)}::regprocedure`, '    ')}
    RAISE WARNING '%', ${quoteLiteral(`${NOT_CARRIED_PREFIX} ${secdefSentence(object, roles.user)}`)};`
            : '';
        owners.push(`  BEGIN
    EXECUTE ${quoteLiteral(`ALTER ${objectKeyword(object.type)} ${object.identity} OWNER TO ${quoteIdent(object.owner)}`)};
  EXCEPTION WHEN insufficient_privilege THEN
    RAISE WARNING '%', ${quoteLiteral(refused)} || SQLERRM || ${quoteLiteral(`); ${roles.user} owns it.`)};${fallback}
  END;`);
    }
    // A SECURITY DEFINER function that changed hands would run as the target user: only that user may call it.
    const secdef = input.ownersKnown ? ownerless.filter((o) => o.securityDefiner) : undefined;
    for (const fn of secdef ?? [])
        notCarried.push(secdefSentence(fn, roles.user));
    if (!input.ownersKnown) {
        notCarried.push(`Owners were not carried: the dump has no manifest naming them; ${roles.user} owns every object, and its SECURITY DEFINER functions may be executed only by ${roles.user}.`);
    }
    const body = [
        ...input.owners.flatMap((o) => resetToDefault(o)),
        ...grants,
        ...owners,
        ...(secdef ?? []).map((fn) => privatize(`p.oid = ${quoteLiteral(fn.identity)}::regprocedure`, '  ')),
    ];
    const revokeAll = secdef === undefined ? REVOKE_ALL_SECDEF : '';
    const carried = grants.length + owners.length;
    if (body.length === 0 && revokeAll === '')
        return { carried, notCarried };
    // A failure names itself (ACCESS_PREFIX), so that no harmless-error pattern can pass over it.
    const sql = `DO $db_migrate_access$
DECLARE
  revoke_sql text;
  owned_oid oid;
BEGIN
${body.join('\n')}${revokeAll}
EXCEPTION WHEN OTHERS THEN
  RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(`${ACCESS_PREFIX} `)} || SQLERRM, ERRCODE = SQLSTATE;
END
$db_migrate_access$;
`;
    return { sql, carried, notCarried };
}
function secdefSentence(fn, user) {
    return `SECURITY DEFINER ${fn.type} ${fn.identity}: its owner was not carried, so only ${user} may execute it (EXECUTE revoked from PUBLIC and every grantee).`;
}
/**
 * PL/pgSQL revoking every privilege on the routines `p` matching `where` from everyone but their
 * owner: PUBLIC (whose EXECUTE a routine with the default ACL has) and every grantee.
 */
function privatize(where, indent) {
    return `FOR revoke_sql IN SELECT DISTINCT pg_catalog.format('REVOKE ALL ON %s %s FROM %s',
                   CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure,
                   CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END)
                 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace,
                      pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) a
                WHERE ${where} AND a.grantee <> p.proowner LOOP
  EXECUTE revoke_sql;
END LOOP;`
        .split('\n')
        .map((line) => indent + line)
        .join('\n');
}
/** Without known owners: every SECURITY DEFINER routine the target user owns is made private to it. */
const REVOKE_ALL_SECDEF = `\n${privatize(`p.prosecdef AND p.proowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = current_user)
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`, '  ')}`;
const RELATION = {
    cast: 'regclass',
    table: 'pg_class',
    acl: 'relacl',
    owner: 'relowner',
    kind: 'r',
    keyword: 'TABLE',
};
const ROUTINE = {
    cast: 'regprocedure',
    table: 'pg_proc',
    acl: 'proacl',
    owner: 'proowner',
    kind: 'f',
    keyword: 'FUNCTION',
};
const TYPE = {
    cast: 'regtype',
    table: 'pg_type',
    acl: 'typacl',
    owner: 'typowner',
    kind: 'T',
    keyword: 'TYPE',
};
const ACL_OF = {
    table: RELATION,
    view: RELATION,
    'materialized view': RELATION,
    'foreign table': RELATION,
    sequence: { ...RELATION, kind: 's', keyword: 'SEQUENCE' },
    function: ROUTINE,
    procedure: { ...ROUTINE, keyword: 'PROCEDURE' },
    type: TYPE,
    'composite type': TYPE,
    domain: { ...TYPE, keyword: 'DOMAIN' },
    schema: {
        cast: 'regnamespace',
        table: 'pg_namespace',
        acl: 'nspacl',
        owner: 'nspowner',
        kind: 'n',
        keyword: 'SCHEMA',
    },
};
/**
 * Puts an object the restore created back to the built-in default privileges (acldefault), which
 * the archive's GRANTs and REVOKEs start from: the target's own default privileges (ALTER DEFAULT
 * PRIVILEGES) apply to every object created there, so a table the source granted to nobody would
 * otherwise come out readable by whomever the target's defaults name, a copy granting more than
 * the source. Privileges beyond the default are revoked, defaults missing are granted back.
 */
function resetToDefault(object) {
    const at = ACL_OF[object.type];
    if (!at)
        return [];
    const statements = resetStatements(at, `${quoteLiteral(object.identity)}::pg_catalog.${at.cast}`, '  ');
    if (at.table !== 'pg_class' || at.kind === 's')
        return [statements];
    // A table's serial and identity sequences are no objects of their own in the archive's
    // owners (they go with the table), but the target's default privileges for sequences apply
    // to them as well.
    const sequence = ACL_OF.sequence;
    return [
        statements,
        `  FOR owned_oid IN SELECT d.objid FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.objid
                     WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid = ${quoteLiteral(object.identity)}::pg_catalog.regclass
                       AND d.deptype IN ('a', 'i') AND c.relkind = 'S' LOOP
${resetStatements(sequence, 'owned_oid', '    ')}
  END LOOP;`,
    ];
}
/**
 * The REVOKEs and GRANTs that bring one object's privileges back to where pg_dump's grants start
 * from: its initial privileges where it has some (pg_init_privs: the `public` schema, objects of
 * extensions; pg_dump writes an ACL relative to them), else the built-in default (acldefault).
 */
function resetStatements(at, oid, indent) {
    const role = `CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(x.grantee)) END`;
    const sets = `(SELECT a.grantee, a.privilege_type FROM pg_catalog.${at.table} o, pg_catalog.aclexplode(coalesce(o.${at.acl}, pg_catalog.acldefault('${at.kind}', o.${at.owner}))) a WHERE o.oid = ${oid})`;
    const initial = `(SELECT i.initprivs FROM pg_catalog.pg_init_privs i WHERE i.objoid = o.oid AND i.classoid = 'pg_catalog.${at.table}'::pg_catalog.regclass AND i.objsubid = 0)`;
    const defaults = `(SELECT d.grantee, d.privilege_type FROM pg_catalog.${at.table} o, pg_catalog.aclexplode(coalesce(${initial}, pg_catalog.acldefault('${at.kind}', o.${at.owner}))) d WHERE o.oid = ${oid})`;
    const statement = (verb, preposition, from, minus) => `FOR revoke_sql IN SELECT pg_catalog.format('${verb} %s ON ${at.keyword} %s ${preposition} %s', x.privilege_type, ${oid}::pg_catalog.${at.cast}::text, ${role})
               FROM (${from} EXCEPT ${minus}) x LOOP
  EXECUTE revoke_sql;
END LOOP;`;
    return [statement('REVOKE', 'FROM', sets, defaults), statement('GRANT', 'TO', defaults, sets)]
        .join('\n')
        .split('\n')
        .map((line) => indent + line)
        .join('\n');
}
/**
 * Runs the plan's block on a written database (direct and swap; the transaction strategy runs it
 * inside its transaction); returns the owners the server refused, from the block's warnings.
 */
async function applyAccess(db, plan) {
    if (!plan.sql)
        return [];
    const refused = [];
    const onNotice = (notice) => {
        const message = notice.message ?? '';
        if (message.startsWith(NOT_CARRIED_PREFIX))
            refused.push(message.slice(NOT_CARRIED_PREFIX.length).trim());
    };
    db.on('notice', onNotice);
    await db.query('BEGIN');
    try {
        await db.query(plan.sql);
        await db.query('COMMIT');
    }
    catch (error) {
        await db.query('ROLLBACK').catch(() => undefined);
        const message = error.message.replace(ACCESS_PREFIX, '').trim();
        throw new Error(`Carrying owners and privileges failed: ${message}`, { cause: error });
    }
    finally {
        db.off('notice', onNotice);
    }
    return refused;
}
/** Connects to a written database and carries owners and privileges there (direct and swap). */
async function carryAccess(url, plan, options) {
    if (!plan.sql)
        return [];
    const db = await connect(url, options);
    try {
        return await applyAccess(db, plan);
    }
    finally {
        await db_close(db);
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/decide.ts

function stamp(date = new Date()) {
    return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
function logPlan(result, logger) {
    logger.info('Plan:');
    result.steps.forEach((step, i) => logger.info(`  ${i + 1}. ${step}`));
    for (const warning of result.warnings)
        logger.warning(warning);
}
/**
 * The plan step of every mode: decides from what was observed (a pure function, timed on the
 * timeline), records the plan for the report and logs it.
 */
async function decide(run, facts) {
    const { inputs } = run;
    const decided = await run.phases.untitled('plan', async () => plan({
        ...facts,
        strategy: inputs.strategy,
        clean: inputs.clean,
        verify: inputs.verify,
        jobs: inputs.jobs,
        stamp: stamp(),
    }));
    run.report.plan = decided;
    logPlan(decided, run.logger);
    return decided;
}

;// CONCATENATED MODULE: ./src/db-migrate/run.ts
function toolContext(run, client) {
    const { inputs } = run;
    return {
        client,
        logger: run.logger,
        signal: run.signal,
        timeoutMs: inputs.timeoutMs,
        // pg_restore never restores owners or grants itself: access.ts carries them, one statement at a time.
        noOwner: true,
        noPrivileges: true,
        ignore: inputs.ignoreErrors,
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./src/db-migrate/clients.ts





/** `pg_dump (PostgreSQL) 15.13 (Debian 15.13-0+deb12u1)` -> 15.13; also `16beta2`, `9.6.24`. */
function parseToolVersion(text) {
    const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?(\S*)/.exec(text);
    if (!match)
        return undefined;
    const first = Number(match[1]);
    // Before 10 the major version had two parts (9.6).
    const major = first < 10 && match[2] !== undefined ? Number(`${first}.${match[2]}`) : first;
    return { version: `${match[1]}${match[2] !== undefined ? `.${match[2]}` : ''}${match[3]}`, major };
}
/** The server's `server_version_num` (150013) as a major version (15; 9.6 before 10). */
function serverMajor(versionNum) {
    const major = Math.floor(versionNum / 10000);
    return major >= 10 ? major : Number(`${major}.${Math.floor(versionNum / 100) % 100}`);
}
/**
 * pg_dump reads servers of its own major version and older only, so the pair must be at least
 * the source's; among those the newest is taken (it knows every older server's catalogs).
 */
function chooseClient(pairs, sourceMajor) {
    const usable = pairs.filter((p) => p.major >= sourceMajor).sort((a, b) => b.major - a.major);
    if (usable[0])
        return usable[0];
    const found = pairs.length === 0
        ? 'none was found'
        : `found only ${[...new Set(pairs.map((p) => p.major))].sort((a, b) => b - a).join(', ')}`;
    throw new errors_UserError(`The source runs PostgreSQL ${sourceMajor}, which needs pg_dump and pg_restore ${sourceMajor} or newer (${found} on PATH or in /usr/lib/postgresql/*/bin); install postgresql-client-${sourceMajor} before this step.`);
}
function executable(file) {
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** Directories that may hold the client tools: Debian's versioned ones newest first, then PATH. */
function candidateDirs(env = process.env, root = '/usr/lib/postgresql') {
    let versioned;
    try {
        versioned = (0,external_node_fs_.readdirSync)(root)
            .filter((name) => /^\d+(\.\d+)?$/.test(name))
            .sort((a, b) => Number(b) - Number(a))
            .map((name) => (0,external_node_path_.join)(root, name, 'bin'));
    }
    catch {
        versioned = [];
    }
    const path = (env.PATH ?? '').split(':').filter((dir) => dir !== '');
    return [...new Set([...versioned, ...path])];
}
const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** Finds every pg_dump / pg_restore pair and asks each its version. */
async function discoverClients(dirs = candidateDirs()) {
    const pairs = [];
    for (const dir of dirs) {
        const pgDump = (0,external_node_path_.join)(dir, 'pg_dump');
        const pgRestore = (0,external_node_path_.join)(dir, 'pg_restore');
        if (!executable(pgDump) || !executable(pgRestore))
            continue;
        try {
            const { stdout } = await run(pgDump, ['--version'], { timeout: 10_000 });
            const parsed = parseToolVersion(stdout);
            if (parsed)
                pairs.push({ dir, pgDump, pgRestore, ...parsed });
        }
        catch {
            // A broken wrapper (e.g. Debian's pg_wrapper without a cluster) is simply not a candidate.
        }
    }
    return pairs;
}

;// CONCATENATED MODULE: ./src/db-migrate/inputs.ts





/** Input and output names, defined once. */
const INPUT = {
    sourceUrl: 'source-url',
    targetUrl: 'target-url',
    mode: 'mode',
    jobs: 'jobs',
    schemas: 'schemas',
    excludeSchemas: 'exclude-schemas',
    tables: 'tables',
    excludeTables: 'exclude-tables',
    excludeTableData: 'exclude-table-data',
    noOwner: 'no-owner',
    noPrivileges: 'no-privileges',
    clean: 'clean',
    strategy: 'strategy',
    verify: 'verify',
    dumpFile: 'dump-file',
    s3Uri: 's3-uri',
    region: 'region',
    maxAttempts: 'max-attempts',
    ignoreErrors: 'ignore-errors',
    timeout: 'timeout',
    dryRun: 'dry-run',
};
const OUTPUT = {
    tables: 'tables',
    rows: 'rows',
    bytes: 'bytes',
    duration: 'duration',
    verification: 'verification',
    dumpUri: 'dump-uri',
    targetState: 'target-state',
};
const MODES = ['copy', 'backup', 'restore'];
const STRATEGIES = ['auto', 'direct', 'transaction', 'swap'];
const VERIFY_LEVELS = ['counts', 'checksums', 'none'];
/** Reads and validates every input once; any problem is one sentence, before any connection. */
function getInputs(env = process.env) {
    const mode = getEnumInput(INPUT.mode, MODES, 'copy');
    const source = readUrl(INPUT.sourceUrl, 'source', mode !== 'restore');
    const target = readUrl(INPUT.targetUrl, 'target', mode !== 'backup');
    const dumpFile = getOptionalInput(INPUT.dumpFile);
    const s3 = getS3UriInput(INPUT.s3Uri, { example: 's3://my-backups/prod/app.dump' });
    checkModeInputs(mode, { source, target, dumpFile, s3 });
    if (source && target && sameDatabase(source, target)) {
        throw new errors_UserError(`Inputs 'source-url' and 'target-url' name the same database (${source.display}); point 'target-url' at another database.`);
    }
    const common = {
        jobs: getIntInput(INPUT.jobs, { min: 1, max: 64, default: Math.min(64, (0,external_node_os_.availableParallelism)()) }),
        selection: {
            schemas: getListInput(INPUT.schemas),
            excludeSchemas: getListInput(INPUT.excludeSchemas),
            tables: getListInput(INPUT.tables),
            excludeTables: getListInput(INPUT.excludeTables),
            excludeTableData: getListInput(INPUT.excludeTableData),
        },
        noOwner: inputs_getBooleanInput(INPUT.noOwner, false),
        noPrivileges: inputs_getBooleanInput(INPUT.noPrivileges, false),
        clean: inputs_getBooleanInput(INPUT.clean, false),
        strategy: getEnumInput(INPUT.strategy, STRATEGIES, 'auto'),
        verify: getEnumInput(INPUT.verify, VERIFY_LEVELS, 'counts'),
        ignoreErrors: getListInput(INPUT.ignoreErrors).map(parsePattern),
        timeoutMs: getDurationInput(INPUT.timeout, '6h', { min: 10_000 }),
        dryRun: inputs_getBooleanInput(INPUT.dryRun, false),
    };
    if (mode === 'restore')
        checkNoSelection(common.selection);
    const place = { dumpFile, s3, aws: s3 ? readAws(env) : undefined };
    // checkModeInputs and readUrl have made sure each mode has the databases it needs.
    if (mode === 'copy')
        return { mode, source: source, target: target, ...common };
    if (mode === 'backup')
        return { mode, source: source, ...common, ...place };
    return { mode, target: target, ...common, ...place };
}
function readUrl(name, side, needed) {
    const text = getSecretInput(name);
    if (text === undefined) {
        if (needed)
            throw new errors_UserError(`Input '${name}' is required in this mode but was not provided.`);
        return undefined;
    }
    return parseDatabaseUrl(name, side, text);
}
function checkModeInputs(mode, given) {
    const unused = (name, why) => new errors_UserError(`Input '${name}' is not used with mode '${mode}'; ${why}.`);
    if (mode === 'copy') {
        if (given.dumpFile)
            throw unused(INPUT.dumpFile, 'copy streams from server to server; use mode backup to keep a dump');
        if (given.s3)
            throw unused(INPUT.s3Uri, 'copy streams from server to server; use mode backup to keep a dump');
    }
    if (mode === 'backup' && given.target)
        throw unused(INPUT.targetUrl, 'backup only reads the source');
    if (mode === 'restore' && given.source)
        throw unused(INPUT.sourceUrl, 'restore reads the dump, not a server');
    if (mode === 'backup' && !given.dumpFile && !given.s3) {
        throw new errors_UserError(`Mode 'backup' needs 'dump-file', 's3-uri' or both, to say where the dump goes.`);
    }
    if (mode === 'restore' && (given.dumpFile ? 1 : 0) + (given.s3 ? 1 : 0) !== 1) {
        throw new errors_UserError(`Mode 'restore' needs exactly one of 'dump-file' and 's3-uri', to say which dump to restore.`);
    }
}
/**
 * Restore replays the whole dump (mode-restore.ts never narrows pg_restore): a selection given to
 * it would be ignored, and with `clean` the objects outside it would be overwritten all the same.
 */
function checkNoSelection(selection) {
    const given = [
        [INPUT.schemas, selection.schemas],
        [INPUT.excludeSchemas, selection.excludeSchemas],
        [INPUT.tables, selection.tables],
        [INPUT.excludeTables, selection.excludeTables],
        [INPUT.excludeTableData, selection.excludeTableData],
    ];
    const name = given.find(([, values]) => values.length > 0)?.[0];
    if (name)
        throw new errors_UserError(`Input '${name}' is not used with mode 'restore', which restores the whole dump; to restore only a part, back up only that part (set '${name}' on the backup) and restore that dump.`);
}
function sameDatabase(a, b) {
    return a.host === b.host && a.port === b.port && a.database === b.database;
}
/** A regular expression for `ignore-errors`, matched case-insensitively against pg_restore's error text. */
function parsePattern(text) {
    try {
        return new RegExp(text, 'i');
    }
    catch (error) {
        throw new errors_UserError(`Input 'ignore-errors' holds an invalid regular expression ${JSON.stringify(text)}: ${error.message}.`);
    }
}
function readAws(env) {
    return {
        region: resolveRegion(getOptionalInput(INPUT.region), env),
        maxAttempts: getMaxAttemptsInput(INPUT.maxAttempts),
        action: 'db-migrate',
    };
}

;// CONCATENATED MODULE: ./src/db-migrate/selection.ts










const RELATION_DESCS = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE']);
/**
 * pg_dump's selection arguments for every dump of the run. `--strict-names` makes each pattern of
 * `schemas` and `tables` match something. A `tables` selection is widened to what the tables
 * need, which `--table` alone does not dump: their schemas (with the types, domains and
 * functions in them), their partitions and inheritance children, and their sequences. pg_dump
 * resolves the patterns first; the result is then written as `--schema` for each schema holding a
 * selected table and `--exclude-table` for every other relation of those schemas, all quoted so
 * they match exactly one name.
 */
async function resolveSelection(db, job, selection) {
    const strict = ['--strict-names', ...selectionArgs(selection)];
    const inputs = {
        table: [{ input: INPUT.tables, patterns: selection.tables }],
        schema: [{ input: INPUT.schemas, patterns: selection.schemas }],
    };
    if (selection.tables.length === 0)
        return strict;
    const picked = (await schemaToc(job, strict, inputs, 'selected'))
        .filter((e) => RELATION_DESCS.has(e.desc))
        .map((e) => e.oid);
    if (picked.length === 0) {
        throw new errors_UserError(`The patterns of '${INPUT.tables}' match only tables that '${INPUT.excludeTables}' or '${INPUT.excludeSchemas}' leave out; nothing would be copied.`);
    }
    const { rows } = await db.query(`WITH RECURSIVE tree (oid) AS (
       SELECT unnest($1::oid[])
       UNION SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid
     ), wanted AS (
       SELECT oid FROM tree
       UNION SELECT d.objid FROM pg_depend d JOIN tree ON d.refobjid = tree.oid
        WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     )
     SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.oid IN (SELECT oid FROM wanted) AS selected
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relnamespace IN (SELECT relnamespace FROM pg_class WHERE oid IN (SELECT oid FROM wanted))
      ORDER BY 2, 3`, [picked]);
    const schemas = [...new Set(rows.filter((r) => r.selected).map((r) => r.schema))];
    return [
        '--strict-names',
        ...schemas.flatMap((s) => ['--schema', exactPattern(s)]),
        ...rows
            .filter((r) => !r.selected)
            .flatMap((r) => ['--exclude-table', exactTablePattern(r.schema, r.name)]),
        ...selection.excludeTables.flatMap((t) => ['--exclude-table', t]),
        ...selection.excludeTableData.flatMap((t) => ['--exclude-table-data', t]),
    ];
}
/**
 * Checks that every pattern of `exclude-schemas`, `exclude-tables` and `exclude-table-data`
 * matches something (pg_dump itself ignores an exclusion that matches nothing, which would
 * silently copy what a mistyped pattern meant to leave out), and returns what they match. Each
 * list is passed to pg_dump as `--schema` or `--table` with `--strict-names`, which match by the
 * same rules as the exclusion switches.
 */
async function resolveExclusions(job, selection) {
    const result = { tables: new Set(), tableData: new Set(), schemas: new Set() };
    const tablesOf = async (input, patterns) => {
        if (patterns.length === 0)
            return new Set();
        const toc = await schemaToc(job, ['--strict-names', ...patterns.flatMap((p) => ['--table', p])], { table: [{ input, patterns }], schema: [] }, 'patterns');
        return new Set(toc.filter((e) => RELATION_DESCS.has(e.desc)).map((e) => e.oid));
    };
    result.tables = await tablesOf(INPUT.excludeTables, selection.excludeTables);
    result.tableData = await tablesOf(INPUT.excludeTableData, selection.excludeTableData);
    if (selection.excludeSchemas.length > 0) {
        const toc = await schemaToc(job, ['--strict-names', ...selection.excludeSchemas.flatMap((p) => ['--schema', p])], { table: [], schema: [{ input: INPUT.excludeSchemas, patterns: selection.excludeSchemas }] }, 'patterns');
        for (const e of toc)
            if (e.desc === 'SCHEMA')
                result.schemas.add(schemaOfEntry(e));
    }
    return result;
}
/** A SCHEMA entry's rest is `- <name> <owner>`; the owner is one word, the name may hold spaces. */
function schemaOfEntry(entry) {
    return entry.rest.replace(/^- /, '').replace(/ \S*$/, '');
}
/** Runs a schema-only pg_dump in the snapshot and returns its table of contents; a pattern that fails names its input. */
async function schemaToc(job, args, inputs, name) {
    const file = (0,external_node_path_.join)(job.workDir, `${name}.dump`);
    try {
        await dumpSchema(job, file, args, inputs);
        return parseToc(await listToc(job.tools, file));
    }
    finally {
        (0,external_node_fs_.rmSync)(file, { force: true });
    }
}
/** The schema-only custom-format dump of `args` in the snapshot, to `file`. */
async function dumpSchema(job, file, args, inputs = { table: [], schema: [] }) {
    try {
        await dumpToFile(job.tools, job.url, [
            `--snapshot=${job.snapshot}`,
            '--schema-only',
            '--format=custom',
            `--file=${file}`,
            ...args,
        ]);
    }
    catch (error) {
        throw patternError(error, inputs) ?? error;
    }
}
/** The pattern inputs of the main selection, for `dumpSchema`'s messages. */
function selectionInputs(selection) {
    return {
        table: [{ input: INPUT.tables, patterns: selection.tables }],
        schema: [{ input: INPUT.schemas, patterns: selection.schemas }],
    };
}
/** pg_dump's complaint about a pattern, as one sentence naming the input; undefined for any other failure. */
function patternError(error, inputs) {
    if (!(error instanceof ProcessError))
        return undefined;
    const text = error.result.stderrTail.join('\n');
    const inputOf = (kind, pattern) => inputs[kind].find((i) => i.patterns.includes(pattern))?.input ??
        inputs[kind].map((i) => i.input).join("' or '");
    const unmatched = /no matching (tables|schemas) were found for pattern "(.*)"/.exec(text);
    if (unmatched) {
        const kind = unmatched[1] === 'tables' ? 'table' : 'schema';
        const pattern = unmatched[2];
        return new errors_UserError(`Input '${inputOf(kind, pattern)}' holds the pattern "${pattern}", which matches no ${kind} of the source database; every pattern must match (patterns follow pg_dump's rules: unquoted letters fold to lower case, * and ? are wildcards, a dot separates schema and name, double quotes keep a name as written).`);
    }
    const dotted = /(?:improper qualified name \(too many dotted names\)|cross-database references are not implemented): (.*)$/m.exec(text);
    if (dotted) {
        const pattern = dotted[1].trim();
        const input = inputOf('table', pattern);
        return new errors_UserError(`Input '${input || inputOf('schema', pattern)}' holds the pattern "${pattern}", which has too many dotted parts; write schema.table.`);
    }
    const regex = /invalid regular expression: (.*)$/m.exec(text);
    if (regex) {
        const given = [...inputs.table, ...inputs.schema].filter((i) => i.patterns.length > 0);
        return new errors_UserError(`A pattern in ${given.map((i) => `'${i.input}'`).join(', ')} is not a valid pattern (${regex[1].trim()}); characters such as ( ) | [ ] are regular-expression syntax in pg_dump patterns, so double-quote a name that contains them.`);
    }
    return undefined;
}
const exactPattern = (name) => `"${name.replace(/"/g, '""')}"`;
/**
 * The table of contents of the full dump of `args`, data entries included, without dumping the
 * data: a custom-format archive written to a pipe carries its table of contents before any data
 * (pg_backup_custom.c writes the header and TOC, then the data blocks), so pg_restore --list reads
 * it from pg_dump's stdout, and pg_dump is stopped as soon as the list is complete.
 */
async function dataToc(job, args) {
    const abort = linkedController(job.tools.signal);
    const dump = startDump({ ...job.tools, signal: abort.signal }, job.url, [
        `--snapshot=${job.snapshot}`,
        '--format=custom',
        '--compress=0',
        ...args,
    ]);
    const lines = [];
    try {
        const listed = await spawnProcess(job.tools.client.pgRestore, ['--list'], {
            stdin: dump.stdout,
            signal: job.tools.signal,
            timeoutMs: job.tools.timeoutMs,
            logger: debugLogger(job.tools.logger),
            onStdoutLine: (line) => lines.push(line),
            onStderrLine: (line) => job.tools.logger.debug(line),
        }).done;
        abort.abort(new Error('the table of contents has been read'));
        const dumped = await dump.done;
        if (listed.exitCode !== 0) {
            throw new ProcessError(dumped.exitCode !== 0 && !dumped.cancelled ? dumped : listed);
        }
        return parseToc(lines.join('\n'));
    }
    finally {
        abort.abort(new Error('the table of contents has been read'));
        abort.dispose();
    }
}
async function sourceRelations(db) {
    const { rows } = await db.query(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
            pg_table_size(c.oid) AS bytes, greatest(c.reltuples, 0)::bigint AS estimate,
            c.relrowsecurity AS row_security, pg_get_userbyid(c.relowner) AS owner,
            cfg.extension, cfg.condition,
            ARRAY(SELECT i.inhparent::int FROM pg_inherits i WHERE i.inhrelid = c.oid) AS parents
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN LATERAL (
         SELECT e.oid::int AS extension, x.condition FROM pg_extension e,
                unnest(e.extconfig, e.extcondition) AS x (config, condition)
          WHERE x.config = c.oid LIMIT 1
       ) cfg ON true
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_NAMESPACE}`);
    return new Map(rows.map((r) => [
        r.oid,
        {
            oid: r.oid,
            schema: r.schema,
            name: r.name,
            relkind: r.relkind,
            bytes: Number(r.bytes),
            estimatedRows: Number(r.estimate),
            rowSecurity: r.row_security,
            owner: r.owner,
            extension: r.extension ?? undefined,
            condition: r.condition ?? undefined,
            parents: r.parents,
        },
    ]));
}
/**
 * Proves, before anything is written, that the tables whose data the dump holds (which are the
 * tables verified) are all the tables the selection holds: every ordinary table of the dump and
 * every partition or child under a table of the dump, but those whose data pg_dump was told to
 * leave out. A table missing here would be neither copied nor verified.
 */
function checkCoverage(preData, dataTables, catalog, excluded) {
    const children = new Map();
    for (const rel of catalog.values()) {
        for (const parent of rel.parents)
            children.set(parent, [...(children.get(parent) ?? []), rel.oid]);
    }
    const scope = new Set();
    const visit = (oid) => {
        const rel = catalog.get(oid);
        if (!rel || scope.has(oid))
            return;
        if (excluded.tables.has(oid) || excluded.schemas.has(rel.schema))
            return;
        scope.add(oid);
        for (const child of children.get(oid) ?? [])
            visit(child);
    };
    for (const e of preData)
        if (e.desc === 'TABLE')
            visit(e.oid);
    const uncovered = [...scope]
        .map((oid) => catalog.get(oid))
        .filter((rel) => rel.relkind === 'r' && !dataTables.has(rel.oid) && !excluded.tableData.has(rel.oid))
        .map((rel) => displayName(rel.schema, rel.name))
        .sort();
    if (uncovered.length > 0) {
        throw new Error(`The selection holds ${uncovered.length === 1 ? 'a table' : `${uncovered.length} tables`} whose data the dump would leave out, unverified (${uncovered.slice(0, 5).join(', ')}${uncovered.length > 5 ? ', ...' : ''}); nothing was written.`);
    }
}
/**
 * Refuses, before anything is written, a copy whose verification could not count every row of a
 * table with row-level security on the target: with row_security off a policy that applies makes
 * the count fail, so the target user must bypass policies (superuser, BYPASSRLS) or hold the
 * privileges of the table's owner there (then FORCE ROW LEVEL SECURITY is lifted for the count).
 * The owner on the target is the target user, unless ownership is carried: not with `no-owner`,
 * and only to a role that exists there and that the target user is a member of.
 */
async function checkRowSecurity(target, tables, noOwner) {
    const guarded = tables.filter((t) => t.rowSecurity);
    if (guarded.length === 0 || noOwner)
        return;
    const { rows } = await target.query(`SELECT me.rolsuper OR me.rolbypassrls AS bypass, me.rolsuper AS superuser, r.rolname AS owner,
            coalesce(pg_has_role(r.oid, 'MEMBER'), false) AS member, coalesce(pg_has_role(r.oid, 'USAGE'), false) AS usage
       FROM pg_roles me LEFT JOIN pg_roles r ON r.rolname = ANY ($1::text[])
      WHERE me.rolname = current_user`, [[...new Set(guarded.map((t) => t.owner ?? ''))]]);
    if (rows[0]?.bypass)
        return;
    const owners = new Map(rows.filter((r) => r.owner !== null).map((r) => [r.owner, r]));
    const blocked = guarded.filter((t) => {
        const owner = owners.get(t.owner ?? '');
        const carried = owner !== undefined && (owner.superuser || owner.member);
        return carried && !owner.usage;
    });
    if (blocked.length === 0)
        return;
    const names = blocked.map((t) => displayName(t.schema, t.name));
    const roles = [...new Set(blocked.map((t) => t.owner))].join(', ');
    throw new errors_UserError(`Verification could not count every row of ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''} on the target: row-level security is enabled, the table keeps its owner (${roles}), and the target user neither bypasses row-level security (superuser or BYPASSRLS) nor inherits the owner's privileges; grant it one of those, set 'no-owner: true' so that it owns the restored tables, or set 'verify: none'.`);
}

;// CONCATENATED MODULE: ./src/db-migrate/observe.ts









/** Connects to both servers at once; when either fails, the other connection is closed. */
async function connectBoth(inputs, logger, signal) {
    const [source, target] = await Promise.allSettled([
        connect(inputs.source, { logger, signal }),
        connect(inputs.target, { logger, signal }),
    ]);
    if (source.status === 'rejected' || target.status === 'rejected') {
        if (source.status === 'fulfilled')
            await db_close(source.value);
        if (target.status === 'fulfilled')
            await db_close(target.value);
        throw source.status === 'rejected' ? source.reason : target.reason;
    }
    return { source: source.value, target: target.value };
}
/** The newest pg_dump / pg_restore pair able to read the source (or the newest at all for a restore). */
async function findClient(sourceVersionNum, logger) {
    const pairs = await discoverClients();
    const client = chooseClient(pairs, sourceVersionNum === undefined ? 0 : serverMajor(sourceVersionNum));
    logger.info(`Using pg_dump and pg_restore ${client.version} from ${client.dir}`);
    return client;
}
async function observeSource(db, url, inputs, tools, workDir) {
    const snapshot = await exportSnapshot(db);
    tools.logger.info(`Reading ${url.display} in exported snapshot ${snapshot}`);
    const info = await serverInfo(db);
    const job = { tools, url, snapshot, workDir };
    const excluded = await resolveExclusions(job, inputs.selection);
    const dumpArgs = await resolveSelection(db, job, inputs.selection);
    const schemaFile = (0,external_node_path_.join)(workDir, 'schema.dump');
    // The schema dump and the full dump's table of contents are two pg_dump runs in the same
    // snapshot: they run side by side. The schema dump's failure is the one reported (it names a
    // pattern that matched nothing, which the other fails on too).
    const [schema, toc] = await Promise.allSettled([
        dumpSchema(job, schemaFile, dumpArgs, selectionInputs(inputs.selection)),
        dataToc(job, [...dumpArgs]),
    ]);
    if (schema.status === 'rejected')
        throw schema.reason;
    if (toc.status === 'rejected')
        throw toc.reason;
    const full = toc.value;
    const [preData, postData] = (await Promise.all([listToc(tools, schemaFile, 'pre-data'), listToc(tools, schemaFile, 'post-data')])).map(parseToc);
    const dataTables = new Set(full.filter((e) => e.desc === 'TABLE DATA').map((e) => e.oid));
    const catalog = await sourceRelations(db);
    checkCoverage(preData, dataTables, catalog, excluded);
    const tables = tablesOfDump(preData, dataTables, catalog);
    // Partitions whose rows may belong elsewhere on the target are loaded through their root, by
    // the direct copy and by pg_dump's archives alike (see partitions.ts).
    if (choosePartitionRoutes(tables, catalog, await unstablePartitioning(db))) {
        dumpArgs.push('--load-via-partition-root');
        const routed = tables.filter((t) => t.viaRoot);
        tools.logger.info(`Loading ${routed.length} partitions through their partition root, where the target routes each row: ${routed
            .slice(0, 5)
            .map((t) => displayName(t.schema, t.name))
            .join(', ')}${routed.length > 5 ? ', ...' : ''}`);
    }
    const owners = await postDataOwners(db);
    const foreignKeys = await plainForeignKeys(db);
    const dumped = new Set(preData.map((e) => e.oid));
    const extensions = (await installedExtensions(db)).filter((e) => dumped.has(e.oid));
    const relations = relationsOfDump(preData, tables, catalog, dumped);
    const wantedSequences = new Set(relations.filter((r) => r.kind === 'sequence').map((r) => r.oid));
    const sequences = (await readSequences(db)).filter((s) => s.oid !== undefined && wantedSequences.has(s.oid));
    const withData = tables.filter((t) => t.hasData);
    const dataBytes = withData.reduce((sum, t) => sum + t.bytes, 0);
    return {
        db,
        snapshot,
        schemaFile,
        dumpArgs,
        preData,
        tables,
        relations: relations.map(({ schema, name, kind }) => ({ schema, name, kind })),
        sequences,
        encoding: info.encoding,
        schedule: schedule(tables, postData, {
            ownerOf: (catalogOid, oid) => owners.get(`${catalogOid}:${oid}`)?.owner,
            foreignKeyOf: (oid) => foreignKeys.get(oid),
            buildCost: (catalogOid, oid) => owners.get(`${catalogOid}:${oid}`)?.cost,
        }),
        schemas: inputs.selection.tables.length > 0 ? undefined : await schemasOf(db, preData),
        facts: {
            display: url.display,
            version: info.version,
            major: serverMajor(info.versionNum),
            databaseBytes: info.databaseBytes,
            extensions: extensions.map(({ name, version }) => ({ name, version })),
            allTables: [...catalog.values()].filter((t) => t.relkind === 'r').length,
            selectedTables: tables.length,
            tables: withData.length,
            dataBytes,
            largestTableBytes: withData.reduce((most, t) => Math.max(most, t.bytes), 0),
            largeObjects: await largeObjectCount(db),
        },
    };
}
/**
 * The dump's tables: its TABLE entries, and the configuration tables of extensions whose data it
 * holds (CREATE EXTENSION creates those). A table has data when pg_dump's table of contents holds
 * its TABLE DATA entry: pg_dump, not db-migrate, applies `exclude-table-data`.
 */
function tablesOfDump(preData, dataTables, catalog) {
    const tables = [];
    const seen = new Set();
    const add = (rel, extension) => {
        seen.add(rel.oid);
        tables.push({
            oid: rel.oid,
            schema: rel.schema,
            name: rel.name,
            bytes: rel.bytes,
            estimatedRows: rel.estimatedRows,
            hasData: rel.relkind === 'r' && dataTables.has(rel.oid),
            ...(extension ? { extension: true } : {}),
            ...(extension && rel.condition ? { filter: rel.condition } : {}),
            ...(rel.rowSecurity ? { rowSecurity: true, owner: rel.owner } : {}),
        });
    };
    for (const entry of preData) {
        const rel = entry.desc === 'TABLE' ? catalog.get(entry.oid) : undefined;
        if (rel && (rel.relkind === 'r' || rel.relkind === 'p'))
            add(rel, false);
    }
    for (const oid of dataTables) {
        const rel = catalog.get(oid);
        if (rel && !seen.has(oid) && rel.relkind === 'r' && rel.extension !== undefined)
            add(rel, true);
    }
    return tables;
}
/** The relations the dump creates (its relation entries), with the configuration tables and sequences of the extensions it creates. */
function relationsOfDump(preData, tables, catalog, dumped) {
    const found = new Map();
    const add = (rel) => {
        const kind = rel && RELATION_KINDS[rel.relkind];
        if (rel && kind)
            found.set(rel.oid, { oid: rel.oid, schema: rel.schema, name: rel.name, kind });
    };
    for (const e of preData)
        if (observe_RELATION_DESCS.has(e.desc))
            add(catalog.get(e.oid));
    for (const t of tables)
        if (t.extension)
            add(catalog.get(t.oid));
    for (const rel of catalog.values()) {
        if (rel.relkind === 'S' && rel.extension !== undefined && dumped.has(rel.extension))
            add(rel);
    }
    return [...found.values()];
}
const observe_RELATION_DESCS = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE']);
/** The schemas the dump creates or writes objects into, read from the catalog by the entries' OIDs (names may hold any character). */
async function schemasOf(db, entries) {
    const oids = (catalogOid) => entries.filter((e) => e.catalogOid === catalogOid).map((e) => e.oid);
    const { rows } = await db.query(`SELECT DISTINCT n.nspname AS name FROM pg_namespace n
      WHERE n.oid = ANY ($1::oid[])
         OR n.oid IN (SELECT relnamespace FROM pg_class WHERE oid = ANY ($2::oid[]))
         OR n.oid IN (SELECT pronamespace FROM pg_proc WHERE oid = ANY ($3::oid[]))
         OR n.oid IN (SELECT typnamespace FROM pg_type WHERE oid = ANY ($4::oid[]))
      ORDER BY 1`, [oids(2615), oids(1259), oids(1255), oids(1247)]);
    return rows.map((r) => r.name);
}
/** `extensions`: extensions the restore creates anyway, which do not make the target non-empty. */
async function observeTarget(db, url, extensions = []) {
    const info = await serverInfo(db);
    const objects = await userObjects(db, extensions);
    return {
        superuser: info.superuser,
        facts: {
            display: url.display,
            database: url.database,
            version: info.version,
            major: serverMajor(info.versionNum),
            objects: objects.slice(0, 3),
            objectCount: objects.length,
            availableExtensions: await availableExtensions(db),
            canCreateDatabase: info.canCreateDatabase,
            maintenanceWorkMem: info.maintenanceWorkMem,
            tempFileLimit: info.tempFileLimit,
            encoding: info.encoding,
            walLevel: info.walLevel,
        },
    };
}
/** Free bytes on the volume holding `dir`, if the platform says. */
function freeDisk(dir) {
    try {
        const stats = (0,external_node_fs_.statfsSync)(dir);
        return stats.bavail * stats.bsize;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/report.ts









/**
 * The tables and rows a measurement holds, tables counted as everywhere (see `SourceFacts.tables`):
 * a partitioned table's entry covers its partitions' rows, which have entries of their own.
 */
function recordedRows(measurement) {
    const own = Object.values(measurement.tables).filter((t) => !t.tree);
    return { tables: own.length, rows: own.reduce((sum, t) => sum + t.rows, 0) };
}
/** The outputs, from the verification (copy, restore), or from what the manifest records (backup). */
function outputs(report) {
    const verdicts = Object.values(report.verification?.tables ?? {}).filter((t) => !t.tree);
    const recorded = report.recorded ? recordedRows(report.recorded) : undefined;
    const tables = report.verification
        ? verdicts.length
        : (recorded?.tables ?? (report.source ? tablesOf(report.source) : (report.dumpTables ?? 0)));
    const rows = report.verification ? verdicts.reduce((sum, t) => sum + t.source, 0) : (recorded?.rows ?? 0);
    return {
        [OUTPUT.tables]: String(tables),
        [OUTPUT.rows]: String(rows),
        [OUTPUT.bytes]: String(report.copy?.bytes ?? 0),
        [OUTPUT.duration]: String(Math.round((Date.now() - report.startedAt) / 1000)),
        [OUTPUT.verification]: JSON.stringify(report.verification?.tables ?? report.recorded?.tables ?? {}),
        [OUTPUT.dumpUri]: report.dumpUri ?? '',
        [OUTPUT.targetState]: report.targetState ?? '',
    };
}
function setOutputs(report) {
    for (const [name, value] of Object.entries(outputs(report)))
        setOutput(name, value);
}
/** The facts pre-flight found, one line per side. */
function logFacts(report, logger) {
    const s = report.source;
    const t = report.target;
    if (s && report.inputs.mode !== 'restore') {
        logger.info(`Source ${s.display}: PostgreSQL ${s.version}, ${describeTables(s)}, extensions: ${s.extensions.map((e) => e.name).join(', ') || 'none'}`);
    }
    if (t)
        logger.info(`Target ${t.display}: PostgreSQL ${t.version}, ${t.objectCount === 0 ? 'empty' : count(t.objectCount, 'object')}`);
}
/** `6 tables (1.8 MiB of data) of the database's 8`: the tables whose data is copied (see `SourceFacts.tables`). */
function describeTables(s) {
    return `${count(tablesOf(s), 'table')} (${formatBytes(s.dataBytes)} of data) of the database's ${s.allTables}`;
}
/** One line: how many tables match, and the object counts on both sides. */
function logVerification(verification, logger) {
    const verdicts = Object.values(verification.tables);
    const own = verdicts.filter((t) => !t.tree);
    const trees = verdicts.filter((t) => t.tree);
    const what = verification.level === 'checksums' ? 'rows and checksums' : 'rows';
    const treesText = trees.length > 0
        ? `, ${trees.filter((t) => t.ok).length} of ${count(trees.length, 'partitioned table')} as a whole`
        : '';
    const sequences = verification.sequences;
    const objects = verification.objects.map((o) => `${o.kind} ${o.target}/${o.source}`).join(', ');
    logger.info(`${own.filter((t) => t.ok).length} of ${count(own.length, 'table')} match (${what})${treesText}; ${sequences.filter((q) => q.ok).length} of ${count(sequences.length, 'sequence')} caught up; objects on the target against the source: ${objects || 'none counted'}`);
}
/** The closing line of a run that succeeded. */
function logDone(report, logger, what) {
    const o = outputs(report);
    const rows = o[OUTPUT.rows] !== '0' ? ` (${count(Number(o[OUTPUT.rows]), 'row')})` : '';
    logger.info(`Done: the data of ${count(Number(o[OUTPUT.tables]), 'table')}${rows} ${what}.`);
}
/**
 * Records what the write left (copy and restore alike) and warns of what the target did not get:
 * the errors ignored on it, and the owners, privileges and database properties not carried
 * (`accessNotCarried`: found in pre-flight; `propertiesNotCarried`: known beforehand).
 */
function recordWrite(report, outcome, accessNotCarried, logger, propertiesNotCarried = []) {
    report.copy = outcome.result;
    report.warnings = outcome.result.warnings;
    report.targetState = outcome.state;
    report.properties = outcome.properties;
    report.properties.notCarried.push(...propertiesNotCarried);
    report.notCarried = [...accessNotCarried, ...(outcome.result.notCarried ?? [])];
    for (const warning of outcome.result.warnings)
        logger.warning(`Ignored on this target: ${warning.message}`);
    warnNotCarried(report, logger);
}
/** Records and logs a verification; throws naming the first mismatches when there are any. */
function recordVerification(report, verification, logger) {
    report.verification = verification;
    logVerification(verification, logger);
    if (verification.failures.length > 0)
        throw new Error(verificationSentence(verification.failures));
}
/** One warning listing every owner, privilege and database property the copy could not carry. */
function warnNotCarried(report, logger) {
    const lines = [
        ...(report.notCarried ?? []),
        ...(report.properties?.notCarried ?? []).map((p) => `Database ${p}`),
    ];
    if (lines.length > 0)
        logger.warning(`Not carried to the target (${count(lines.length, 'item')}):\n${lines.map((l) => `- ${l}`).join('\n')}`);
}
/** Backup: a row per table with what the manifest records. */
function recordedTableRows(recorded) {
    return Object.entries(recorded.tables)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => [`\`${name}\``, rowsCell(t.rows, t.tree), t.checksum]);
}
const rowsCell = (rows, tree) => rows === undefined ? undefined : tree ? `${rows} (all its partitions)` : rows;
function tableRows(report) {
    const copied = new Map((report.copy?.tables ?? []).map((t) => [displayName(t.table.schema, t.table.name), t]));
    const verdicts = report.verification?.tables ?? {};
    const names = [...new Set([...Object.keys(verdicts), ...copied.keys()])].sort();
    return names.map((name) => {
        const v = verdicts[name];
        const c = copied.get(name);
        const check = v === undefined
            ? 'not verified'
            : v.ok
                ? `✅ ${v.target}${v.checksum ? ' (checksum match)' : ''}`
                : `❌ ${v.target} on target${v.checksum === 'differs' ? ', checksum differs' : ''}`;
        return [
            `\`${name}\``,
            rowsCell(v?.source, v?.tree),
            c ? formatBytes(c.bytes) : undefined,
            c ? formatDuration(c.ms) : undefined,
            check,
        ];
    });
}
async function writeSummary(report, timeline, logger) {
    const { inputs, source, target, plan } = report;
    const summary = new SummaryBuilder().heading(`db-migrate: ${inputs.mode}${report.failure ? ' failed' : ''}`);
    if (report.failure)
        summary.paragraph(`❌ ${report.failure}`);
    summary.facts([
        [
            inputs.mode === 'restore' ? 'Source (from the manifest)' : 'Source',
            source
                ? `${source.display}: PostgreSQL ${source.version}, ${formatBytes(source.databaseBytes)}`
                : undefined,
        ],
        ['Target', target ? `${target.display}: PostgreSQL ${target.version}` : undefined],
        ['Manifest', inputs.mode === 'restore' && !source ? 'none beside the dump: not verified' : undefined],
        ['Client tools', report.clientVersion ? `pg_dump / pg_restore ${report.clientVersion}` : undefined],
        [
            'Extensions',
            source ? source.extensions.map((e) => `${e.name} ${e.version}`).join(', ') || 'none' : undefined,
        ],
        ['Tables', source ? describeTables(source) : undefined],
        ['Strategy', plan?.strategy],
        ['Target state', report.targetState],
        ['Dump', report.dumpUri],
    ]);
    if (report.recorded) {
        const checksums = Object.values(report.recorded.tables).some((t) => t.checksum !== undefined);
        const rows = recordedTableRows(report.recorded);
        summary.table(checksums ? ['Table', 'Rows (in the snapshot)', 'Checksum'] : ['Table', 'Rows (in the snapshot)'], checksums ? rows : rows.map((r) => r.slice(0, 2)));
    }
    else {
        summary.table(['Table', 'Rows (source)', 'Bytes copied', 'Took', 'Target'], tableRows(report));
    }
    const v = report.verification;
    if (v && v.objects.length > 0) {
        summary.table(['Objects', 'Source', 'Target', ''], v.objects.map((o) => [o.kind, o.source, o.target, o.ok ? '✅' : '❌']));
    }
    if (v && v.sequences.length > 0) {
        summary.details('Sequences', v.sequences
            .map((s) => `- \`${s.name}\`: ${s.source} → ${s.target ?? 'missing'} ${s.ok ? '✅' : '❌'}`)
            .join('\n'));
    }
    const notCarried = [
        ...(report.notCarried ?? []),
        ...(report.properties?.notCarried ?? []).map((p) => `Database ${p}`),
    ];
    if (notCarried.length > 0 && report.copy) {
        summary.details(`Not carried to the target (${notCarried.length})`, notCarried.map((line) => `- ${line}`).join('\n'));
    }
    if (report.properties && report.properties.carried.length > 0) {
        summary.details('Database properties carried', report.properties.carried.map((p) => `- ${p}`).join('\n'));
    }
    if (report.warnings.length > 0) {
        summary.details(`Warnings (${count(report.warnings.length, 'error')} known harmless on this target)`, report.warnings.map((w) => `- ${describeRestoreError(w)}`).join('\n'));
    }
    summary.timeline(timeline);
    summary.inputs({
        [INPUT.mode]: inputs.mode,
        // The inputs of this mode only: restore's source is the manifest's, not an input.
        ...('source' in inputs ? { [INPUT.sourceUrl]: inputs.source.display } : {}),
        ...('target' in inputs ? { [INPUT.targetUrl]: inputs.target.display } : {}),
        ...(inputs.mode !== 'copy' && inputs.dumpFile ? { [INPUT.dumpFile]: inputs.dumpFile } : {}),
        ...(inputs.mode !== 'copy' && inputs.s3 ? { [INPUT.s3Uri]: inputs.s3.uri } : {}),
        ...(inputs.mode === 'backup' ? {} : { [INPUT.strategy]: inputs.strategy }),
        [INPUT.jobs]: inputs.jobs,
        [INPUT.verify]: inputs.verify,
        ...(inputs.mode === 'backup'
            ? {}
            : {
                [INPUT.clean]: inputs.clean,
                [INPUT.noOwner]: inputs.noOwner,
                [INPUT.noPrivileges]: inputs.noPrivileges,
            }),
        [INPUT.dryRun]: inputs.dryRun,
    }, []);
    await summary.write(logger);
}

;// CONCATENATED MODULE: ./src/db-migrate/s3.ts




/**
 * The dump's trip through S3 (src/common/s3.ts does the transfer): uploaded with its SHA-256
 * in the object's metadata and checked after the upload, then checked again after a download.
 * Every S3 failure a user can fix (a missing bucket, refused credentials, another region) is one
 * sentence naming the bucket or object and the input to correct; the SDK's error stays its cause.
 */
/**
 * Checks, before anything is dumped, that the bucket exists and that the dump and its manifest
 * may be written there, without writing either: a multipart upload is created (which needs
 * s3:PutObject) and aborted at once (S3 API Reference, CreateMultipartUpload and
 * AbortMultipartUpload), so no object appears.
 */
async function checkWritable(places, settings, signal) {
    const s3 = await S3Transfer.connect(new AwsCalls(settings, signal));
    for (const place of places) {
        const problem = await s3.writeProblem(place).catch((error) => {
            throw describeS3Error(error, 'write', place, settings);
        });
        if (problem === undefined)
            continue;
        throw /does not exist/.test(problem)
            ? missingBucket(place, settings, 'NoSuchBucket')
            : new errors_UserError(`These credentials may not write ${place.uri} (AccessDenied, checked before dumping anything); grant s3:PutObject and s3:AbortMultipartUpload on it or correct input '${INPUT.s3Uri}'.`);
    }
}
async function uploadFile(file, to, settings, signal) {
    const s3 = await S3Transfer.connect(new AwsCalls(settings, signal));
    const uploaded = await s3.upload(file, to).catch((error) => {
        throw describeS3Error(error, 'write', to, settings);
    });
    const problem = await s3.verify(to, uploaded);
    if (problem)
        throw new Error(`The uploaded dump is not trustworthy: ${problem}.`);
    return uploaded.sha256;
}
/**
 * Downloads an object to a file and checks it against the SHA-256 recorded at upload. Returns
 * undefined when the object does not exist and `optional` is set.
 */
async function downloadFile(from, file, settings, signal, optional = false) {
    const s3 = await S3Transfer.connect(new AwsCalls(settings, signal));
    const fail = (error) => {
        throw describeS3Error(error, 'read', from, settings);
    };
    const head = await s3.head(from).catch(fail);
    const sha256 = head ? await s3.download(from, file).catch(fail) : undefined;
    if (sha256 !== undefined)
        return { sha256, checked: head?.metadata[SHA256_METADATA] !== undefined };
    if (optional)
        return undefined;
    throw new errors_UserError(`The dump ${from.uri} does not exist; check '${INPUT.s3Uri}'.`);
}
function missingBucket(place, settings, code) {
    return new errors_UserError(`Bucket ${place.bucket} does not exist in the account and region (${settings.region}) of the credentials (${code}); create it or correct input '${INPUT.s3Uri}'.`);
}
/**
 * One sentence for the S3 errors a user can fix, by AWS's error code (S3 API Reference, "Error
 * responses", list of error codes); any other error is returned as it is.
 */
function describeS3Error(error, access, place, settings) {
    const code = awsErrorCode(error);
    const permission = access === 'write' ? 's3:PutObject' : 's3:GetObject';
    const sentence = (text) => new errors_UserError(text, { cause: error });
    switch (code) {
        case 'NoSuchBucket':
            return Object.assign(missingBucket(place, settings, code), { cause: error });
        case 'AccessDenied':
        case 'Forbidden':
        case '403':
            return sentence(`These credentials may not ${access} ${place.uri} (${code}); grant ${permission} on it or correct input '${INPUT.s3Uri}'.`);
        case 'PermanentRedirect':
        case 'AuthorizationHeaderMalformed':
        case 'IllegalLocationConstraintException':
            return sentence(`Bucket ${place.bucket} is not in region ${settings.region} (${code}); set input '${INPUT.region}' to the bucket's region.`);
        case 'InvalidAccessKeyId':
        case 'SignatureDoesNotMatch':
        case 'ExpiredToken':
        case 'InvalidToken':
            return sentence(`S3 refused the AWS credentials while trying to ${access} ${place.uri} (${code}); check the step that configures them.`);
        default:
            return error instanceof Error ? error : new Error(String(error));
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/manifest.ts
/** The newest manifest format, the one backup writes. */
const MANIFEST_FORMAT = 4;
/** The manifest file beside a dump file. */
const manifestOf = (path) => `${path}.manifest.json`;
/** The manifest object beside a dump in S3. */
const manifestLocation = (s3) => ({
    ...s3,
    key: `${s3.key}.manifest.json`,
    uri: `${s3.uri}.manifest.json`,
});

;// CONCATENATED MODULE: ./src/db-migrate/mode-backup.ts



















/**
 * Mode backup, top to bottom: pre-flight (where the dump goes, then the source, read-only, in one
 * exported snapshot), the plan, the dump, the manifest of what the source held in that snapshot,
 * the upload, and the closing line; main.ts reports.
 */
async function runBackup(run) {
    const { inputs, report, phases, logger, signal } = run;
    const { source } = inputs;
    let db;
    try {
        const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
            db = await connect(source, { logger, signal });
            const client = await findClient(Number((await db.query('SHOW server_version_num')).rows[0].server_version_num), logger);
            report.clientVersion = client.version;
            await checkDestination(run);
            const tools = toolContext(run, client);
            const state = await observeSource(db, source, inputs, tools, run.workDir);
            report.source = state.facts;
            logFacts(report, logger);
            return { tools, state };
        });
        const file = inputs.dumpFile ?? (0,external_node_path_.join)(run.workDir, 'backup.dump');
        await decide(run, {
            mode: 'backup',
            source: observed.state.facts,
            freeDiskBytes: freeDisk((0,external_node_path_.join)(file, '..')),
            clientVersion: observed.tools.client.version,
        });
        if (inputs.dryRun) {
            logger.info('Dry run: nothing was written.');
            phases.skip('dump', 'dry run');
            return;
        }
        const { state, tools } = observed;
        const dumped = await phases.phase('dump', 'Dump', async () => {
            const started = Date.now();
            logger.info(`Dumping the data of ${count(tablesOf(state.facts), 'table')} (${formatBytes(state.facts.dataBytes)}) in snapshot ${state.snapshot} to ${file}`);
            await dumpToFile(tools, source, [
                `--snapshot=${state.snapshot}`,
                '--format=custom',
                `--file=${file}`,
                ...state.dumpArgs,
            ]);
            const dataEntries = parseToc(await listToc(tools, file)).filter((e) => e.desc === 'TABLE DATA').length;
            const withData = state.tables.filter((t) => t.hasData).length;
            if (withData > 0 && dataEntries === 0)
                throw new Error(`The dump holds no table data although the source has ${withData} tables with data; it is not a usable backup.`);
            const bytes = (0,external_node_fs_.statSync)(file).size;
            report.copy = { tables: [], bytes, warnings: [] };
            logger.info(`Dumped the data of ${count(dataEntries, 'table')} in ${formatDuration(Date.now() - started)}: ${formatBytes(bytes)} written`);
            return { toc: parseToc(await listToc(tools, file)), sha256: await sha256OfFile(file, signal) };
        });
        // Whole tables, as the restore counts them (an extension's condition is not applied).
        const tables = countedTables(state.tables).map(({ schema, name, tree, routed }) => ({
            schema,
            name,
            ...(tree ? { tree } : {}),
            ...(routed ? { routed } : {}),
        }));
        const objectTables = state.tables.map(({ schema, name }) => ({ schema, name }));
        const manifest = {
            format: MANIFEST_FORMAT,
            createdAt: new Date().toISOString(),
            dumpSha256: dumped.sha256,
            source: state.facts,
            level: inputs.verify,
            tables,
            objectTables,
            schemas: state.schemas,
            relations: state.relations,
            owners: await sourceOwners(state.db, dumped.toc),
            database: await databaseProperties(state.db, source.database),
        };
        if (inputs.verify !== 'none') {
            manifest.measurement = await phases.phase('measure', `Record ${inputs.verify} of the source`, async () => {
                const recorded = await measureSource(source, state, {
                    tables,
                    level: inputs.verify,
                    jobs: inputs.jobs,
                    logger,
                    signal,
                });
                const rows = recordedRows(recorded);
                logger.info(`Recorded ${inputs.verify === 'checksums' ? 'the row counts and checksums' : 'the row counts'} of ${count(rows.tables, 'table')} (${count(rows.rows, 'row')}), the values of ${count(recorded.sequences.length, 'sequence')} and the object counts`);
                return recorded;
            });
            report.recorded = manifest.measurement;
        }
        else {
            phases.skip('measure', 'verify: none');
        }
        (0,external_node_fs_.writeFileSync)(manifestOf(file), JSON.stringify(manifest, null, 2));
        logger.info(`Wrote the manifest ${manifestOf(file)}`);
        report.dumpUri = inputs.dumpFile;
        if (inputs.s3 && inputs.aws) {
            const s3 = inputs.s3;
            const aws = inputs.aws;
            await phases.phase('upload', `Upload to ${s3.uri}`, async () => {
                const started = Date.now();
                const sha = await uploadFile(file, s3, aws, signal);
                await uploadFile(manifestOf(file), manifestLocation(s3), aws, signal);
                logger.info(`Uploaded ${s3.uri} (${formatBytes(report.copy?.bytes ?? 0)} in ${formatDuration(Date.now() - started)}; SHA-256 ${sha}, checked after the upload) and its manifest ${manifestLocation(s3).uri}`);
            });
            report.dumpUri = s3.uri;
        }
        logDone(report, logger, `backed up to ${report.dumpUri}`);
    }
    finally {
        await db_close(db);
    }
}
/**
 * Where the dump goes, checked before anything is dumped: a large database must not fail at the
 * upload hours later. The folder of `dump-file` must exist and be writable; the S3 bucket must
 * exist and take the dump and its manifest (see `checkWritable`, which writes nothing).
 */
async function checkDestination(run) {
    const { inputs, logger, signal } = run;
    if (inputs.dumpFile) {
        const folder = (0,external_node_path_.dirname)(inputs.dumpFile);
        try {
            (0,external_node_fs_.accessSync)(folder, external_node_fs_.constants.W_OK);
        }
        catch {
            throw new errors_UserError(`The folder ${folder} of input 'dump-file' does not exist or is not writable; create it or correct 'dump-file'.`);
        }
    }
    if (inputs.s3 && inputs.aws) {
        await checkWritable([inputs.s3, manifestLocation(inputs.s3)], inputs.aws, signal);
        logger.info(`Bucket ${inputs.s3.bucket} takes the dump and its manifest (checked by starting and aborting a multipart upload: nothing was written)`);
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/copy-rows.ts
/**
 * Counts the rows of a COPY stream in PostgreSQL's binary format as it passes, chunk by chunk:
 * the 11-byte signature, a 32-bit flags field and a 32-bit header extension length (then that
 * many bytes), then each tuple as a 16-bit field count and, per field, a 32-bit length (-1 for
 * NULL) and that many bytes, and a trailer of -1 as the field count; every integer in network
 * byte order (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"). Only the
 * lengths are read, never the values. `update` never throws (it runs in a stream's data handler);
 * `end` throws unless the stream was well formed and ended right after its trailer.
 */
class BinaryCopyRows {
    static SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
    /** The bytes of an integer (or the header) split across chunks, gathered until whole. */
    pending = Buffer.alloc(19);
    pendingLength = 0;
    state = 'header';
    /** Bytes still to skip (the header extension or a value). */
    skip = 0;
    /** Fields of the current tuple whose lengths are still to read. */
    fields = 0;
    rows = 0;
    error;
    update(chunk) {
        if (this.error)
            return;
        try {
            this.consume(chunk);
        }
        catch (error) {
            this.error = error;
        }
    }
    /** The rows of the whole stream. */
    end() {
        if (this.error)
            throw this.error;
        if (this.state !== 'trailer')
            throw new Error('The COPY stream ended before its trailer');
        return this.rows;
    }
    consume(chunk) {
        let at = 0;
        while (at < chunk.length) {
            if (this.state === 'trailer')
                throw new Error('The COPY stream goes on after its trailer');
            if (this.pendingLength === 0 && (this.state === 'count' || this.state === 'length')) {
                at = this.tuples(chunk, at);
                // Unless an integer runs past the chunk's end: its bytes are gathered below.
                if (at === chunk.length || (this.state !== 'count' && this.state !== 'length'))
                    continue;
            }
            if (this.state === 'extension' || this.state === 'value') {
                const taken = Math.min(this.skip, chunk.length - at);
                at += taken;
                this.skip -= taken;
                if (this.skip === 0)
                    this.next();
                continue;
            }
            const size = this.state === 'header' ? 19 : this.state === 'count' ? 2 : 4;
            // The common case, an integer whole in this chunk, is read in place.
            let word;
            let offset;
            if (this.pendingLength === 0 && chunk.length - at >= size) {
                word = chunk;
                offset = at;
                at += size;
            }
            else {
                const taken = Math.min(size - this.pendingLength, chunk.length - at);
                chunk.copy(this.pending, this.pendingLength, at, at + taken);
                this.pendingLength += taken;
                at += taken;
                if (this.pendingLength < size)
                    continue;
                this.pendingLength = 0;
                word = this.pending;
                offset = 0;
            }
            this.read(word, offset);
        }
    }
    /**
     * The fast path, for the bulk of a stream: field counts and lengths read straight from the
     * chunk from `at`, values skipped, until an integer or a value runs past its end (left to
     * `consume`, which gathers the integer's bytes) or the trailer. Returns where it stopped.
     */
    tuples(chunk, at) {
        const end = chunk.length;
        let { fields, rows } = this;
        let counting = this.state === 'count';
        try {
            for (;;) {
                if (counting) {
                    if (at + 2 > end)
                        return at;
                    const word = (chunk[at] << 8) | chunk[at + 1];
                    at += 2;
                    if (word === 0xffff) {
                        this.state = 'trailer';
                        return at;
                    }
                    if (word & 0x8000)
                        throw new Error(`The COPY stream holds a tuple of ${word - 0x10000} fields`);
                    rows++;
                    fields = word;
                    counting = fields === 0;
                    continue;
                }
                if (at + 4 > end)
                    return at;
                // A signed 32-bit length: JavaScript's << works on signed 32-bit integers.
                const length = (chunk[at] << 24) | (chunk[at + 1] << 16) | (chunk[at + 2] << 8) | chunk[at + 3];
                at += 4;
                if (length < -1)
                    throw new Error(`The COPY stream holds a field of length ${length}`);
                fields--;
                if (length > end - at) {
                    this.skip = length - (end - at);
                    this.state = 'value';
                    return end;
                }
                if (length > 0)
                    at += length;
                counting = fields === 0;
            }
        }
        finally {
            this.fields = fields;
            this.rows = rows;
            if (this.state === 'count' || this.state === 'length')
                this.state = counting ? 'count' : 'length';
        }
    }
    read(word, offset) {
        if (this.state !== 'header') {
            // A field count or length gathered across chunks: read as the fast path reads them.
            this.tuples(word.subarray(offset, offset + (this.state === 'count' ? 2 : 4)), 0);
            return;
        }
        if (!word.subarray(offset, offset + 11).equals(BinaryCopyRows.SIGNATURE))
            throw new Error('The COPY stream does not start with the binary format signature');
        this.skip = word.readUInt32BE(offset + 15);
        this.state = 'extension';
        if (this.skip === 0)
            this.next();
    }
    /** After the header, or a value or field count: the next field's length, or the next tuple. */
    next() {
        this.state = this.fields > 0 ? 'length' : 'count';
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/progress.ts


/**
 * Logs the transfers in flight every few seconds (never per line of output): bytes done against
 * the estimate, the rate and an ETA, and the total so far.
 */
class Progress {
    logger;
    totalEstimate;
    everyMs;
    now;
    active = new Set();
    timer;
    doneBytes = 0;
    constructor(logger, totalEstimate, everyMs = 5000, now = Date.now) {
        this.logger = logger;
        this.totalEstimate = totalEstimate;
        this.everyMs = everyMs;
        this.now = now;
    }
    begin(label, estimateBytes) {
        const transfer = { label, estimateBytes, bytes: 0, startedAt: this.now() };
        this.active.add(transfer);
        this.timer ??= setInterval(() => this.report(), this.everyMs).unref();
        return transfer;
    }
    end(transfer) {
        this.active.delete(transfer);
        this.doneBytes += transfer.bytes;
    }
    stop() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
    }
    lines() {
        const now = this.now();
        const lines = [...this.active].map((t) => describeTransfer(t, now));
        const total = this.doneBytes + [...this.active].reduce((sum, t) => sum + t.bytes, 0);
        if (this.totalEstimate > 0)
            lines.push(`total: ${formatBytes(total)} of ~${formatBytes(this.totalEstimate)}`);
        return lines;
    }
    report() {
        for (const line of this.lines())
            this.logger.info(line);
    }
}
function describeTransfer(t, now) {
    const elapsed = Math.max(1, now - t.startedAt);
    const rate = (t.bytes / elapsed) * 1000;
    const base = `${t.label}: ${formatBytes(t.bytes)}`;
    if (t.estimateBytes <= 0)
        return `${base} at ${formatBytes(rate)}/s`;
    const share = Math.min(0.99, t.bytes / t.estimateBytes);
    const eta = rate > 0 && t.bytes < t.estimateBytes
        ? `, ETA ${formatDuration(((t.estimateBytes - t.bytes) / rate) * 1000)}`
        : '';
    return `${base} of ~${formatBytes(t.estimateBytes)} (${Math.round(share * 100)}%) at ${formatBytes(rate)}/s${eta}`;
}

;// CONCATENATED MODULE: ./src/db-migrate/split.ts
/**
 * Splitting the largest tables' data into block ranges, so that no job waits while one table
 * copies alone (as pgcopydb's `--split-tables-larger-than` does, decided here from the sizes).
 * Each range is read with a TID range scan (`WHERE ctid >= '(from,0)' AND ctid < '(to,0)'`),
 * which PostgreSQL 14 and later execute by reading only those blocks
 * (https://www.postgresql.org/docs/14/release-14.html: "Allow efficient retrieval of heap rows
 * via tid ranges"); older sources copy every table whole. Pure.
 */
/** Tables below this are never split: a part loses COPY FREEZE, which pays off only on large tables. */
const MIN_SPLIT_BYTES = 64 * 2 ** 20;
/**
 * The tables worth splitting and their ranges: a table larger than one job's fair share of all
 * the data (the total over `jobs`) would keep one job busy after the others ran out of work, so
 * it is cut into as many ranges as shares it holds, at most `jobs`. The last range is open-ended,
 * so a row in a block added after the size was read is still copied.
 */
function splitTables(tables, jobs, minBytes = MIN_SPLIT_BYTES) {
    const split = new Map();
    if (jobs < 2)
        return split;
    const share = tables.reduce((sum, t) => sum + t.bytes, 0) / jobs;
    for (const table of tables) {
        if (table.bytes < minBytes || table.bytes <= share)
            continue;
        const parts = Math.min(jobs, Math.ceil(table.bytes / share), table.blocks);
        if (parts < 2)
            continue;
        const bounds = Array.from({ length: parts - 1 }, (_, i) => Math.round(((i + 1) * table.blocks) / parts));
        const ranges = bounds.map((to, i) => ({ from: i === 0 ? 0 : bounds[i - 1], to }));
        split.set(table.oid, [...ranges, { from: bounds[parts - 2] }]);
    }
    return split;
}
/** The WHERE clause selecting a range's rows (bounds are integers, so nothing reaches SQL unchecked). */
function rangeCondition(range) {
    const at = (block) => {
        if (!Number.isSafeInteger(block) || block < 0)
            throw new Error(`Invalid block number ${block}`);
        return `'(${block},0)'::tid`;
    };
    at(range.from);
    if (range.to !== undefined)
        at(range.to);
    const conditions = [
        ...(range.from > 0 ? [`ctid >= ${at(range.from)}`] : []),
        ...(range.to === undefined ? [] : [`ctid < ${at(range.to)}`]),
    ];
    return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
/** How a log line names a range: `blocks 0 to 58139`, `blocks 58140 to the end`. */
function describeRange(range) {
    return range.to === undefined
        ? `blocks ${range.from} to the end`
        : `blocks ${range.from} to ${range.to - 1}`;
}

;// CONCATENATED MODULE: ./src/db-migrate/copy.ts
















/**
 * A parallel copy scheduled the way the fastest tools do it: pre-data, then the tables' data
 * largest first across `jobs` workers (each one COPY piped into another, nothing on disk: see
 * `CopyVia`), each table's indexes and constraints as soon as its data has landed,
 * and foreign keys, triggers and the rest of post-data last.
 */
async function copyDirect(job) {
    const warnings = [];
    const restoreList = async (what, done, entries, extra = [], options = job.buildSettings) => {
        if (entries.length === 0)
            return;
        const list = (0,external_node_path_.join)((0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(job.workDir, 'list-')), 'toc.list');
        (0,external_node_fs_.writeFileSync)(list, tocList(entries));
        const started = Date.now();
        const outcome = await restore(job.tools, job.target, what, ['--use-list', list, ...extra, job.schemaFile], { options });
        warnings.push(...outcome.warnings);
        job.tools.logger.info(`${done} in ${formatDuration(Date.now() - started)}`);
    };
    const objects = count(job.preData.length, 'object');
    job.tools.logger.info(`Restoring the schema (${objects}) into ${job.target.display}`);
    await restoreList('Restoring the schema', `Restored the schema (${objects})`, job.preData);
    const { tables, foreignKeysLeft } = await copyData(job, restoreList, warnings);
    const rest = [...foreignKeysLeft, ...job.schedule.last];
    if (rest.length > 0) {
        const last = count(rest.length, 'object');
        job.tools.logger.info(`Creating foreign keys, triggers and the rest of post-data (${last})`);
        await restoreList('Creating foreign keys, triggers and the rest of post-data', `Created foreign keys, triggers and the rest of post-data (${last})`, rest, ['--jobs', String(job.jobs)]);
    }
    const finishing = Date.now();
    await finishTarget(job);
    job.tools.logger.info(`Set sequences and refreshed materialized views in ${formatDuration(Date.now() - finishing)}`);
    const streamed = tables.flatMap(({ table, stream }) => stream
        ? [
            {
                schema: table.schema,
                name: table.name,
                source: stream.checksum,
                target: stream.readBack.checksum,
                rows: { source: stream.rows, target: stream.readBack.rows },
            },
        ]
        : []);
    return {
        tables: tables.map(({ table, bytes, ms }) => ({ table, bytes, ms })),
        bytes: tables.reduce((sum, t) => sum + t.bytes, 0),
        warnings,
        ...(streamed.length > 0 ? { streamed: { tables: streamed } } : {}),
    };
}
/**
 * The worker pool: index and constraint builds take precedence over starting another table's
 * data. A foreign key between two tables with data is created as soon as both are complete
 * (data in, every index and constraint built), and keys that share a table one at a time: two
 * such at once could deadlock, each holding a lock on one table that the other waits for (ADD
 * FOREIGN KEY takes SHARE ROW EXCLUSIVE on both tables). The smallest tables may wait for the
 * largest to be complete (see `heldBack`). Returns the tables copied and any keys left for the last step.
 */
async function copyData(job, restoreList, warnings) {
    const via = await copyVia(job);
    const queue = new TaskQueue();
    const results = [];
    const total = job.schedule.data.reduce((sum, t) => sum + t.bytes, 0);
    const progress = new Progress(job.tools.logger, total);
    const abort = linkedController(job.tools.signal);
    const tools = { ...job.tools, signal: abort.signal };
    const keys = [...job.schedule.foreignKeys];
    const unbuilt = new Map();
    const complete = new Set();
    // The tables of the keys being created: a key waits while another holds one of its tables.
    const keyed = new Set();
    const nextKey = () => {
        for (let at = 0; at < keys.length && queue.error === undefined;) {
            const { entry, from, to } = keys[at];
            const ready = complete.has(from.oid) && complete.has(to.oid);
            if (!ready || keyed.has(from.oid) || keyed.has(to.oid)) {
                at++;
                continue;
            }
            keys.splice(at, 1);
            keyed.add(from.oid).add(to.oid);
            const name = describePostData(entry, from);
            const create = async () => {
                try {
                    await restoreList(`Creating ${name}`, `Created ${name}`, [entry]);
                }
                finally {
                    keyed.delete(from.oid);
                    keyed.delete(to.oid);
                }
                nextKey();
            };
            // Before the builds waiting: the keys of a table are checked one after another, and a key
            // that waits makes every key after it later.
            queue.addPost([create], true);
        }
    };
    const completed = (oid) => {
        if (!complete.has(oid) && complete.add(oid).size === job.schedule.data.length)
            job.onTablesComplete?.(streaming);
        if (oid === largest?.oid && held.size > 0)
            queue.addData(job.schedule.data.filter((t) => held.has(t.oid)).flatMap(copying));
        nextKey();
    };
    // Constraints built as unique indexes, by table, waiting to be made constraints (see uniqueIndexesFirst).
    const usingIndex = new Map();
    // The tables (display names) whose checksums are taken from their COPY streams.
    const streaming = new Set();
    // Each table's read-back for its checksum, by table OID, once started (see `landed`).
    const readingBack = new Map();
    // Constraints made after their table's read-back, and the first failure among them.
    let deferred = Promise.resolve();
    let deferredError;
    const makeConstraints = async (psql, pending) => {
        for (const found of pending) {
            const made = `the unique index ${found.index} ${found.primaryKey ? 'the primary key' : `the unique constraint ${found.constraint}`} of ${displayName(found.schema, found.table)}`;
            const started = Date.now();
            const sql = constraintUsingIndex(found);
            if (await runSql({ ...job, tools }, psql, `Making ${made}`, sql, job.buildSettings, warnings))
                job.tools.logger.info(`Made ${made} in ${formatDuration(Date.now() - started)}`);
        }
    };
    const built = (oid) => {
        const remaining = (unbuilt.get(oid) ?? 1) - 1;
        unbuilt.set(oid, remaining);
        if (remaining > 0)
            return;
        const pending = usingIndex.get(oid) ?? [];
        usingIndex.delete(oid);
        if (pending.length === 0 || !via)
            return completed(oid);
        // Making a constraint of its index takes ACCESS EXCLUSIVE, briefly (the index is there and
        // its columns are already NOT NULL, as pg_dump creates them), once no other build of the table
        // runs. While the table is read back for its checksum, it would wait for the read-back's
        // ACCESS SHARE, and every lock asked for after it would queue behind it: then the table counts
        // as complete at once (a foreign key can reference columns of "a non-partial unique index",
        // https://www.postgresql.org/docs/current/sql-createtable.html, and its check shares the
        // table with the read-back), and the constraints are made once the read-back is done.
        const reading = readingBack.get(oid);
        if (reading) {
            completed(oid);
            deferred = deferred
                .then(() => reading)
                .then(async () => {
                if (queue.error === undefined && readBackError === undefined && deferredError === undefined)
                    await makeConstraints(via.psql, pending);
            })
                .catch((error) => {
                deferredError ??= error;
                abort.abort(error);
            });
            return;
        }
        queue.addPost([
            async () => {
                await makeConstraints(via.psql, pending);
                completed(oid);
            },
        ]);
    };
    const post = (entry) => {
        const table = job.schedule.tableOf.get(entry.id);
        const name = table ? describePostData(entry, table) : `${entry.desc.toLowerCase()} ${entry.rest}`;
        const first = entry.desc === 'CONSTRAINT' && table?.hasData ? via?.uniqueFirst.get(entry.oid) : undefined;
        return async () => {
            // An index (or a constraint's) sorts in memory sized to its table; see indexBuildSettings.
            const options = table ? indexBuildSettings(table.bytes, job.servers.target) : job.buildSettings;
            if (first && table && via) {
                const started = Date.now();
                if (await runSql({ ...job, tools }, via.psql, `Building ${name}`, first.createIndex, options, warnings)) {
                    job.tools.logger.info(`Built ${name} as a unique index in ${formatDuration(Date.now() - started)}`);
                    usingIndex.set(table.oid, [...(usingIndex.get(table.oid) ?? []), first]);
                }
            }
            else
                await restoreList(`Building ${name}`, `Built ${name}`, [entry], [], options);
            if (table?.hasData)
                built(table.oid);
        };
    };
    queue.addPost(job.schedule.immediate.map(post));
    const [largest] = job.schedule.data;
    const holding = heldBack(job.schedule, job.jobs);
    const held = new Set(holding.map((t) => t.oid));
    if (largest && holding.length > 0)
        job.tools.logger.info(`Holding back ${count(holding.length, 'table')} (${formatBytes(holding.reduce((sum, t) => sum + t.bytes, 0))}) until ${displayName(largest.schema, largest.name)} is complete, to copy them while its foreign keys are checked`);
    // Read-backs one at a time, beside the workers; the first failure stops the copy.
    let readBacks = Promise.resolve();
    let readBackError;
    let targetDb;
    const landed = (table, copied, ms, parts) => {
        const result = { table, bytes: copied.bytes, ms };
        results.push(result);
        const stream = copied.stream;
        if (stream && via) {
            streaming.add(displayName(table.schema, table.name));
            readBacks = readBacks
                .then(async () => {
                if (queue.error !== undefined || readBackError !== undefined)
                    return;
                targetDb ??= await connect(job.target, { logger: job.tools.logger, signal: abort.signal });
                result.stream = {
                    checksum: stream.checksum,
                    rows: stream.rows,
                    readBack: await readBack({ ...job, tools }, via, targetDb, table, stream),
                };
            })
                .catch((error) => {
                readBackError ??= error;
                abort.abort(error);
            });
            readingBack.set(table.oid, readBacks);
        }
        job.tools.logger.info(`Copied the data of ${displayName(table.schema, table.name)} in ${formatDuration(ms)}${parts ? ` (${count(parts, 'block range')})` : ''}`);
        const entries = job.schedule.afterTable.get(table.oid) ?? [];
        unbuilt.set(table.oid, entries.length);
        queue.addPost(entries.map(post));
        if (entries.length === 0)
            completed(table.oid);
    };
    const copying = (table) => {
        const ranges = via?.split.get(table.oid);
        if (!via || !ranges) {
            return [
                async () => {
                    const started = Date.now();
                    landed(table, await copyTable({ ...job, tools }, table, progress, via), Date.now() - started);
                },
            ];
        }
        // The parts of a split table: its indexes wait for the last one.
        let started;
        let bytes = 0;
        let left = ranges.length;
        return ranges.map((range, i) => async () => {
            started ??= Date.now();
            const part = { range, index: i + 1, of: ranges.length };
            bytes += (await copyTable({ ...job, tools }, table, progress, via, part)).bytes;
            if (--left === 0)
                landed(table, { bytes }, Date.now() - started, ranges.length);
        });
    };
    queue.addData(job.schedule.data.filter((t) => !held.has(t.oid)).flatMap(copying));
    try {
        await Promise.all(Array.from({ length: job.jobs }, () => queue.work(abort)));
        await readBacks;
        await deferred;
    }
    finally {
        progress.stop();
        if (targetDb)
            await db_close(targetDb);
        abort.dispose();
    }
    if (readBackError !== undefined)
        throw readBackError;
    if (queue.error)
        throw queue.error;
    if (deferredError !== undefined)
        throw deferredError;
    return { tables: results, foreignKeysLeft: keys.map((k) => k.entry) };
}
/**
 * Session settings for COPY out, as pg_dump sets them: text that reads back the same on any
 * server (an empty search_path, so that a `reg*` value prints its object's schema-qualified
 * name, whatever the source database's own search_path; `money` in one fixed locale). COPY in
 * reads it under the same search_path and locale.
 */
const COPY_OUT_SETTINGS = '-c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3 -c row_security=off -c statement_timeout=0 -c lock_timeout=0 -c search_path= -c lc_monetary=C';
const COPY_IN_SETTINGS = '-c DateStyle=ISO -c statement_timeout=0 -c lock_timeout=0 -c search_path= -c lc_monetary=C';
async function copyVia(job) {
    const psql = (0,external_node_path_.join)(job.tools.client.dir, 'psql');
    if (!(0,external_node_fs_.existsSync)(psql)) {
        job.tools.logger.info(`psql is not in ${job.tools.client.dir}; copying data through pg_dump and pg_restore`);
        return undefined;
    }
    const oids = job.schedule.data.map((t) => t.oid);
    const db = await connect(job.source, { logger: job.tools.logger, signal: job.tools.signal });
    try {
        await importSnapshot(db, job.snapshot);
        const { source, target: into } = job.servers;
        const columns = await copyColumns(db, oids);
        // Binary between servers of one major version and one encoding: no text to print and parse
        // for numbers, timestamps and the like (text in binary is sent in the server's encoding).
        const sameKind = source.major === into.major && source.encoding === into.encoding;
        const binary = sameKind ? await binaryCopyable(db, oids) : new Set();
        // Splitting costs the parts COPY FREEZE, and on a target with wal_level=minimal FREEZE's
        // loads also skip the WAL: there one load per table is faster (measured on the benchmark's
        // 0.9 GiB table, 2 cores: medians 14.8 s whole, 19.8 s split), elsewhere the split is
        // (wal_level=replica: 19.3 s whole, 16.5 s split). Block ranges need the source's TID range scans.
        const blocks = source.major >= 14 && into.walLevel !== 'minimal'
            ? await tableBlocks(db, oids)
            : new Map();
        const split = splitTables(job.schedule.data
            .filter((t) => blocks.has(t.oid) && !t.filter && !t.extension)
            .map((t) => ({ oid: t.oid, bytes: t.bytes, blocks: blocks.get(t.oid) ?? 0 })), job.jobs);
        const text = oids.length - binary.size;
        job.tools.logger.info(!sameKind
            ? `Copying data in COPY's text format (source PostgreSQL ${source.major} ${source.encoding}, target PostgreSQL ${into.major} ${into.encoding})`
            : text === 0
                ? `Copying data in COPY's binary format (both servers PostgreSQL ${source.major}, ${source.encoding})`
                : `Copying data in COPY's binary format, ${count(text, 'table')} in text (a column type without a portable binary form)`);
        for (const table of job.schedule.data) {
            const ranges = split.get(table.oid);
            if (ranges)
                job.tools.logger.info(`Splitting ${displayName(table.schema, table.name)} (${formatBytes(table.bytes)}) into ${ranges.length} block ranges copied in parallel`);
        }
        const constraints = [...job.schedule.afterTable.values()].flat().filter((e) => e.desc === 'CONSTRAINT');
        // Last: it leaves the session's search_path empty.
        const uniqueFirst = await uniqueIndexesFirst(db, constraints.map((e) => e.oid));
        if (uniqueFirst.size > 0)
            job.tools.logger.info(`Building ${count(uniqueFirst.size, 'primary key or unique constraint', 'primary key or unique constraints')} as unique indexes beside the other index builds of their tables, each made the constraint once its table's builds are done (ALTER TABLE ... ADD CONSTRAINT ... USING INDEX)`);
        return { psql, encoding: source.encoding, columns, binary, split, uniqueFirst };
    }
    finally {
        await db_close(db);
    }
}
/** Copies one table's data, or one part of it (in the snapshot), into the target; returns the bytes streamed. */
async function copyTable(job, table, progress, via, part) {
    const name = displayName(table.schema, table.name);
    const transfer = progress.begin(part ? `${name} (${describeRange(part.range)})` : name, part ? table.bytes / part.of : table.bytes);
    try {
        const stream = via ? await copyWithPsql(job, table, via, transfer, part) : undefined;
        if (!via)
            await dumpAndRestore(job, table, transfer);
        if (part)
            job.tools.logger.info(`Copied part ${part.index} of ${part.of} of ${name} (${describeRange(part.range)})`);
        return { bytes: transfer.bytes, stream };
    }
    finally {
        progress.end(transfer);
    }
}
/**
 * COPY TO STDOUT in the snapshot, piped into TRUNCATE and COPY FROM STDIN WITH (FREEZE) in one
 * transaction. An extension's configuration table already holds the rows its extension's script
 * inserted (CREATE EXTENSION ran in pre-data): it is neither truncated nor frozen, and only the
 * rows the extension's condition keeps are copied, read the way pg_dump reads them
 * (`COPY (SELECT columns FROM table <condition>) TO STDOUT`). A part of a split table reads its
 * block range the same way and is loaded beside the other parts, so it neither truncates nor
 * freezes (FREEZE needs the table created or truncated in the loading transaction, and only one
 * transaction can do that; https://www.postgresql.org/docs/current/sql-copy.html).
 */
async function copyWithPsql(job, table, via, transfer, part) {
    const name = displayName(table.schema, table.name);
    const relation = qualified(table.schema, table.name);
    const stored = via.columns.get(table.oid);
    const columns = stored?.list;
    const list = columns === undefined ? '' : ` (${columns})`;
    const binary = via.binary.has(table.oid);
    const copy = `COPY ${relation}${list}`;
    const condition = part ? rangeCondition(part.range) : table.filter;
    const copyOut = `${condition ? `COPY (SELECT ${columns ?? '*'} FROM ${part ? 'ONLY ' : ''}${relation} ${condition})` : copy} TO STDOUT${binary ? ' (FORMAT binary)' : ''}`;
    const into = table.viaRoot
        ? // Through the root of its tree (see partitions.ts), which routes each row to the partition
            // it belongs in on the target: no TRUNCATE (other partitions' loads may have put rows in
            // this one already) and no FREEZE (which a partitioned table does not take).
            `COPY ${qualified(table.viaRoot.schema, table.viaRoot.name)}${list}`
        : copy;
    const freeze = !table.viaRoot && !table.extension && !part;
    const options = [...(binary ? ['FORMAT binary'] : []), ...(freeze ? ['FREEZE'] : [])];
    const copyIn = [
        'BEGIN',
        ...(freeze ? [`TRUNCATE ONLY ${relation}`] : []),
        `${into} FROM STDIN${options.length > 0 ? ` WITH (${options.join(', ')})` : ''}`,
        'COMMIT',
    ];
    // Row-level security is left to the SQL checksums, which know how to count under FORCE (verify.ts).
    const hash = job.streamChecksums && binary && freeze && stored && !table.rowSecurity ? (0,external_node_crypto_.createHash)('sha256') : undefined;
    const rows = hash && new BinaryCopyRows();
    // A failure on either side stops the other (the target's transaction is then rolled back).
    const abort = linkedController(job.tools.signal);
    const stopOnFailure = (result) => {
        if (result.exitCode !== 0)
            abort.abort(new ProcessError(result));
        return result;
    };
    const tools = { ...job.tools, signal: abort.signal };
    let dumped;
    let restored;
    try {
        const out = startPsql(tools, via.psql, job.source, [
            'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
            `SET TRANSACTION SNAPSHOT ${quoteLiteral(job.snapshot)}`,
            copyOut,
        ], { options: COPY_OUT_SETTINGS, encoding: via.encoding, pipeStdout: true });
        out.stdout.on('data', (chunk) => {
            transfer.bytes += chunk.length;
            hash?.update(chunk);
            rows?.update(chunk);
        });
        const into = startPsql(tools, via.psql, job.target, copyIn, {
            options: COPY_IN_SETTINGS,
            encoding: via.encoding,
            stdin: out.stdout,
        });
        [dumped, restored] = await Promise.all([out.done.then(stopOnFailure), into.done.then(stopOnFailure)]);
    }
    finally {
        abort.dispose();
    }
    if (job.tools.signal.aborted && (dumped.cancelled || restored.cancelled))
        throw new ProcessError(restored.cancelled ? restored : dumped);
    // The side that failed on its own is the cause; the other was stopped because of it.
    if (!dumped.cancelled && dumped.exitCode !== 0)
        throw new RestoreFailure(`Dumping the data of ${name}`, psqlErrors(dumped));
    if (restored.exitCode !== 0)
        throw new RestoreFailure(`Copying the data of ${name}`, psqlErrors(restored));
    return hash && rows && stored
        ? { checksum: `sha256:${hash.digest('hex')}`, rows: streamRows(rows, name), columns: stored }
        : undefined;
}
/** The rows `counter` found in the COPY stream of `name`; an error if the stream was not well formed. */
function streamRows(counter, name) {
    try {
        return counter.end();
    }
    catch (error) {
        throw new Error(`Counting the rows of ${name} in its COPY stream: ${error.message}.`, {
            cause: error,
        });
    }
}
/** Session settings for reading a table back in the order its load wrote it: from block 0, whatever else scans it. */
const READ_BACK_SETTINGS = '-c synchronize_seqscans=off -c row_security=off -c statement_timeout=0 -c lock_timeout=0';
/**
 * The target's side of `StreamChecksums`: the table read back with the source's column list in
 * the binary format, hashed and its rows counted. A table with more stored columns than the
 * source's gets no match (the extra column would not show in the stream), its rows counted by
 * SQL; one missing a column fails the read.
 */
async function readBack(job, via, db, table, stream) {
    const name = displayName(table.schema, table.name);
    if ((await storedColumnCount(db, table.schema, table.name)) !== stream.columns.count)
        return { checksum: 'other columns on the target', rows: await countRows(db, table.schema, table.name) };
    const started = Date.now();
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const rows = new BinaryCopyRows();
    const out = startPsql(job.tools, via.psql, job.target, [
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        `COPY ${qualified(table.schema, table.name)} (${stream.columns.list}) TO STDOUT (FORMAT binary)`,
    ], { options: READ_BACK_SETTINGS, encoding: via.encoding, pipeStdout: true });
    out.stdout.on('data', (chunk) => {
        hash.update(chunk);
        rows.update(chunk);
    });
    const result = await out.done;
    if (result.exitCode !== 0)
        throw new RestoreFailure(`Reading back the data of ${name}`, psqlErrors(result));
    job.tools.logger.info(`Read back ${name} for its checksum in ${formatDuration(Date.now() - started)}`);
    return { checksum: `sha256:${hash.digest('hex')}`, rows: streamRows(rows, name) };
}
/**
 * Runs one statement of db-migrate's own on the target through psql, in the session pg_restore
 * gives the statements of a dump (no timeouts, an empty search_path, the default tablespace: its
 * _doSetFixedOutputState and _selectTablespace, src/bin/pg_dump/pg_backup_archiver.c). The
 * server's error is sorted as pg_restore's are (classify.ts): a failure throws, an error the
 * user chose to ignore is a warning and returns false. `options` are session settings that the
 * user's own PGOPTIONS override, as for pg_restore.
 */
async function runSql(job, psql, what, statement, options, warnings) {
    const settings = [
        "SET search_path = ''",
        "SET default_tablespace = ''",
        'SET statement_timeout = 0',
        'SET lock_timeout = 0',
        'SET client_min_messages = warning',
    ];
    // startPsql puts the user's PGOPTIONS first: repeated after ours, theirs win.
    const ordered = [options, process.env.PGOPTIONS].filter(Boolean).join(' ') || undefined;
    const result = await startPsql(job.tools, psql, job.target, [...settings, statement], { options: ordered })
        .done;
    if (result.cancelled)
        throw new ProcessError(result);
    if (result.exitCode === 0)
        return true;
    const errors = psqlErrors(result).map((error) => ({ ...error, command: statement }));
    warnings.push(...sortRestoreErrors(job.tools, what, errors));
    return false;
}
/** The server's messages from psql's stderr (`psql:...: ERROR:  ...`), or how psql exited. */
function psqlErrors(result) {
    const errors = result.stderrTail
        .filter((line) => /\bERROR:\s/.test(line))
        .map((line) => ({ message: line.replace(/^.*?\bERROR:\s+/, '') }));
    return errors.length > 0 ? errors : [{ message: new ProcessError(result).message }];
}
/** Streams one table's data from pg_dump (in the snapshot, uncompressed) into pg_restore. */
async function dumpAndRestore(job, table, transfer) {
    const name = displayName(table.schema, table.name);
    const dump = startDump(job.tools, job.source, [
        `--snapshot=${job.snapshot}`,
        '--data-only',
        '--format=custom',
        '--compress=0',
        ...(table.viaRoot ? ['--load-via-partition-root'] : []),
        '--table',
        exactTablePattern(table.schema, table.name),
    ]);
    dump.stdout.on('data', (chunk) => {
        transfer.bytes += chunk.length;
    });
    const [restored, dumped] = await Promise.allSettled([
        restore(job.tools, job.target, `Copying the data of ${name}`, ['--data-only', '--exit-on-error'], {
            stdin: dump.stdout,
        }),
        dump.done,
    ]);
    if (dumped.status === 'fulfilled' && dumped.value.exitCode !== 0 && !dumped.value.cancelled) {
        throw new RestoreFailure(`Dumping the data of ${name}`, [
            { message: new ProcessError(dumped.value).message },
        ]);
    }
    if (restored.status === 'rejected')
        throw restored.reason;
}
/** Sequences take the values read in the snapshot; materialized views populated on the source are refreshed. */
async function finishTarget(job) {
    const db = await connect(job.target, { logger: job.tools.logger, signal: job.tools.signal });
    try {
        for (const seq of job.sequences)
            await setSequence(db, seq);
        for (const view of await populatedMatviewsOf(job)) {
            await db.query(`REFRESH MATERIALIZED VIEW ${qualified(view.schema, view.name)}`);
        }
    }
    finally {
        await db_close(db);
    }
}
async function populatedMatviewsOf(job) {
    const wanted = new Set(job.preData.filter((e) => e.desc === 'MATERIALIZED VIEW').map((e) => e.oid));
    if (wanted.size === 0)
        return [];
    const db = await connect(job.source, { logger: job.tools.logger, signal: job.tools.signal });
    try {
        return (await populatedMatviews(db)).filter((view) => wanted.has(view.oid));
    }
    finally {
        await db_close(db);
    }
}
/**
 * The whole dump streamed into one transaction, verified inside it against `check` before the
 * commit: all or nothing (see transaction.ts).
 */
async function copyInTransaction(tools, source, target, snapshot, 
/** pg_dump's selection arguments, resolved in pre-flight. */
dumpArgs, clean, estimateBytes, check, 
/** Owners and privileges, carried inside the transaction before verification (see access.ts). */
access) {
    tools.logger.info(`Streaming ${source.display} into ${target.display} in a single transaction${check ? ', verified before the commit' : ''}`);
    const progress = new Progress(tools.logger, 0);
    // One signal for the whole pipeline: a failure anywhere stops pg_dump, pg_restore and psql.
    const abort = linkedController(tools.signal);
    const dump = startDump({ ...tools, signal: abort.signal }, source, [
        `--snapshot=${snapshot}`,
        '--format=custom',
        '--compress=0',
        ...dumpArgs,
    ]);
    const transfer = progress.begin('single transaction', estimateBytes);
    dump.stdout.on('data', (chunk) => {
        transfer.bytes += chunk.length;
    });
    try {
        const [restored, dumped] = await Promise.allSettled([
            restoreInTransaction({
                tools,
                target,
                what: 'Restoring in a single transaction',
                clean,
                archive: dump.stdout,
                upstream: dump.done,
                abort,
                check,
                access,
            }),
            dump.done,
        ]);
        if (dumped.status === 'fulfilled' && dumped.value.exitCode !== 0 && !dumped.value.cancelled) {
            throw new RestoreFailure('Dumping the source', [{ message: new ProcessError(dumped.value).message }]);
        }
        if (restored.status === 'rejected')
            throw restored.reason;
        return {
            tables: [],
            bytes: transfer.bytes,
            warnings: restored.value.warnings,
            notCarried: restored.value.notCarried,
        };
    }
    finally {
        progress.end(transfer);
        progress.stop();
    }
}
/**
 * Two queues and a pool of workers: post-data tasks first, then data. A worker finding both
 * empty waits while others still run (their tables will add index builds); the first failure
 * stops every worker and interrupts the tools still running.
 */
class TaskQueue {
    post = [];
    data = [];
    running = 0;
    waiters = [];
    error;
    /** Post-data tasks, after those waiting, or with `first` before them. */
    addPost(tasks, first = false) {
        if (first)
            this.post.unshift(...tasks);
        else
            this.post.push(...tasks);
        this.wake();
    }
    addData(tasks) {
        this.data.push(...tasks);
        this.wake();
    }
    async work(abort) {
        for (;;) {
            const task = await this.take();
            if (!task)
                return;
            try {
                await task();
            }
            catch (error) {
                if (this.error === undefined) {
                    this.error =
                        abort.signal.aborted && !(error instanceof RestoreFailure)
                            ? (abort.signal.reason ?? error)
                            : error;
                    abort.abort(error);
                }
            }
            finally {
                this.running--;
                this.wake();
            }
        }
    }
    async take() {
        for (;;) {
            if (this.error !== undefined)
                return undefined;
            const task = this.post.shift() ?? this.data.shift();
            if (task) {
                this.running++;
                return task;
            }
            if (this.running === 0)
                return undefined;
            await new Promise((resolve) => this.waiters.push(resolve));
        }
    }
    wake() {
        for (const resolve of this.waiters.splice(0))
            resolve();
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/mode-copy.ts

















/**
 * Mode copy, top to bottom: pre-flight (both servers, read-only, the source in one exported
 * snapshot), the plan, the write by the plan's strategy (direct, transaction or swap), the
 * verification against the source's snapshot, and the closing line; main.ts reports.
 */
async function runCopy(run) {
    const { inputs, report, phases, logger, signal } = run;
    const { source, target } = inputs;
    let sourceDb;
    let targetDb;
    try {
        const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
            const dbs = await connectBoth(inputs, logger, signal);
            sourceDb = dbs.source;
            targetDb = dbs.target;
            const client = await findClient((await sourceDb.query('SHOW server_version_num')).rows[0].server_version_num, logger);
            report.clientVersion = client.version;
            const tools = toolContext(run, client);
            const sourceState = await observeSource(sourceDb, source, inputs, tools, run.workDir);
            const targetState = await observeTarget(targetDb, target, sourceState.facts.extensions.map((e) => e.name));
            if (inputs.verify !== 'none')
                await checkRowSecurity(targetDb, sourceState.tables, inputs.noOwner);
            report.source = sourceState.facts;
            report.target = targetState.facts;
            logFacts(report, logger);
            const toc = parseToc(await listToc(tools, sourceState.schemaFile));
            const access = planAccess({
                owners: await sourceOwners(sourceDb, toc),
                ownersKnown: true,
                acl: await archiveAcl(tools, sourceState.schemaFile, toc, run.workDir),
                roles: await targetRoles(targetDb),
                noOwner: inputs.noOwner,
                noPrivileges: inputs.noPrivileges,
            });
            report.notCarried = access.notCarried;
            const database = await databaseProperties(sourceDb, source.database);
            return { tools, sourceState, targetState, access, database };
        });
        await db_close(targetDb);
        targetDb = undefined;
        const decided = await decide(run, {
            mode: 'copy',
            source: observed.sourceState.facts,
            target: observed.targetState.facts,
            clientVersion: observed.tools.client.version,
        });
        if (inputs.dryRun) {
            logSchedule(observed.sourceState, logger);
            logger.info('Dry run: nothing was changed.');
            report.targetState = 'unchanged';
            phases.skip('restore', 'dry run');
            return;
        }
        await applyCopy(run, decided, observed.tools, observed.sourceState, observed.targetState.facts, observed.access, observed.database);
    }
    finally {
        await db_close(targetDb);
        await db_close(sourceDb);
    }
}
async function applyCopy(run, decided, tools, state, 
/** The target server, read in pre-flight. */
target, access, database) {
    const { inputs, report, phases, logger, signal } = run;
    const { source } = inputs;
    // The transaction strategy verifies before its commit, so the source is measured before it starts.
    const expected = decided.strategy === 'transaction' && inputs.verify !== 'none'
        ? await phases.phase('measure', `Measure the source (${inputs.verify})`, async () => {
            const measured = await measureSourceOf(run, state);
            const { tables, rows } = recordedRows(measured);
            logger.info(`Measured ${count(tables, 'table')} (${count(rows, 'row')}) and ${count(measured.sequences.length, 'sequence')} in the snapshot, to check inside the transaction`);
            return measured;
        })
        : undefined;
    const check = expected
        ? checkFrom(inputs.verify === 'checksums' ? 'checksums' : 'counts', countedTables(state.tables), expected, { objectTables: state.tables, schemas: state.schemas, relations: state.relations })
        : undefined;
    let early;
    const outcome = await applyStrategy(decided, inputs.target, {
        write: (into) => phases.phase('restore', `Restore (${decided.strategy})`, async () => {
            try {
                return await write(into);
            }
            catch (error) {
                // No count left running on a target about to be undone.
                await early?.catch(() => undefined);
                throw error;
            }
        }),
        verify: (into, written) => verifyCopy(run, state, into, written, expected, early),
        access: (into) => carryAccess(into, access, { logger, signal }),
        database,
    }, logger, signal);
    recordWrite(report, outcome, access.notCarried, logger);
    logDone(report, logger, `copied into ${inputs.target.database}, target ${outcome.state}`);
    function write(into) {
        return decided.strategy === 'transaction'
            ? copyInTransaction(tools, source, into, state.snapshot, state.dumpArgs, inputs.clean, state.facts.dataBytes, check, access.sql)
            : copyDirect({
                tools,
                source,
                target: into,
                snapshot: state.snapshot,
                schemaFile: state.schemaFile,
                preData: state.preData,
                schedule: state.schedule,
                jobs: inputs.jobs,
                sequences: state.sequences,
                servers: { source: { major: state.facts.major, encoding: state.encoding }, target },
                workDir: run.workDir,
                streamChecksums: inputs.verify === 'checksums',
                buildSettings: buildSettings(target),
                onTablesComplete: inputs.verify !== 'none'
                    ? (streamed) => {
                        early = countBothSides(run, state, into, streamed);
                        early.catch(() => undefined);
                    }
                    : undefined,
            });
    }
}
/**
 * Verification of a direct or swap copy: once every table is complete (its data in, its indexes
 * and constraints built) its rows no longer change, so both sides are counted then, beside the
 * foreign keys and the rest of post-data (which check the keys of a table one at a time and
 * leave cores idle) rather than after them; verification then reads only objects and sequences.
 * With `verify: checksums`, only the tables without checksums from their COPY streams, counted
 * and hashed by SQL: the others' rows were counted in the same streams (`StreamChecksums`).
 * Half the jobs on each side, so that the builds keep their share.
 */
async function countBothSides(run, state, into, streamed) {
    const { inputs, logger, signal } = run;
    const started = Date.now();
    const level = inputs.verify === 'checksums' ? 'checksums' : 'counts';
    const tables = countedTables(state.tables).filter((t) => !streamed.has(displayName(t.schema, t.name)));
    if (tables.length === 0)
        return { source: {}, target: {} };
    const common = { tables, level, jobs: Math.max(1, Math.floor(inputs.jobs / 2)), logger, signal };
    const [source, target] = await Promise.all([
        verify_countRows({ ...common, url: inputs.source, snapshot: state.snapshot }),
        verify_countRows({ ...common, url: into }),
    ]);
    const took = `in ${formatDuration(Date.now() - started)}, beside the foreign keys and the rest of post-data`;
    logger.info(level === 'counts'
        ? `Counted the rows of ${count(tables.length, 'table')} on both sides ${took}`
        : `Counted and hashed ${count(tables.length, 'table')} by SQL on both sides ${took}; ${count(streamed.size, 'table')} from ${streamed.size === 1 ? 'its' : 'their'} COPY stream${streamed.size === 1 ? '' : 's'}`);
    return { source, target };
}
/** The source's counts (or checksums, except of `streamed` tables), object counts and sequences, read in the snapshot. */
function measureSourceOf(run, state, streamed, counted) {
    const { inputs, logger, signal } = run;
    return measureSource(inputs.source, state, {
        streamed,
        counted,
        level: inputs.verify,
        jobs: inputs.jobs,
        logger,
        signal,
    });
}
/**
 * Compares the target with the source; `expected` is the source measured before the write, if
 * it was. The checksums of tables the write took from their COPY streams (see `StreamChecksums`)
 * are compared with the target's tables read back the same way; every other table's on both
 * sides by SQL.
 */
async function verifyCopy(run, state, into, written, expected, early) {
    const { inputs, report, phases, logger, signal } = run;
    if (inputs.verify === 'none') {
        phases.skip('verify', 'verify: none');
        return;
    }
    await phases.phase('verify', `Verify (${inputs.verify})`, async () => {
        const tables = countedTables(state.tables);
        const streamed = expected ? undefined : written.streamed;
        const names = new Set(streamed?.tables.map((t) => displayName(t.schema, t.name)));
        const common = {
            tables,
            streamed: names,
            objectTables: state.tables,
            schemas: state.schemas,
            relations: state.relations,
            level: inputs.verify,
            jobs: inputs.jobs,
            logger,
            signal,
        };
        const counted = await early;
        // Rows counted in the COPY streams, beside their checksums (see countBothSides).
        if (counted && streamed)
            for (const table of streamed.tables) {
                const name = displayName(table.schema, table.name);
                counted.source[name] = { rows: table.rows.source };
                counted.target[name] = { rows: table.rows.target };
            }
        const [sourceSide, targetSide] = await Promise.all([
            expected ?? measureSourceOf(run, state, names, counted?.source),
            measure({ ...common, url: into, counted: counted?.target }),
        ]);
        for (const table of streamed?.tables ?? []) {
            const name = displayName(table.schema, table.name);
            const [s, t] = [sourceSide.tables[name], targetSide.tables[name]];
            if (s)
                s.checksum = table.source;
            if (t)
                t.checksum = table.target;
        }
        if (streamed)
            logger.info(`Checksums of ${count(streamed.tables.length, 'table')} from their COPY streams (SHA-256), each read back from the target the same way once it had landed; of the others by SQL on both sides`);
        recordVerification(report, compare(inputs.verify, sourceSide, targetSide), logger);
    });
}
function logSchedule(state, logger) {
    for (const table of state.schedule.data) {
        const after = state.schedule.afterTable.get(table.oid)?.length ?? 0;
        logger.info(`  data of ${displayName(table.schema, table.name)} (~${count(table.estimatedRows, 'row')}), then ${count(after, 'index or constraint', 'indexes and constraints')}`);
    }
    logger.info(`  last: ${count(state.schedule.last.length, 'foreign key, trigger or other object', 'foreign keys, triggers and other objects')}`);
}

;// CONCATENATED MODULE: ./src/db-migrate/mode-restore.ts






















/**
 * Mode restore, top to bottom: pre-flight (the target, the dump brought to a local file and its
 * manifest read), the plan, the restore by the plan's strategy, the verification against the
 * manifest, and the closing line; main.ts reports.
 */
async function runRestore(run) {
    const { inputs, report, phases, logger, signal } = run;
    const { target } = inputs;
    const observed = await phases.phase('pre-flight', 'Pre-flight', async () => {
        const db = await connect(target, { logger, signal });
        try {
            const client = await findClient(undefined, logger);
            report.clientVersion = client.version;
            const tools = toolContext(run, client);
            const dump = await fetchDump(run);
            await checkManifest(run, dump);
            if (dump.manifest)
                report.source = dump.manifest.source;
            else
                logger.warning("The dump has no manifest beside it and 'verify' is none, so the restore is checked only by pg_restore itself.");
            const toc = parseToc(await listToc(tools, dump.file));
            report.dumpTables = toc.filter((e) => e.desc === 'TABLE DATA').length;
            // The extensions the dump creates (its EXTENSION entries' tags) do not make the target non-empty.
            const extensions = toc.filter((e) => e.desc === 'EXTENSION').map((e) => e.rest.split(' ')[1]);
            const targetState = await observeTarget(db, target, extensions);
            const targetLargeObjects = await largeObjectCount(db);
            report.target = targetState.facts;
            logFacts(report, logger);
            const access = planAccess({
                owners: dump.manifest?.owners ?? [],
                ownersKnown: dump.manifest?.owners !== undefined,
                acl: await archiveAcl(tools, dump.file, toc, run.workDir),
                roles: await targetRoles(db),
                noOwner: inputs.noOwner,
                noPrivileges: inputs.noPrivileges,
            });
            report.notCarried = access.notCarried;
            return { targetState, targetLargeObjects, tools, dump, toc, access };
        }
        finally {
            await db_close(db);
        }
    });
    const manifest = observed.dump.manifest;
    const decided = await decide(run, {
        mode: 'restore',
        source: manifest?.source,
        manifestLevel: manifest?.level,
        target: observed.targetState.facts,
        clientVersion: observed.tools.client.version,
    });
    if (inputs.dryRun) {
        logger.info('Dry run: nothing was changed.');
        report.targetState = 'unchanged';
        phases.skip('restore', 'dry run');
        return;
    }
    const { tools, dump, access } = observed;
    const level = manifest?.level === 'checksums' && inputs.verify === 'checksums' ? 'checksums' : 'counts';
    // The manifest's measurement, with the large objects the dump holds where they can be counted.
    const largeObjects = expectedLargeObjects(run, observed, decided.strategy);
    const expected = manifest?.measurement && {
        ...manifest.measurement,
        objects: {
            ...manifest.measurement.objects,
            ...(largeObjects === undefined ? {} : { largeObjects }),
        },
    };
    // The transaction strategy checks the manifest's values inside the transaction, before its commit.
    const check = decided.strategy === 'transaction' && inputs.verify !== 'none' && manifest && expected
        ? checkFrom(level, manifest.tables, expected, {
            objectTables: manifest.objectTables,
            schemas: manifest.schemas,
            relations: manifest.relations,
        })
        : undefined;
    const outcome = await applyStrategy(decided, target, {
        write: (into) => phases.phase('restore', `Restore (${decided.strategy})`, async () => {
            const bytes = (0,external_node_fs_.statSync)(dump.file).size;
            if (decided.strategy === 'transaction') {
                logger.info(`Restoring the dump (${formatBytes(bytes)}) into ${into.display} in a single transaction${check ? ', verified against the manifest before the commit' : ''}`);
                const result = await restoreInTransaction({
                    tools,
                    target: into,
                    what: 'Restoring the dump in a single transaction',
                    clean: inputs.clean,
                    archive: dump.file,
                    abort: linkedController(signal),
                    check,
                    access: access.sql,
                });
                return { tables: [], bytes, warnings: result.warnings, notCarried: result.notCarried };
            }
            logger.info(`Restoring the dump (${formatBytes(bytes)}) into ${into.display} with pg_restore, ${count(inputs.jobs, 'job')}`);
            const warnings = await restoreDirect(run, tools, into, dump.file, observed.toc, {
                source: manifest?.source,
                target: observed.targetState.facts,
            });
            return { tables: [], bytes, warnings };
        }),
        access: async (into) => {
            const notCarried = await carryAccess(into, access, { logger, signal });
            if (access.sql)
                logger.info('Carried the owners and privileges the target has roles for');
            return notCarried;
        },
        verify: async (into) => {
            if (inputs.verify === 'none' || !manifest || !expected) {
                phases.skip('verify', manifest ? 'verify: none' : 'no manifest');
                return;
            }
            await phases.phase('verify', `Verify against the manifest (${level})`, async () => {
                const measured = await measure({
                    url: into,
                    tables: manifest.tables,
                    objectTables: manifest.objectTables,
                    schemas: manifest.schemas,
                    relations: manifest.relations,
                    level,
                    // The checksum the manifest holds: format 1 manifests hold MD5-based ones.
                    rowHash: expected.rowHash ?? 'md5',
                    largeObjects: largeObjects !== undefined,
                    jobs: inputs.jobs,
                    logger,
                    signal,
                });
                recordVerification(report, compare(level, expected, measured), logger);
            });
        },
        database: manifest?.database,
    }, logger, signal);
    report.dumpUri = inputs.s3?.uri ?? inputs.dumpFile;
    recordWrite(report, outcome, access.notCarried, logger, manifest?.database
        ? []
        : [
            "comment and settings: the dump has no manifest, and a dump taken without pg_dump's --create holds neither",
        ]);
    logDone(report, logger, `restored from ${report.dumpUri} into ${target.database}, target ${outcome.state}`);
}
/**
 * The large objects the restored database must hold: as many as the dump holds, which is the
 * source's count in the backup's snapshot (the manifest's `source.largeObjects`) when the dump
 * has large object entries, and none when it has not (pg_dump leaves them out of a dump of
 * selected schemas or tables). Undefined where it cannot be counted: the target held large
 * objects before, and restoring in place (`clean`) unlinks only the dump's own, so those others
 * stay beside them.
 */
function expectedLargeObjects(run, observed, strategy) {
    const { manifest } = observed.dump;
    if (!manifest?.measurement)
        return undefined;
    if (observed.targetLargeObjects > 0 && strategy !== 'swap') {
        run.logger.info(`The large objects are not verified: ${run.inputs.target.database} held ${count(observed.targetLargeObjects, 'large object')} before the restore, which stay beside the dump's`);
        return undefined;
    }
    const inDump = observed.toc.some((e) => LARGE_OBJECT_ENTRIES.has(e.desc));
    return inDump ? manifest.source.largeObjects : 0;
}
/** The TOC entries of large objects: BLOB and BLOBS up to PostgreSQL 16's pg_dump, BLOB METADATA from 17. */
const LARGE_OBJECT_ENTRIES = new Set(['BLOB', 'BLOBS', 'BLOB METADATA']);
/**
 * pg_restore with `jobs` into the target: in one run, or where `restoreMemory` sizes the index
 * builds, everything but the foreign keys first and then the foreign keys, each run with its
 * own maintenance_work_mem. Returns the warnings met.
 */
async function restoreDirect(run, tools, into, file, toc, facts) {
    const { inputs, logger } = run;
    const jobs = ['--jobs', String(inputs.jobs)];
    const started = Date.now();
    const memory = restoreMemory(facts.source, facts.target);
    if (!memory) {
        const result = await restore(tools, into, 'Restoring the dump', [...jobs, file], {
            options: buildSettings(facts.target),
        });
        logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`);
        return result.warnings;
    }
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(run.workDir, 'list-'));
    const list = (name, entries) => {
        const path = (0,external_node_path_.join)(dir, name);
        (0,external_node_fs_.writeFileSync)(path, tocList(entries));
        return path;
    };
    const keys = toc.filter((e) => e.desc === 'FK CONSTRAINT');
    const rest = toc.filter((e) => e.desc !== 'FK CONSTRAINT');
    const first = await restore(tools, into, 'Restoring the dump', [...jobs, '--use-list', list('rest.list', rest), file], { options: memory.builds });
    if (keys.length === 0) {
        logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`);
        return first.warnings;
    }
    logger.info(`Restored all of the dump but its foreign keys in ${formatDuration(Date.now() - started)}; creating ${count(keys.length, 'foreign key')}`);
    const creating = Date.now();
    const second = await restore(tools, into, 'Creating the foreign keys', [...jobs, '--use-list', list('keys.list', keys), file], { options: memory.keys });
    logger.info(`Created ${count(keys.length, 'foreign key')} in ${formatDuration(Date.now() - creating)}`);
    logger.info(`Restored the dump in ${formatDuration(Date.now() - started)}`);
    return [...first.warnings, ...second.warnings];
}
/**
 * Before anything is restored: a restore that is to be verified needs a manifest recording what
 * to verify against, and a manifest that records its dump's SHA-256 (format 3) must be that
 * dump's, so that a dump is never verified against another dump's manifest.
 */
async function checkManifest(run, dump) {
    const { inputs, logger, signal } = run;
    const { manifest } = dump;
    if (inputs.verify !== 'none' && !manifest)
        throw new errors_UserError(`The dump ${dump.place} has no manifest beside it (${(0,external_node_path_.basename)(dump.manifestFile)}), so the restore could not be verified with verify: ${inputs.verify}; restore it beside the manifest its backup wrote, or set 'verify: none' to restore it unverified.`);
    if (inputs.verify !== 'none' && manifest && !manifest.measurement)
        throw new errors_UserError(`The manifest of the dump ${dump.place} records nothing to verify against (its backup ran with verify: none), so the restore could not be verified with verify: ${inputs.verify}; set 'verify: none' to restore it unverified.`);
    if (!manifest)
        return;
    if (manifest.dumpSha256 === undefined) {
        logger.info(`The manifest (format ${manifest.format}) records no SHA-256 of its dump, so whether it belongs to this dump was not checked`);
        return;
    }
    const sha256 = dump.sha256 ?? (await sha256OfFile(dump.file, signal));
    if (sha256 !== manifest.dumpSha256)
        throw new errors_UserError(`The dump ${dump.place} is not the one its manifest describes (the dump's SHA-256 is ${sha256}, the manifest records ${manifest.dumpSha256}); put the dump beside the manifest its own backup wrote, or take the backup again.`);
    logger.info(`The dump's SHA-256 ${sha256} is the one its manifest records`);
}
/** Brings the dump (and its manifest, if any) to a local file; a download is its own phase on the timeline. */
async function fetchDump(run) {
    const { inputs, logger, signal } = run;
    let file = inputs.dumpFile;
    let manifestFile = manifestOf(file);
    let sha256;
    const place = inputs.s3?.uri ?? file;
    if (inputs.s3 && inputs.aws) {
        const s3 = inputs.s3;
        const aws = inputs.aws;
        file = (0,external_node_path_.join)(run.workDir, 'restore.dump');
        manifestFile = manifestOf(file);
        await run.phases.untitled('download', async () => {
            logger.info(`Downloading ${s3.uri}`);
            const started = Date.now();
            const got = (await downloadFile(s3, file, aws, signal));
            sha256 = got.sha256;
            logger.info(`Downloaded ${s3.uri} (${formatBytes((0,external_node_fs_.statSync)(file).size)} in ${formatDuration(Date.now() - started)}); ${got.checked ? `SHA-256 checked: ${got.sha256}, as recorded at the upload` : `SHA-256 ${got.sha256}, not checked: the object records none (it was not uploaded by db-migrate)`}`);
            const manifest = manifestLocation(s3);
            if (await downloadFile(manifest, manifestFile, aws, signal, true))
                logger.info(`Downloaded its manifest ${manifest.uri}`);
        });
    }
    else if (!(0,external_node_fs_.existsSync)(file)) {
        throw new errors_UserError(`The dump file ${file} does not exist; check 'dump-file'.`);
    }
    else {
        logger.info(`Reading the dump ${file} (${formatBytes((0,external_node_fs_.statSync)(file).size)})`);
    }
    if (!(0,external_node_fs_.existsSync)(manifestFile))
        return { file, place, manifestFile, sha256 };
    let manifest;
    try {
        manifest = JSON.parse((0,external_node_fs_.readFileSync)(manifestFile, 'utf8'));
    }
    catch (error) {
        throw new errors_UserError(`The manifest ${manifestFile} beside the dump is not valid JSON (${errors_errorMessage(error)}); remove it or take the backup again.`);
    }
    if (!Number.isInteger(manifest.format) || manifest.format < 1 || manifest.format > MANIFEST_FORMAT)
        throw new errors_UserError(`The manifest ${manifestFile} beside the dump has format ${JSON.stringify(manifest.format)}, which this db-migrate does not read (formats 1 to ${MANIFEST_FORMAT}); restore it with the db-migrate version that took the backup, or a newer one.`);
    const recorded = manifest.measurement ? recordedRows(manifest.measurement) : undefined;
    logger.info(`The manifest describes ${manifest.source.display} (PostgreSQL ${manifest.source.version}) at ${manifest.createdAt}: ${count(tablesOf(manifest.source), 'table')}${recorded ? `, ${count(recorded.rows, 'row')}, ${manifest.level === 'checksums' ? 'row counts and checksums' : 'row counts'} recorded` : ', nothing recorded to verify against (backup ran with verify: none)'}`);
    return { file, place, manifest, manifestFile, sha256 };
}

;// CONCATENATED MODULE: ./src/db-migrate/main.ts












/**
 * db-migrate: reads the inputs, runs the mode (each in its own file, top to bottom: pre-flight
 * (observe, read-only) -> plan (pure) -> apply (strategy) -> verify: mode-copy.ts, mode-backup.ts,
 * mode-restore.ts), and reports: outputs and the job summary, whatever the outcome.
 */
async function main({ signal, logger }) {
    const phases = new Phases();
    const inputs = getInputs();
    const report = { inputs, warnings: [], startedAt: Date.now() };
    const workDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'db-migrate-'));
    try {
        const run = { report, phases, workDir, logger, signal };
        if (inputs.mode === 'copy')
            await runCopy({ ...run, inputs });
        else if (inputs.mode === 'backup')
            await runBackup({ ...run, inputs });
        else
            await runRestore({ ...run, inputs });
    }
    catch (error) {
        if (error instanceof ApplyFailure)
            report.targetState = error.state;
        // Anything else ended the run before the write began (pre-flight, plan): the target was not touched.
        else if (inputs.mode !== 'backup' && report.targetState === undefined)
            report.targetState = 'unchanged';
        report.failure = secrets_redact(errors_errorMessage(error));
        throw error;
    }
    finally {
        setOutputs(report);
        await writeSummary(report, phases.timeline, logger);
        (0,external_node_fs_.rmSync)(workDir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/db-migrate/index.ts


start('db-migrate', main);

