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
    issueCommand('add-mask', {}, secret);
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
function core_warning(message, properties = {}) {
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
    warning: (message) => core_warning(message),
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
        core.setSecret(form);
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
        throw new errors_UserError(`Inputs ${set.join(' and ')} cannot be used together; set at most one of them.`);
    }
}

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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
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

;// CONCATENATED MODULE: ./src/invalidate-cdn/constants.ts
/** Input and output names of invalidate-cdn, defined once. */
const Input = {
    distributionId: 'distribution-id',
    domain: 'domain',
    paths: 'paths',
    pathsFile: 'paths-file',
    syncLog: 'sync-log',
    originPath: 'origin-path',
    tags: 'tags',
    wait: 'wait',
    timeout: 'timeout',
    onTimeout: 'on-timeout',
    maxPaths: 'max-paths',
    region: 'region',
    maxAttempts: 'max-attempts',
    dryRun: 'dry-run',
};
const Output = {
    invalidationIds: 'invalidation-ids',
    pathsSubmitted: 'paths-submitted',
    pathsCollapsed: 'paths-collapsed',
    estimatedCost: 'estimated-cost',
};
const ACTION = 'invalidate-cdn';
/**
 * CloudFront's price per invalidation path beyond the month's free ones, in USD, and the free
 * paths a month across the account. Source: Amazon CloudFront pricing and the Developer Guide,
 * "Pay for file invalidation": "The first 1,000 invalidation paths that you submit per month are
 * free; you pay for each invalidation path over 1,000 in a month", "a path that includes the *
 * wildcard counts as one path"; USD 0.005 per path at the time of writing.
 */
const PRICE_PER_PATH_USD = 0.005;
const FREE_PATHS_PER_MONTH = 1000;
/** Polling of invalidations: CloudFront completes most within 25 s, so look every 1 to 5 s. */
const POLL_MIN_DELAY_MS = 1000;
const POLL_MAX_DELAY_MS = 5000;
/** Backoff between attempts refused for limits or throttling (TooManyInvalidationsInProgress, Rate exceeded). */
const RETRY_MIN_DELAY_MS = 1000;
const RETRY_MAX_DELAY_MS = 15_000;

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/invalidate-cdn/paths.ts

/**
 * Invalidation paths: checking, percent-encoding, de-duplication, the paths an `aws s3 sync` log
 * names, and collapsing a large set into prefix wildcards. Pure functions, no I/O.
 *
 * Source for every rule here: CloudFront Developer Guide, "What you need to know when
 * invalidating files" / "Invalidation paths"
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/invalidation-specifying-objects.html)
 * and the CreateInvalidation API reference (InvalidationBatch.Paths):
 * - a path begins with `/` and is at most 4,000 characters; it is case sensitive and may carry a
 *   query string (`/images/image.jpg?size=large`);
 * - the `*` wildcard is accepted only as the last character ("Asterisks (*) inserted anywhere
 *   else are treated as a literal character"; this action refuses them there, as they are
 *   almost always a mistake);
 * - "If the path includes non-ASCII characters or unsafe characters as defined in RFC 1738,
 *   URL-encode those characters. Do not URL-encode any other characters in the path, or
 *   CloudFront will not invalidate the old version of the updated file." RFC 1738 section 2.2:
 *   the unsafe characters are space, `<`, `>`, `"`, `#`, `%`, `{`, `}`, `|`, `\`, `^`, `~`, `[`,
 *   `]` and `` ` ``; control characters (00-1F, 7F) are never used unencoded;
 * - "Don't use the ~ character in your path. CloudFront doesn't support this character for
 *   invalidations, whether it's URL-encoded or not": a path with `~` is replaced by the wildcard
 *   of what precedes the `~`, which CloudFront accepts and which covers it.
 * - cache tags ("What you need to know when invalidating tags"): `#` then ASCII 33-126 without
 *   a comma, at most 256 characters, no wildcard.
 */
const MAX_PATH_LENGTH = 4000;
const MAX_TAG_LENGTH = 256;
function itemKind(item) {
    if (item.startsWith('#'))
        return 'tag';
    return item.endsWith('*') ? 'wildcard' : 'file';
}
function countItems(items) {
    const out = { files: 0, wildcards: 0, tags: 0 };
    for (const item of items) {
        const kind = itemKind(item);
        if (kind === 'tag')
            out.tags += 1;
        else if (kind === 'wildcard')
            out.wildcards += 1;
        else
            out.files += 1;
    }
    return out;
}
/** RFC 1738's unsafe characters other than `%` (handled apart) and `~` (CloudFront refuses it). */
const UNSAFE = new Set([' ', '<', '>', '"', '#', '{', '}', '|', '\\', '^', '[', ']', '`']);
const hex = (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
/**
 * Percent-encodes what CloudFront asks to be encoded (non-ASCII, RFC 1738 unsafe, control
 * characters) and nothing else. A `%` that already starts an escape (`%20`) is kept, so a path
 * given encoded and the same path given raw end up identical; a lone `%` becomes `%25`.
 */
function encodePath(path) {
    let out = '';
    const chars = [...path];
    for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const code = ch.codePointAt(0);
        if (ch === '%') {
            out += /^[0-9A-Fa-f]{2}$/.test((chars[i + 1] ?? '') + (chars[i + 2] ?? '')) ? '%' : '%25';
        }
        else if (code > 0x7e || code < 0x20 || UNSAFE.has(ch)) {
            for (const byte of Buffer.from(ch, 'utf8'))
                out += hex(byte);
        }
        else {
            out += ch;
        }
    }
    return out;
}
/**
 * One invalidation path as the user wrote it (in `paths`, `paths-file`) or as a sync log names
 * it: checked, then encoded. `where` names the input for the error sentence.
 */
function checkPath(raw, where) {
    const text = raw.trim();
    if (!text.startsWith('/'))
        throw new errors_UserError(`${where} has the path ${paths_quote(text)}, which does not start with '/'; CloudFront paths are relative to the distribution and begin with a slash, e.g. /index.html or /assets/*.`);
    const star = text.indexOf('*');
    if (star >= 0 && star !== text.length - 1)
        throw new errors_UserError(`${where} has the path ${paths_quote(text)} with '*' before its end; CloudFront takes the '*' wildcard only as the last character (e.g. /assets/*).`);
    const tilde = text.search(/~|%7e/i);
    if (tilde >= 0)
        return encoded(`${text.slice(0, tilde)}*`, text, where, tildeNote(text, tilde));
    return encoded(text, text, where);
}
/**
 * The invalidation path of the URL path of an S3 key (from a sync log). A key is a literal name,
 * not a path someone wrote, so: a `%` in it is a character of the name and is encoded (`%2520`
 * for the key `a%20b`, which a viewer requests as `/a%2520b`), and so is a `?` (a viewer's URL
 * carries it as `%3F`, where a bare one would start a query string). A `*` before the end is
 * taken literally, as CloudFront takes it; a `*` at the end can only be the wildcard, which
 * covers the key and more (noted); a `~` is replaced as in `checkPath`.
 */
function checkKeyPath(urlPath, where) {
    const literal = (text) => text.replace(/%/g, '%25').replace(/\?/g, '%3F');
    const tilde = urlPath.indexOf('~');
    if (tilde >= 0)
        return encoded(`${literal(urlPath.slice(0, tilde))}*`, urlPath, where, tildeNote(urlPath, tilde));
    const note = urlPath.endsWith('*')
        ? `the key of ${paths_quote(urlPath)} ends in '*', which CloudFront takes as a wildcard: every path that starts with ${paths_quote(urlPath.slice(0, -1))} is invalidated with it`
        : undefined;
    return encoded(literal(urlPath), urlPath, where, note);
}
const tildeNote = (text, tilde) => `${paths_quote(text)} contains '~', which CloudFront does not accept in invalidation paths (encoded or not); invalidating ${text.slice(0, tilde)}* instead`;
/** `path` encoded and checked against CloudFront's length limit; `text` is what was given, for the sentence. */
function encoded(path, text, where, note) {
    const out = encodePath(path);
    if ([...out].length > MAX_PATH_LENGTH)
        throw new errors_UserError(`${where} has a path of ${[...out].length} characters once URL-encoded (${paths_quote(text)}); CloudFront takes paths of at most ${MAX_PATH_LENGTH}.`);
    return note ? { path: out, note } : { path: out };
}
/** A cache tag, with or without its leading `#`; returns the `#tag` item CloudFront takes. */
function checkTag(raw, where) {
    const tag = raw.trim().replace(/^#/, '');
    if (!/^[\x21-\x2b\x2d-\x7e]+$/.test(tag) || tag.length > MAX_TAG_LENGTH)
        throw new errors_UserError(`${where} has the tag ${paths_quote(raw.trim())}; a cache tag is 1 to ${MAX_TAG_LENGTH} visible ASCII characters without spaces or commas (e.g. product-42).`);
    return `#${tag}`;
}
/** Splits a list of paths written one a line (paths may hold commas and spaces); blank lines and `#` comments are dropped. */
function splitLines(text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
/**
 * Reads the output of `aws s3 sync` (also with `--dryrun` and `--delete`): `upload: <src> to
 * s3://b/k`, `copy: s3://x/y to s3://b/k`, `move: ...`, `delete: s3://b/k`. Progress lines
 * (`Completed 1.2 MiB/...`, separated by carriage returns) and anything else are ignored.
 * Hand-written: no library parses this log, which is the CLI's human-readable output.
 */
function parseSyncLog(text) {
    const keys = [];
    const seen = new Set();
    const buckets = new Set();
    let failed = 0;
    for (const rawLine of text.split(/\r\n|\r|\n/)) {
        const line = rawLine.replace(/^\(dryrun\) /, '').trimEnd();
        if (/^(upload|copy|move|delete) failed:/.test(line)) {
            failed += 1;
            continue;
        }
        let target;
        const transfer = /^(?:upload|copy|move): .* to (s3:\/\/.+)$/.exec(line);
        if (transfer)
            target = transfer[1];
        const deletion = /^delete: (s3:\/\/.+)$/.exec(line);
        if (deletion)
            target = deletion[1];
        if (target === undefined)
            continue;
        // The last ` to s3://` separates source and target: a local source path may itself contain ` to `.
        const at = target.lastIndexOf(' to s3://');
        if (transfer && at >= 0)
            target = target.slice(at + 4);
        const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(target);
        if (!match)
            continue;
        buckets.add(match[1]);
        if (!seen.has(match[2])) {
            seen.add(match[2]);
            keys.push(match[2]);
        }
    }
    return { keys, buckets: [...buckets], failed };
}
/**
 * The URL paths of S3 keys behind a distribution whose origin has `originPath` (`/site`, or ''):
 * `site/docs/a b.html` -> `/docs/a b.html` (not yet encoded). Keys outside the origin path are
 * not served by the distribution and are returned apart. When the default root object (e.g.
 * `index.html`) changed, `/` is added, since CloudFront serves it there too (Developer Guide,
 * "Specify a default root object": invalidate `/` as well as `/index.html`).
 */
function keysToPaths(keys, originPath, defaultRootObject) {
    const prefix = originPath.replace(/^\/+/, '').replace(/\/+$/, '');
    const paths = [];
    const outside = [];
    for (const key of keys) {
        if (prefix !== '' && !key.startsWith(`${prefix}/`)) {
            outside.push(key);
            continue;
        }
        const path = `/${prefix === '' ? key : key.slice(prefix.length + 1)}`;
        paths.push(path);
        if (defaultRootObject !== '' && path === `/${defaultRootObject}`)
            paths.push('/');
    }
    return { paths, outside };
}
/**
 * Removes duplicates and every path a wildcard of the same set already covers (`/assets/a.js`
 * under `/assets/*`, and `/assets/img/*` too). A wildcard's own prefix (`/assets/` for
 * `/assets/*`) is kept: it costs one path, and keeping it never misses an invalidation.
 */
function dedupe(items) {
    const unique = [...new Set(items)];
    const prefixes = new Set(unique.filter((i) => itemKind(i) === 'wildcard').map((w) => w.slice(0, -1)));
    const kept = unique.filter((item) => itemKind(item) === 'tag' || !coveredBy(item, prefixes));
    return {
        items: kept,
        duplicates: items.length - unique.length,
        covered: unique.length - kept.length,
    };
}
/** Whether a wildcard of the set covers the item and is not the item itself (`/a/b` and `/a/b/*` under `/a/*`). */
function coveredBy(item, prefixes) {
    for (let end = 1; end < item.length; end++) {
        const prefix = item.slice(0, end);
        if (prefixes.has(prefix) && item !== `${prefix}*`)
            return true;
    }
    return false;
}
/** Whether `path` is invalidated by the items: listed itself, or under one of the wildcards. */
function isCovered(path, items) {
    return coverage(items)(path);
}
/** A test of coverage by a fixed set of items, fast for many paths (a set, and the few wildcard prefixes). */
function coverage(items) {
    const exact = new Set(items);
    const prefixes = items.filter((i) => itemKind(i) === 'wildcard').map((w) => w.slice(0, -1));
    return (path) => exact.has(path) || (itemKind(path) !== 'tag' && prefixes.some((p) => path.startsWith(p)));
}
/**
 * Collapses a set of paths into at most `maxPaths` by replacing every path under a directory
 * with that directory's wildcard (`/assets/*`). Each step picks, among the directories below the
 * root, the one whose wildcard alone brings the set under the threshold while covering the
 * fewest paths (ties: the deeper one); when no single directory does, the one that saves most;
 * the root's `/*` only when nothing else is left. So the result uses few wildcards, each as deep
 * as it can be, and invalidates little that did not change.
 *
 * Written here because no library collapses URL paths into CloudFront wildcards. Tags are left
 * alone (they cannot be collapsed); `maxPaths` 0 never collapses.
 */
function collapse(items, maxPaths) {
    const tags = items.filter((i) => itemKind(i) === 'tag');
    let paths = items.filter((i) => itemKind(i) !== 'tag');
    const before = paths.length;
    const introduced = new Set();
    while (maxPaths > 0 && paths.length > maxPaths) {
        const need = paths.length - maxPaths;
        const counts = new Map();
        for (const path of paths)
            for (const dir of directoriesOf(path))
                counts.set(dir, (counts.get(dir) ?? 0) + 1);
        const candidates = [...counts].filter(([dir, n]) => dir !== '/' && n >= 2);
        let chosen;
        const enough = candidates.filter(([, n]) => n - 1 >= need);
        if (enough.length > 0)
            chosen = best(enough, (a, b) => a[1] - b[1] || b[0].length - a[0].length);
        else if (candidates.length > 0)
            chosen = best(candidates, (a, b) => b[1] - a[1] || b[0].length - a[0].length);
        else
            chosen = '/';
        const wildcard = `${chosen}*`;
        const next = [...paths.filter((p) => p === chosen || !p.startsWith(chosen)), wildcard];
        if (chosen === '/' || next.length >= paths.length) {
            // Only the root's /* is left, and it covers every path, / itself included: without this,
            // a list holding / (or a directory and its own wildcard) would stay as long forever.
            paths = ['/*'];
            introduced.clear();
            introduced.add('/*');
            break;
        }
        paths = next;
        for (const w of [...introduced])
            if (w !== chosen && w.startsWith(chosen))
                introduced.delete(w);
        introduced.add(wildcard);
    }
    // A distribution holds at most 15 wildcards in progress, so each 15 more wait for the ones
    // before to complete (minutes each): the wildcards collapsing made are merged into their
    // parents' until they fit the room the list's own wildcards leave in their last batch (a whole
    // batch when the list gives none or fills its batches), the root's /* last. A few more paths
    // invalidated beat a run that queues for half an hour. Wildcards given in the list are never
    // merged, nor covered by a merged one (nor by /*): they are invalidated as they were asked
    // for, and when they and the ones collapsing made exceed the room, the batches queue one after
    // another, as the plan says. (The loop above, which keeps the list under maxPaths, counts them
    // as paths of their directories.)
    const given = paths.filter((p) => itemKind(p) === 'wildcard' && !introduced.has(p));
    const room = WILDCARDS_PER_BATCH - (given.length % WILDCARDS_PER_BATCH);
    while (introduced.size > room) {
        const counts = new Map();
        for (const wildcard of introduced)
            for (const dir of directoriesOf(wildcard))
                counts.set(dir, (counts.get(dir) ?? 0) + 1);
        const candidates = [...counts].filter(([dir, n]) => dir !== '/' && n >= 2 && !given.some((g) => g.startsWith(dir)));
        if (candidates.length === 0) {
            if (given.length > 0)
                break;
            paths = ['/*'];
            introduced.clear();
            introduced.add('/*');
            break;
        }
        // The parent that merges the most wildcards (ties: the deeper one).
        const chosen = best(candidates, (a, b) => b[1] - a[1] || b[0].length - a[0].length);
        paths = [...paths.filter((p) => p === chosen || !p.startsWith(chosen)), `${chosen}*`];
        for (const w of [...introduced])
            if (w.startsWith(chosen))
                introduced.delete(w);
        introduced.add(`${chosen}*`);
    }
    return { items: [...paths, ...tags], wildcards: [...introduced], saved: before - paths.length };
}
/** CloudFront's wildcards in progress per distribution ("Concurrent invalidation request maximum"). */
const WILDCARDS_PER_BATCH = 15;
function best(entries, order) {
    return [...entries].sort((a, b) => order(a, b) || a[0].localeCompare(b[0]))[0][0];
}
/**
 * The directory prefixes a path is under, root first: `/a/b/c.html` -> `/`, `/a/`, `/a/b/`; the
 * wildcard `/a/b/*` is under the same three (its own directory's wildcard is itself). A file path
 * is not under its own prefix (`/docs/` is not under `/docs/`), as `dedupe` keeps it apart.
 */
function directoriesOf(path) {
    const wildcard = path.endsWith('*');
    const body = wildcard ? path.slice(0, -1) : path;
    const query = body.indexOf('?');
    const plain = query >= 0 ? body.slice(0, query) : body;
    const out = [];
    for (let i = 0; i < plain.length; i++)
        if (plain[i] === '/')
            out.push(plain.slice(0, i + 1));
    if (!wildcard && query < 0 && plain.endsWith('/'))
        out.pop();
    return out;
}
function paths_quote(value) {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

;// CONCATENATED MODULE: ./src/invalidate-cdn/inputs.ts








const DISTRIBUTION_ID = /^[A-Z0-9]{1,64}$/;
const DOMAIN = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{1,63}$/;
function getInputs(env = process.env) {
    const ids = getListInput(Input.distributionId);
    const domains = getListInput(Input.domain).map((d) => d.toLowerCase());
    exclusive({ [Input.distributionId]: ids, [Input.domain]: domains });
    const paths = getOptionalInput(Input.paths);
    const pathsFile = getOptionalInput(Input.pathsFile);
    const syncLog = getOptionalInput(Input.syncLog);
    exclusive({ [Input.paths]: paths, [Input.pathsFile]: pathsFile, [Input.syncLog]: syncLog });
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const tags = getListInput(Input.tags).map((t) => checkTag(t, `Input '${Input.tags}'`));
    const originPath = getOptionalInput(Input.originPath);
    if (originPath !== undefined && syncLog === undefined)
        throw new errors_UserError(`Input '${Input.originPath}' maps S3 keys of '${Input.syncLog}' to URL paths and is used only with it; set '${Input.syncLog}' or remove '${Input.originPath}'.`);
    if (originPath !== undefined && originPath !== '/' && !/^\/[^*?#]*[^/]$/.test(originPath))
        throw new errors_UserError(`Input '${Input.originPath}' must be the origin's path as CloudFront names it, beginning with '/' and not ending with one (e.g. /site); got ${JSON.stringify(originPath)}.`);
    const source = parseSource({ paths, pathsFile, syncLog, workspace, tags });
    return {
        target: parseTarget(ids, domains),
        source,
        originPath: originPath === '/' ? '' : originPath,
        tags: uniqueTags(tags),
        wait: inputs_getBooleanInput(Input.wait, true),
        timeoutMs: getDurationInput(Input.timeout, '20m', { min: 10_000, max: 6 * 3_600_000 }),
        onTimeout: getEnumInput(Input.onTimeout, ['fail', 'warn'], 'fail'),
        maxPaths: getIntInput(Input.maxPaths, { min: 0, max: 1_000_000, default: 1000 }),
        dryRun: inputs_getBooleanInput(Input.dryRun, false),
        aws: {
            region: resolveRegion(getOptionalInput(Input.region), regionEnv(env), Input.region),
            maxAttempts: getMaxAttemptsInput(Input.maxAttempts),
            action: ACTION,
        },
        run: {
            runId: env.GITHUB_RUN_ID || `local-${Date.now()}`,
            attempt: env.GITHUB_RUN_ATTEMPT || '1',
            nonce: (0,external_node_crypto_.randomBytes)(6).toString('hex'),
        },
    };
}
/** CloudFront is a global service signed in us-east-1: without a region setting, that one is used. */
function regionEnv(env) {
    return { AWS_REGION: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1' };
}
function parseTarget(ids, domains) {
    if (ids.length === 0 && domains.length === 0)
        throw new errors_UserError(`Input '${Input.distributionId}' or '${Input.domain}' is required: give the distribution's id (e.g. E2QWRUHAPOMQZL) or one of its alternate domain names (e.g. www.example.com).`);
    for (const id of ids)
        if (!DISTRIBUTION_ID.test(id))
            throw new errors_UserError(`Input '${Input.distributionId}' must list CloudFront distribution ids (upper-case letters and digits, e.g. E2QWRUHAPOMQZL); ${JSON.stringify(id)} is not one.`);
    for (const domain of domains)
        if (!DOMAIN.test(domain))
            throw new errors_UserError(`Input '${Input.domain}' must list domain names such as www.example.com; ${JSON.stringify(domain)} is not one.`);
    return ids.length > 0
        ? { kind: 'ids', ids: [...new Set(ids)] }
        : { kind: 'domains', domains: [...new Set(domains)] };
}
function parseSource(options) {
    const { paths, pathsFile, syncLog, workspace, tags } = options;
    if (syncLog !== undefined) {
        const text = looksLikeLog(syncLog) ? syncLog : readInputFile(Input.syncLog, syncLog, workspace);
        const changes = parseSyncLog(text);
        if (changes.keys.length === 0 && tags.length === 0)
            throw new errors_UserError(`Input '${Input.syncLog}' names no uploaded, copied or deleted object (no 'upload:', 'copy:' or 'delete:' line of aws s3 sync); nothing to invalidate.`);
        return { kind: 'sync-log', file: looksLikeLog(syncLog) ? '(inline)' : syncLog, changes };
    }
    if (pathsFile !== undefined) {
        const lines = splitLines(readInputFile(Input.pathsFile, pathsFile, workspace));
        if (lines.length === 0)
            throw new errors_UserError(`Input '${Input.pathsFile}' names ${pathsFile}, which lists no path; write one path a line (e.g. /index.html).`);
        return checked(`Input '${Input.pathsFile}' (${pathsFile})`, Input.pathsFile, lines);
    }
    if (paths !== undefined) {
        // A `#` line is a comment in a file; here it is most likely a cache tag, as `aws cloudfront
        // create-invalidation --paths` takes them, so it is refused rather than dropped.
        const hash = paths.split(/\r?\n/).find((line) => line.trim().startsWith('#'));
        if (hash !== undefined)
            throw new errors_UserError(`Input '${Input.paths}' has the line ${JSON.stringify(hash.trim())}: a cache tag goes in '${Input.tags}' (e.g. ${hash.trim().slice(1) || 'product-42'}), and only '${Input.pathsFile}' takes # lines, as comments.`);
        const lines = splitLines(paths);
        if (lines.length === 0)
            throw new errors_UserError(`Input '${Input.paths}' lists no path; write one path a line (e.g. /index.html), or leave it out to invalidate /*.`);
        return checked(`Input '${Input.paths}'`, Input.paths, lines);
    }
    if (tags.length > 0)
        return { kind: 'none' };
    return { kind: 'paths', input: `${Input.paths} (default)`, paths: [{ path: '/*' }], requested: 1 };
}
function checked(where, input, lines) {
    return { kind: 'paths', input, paths: lines.map((line) => checkPath(line, where)), requested: lines.length };
}
/** A value that is the log itself (from a step output) rather than the name of a file holding it. */
function looksLikeLog(value) {
    return value.includes('\n') || /^(\(dryrun\) )?(upload|copy|move|delete)( failed)?: /.test(value);
}
function readInputFile(input, path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
    try {
        return (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? error.message})`;
        throw new errors_UserError(`Input '${input}' names the file ${path}, which ${why} in the workspace.`);
    }
}
/**
 * Each tag once, whatever its case: "Tag values are case-insensitive. For example,
 * #Product:Electronics and #product:electronics refer to the same tag" (CloudFront Developer
 * Guide, "What you need to know when invalidating tags"), and each is billed and counted against
 * the limits as a path. The first spelling is kept.
 */
function uniqueTags(tags) {
    const seen = new Set();
    return tags.filter((tag) => {
        const key = tag.toLowerCase();
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

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

;// CONCATENATED MODULE: ./src/invalidate-cdn/plan.ts





/** CloudFront's limits (Developer Guide, "Concurrent invalidation request maximum"; see AWS_LIMITS). */
const CLOUDFRONT_LIMITS = {
    paths: AWS_LIMITS.cloudFrontPaths,
    wildcards: AWS_LIMITS.cloudFrontWildcardsInProgress,
};
/**
 * Cuts items into batches CloudFront takes: at most `limits.wildcards` wildcards and at most
 * `limits.paths` items in all per batch (one request may carry up to 3,000 paths, and a
 * distribution may have 3,000 file paths and 15 wildcards in progress, counted apart). Fewest
 * batches: the wildcards are spread over as many batches as they need, the files fill the rest.
 */
function cutBatches(items, limits = CLOUDFRONT_LIMITS) {
    const wildcards = items.filter((i) => !i.startsWith('#') && i.endsWith('*'));
    const others = items.filter((i) => i.startsWith('#') || !i.endsWith('*'));
    const out = [];
    let w = 0;
    let o = 0;
    while (w < wildcards.length || o < others.length) {
        const batch = wildcards.slice(w, w + Math.min(limits.wildcards, limits.paths));
        w += batch.length;
        const room = limits.paths - batch.length;
        batch.push(...others.slice(o, o + room));
        o += Math.min(room, others.length - o);
        out.push(batch);
    }
    return out;
}
/**
 * The CallerReference of a batch: the run id, its attempt, the process's nonce and a digest of
 * the distribution and the batch's items. A call retried sends the same reference with the same
 * batch, and CloudFront returns the invalidation it made the first time instead of a new one
 * (API reference, InvalidationBatch.CallerReference). Another step of the same run attempt (a
 * second deploy in the job, a matrix) has another nonce: were the reference the same, CloudFront
 * would return the first step's invalidation, made before the second step's files changed.
 */
function callerReference(run, distributionId, items) {
    const digest = (0,external_node_crypto_.createHash)('sha256')
        .update(`${distributionId}\n${items.join('\n')}`)
        .digest('hex')
        .slice(0, 24);
    return `infra-actions-${run.runId}-${run.attempt}-${run.nonce}-${digest}`;
}
function planDistribution(options) {
    const deduped = dedupe(options.items);
    const collapsed = collapse(deduped.items, options.maxPaths);
    // Collapsing may leave a path under a wildcard it introduced only when that path is the wildcard's own prefix.
    const items = dedupe(collapsed.items).items;
    const batches = cutBatches(items, options.limits).map((batch) => ({
        items: batch,
        callerReference: callerReference(options.run, options.distributionId, batch),
        ...countItems(batch),
    }));
    return {
        distributionId: options.distributionId,
        requested: options.requested,
        items,
        batches,
        duplicates: deduped.duplicates,
        covered: deduped.covered,
        collapsedSaved: collapsed.saved,
        collapsedInto: collapsed.wildcards,
        counts: countItems(items),
    };
}
/** USD for a number of billed paths, assuming the month's free paths are used up. */
function costOf(paths) {
    return Math.round(paths * PRICE_PER_PATH_USD * 1000) / 1000;
}
function formatUsd(usd) {
    return `$${usd.toFixed(3)}`;
}
function compareCosts(plans) {
    return {
        planned: plans.reduce((n, p) => n + p.items.length, 0),
        everything: plans.length,
        naive: plans.reduce((n, p) => n + p.requested, 0),
    };
}
/** The plan in readable lines for the log. */
function describePlan(plan) {
    const { files, wildcards, tags } = plan.counts;
    const lines = [
        `${plan.distributionId}: ${plan.items.length} ${plural(plan.items.length, 'item')} (${files} ${plural(files, 'file path')}, ${wildcards} ${plural(wildcards, 'wildcard')}, ${tags} ${plural(tags, 'tag')}) in ${plan.batches.length} ${plural(plan.batches.length, 'batch', 'batches')}, from ${plan.requested} asked for`,
    ];
    if (plan.duplicates > 0)
        lines.push(`  ${plan.duplicates} duplicate ${plural(plan.duplicates, 'path')} removed`);
    if (plan.covered > 0)
        lines.push(`  ${plan.covered} ${plural(plan.covered, 'path')} already covered by a wildcard of the list dropped`);
    if (plan.collapsedSaved > 0)
        lines.push(`  collapsed into ${plan.collapsedInto.join(', ')}: ${plan.collapsedSaved} ${plural(plan.collapsedSaved, 'path')} saved`);
    const limit = CLOUDFRONT_LIMITS.wildcards;
    if (wildcards > limit) {
        const made = plan.collapsedInto.filter((w) => plan.items.includes(w)).length;
        const given = wildcards - made;
        lines.push(`  ${wildcards} wildcards are more than the ${limit} a distribution may have in progress: batches queue until the wildcards before them complete${given > 0 ? ` (${given} ${plural(given, 'wildcard')} of the list, invalidated as given${made > 0 ? `, and ${made} made by collapsing` : ''})` : ''}`);
    }
    plan.batches.forEach((batch, i) => {
        const shown = batch.items.slice(0, 5).join(' ');
        const more = batch.items.length > 5 ? ` ... (${batch.items.length - 5} more)` : '';
        lines.push(`  batch ${i + 1}: ${batch.items.length} ${plural(batch.items.length, 'item')}: ${shown}${more}`);
    });
    return lines;
}

;// CONCATENATED MODULE: ./src/invalidate-cdn/report.ts







function figures(ctx) {
    const submitted = ctx.targets.reduce((n, t) => n + t.submitted.reduce((m, s) => m + s.batch.items.length, 0), 0);
    const planned = ctx.targets.reduce((n, t) => n + (t.plan?.items.length ?? 0), 0);
    return {
        submitted,
        collapsed: ctx.targets.reduce((n, t) => n + (t.plan?.collapsedSaved ?? 0), 0),
        cost: costOf(ctx.inputs.dryRun ? planned : submitted),
    };
}
function setOutputs(ctx) {
    const f = figures(ctx);
    const ids = Object.fromEntries(ctx.targets.map((t) => [t.id, t.submitted.map((s) => s.id)]));
    setOutput(Output.invalidationIds, JSON.stringify(ids));
    setOutput(Output.pathsSubmitted, String(f.submitted));
    setOutput(Output.pathsCollapsed, String(f.collapsed));
    setOutput(Output.estimatedCost, f.cost.toFixed(3));
}
const report_OUTCOME_TEXT = {
    planned: '📝 planned (dry run)',
    completed: '✅ completed',
    submitted: '🚀 submitted (not waited for)',
    propagating: '⏳ still propagating',
    incomplete: '❌ not all submitted',
    failed: '❌ failed',
    cancelled: '⏹️ cancelled',
};
function headline(ctx, failure, warning) {
    if (failure)
        return `❌ ${failure}`;
    const f = figures(ctx);
    const what = ctx.inputs.dryRun
        ? `Dry run: ${ctx.targets.reduce((n, t) => n + (t.plan?.items.length ?? 0), 0)} paths planned, nothing submitted`
        : `${f.submitted} ${plural(f.submitted, 'path')} invalidated on ${ctx.targets.length} ${plural(ctx.targets.length, 'distribution')}`;
    return `${warning ? `⚠️ ${warning}` : '✅'} ${what}; estimated cost ${formatUsd(f.cost)}.`;
}
async function writeSummary(ctx, timeline, headlineText, logger) {
    const summary = new SummaryBuilder()
        .heading(`CloudFront invalidation: ${ctx.targets.map((t) => t.id).join(', ') || '(no distribution)'}`)
        .paragraph(headlineText);
    summary.table(['Distribution', 'Result', 'Invalidations', 'Paths', 'Wildcards', 'Tags', 'Took', 'Estimated cost'], ctx.targets.map(row));
    for (const t of ctx.targets)
        if (t.submitted.length > 0)
            summary.link(`${t.id}: invalidations in the CloudFront console`, consoleLink(t.id));
    costSection(summary, ctx);
    const notes = ctx.targets.flatMap((t) => [
        ...(t.plan?.collapsedSaved
            ? [
                `${t.id}: ${t.plan.collapsedSaved} paths saved by collapsing into ${t.plan.collapsedInto.join(', ')}`,
            ]
            : []),
        ...(t.plan?.duplicates ? [`${t.id}: ${t.plan.duplicates} duplicate paths removed`] : []),
        ...(t.plan?.covered
            ? [`${t.id}: ${t.plan.covered} paths already covered by a wildcard of the list dropped`]
            : []),
        ...t.notes.map((n) => `${t.id}: ${n}`),
        ...(t.reason ? [`${t.id}: ${t.reason}`] : []),
    ]);
    if (notes.length > 0)
        summary.paragraph(notes.map((n) => `- ${n}`).join('\n'));
    summary.timeline(timeline);
    summary.awsCalls(ctx.calls.callCounts());
    summary.inputs(inputsShown(ctx));
    await summary.write(logger);
}
/** CloudFront's console is global: its invalidations page of a distribution. */
function consoleLink(distributionId) {
    return consoleUrl('us-east-1', `cloudfront/v4/home#/distributions/${distributionId}/invalidations`);
}
function row(t) {
    const billed = t.submitted.reduce((n, s) => n + s.batch.items.length, 0);
    const counts = t.plan?.counts;
    return [
        t.domain ? `${t.id} (${t.domain})` : t.id,
        report_OUTCOME_TEXT[t.outcome ?? 'planned'],
        t.submitted.map((s) => s.id).join('\n') || '—',
        counts?.files,
        counts?.wildcards,
        counts?.tags,
        t.startedMs !== undefined && t.endedMs !== undefined
            ? formatDuration(t.endedMs - t.startedMs)
            : undefined,
        formatUsd(costOf(t.outcome === 'planned' ? (t.plan?.items.length ?? 0) : billed)),
    ];
}
function costSection(summary, ctx) {
    const plans = ctx.targets.flatMap((t) => (t.plan ? [t.plan] : []));
    if (plans.length === 0)
        return;
    const c = compareCosts(plans);
    // What went out is what is billed; when a run stopped short of its plan, both are shown.
    const billed = ctx.targets.reduce((n, t) => n + t.submitted.reduce((m, s) => m + s.batch.items.length, 0), 0);
    const done = ctx.inputs.dryRun
        ? [['This plan', c.planned, formatUsd(costOf(c.planned))]]
        : [
            ['This run (submitted)', billed, formatUsd(costOf(billed))],
            ...(billed === c.planned ? [] : [['Its plan', c.planned, formatUsd(costOf(c.planned))]]),
        ];
    summary.heading('Cost', 3);
    summary.table(['', 'Paths billed', 'Estimated cost'], [
        ...done,
        ['`/*` on each distribution', c.everything, formatUsd(costOf(c.everything))],
        ['The list as given, one path each', c.naive, formatUsd(costOf(c.naive))],
    ]);
    summary.paragraph(`CloudFront bills USD ${PRICE_PER_PATH_USD} per path beyond the account's first ${FREE_PATHS_PER_MONTH.toLocaleString('en-US')} of the month; a wildcard or a tag is one path. The estimates assume the free paths are used up.`);
}
function inputsShown(ctx) {
    const { inputs } = ctx;
    const source = inputs.source;
    return {
        [Input.distributionId]: inputs.target.kind === 'ids' ? inputs.target.ids.join(', ') : undefined,
        [Input.domain]: inputs.target.kind === 'domains' ? inputs.target.domains.join(', ') : undefined,
        [Input.paths]: source.kind === 'paths'
            ? `${source.requested} ${plural(source.requested, 'path')} (${source.input})`
            : undefined,
        [Input.syncLog]: source.kind === 'sync-log' ? `${source.file}: ${source.changes.keys.length} changed keys` : undefined,
        [Input.originPath]: inputs.originPath,
        [Input.tags]: inputs.tags.join(', ') || undefined,
        [Input.wait]: inputs.wait,
        [Input.timeout]: formatDuration(inputs.timeoutMs),
        [Input.onTimeout]: inputs.onTimeout,
        [Input.maxPaths]: inputs.maxPaths,
        [Input.region]: inputs.aws.region,
        [Input.dryRun]: inputs.dryRun,
    };
}

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
    const sleep = options.sleep ?? cancel_sleep;
    const now = options.now ?? Date.now;
    const random = options.random ?? Math.random;
    const started = now();
    const deadline = started + options.timeoutMs;
    let polls = 0;
    let unchanged = 0;
    let lastState;
    let value;
    for (;;) {
        throwIfCancelled(options.signal);
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

;// CONCATENATED MODULE: ./src/invalidate-cdn/run.ts









// ---- observe ----
async function observeAll(ctx) {
    const { inputs, cf, logger } = ctx;
    let ids;
    if (inputs.target.kind === 'ids')
        ids = inputs.target.ids.map((id) => ({ id }));
    else {
        const all = await cf.listDistributions();
        logger.info(`Looked through ${all.length} ${plural(all.length, 'distribution')} of the account.`);
        ids = inputs.target.domains.map((domain) => ({ id: distributionFor(domain, all), domain }));
    }
    // Two domains of one distribution are one target: invalidated once, billed once.
    const byId = new Map();
    for (const { id, domain } of ids) {
        const seen = byId.get(id);
        if (seen)
            seen.also.push(...(domain ? [domain] : []));
        else
            byId.set(id, { id, domain, also: [] });
    }
    ctx.targets = await Promise.all([...byId.values()].map(async ({ id, domain, also }) => {
        const target = await observeOne(ctx, id, domain);
        if (also.length > 0)
            target.notes.push(`${[domain, ...also].join(' and ')} are served by this one distribution, which is invalidated once`);
        return target;
    }));
}
/** The distribution serving a domain: an exact alternate domain name, else its cloudfront.net name, else a wildcard alias. */
function distributionFor(domain, all) {
    const aliases = (d) => (d.Aliases?.Items ?? []).map((a) => a.toLowerCase());
    const exact = all.find((d) => aliases(d).includes(domain) || d.DomainName?.toLowerCase() === domain);
    const wildcard = all.find((d) => aliases(d).some((a) => a.startsWith('*.') && domain.endsWith(a.slice(1)) && !domain.slice(0, -a.length + 1).includes('.')));
    const found = exact ?? wildcard;
    if (!found?.Id)
        throw new errors_UserError(`No CloudFront distribution of this account has ${domain} as an alternate domain name (looked through ${all.length} ${plural(all.length, 'distribution')}); check '${Input.domain}' or give '${Input.distributionId}'.`);
    return found.Id;
}
async function observeOne(ctx, id, domain) {
    const { cf, inputs, logger } = ctx;
    let distribution;
    try {
        distribution = await cf.getDistribution(id);
    }
    catch (error) {
        if (codeOf(error) === 'NoSuchDistribution')
            throw new errors_UserError(`Distribution ${id} does not exist in this AWS account (NoSuchDistribution); check '${Input.distributionId}'.`);
        throw error;
    }
    const config = distribution.DistributionConfig;
    if (config?.Enabled === false)
        throw new errors_UserError(`Distribution ${id} is disabled, so it serves nothing to invalidate; enable it or remove it from '${Input.distributionId}'.`);
    const cacheTagHeader = config?.CacheTagConfig?.HeaderName;
    if (inputs.tags.length > 0 && !cacheTagHeader)
        throw new errors_UserError(`Distribution ${id} has no cache-tag header configured (DistributionConfig.CacheTagConfig.HeaderName), so CloudFront cannot invalidate by tag; configure the header your origin sends tags in, or invalidate paths instead of '${Input.tags}'.`);
    const defaultOrigin = config?.DefaultCacheBehavior?.TargetOriginId;
    const origin = config?.Origins?.Items?.find((o) => o.Id === defaultOrigin) ?? config?.Origins?.Items?.[0];
    const target = {
        id,
        domain,
        distribution,
        originPath: inputs.originPath ?? origin?.OriginPath ?? '',
        originDomain: origin?.DomainName,
        defaultRootObject: config?.DefaultRootObject ?? '',
        cacheTagHeader,
        inFlight: new Map(),
        notes: [],
        wanted: [],
        submitted: [],
    };
    await discoverInFlight(ctx, target);
    const others = [...target.inFlight.values()].filter((f) => !f.completed);
    const counts = sum(others);
    logger.info(`${id}${domain ? ` (${domain})` : ''}: ${distribution.Status ?? 'unknown status'}, ${others.length} ${plural(others.length, 'invalidation')} in progress (${counts.files} file ${plural(counts.files, 'path')}, ${counts.wildcards} ${plural(counts.wildcards, 'wildcard')})${cacheTagHeader ? `, cache tags from the ${cacheTagHeader} header` : ''}.`);
    return target;
}
/**
 * Finds the invalidations in progress on a distribution that this run does not know yet
 * (another run's, the console's) and reads how many paths each holds: they count toward the
 * distribution's limits until they are Completed.
 */
async function discoverInFlight(ctx, target) {
    const recent = await ctx.cf.recentInvalidations(target.id);
    const unknown = recent.filter((i) => i.Id && i.Status !== 'Completed' && !target.inFlight.has(i.Id));
    // At most 50 are read: more would only say what TooManyInvalidationsInProgress says anyway.
    const read = await Promise.all(unknown.slice(0, 50).map((i) => ctx.cf.getInvalidation(target.id, i.Id)));
    for (const invalidation of read) {
        const counts = countItems(invalidation.InvalidationBatch?.Paths?.Items ?? []);
        target.inFlight.set(invalidation.Id, {
            id: invalidation.Id,
            files: counts.files + counts.tags,
            wildcards: counts.wildcards,
            ours: false,
            completed: invalidation.Status === 'Completed',
        });
    }
}
function sum(flights) {
    let files = 0;
    let wildcards = 0;
    for (const f of flights)
        if (!f.completed) {
            files += f.files;
            wildcards += f.wildcards;
        }
    return { files, wildcards };
}
// ---- plan ----
/**
 * The buckets of a sync log that are not the S3 bucket behind `originDomain` (its REST endpoint
 * `<bucket>.s3[.<region>].amazonaws.com` or its website endpoint `<bucket>.s3-website...`);
 * none when the origin is not an S3 bucket, whose name cannot be read from its domain.
 */
function bucketsElsewhere(buckets, originDomain) {
    const bucket = /^(.+?)\.s3(?:[.-][a-z0-9.-]*)?\.amazonaws\.com(?:\.cn)?$/i.exec(originDomain ?? '')?.[1];
    if (bucket === undefined)
        return [];
    return buckets.filter((b) => b.toLowerCase() !== bucket.toLowerCase());
}
function planAll(ctx) {
    for (const target of ctx.targets)
        planOne(ctx, target);
}
function planOne(ctx, target) {
    const { inputs } = ctx;
    const source = inputs.source;
    let checked = [];
    let requested = 0;
    if (source.kind === 'paths') {
        checked = source.paths;
        requested = source.requested;
    }
    else if (source.kind === 'sync-log') {
        const mapped = keysToPaths(source.changes.keys, target.originPath, target.defaultRootObject);
        if (mapped.outside.length > 0)
            target.notes.push(`${mapped.outside.length} changed ${plural(mapped.outside.length, 'key')} of the sync log ${mapped.outside.length === 1 ? 'is' : 'are'} outside the origin path ${target.originPath} and not served by ${target.id} (e.g. ${mapped.outside[0]})`);
        checked = mapped.paths.map((p) => checkKeyPath(p, `Input '${Input.syncLog}'`));
        requested = mapped.paths.length;
        const elsewhere = bucketsElsewhere(source.changes.buckets, target.originDomain);
        if (elsewhere.length > 0)
            target.notes.push(`the sync log writes to ${elsewhere.map((b) => `s3://${b}`).join(', ')}, but ${target.id} serves its default origin ${target.originDomain}: its keys were taken as that origin's, so check that the log and the distribution go together`);
        if (source.changes.failed > 0)
            target.notes.push(`the sync log reports ${source.changes.failed} failed ${plural(source.changes.failed, 'transfer')}: those objects did not change and are not invalidated`);
    }
    for (const c of checked)
        if (c.note)
            target.notes.push(c.note);
    const items = [...checked.map((c) => c.path), ...inputs.tags];
    requested += inputs.tags.length;
    if (items.length === 0)
        throw new errors_UserError(`Nothing to invalidate on ${target.id}: every key of '${Input.syncLog}' is outside its origin path ${target.originPath}; check '${Input.originPath}'.`);
    target.wanted = items;
    target.plan = planDistribution({
        distributionId: target.id,
        items,
        requested,
        maxPaths: inputs.maxPaths,
        run: inputs.run,
    });
    // The plan must invalidate everything asked for: a bug here must never turn into a green step.
    const covered = coverage(target.plan.items);
    const missed = items.filter((p) => !covered(p));
    if (missed.length > 0)
        throw new Error(`The plan for ${target.id} leaves ${missed.length} paths out, e.g. ${missed[0]}.`);
}
// ---- apply ----
/**
 * Submits every distribution's batches in parallel. A distribution that fails keeps its reason
 * and the others go on; a cancellation is thrown once every distribution has stopped.
 */
async function applyAll(ctx) {
    await settle(ctx.targets.map((t) => applyOne(ctx, t)));
}
async function settle(work) {
    const results = await Promise.allSettled(work);
    const cancelled = results.find((r) => r.status === 'rejected' && isCancellation(r.reason));
    if (cancelled)
        throw cancelled.reason;
    const other = results.find((r) => r.status === 'rejected');
    if (other)
        throw other.reason;
}
async function applyOne(ctx, target) {
    target.startedMs = Date.now();
    const pending = [...(target.plan?.batches ?? [])];
    try {
        while (pending.length > 0) {
            const batch = pending[0];
            const label = `${target.id} batch ${target.submitted.length + 1} of ${target.submitted.length + pending.length}`;
            const result = await run_submit(ctx, target, batch, label);
            pending.shift();
            if (result === 'split') {
                const half = Math.ceil(batch.items.length / 2);
                pending.unshift(...[batch.items.slice(0, half), batch.items.slice(half)].map((items) => toBatch(ctx, target, items)));
            }
        }
        target.outcome = 'submitted';
    }
    catch (error) {
        if (isCancellation(error))
            throw error;
        const unsent = pending.length;
        target.outcome = error instanceof TimeoutError ? 'incomplete' : 'failed';
        const reason = error instanceof TimeoutError
            ? `${unsent} of ${unsent + target.submitted.length} ${plural(unsent + target.submitted.length, 'batch', 'batches')} could not be submitted within '${Input.timeout}' (${formatDuration(ctx.inputs.timeoutMs)}): ${error.message}`
            : errors_errorMessage(error);
        // A batch whose create went unanswered before it timed out waiting for room or throttled.
        const ref = target.creating;
        target.reason =
            ref === undefined || reason.includes(ref)
                ? reason
                : `${reason.replace(/\.$/, '')}; an earlier request to create it was not answered, so ${mayExist(ref)}`;
        target.endedMs = Date.now();
    }
}
function toBatch(ctx, target, items) {
    return { items, callerReference: callerReference(ctx.inputs.run, target.id, items), ...countItems(items) };
}
/**
 * Submits one batch: waits until the distribution has room for it, then creates it. Refusals
 * for CloudFront's limits (TooManyInvalidationsInProgress: someone else started one meanwhile)
 * and throttling that outlasted the SDK's own retries are retried with backoff until the
 * timeout, never failed at once; BatchTooLarge asks for the batch to be split. A create
 * CloudFront did not answer is sent again with the same CallerReference.
 *
 * `target.creating` names the batch while CloudFront may hold an invalidation of it that this
 * run has not been told of: from the moment its create is sent until a definite answer (the
 * invalidation, or a refusal of the request itself). A create left unanswered keeps it set
 * through the backoff and the attempts after it, which only a success or such a refusal clears:
 * a refusal for limits or throttling says nothing of the attempt that went unanswered before.
 */
async function run_submit(ctx, target, batch, label) {
    const { logger } = ctx;
    // Whether an attempt of this batch went unanswered: CloudFront may have carried it out.
    let lost = false;
    try {
        await retry(async () => {
            await waitForRoom(ctx, target, batch, label);
            let invalidation;
            target.creating = batch.callerReference;
            try {
                invalidation = await ctx.cf.createInvalidation(target.id, batch.items, batch.callerReference);
            }
            catch (error) {
                // `creating` stays set while the request may have been carried out: cancelled on its
                // way, unanswered, or refused for limits or throttling after an attempt that was.
                if (unanswered(error))
                    lost = true;
                else if (!isCancellation(error) && !(lost && RETRYABLE.has(codeOf(error) ?? '')))
                    target.creating = undefined;
                if (codeOf(error) === 'TooManyInvalidationsInProgress')
                    await discoverInFlight(ctx, target);
                throw error;
            }
            target.creating = undefined;
            record(ctx, target, batch, invalidation, label);
        }, {
            label,
            attempts: Number.MAX_SAFE_INTEGER,
            minDelayMs: RETRY_MIN_DELAY_MS,
            maxDelayMs: RETRY_MAX_DELAY_MS,
            retryable: (error) => {
                const lostNow = unanswered(error);
                if (!RETRYABLE.has(codeOf(error) ?? '') && !lostNow)
                    return false;
                if (Date.now() < ctx.deadlineMs)
                    return true;
                throw new TimeoutError(lostNow
                    ? `CloudFront did not answer the request to create it (the last attempt failed with ${failureOf(error)}), so ${mayExist(batch.callerReference)}`
                    : `CloudFront still answered ${codeOf(error)} (${errors_errorMessage(error)})`);
            },
            logger,
            signal: ctx.signal,
        });
        return 'done';
    }
    catch (error) {
        if (codeOf(error) === 'BatchTooLarge' && batch.items.length > 1) {
            logger.info(`${label}: CloudFront answered BatchTooLarge for ${batch.items.length} items; splitting it in two.`);
            return 'split';
        }
        throw error;
    }
}
const mayExist = (callerReference) => `the invalidation may have been created all the same (CallerReference ${callerReference})`;
/**
 * What an unanswered create failed with: `HTTP 503 ServiceUnavailable`, the socket's `ECONNRESET`
 * (which the SDK names TimeoutError), another code, or the SDK's message when it has none.
 */
function failureOf(error) {
    const sdk = sdkError(error);
    const status = sdk?.$metadata?.httpStatusCode;
    const code = codeOf(error);
    if (status !== undefined)
        return `HTTP ${status}${code ? ` ${code}` : ''}`;
    if (typeof sdk?.code === 'string' && sdk.code !== '')
        return sdk.code;
    if (code)
        return code;
    return `"${errors_errorMessage(sdk ?? error)}"`;
}
/**
 * A create that CloudFront did not answer (a connection lost, a timeout) or answered with a 5xx,
 * once the SDK's own attempts are spent: sent again with the same CallerReference, which cannot
 * make a second invalidation ("If you make a second invalidation request with the same value for
 * CallerReference, and if the rest of the request is the same, CloudFront doesn't create a new
 * invalidation request", CloudFront API Reference, InvalidationBatch).
 */
function unanswered(error) {
    // The action's own timeouts (waiting for room) are no request CloudFront left unanswered.
    if (error instanceof errors_UserError || error instanceof TimeoutError || isCancellation(error))
        return false;
    const sdk = sdkError(error);
    const status = sdk?.$metadata?.httpStatusCode;
    if (status !== undefined)
        return status >= 500;
    return (typeof sdk?.code === 'string' && /^E[A-Z]+$/.test(sdk.code)) || sdk?.name === 'TimeoutError';
}
/** The SDK's error inside the call layer's wrapping. */
function sdkError(error) {
    return (error instanceof Error && error.cause !== undefined ? error.cause : error);
}
/** Limits and throttling: worth another attempt once the distribution or the account has room. */
const RETRYABLE = new Set([
    'TooManyInvalidationsInProgress',
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
]);
function record(ctx, target, batch, invalidation, label) {
    const id = invalidation.Id ?? '(no id)';
    const createdAt = invalidation.CreateTime;
    target.submitted.push({ id, batch, status: invalidation.Status ?? 'InProgress', createdAt });
    target.inFlight.set(id, {
        id,
        files: batch.files + batch.tags,
        wildcards: batch.wildcards,
        ours: true,
        completed: invalidation.Status === 'Completed',
    });
    ctx.logger.info(`${label}: created invalidation ${id} (${batch.items.length} ${plural(batch.items.length, 'item')}: ${batch.files} file ${plural(batch.files, 'path')}, ${batch.wildcards} ${plural(batch.wildcards, 'wildcard')}, ${batch.tags} ${plural(batch.tags, 'tag')}).`);
}
/**
 * Waits, polling the invalidations in progress, until the distribution has room for the batch
 * under CloudFront's limits (3,000 file paths and 15 wildcards in progress, counted apart).
 */
async function waitForRoom(ctx, target, batch, label) {
    const limits = CLOUDFRONT_LIMITS;
    const fits = () => {
        const busy = sum(target.inFlight.values());
        return (busy.files + batch.files + batch.tags <= limits.paths &&
            busy.wildcards + batch.wildcards <= limits.wildcards);
    };
    if (fits())
        return;
    const result = await waitFor({
        label: `${label}: queued`,
        poll: () => refreshInFlight(ctx, target),
        assess: () => {
            const running = [...target.inFlight.values()].filter((f) => !f.completed);
            const busy = sum(running);
            const others = running.filter((f) => !f.ours).length;
            return {
                state: `waiting for room: ${busy.files} file ${plural(busy.files, 'path')} and ${busy.wildcards} ${plural(busy.wildcards, 'wildcard')} in progress in ${running.length} ${plural(running.length, 'invalidation')}${others ? ` (${others} of another run)` : ''}; this batch needs ${batch.files + batch.tags} and ${batch.wildcards}`,
                done: fits(),
            };
        },
        timeoutMs: Math.max(0, ctx.deadlineMs - Date.now()),
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: POLL_MAX_DELAY_MS,
        signal: ctx.signal,
        logger: ctx.logger,
    });
    if (result.outcome !== 'done')
        throw new TimeoutError(result.reason ?? 'no room', result.state);
}
/** Polls every invalidation in progress on the distribution (ours and others'). */
async function refreshInFlight(ctx, target) {
    const running = [...target.inFlight.values()].filter((f) => !f.completed);
    await Promise.all(running.map(async (flight) => {
        const invalidation = await pollInvalidation(ctx, target.id, flight.id);
        if (invalidation?.Status === 'Completed') {
            flight.completed = true;
            markCompleted(target, flight.id);
        }
    }));
}
/** One GetInvalidation; throttling that outlasted the SDK's retries leaves the state as last seen. */
async function pollInvalidation(ctx, distributionId, id) {
    try {
        return await ctx.cf.getInvalidation(distributionId, id);
    }
    catch (error) {
        if (RETRYABLE.has(codeOf(error) ?? '')) {
            debugLogger(ctx.logger).info(`${id}: ${errors_errorMessage(error)}; polling again later`);
            return undefined;
        }
        throw error;
    }
}
function markCompleted(target, id) {
    const submitted = target.submitted.find((s) => s.id === id);
    if (submitted && submitted.status !== 'Completed') {
        submitted.status = 'Completed';
        submitted.completedAfterMs = Date.now() - (target.startedMs ?? Date.now());
    }
}
// ---- wait ----
async function waitAll(ctx, which = () => true) {
    await settle(ctx.targets.filter(which).map(async (t) => {
        try {
            await waitOne(ctx, t);
        }
        catch (error) {
            if (isCancellation(error))
                throw error;
            t.outcome = 'failed';
            t.reason = errors_errorMessage(error);
        }
    }));
}
async function waitOne(ctx, target) {
    const total = target.submitted.length;
    const result = await waitFor({
        label: target.id,
        poll: async () => {
            await Promise.all(target.submitted
                .filter((s) => s.status !== 'Completed')
                .map(async (s) => {
                const invalidation = await pollInvalidation(ctx, target.id, s.id);
                if (invalidation?.Status === 'Completed') {
                    const flight = target.inFlight.get(s.id);
                    if (flight)
                        flight.completed = true;
                    markCompleted(target, s.id);
                }
            }));
        },
        assess: () => {
            const done = target.submitted.filter((s) => s.status === 'Completed').length;
            return {
                state: `${done} of ${total} ${plural(total, 'invalidation')} completed`,
                done: done === total,
            };
        },
        timeoutMs: Math.max(0, ctx.deadlineMs - Date.now()),
        minDelayMs: POLL_MIN_DELAY_MS,
        maxDelayMs: POLL_MAX_DELAY_MS,
        signal: ctx.signal,
        logger: ctx.logger,
    });
    target.endedMs = Date.now();
    if (result.outcome === 'done') {
        target.outcome = 'completed';
        return;
    }
    target.outcome = 'propagating';
    const left = target.submitted.filter((s) => s.status !== 'Completed').map((s) => s.id);
    target.reason = `${left.length} ${plural(left.length, 'invalidation')} (${left.join(', ')}) did not reach Completed within '${Input.timeout}' (${formatDuration(ctx.inputs.timeoutMs)}); CloudFront carries on with ${left.length === 1 ? 'it' : 'them'} at the edge`;
}
// ---- verify ----
/**
 * Checks the result against the plan: every item planned went out in a batch CloudFront
 * accepted, every path asked for is covered by those items, and (after waiting) every
 * invalidation is Completed. Returns the problems, one clause each.
 */
function verify(ctx) {
    const problems = [];
    for (const target of ctx.targets) {
        const sent = target.submitted.flatMap((s) => s.batch.items);
        const sentSet = new Set(sent);
        const missing = (target.plan?.items ?? []).filter((item) => !sentSet.has(item));
        if (missing.length > 0)
            problems.push(`${target.id}: ${missing.length} planned items were not submitted, e.g. ${missing[0]}`);
        const covered = coverage(sent);
        const uncovered = target.wanted.filter((p) => !covered(p));
        if (uncovered.length > 0)
            problems.push(`${target.id}: ${uncovered.length} paths asked for are not covered, e.g. ${uncovered[0]}`);
    }
    return problems;
}
// ---- helpers ----
/** AWS's error code of a failure (through the call layer's wrapping). */
const codeOf = awsErrorCode;

;// CONCATENATED MODULE: ./src/invalidate-cdn/main.ts











/**
 * invalidate-cdn: CloudFront invalidations that respect every limit, retry what CloudFront
 * refuses for its limits or throttles, cost as little as possible, and are waited to completion.
 *
 * inputs -> observe -> plan -> apply -> wait -> verify -> report
 */
async function main({ signal, logger }) {
    const inputs = getInputs();
    const { connect } = await Promise.all(/* import() */[__nccwpck_require__.e(169), __nccwpck_require__.e(119)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2119));
    const calls = new AwsCalls(inputs.aws, signal);
    const startedMs = Date.now();
    const ctx = {
        inputs,
        cf: connect(calls),
        calls,
        logger,
        signal,
        targets: [],
        startedMs,
        deadlineMs: startedMs + inputs.timeoutMs,
    };
    const run = new Phases(new Timeline(), 'observe');
    let thrown;
    let warning;
    try {
        warning = await pipeline(ctx, run);
    }
    catch (error) {
        thrown = error instanceof CancelledError ? cancelled(ctx, run.current, error) : error;
        throw thrown;
    }
    finally {
        if (ctx.targets.length > 0 && ctx.targets.every((t) => t.plan)) {
            setOutputs(ctx);
            const failure = thrown === undefined ? undefined : errors_errorMessage(thrown);
            await writeSummary(ctx, run.timeline, headline(ctx, failure, warning), logger);
        }
    }
    if (warning)
        core_warning(warning);
}
/** Runs the phases; returns the warning to show when the step succeeds with one (`on-timeout: warn`). */
async function pipeline(ctx, run) {
    const { inputs, logger } = ctx;
    await run.phase('observe', 'Observe', () => observeAll(ctx));
    await run.phase('plan', 'Plan', async () => logPlan(ctx));
    if (inputs.dryRun) {
        for (const t of ctx.targets)
            t.outcome = 'planned';
        run.skip(['apply', 'wait'], 'dry run');
        logger.info('Dry run: nothing was changed.');
        return undefined;
    }
    try {
        await run.phase('apply', 'Submit the invalidations', () => applyAll(ctx));
    }
    finally {
        // Whatever went out stays in the outputs, even when another batch could not be submitted.
        for (const t of ctx.targets)
            t.outcome ??= 'failed';
    }
    // A distribution whose batches could not all go out fails the step, but the others' went out
    // and are waited for first, as asked, so the summary says whether they completed.
    const stopped = ctx.targets.some((t) => t.outcome === 'failed' || t.outcome === 'incomplete');
    if (stopped && inputs.wait && ctx.targets.some((t) => t.outcome === 'submitted'))
        await run.phase('wait', 'Wait until Completed', () => waitAll(ctx, (t) => t.outcome === 'submitted'));
    throwFailures(ctx);
    if (!inputs.wait) {
        run.skip(['wait'], `'${Input.wait}' is false`);
        return main_checked(ctx, run);
    }
    await run.phase('wait', 'Wait until Completed', () => waitAll(ctx));
    throwFailures(ctx);
    await main_checked(ctx, run);
    const slow = ctx.targets.filter((t) => t.outcome === 'propagating');
    if (slow.length === 0)
        return undefined;
    run.markFailed('wait');
    const sentence = slow.map((t) => `${t.id}: ${t.reason}.`).join(' ');
    if (inputs.onTimeout === 'warn')
        return sentence;
    throw new errors_UserError(`${sentence} Set '${Input.onTimeout}: warn' to let a slow propagation pass.`);
}
function throwFailures(ctx) {
    const failed = ctx.targets.filter((t) => t.outcome === 'failed' || t.outcome === 'incomplete');
    if (failed.length > 0)
        throw new errors_UserError(failed.map((t) => `${t.id}: ${t.reason?.replace(/\.$/, '')}.`).join(' '));
}
/** The verify phase: what went out covers what was asked for (see run.verify). */
async function main_checked(ctx, run) {
    await run.untitled('verify', async () => {
        const problems = verify(ctx);
        if (problems.length > 0)
            throw new Error(`The submitted invalidations do not match the plan: ${problems.join('; ')}.`);
        const n = ctx.targets.reduce((sum, t) => sum + t.wanted.length, 0);
        ctx.logger.info(`Verified: the submitted invalidations cover all ${n} ${plural(n, 'path')} asked for.`);
    });
    return undefined;
}
function logPlan(ctx) {
    planAll(ctx);
    for (const target of ctx.targets) {
        for (const line of describePlan(target.plan))
            ctx.logger.info(line);
        for (const note of target.notes)
            ctx.logger.info(`  ${note}`);
    }
    const c = compareCosts(ctx.targets.map((t) => t.plan));
    ctx.logger.info(`Estimated cost: ${formatUsd(costOf(c.planned))} for ${c.planned} ${plural(c.planned, 'path')} (the list as given: ${c.naive} paths, ${formatUsd(costOf(c.naive))}; '/*': ${c.everything}, ${formatUsd(costOf(c.everything))}), beyond the month's free paths.`);
}
/** What a cancelled run leaves behind, in one sentence. */
function cancelled(ctx, stage, error) {
    const ids = ctx.targets.flatMap((t) => t.submitted.map((s) => s.id));
    // A create sent and not answered may have been carried out: said so, with the reference
    // CloudFront would find it by, rather than "no invalidation was created".
    const unanswered = ctx.targets.filter((t) => t.creating !== undefined);
    const pending = unanswered.length === 0
        ? ''
        : `; ${unanswered.length === 1 ? 'a request' : `${unanswered.length} requests`} to create one ${unanswered.length === 1 ? 'was' : 'were'} not answered yet, so CloudFront may have created ${unanswered.length === 1 ? 'it' : 'them'} (${unanswered.map((t) => `distribution ${t.id}, CallerReference ${t.creating}`).join('; ')})`;
    const left = ids.length === 0
        ? pending === ''
            ? 'no invalidation was created'
            : `no invalidation is known to have been created${pending}`
        : `${ids.length} ${plural(ids.length, 'invalidation')} (${ids.join(', ')}) ${ids.length === 1 ? 'was' : 'were'} created and CloudFront carries on with ${ids.length === 1 ? 'it' : 'them'}${pending}`;
    for (const t of ctx.targets)
        if (t.outcome === undefined || t.outcome === 'submitted')
            t.outcome = 'cancelled';
    info(`Cancelled during ${stage}: ${left}.`);
    return new CancelledError(`${error.message.replace(/\.$/, '')} during ${stage}: ${left}.`);
}

;// CONCATENATED MODULE: ./src/invalidate-cdn/index.ts


start('invalidate-cdn', main);

