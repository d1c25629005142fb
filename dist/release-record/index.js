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


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat: io_util_stat, symlink, unlink } = external_fs_namespaceObject.promises;
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
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
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
class errors_CancelledError extends Error {
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
        if (error instanceof errors_UserError || error instanceof errors_CancelledError)
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
            controller.abort(new errors_CancelledError(`The run was cancelled (${name}).`));
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
    return signal.reason instanceof errors_CancelledError
        ? signal.reason
        : new errors_CancelledError('The run was cancelled.');
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
function cancel_isCancellation(error) {
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
    return core.group(name, fn);
}
/** Formats a duration in milliseconds for people: `850ms`, `12.4s`, `3m 05s`, `1h 02m`. */
function log_formatDuration(ms) {
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
    if (error instanceof errors_UserError || error instanceof errors_CancelledError) {
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
        throw new errors_UserError(`Input '${name}' is required but was not provided.`);
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
            throw new UserError(`Input '${name}' must be ${DURATION_TEXT}; got ${quote(value)}.`);
        }
        ms = parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0);
    }
    ms = Math.round(ms);
    const { min, max } = options;
    if (min !== undefined && ms < min) {
        throw new UserError(`Input '${name}' must be at least ${describeMs(min)}; got ${quote(value)}.`);
    }
    if (max !== undefined && ms > max) {
        throw new UserError(`Input '${name}' must be at most ${describeMs(max)}; got ${quote(value)}.`);
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
        throw new errors_UserError(`Input '${name}' must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens), got ${quote(value)}.`);
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
        throw new errors_UserError(`Input '${name}' is not valid JSON: ${describeJsonError(text, error)}.`);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
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
    const sleep = options.sleep ?? cancel_sleep;
    const random = options.random ?? Math.random;
    const retryable = options.retryable ?? ((e) => !(e instanceof errors_UserError) && !(e instanceof errors_CancelledError));
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

;// CONCATENATED MODULE: ./src/release-record/record.ts


/**
 * The release record: what one release deployed to one environment, stored beside the binary
 * at `<prefix>/<version>/release-<environment>.json` so that the rollback workflow knows, for
 * every stage, what "the previous release" was. Everything here is pure.
 */
const FORMAT = 1;
/** The job ids of release.yml, each a stage of the record. */
const STAGES = (/* unused pure expression or super */ null && (['ami', 'database', 'binary', 'ecs', 'cdn']));
/** Where the record of `version` in `environment` lives. */
function recordKey(prefix, version, environment) {
    return `${prefix}/${version}/release-${encodeURIComponent(environment)}.json`;
}
const nonEmpty = (value) => value === undefined || value === '' ? undefined : value;
function parseJsonOr(text, fallback) {
    if (!nonEmpty(text))
        return fallback;
    try {
        return JSON.parse(text);
    }
    catch {
        return fallback;
    }
}
function times(job) {
    return {
        result: job.result ?? 'unknown',
        startedAt: nonEmpty(job.outputs?.['started-at']),
        finishedAt: nonEmpty(job.outputs?.['finished-at']),
    };
}
/** The record of a release from its jobs' results and outputs; stages that were skipped are left out. */
function buildRecord(facts) {
    const { needs } = facts;
    const ran = (stage) => {
        const job = needs[stage];
        return job && job.result !== 'skipped' ? job : undefined;
    };
    const input = (name) => {
        const value = facts.releaseInputs[name];
        return value === undefined || value === null || value === '' ? undefined : String(value);
    };
    const record = {
        format: FORMAT,
        environment: facts.environment,
        version: facts.version,
        recordedAt: facts.recordedAt,
        run: facts.run,
        stages: {},
    };
    const ami = ran('ami');
    if (ami)
        record.stages.ami = {
            ...times(ami),
            amiId: nonEmpty(ami.outputs?.['ami-id']),
            amiIds: parseJsonOr(ami.outputs?.['ami-ids'], undefined),
            previousAmiId: nonEmpty(ami.outputs?.['previous-ami-id']),
        };
    const database = ran('database');
    if (database)
        record.stages.database = {
            ...times(database),
            dumpUri: nonEmpty(database.outputs?.['dump-uri']),
            verification: nonEmpty(database.outputs?.verification),
            rows: nonEmpty(database.outputs?.rows),
        };
    const binary = ran('binary');
    if (binary) {
        const objectKey = nonEmpty(binary.outputs?.['object-key']);
        record.previousVersion = nonEmpty(binary.outputs?.['previous-version']);
        record.stages.binary = {
            ...times(binary),
            bucket: facts.bucket,
            prefix: facts.prefix,
            pointerKey: input('binary-pointer-key'),
            objectKey,
            binaryName: objectKey?.split('/').pop(),
            sha256: nonEmpty(binary.outputs?.sha256),
            restart: {
                targets: input('binary-targets'),
                instanceIds: input('binary-instance-ids'),
                service: input('binary-service'),
                commands: input('binary-commands'),
                healthCheck: input('binary-health-check'),
                installMode: input('binary-install-mode'),
                workingDirectory: input('binary-working-directory'),
                healthCheckTimeout: input('binary-health-check-timeout'),
                deliveryTimeout: input('binary-delivery-timeout'),
                executionTimeout: input('binary-execution-timeout'),
                maxConcurrency: input('binary-max-concurrency'),
                maxErrors: input('binary-max-errors'),
            },
        };
    }
    const ecs = ran('ecs');
    if (ecs)
        record.stages.ecs = { ...times(ecs), services: parseJsonOr(ecs.outputs?.services, []) };
    const cdn = ran('cdn');
    if (cdn)
        record.stages.cdn = {
            ...times(cdn),
            distributionId: input('cdn-distribution-id'),
            domain: input('cdn-domain'),
            invalidationIds: parseJsonOr(cdn.outputs?.['invalidation-ids'], undefined),
            pathsSubmitted: nonEmpty(cdn.outputs?.['paths-submitted']),
        };
    return record;
}
/**
 * The record to store when `stored` (the record of the same version and environment already in
 * S3, if any) may know the release before better than this run did. A re-run of a release (its
 * "Re-run all jobs", or a run cancelled before deploy-binary read the pointer) finds the pointer
 * already naming its own version, or learns nothing: its previous-version is the version itself
 * or empty, and writing that would leave a rollback to `previous` nowhere to go. Then the stored
 * record's release before is kept.
 */
function keepPreviousVersion(record, stored) {
    const learned = record.previousVersion !== undefined && record.previousVersion !== record.version;
    if (learned)
        return record;
    const before = stored?.previousVersion;
    return { ...record, previousVersion: before !== record.version ? before : undefined };
}
/**
 * Why a rollback cannot go to `goal` while `current` is live, or undefined when it can: going to
 * the version live now would change nothing (a record naming its own version as the one before
 * it is what a re-run of a release wrote before keepPreviousVersion).
 */
function rollbackGoalProblem(goal, current, target) {
    if (current === undefined || goal !== current)
        return undefined;
    return target === 'previous'
        ? `The release record of ${current} names ${current} itself as the release before it (a re-run of that release recorded it), so there is no earlier release to go back to; input 'target' must name the version to go back to.`
        : `Input 'target' is ${goal}, the version live now, so a rollback to it would change nothing; name an earlier version.`;
}
/** Why a record read back from S3 cannot be used, or undefined when it can. */
function recordProblem(record, version, environment) {
    if (typeof record !== 'object' || record === null)
        return 'it is not a JSON object';
    const r = record;
    if (r.format !== FORMAT)
        return `its format is ${String(r.format)}, and this version reads format ${FORMAT}`;
    if (r.version !== version)
        return `it records version ${String(r.version)}`;
    if (r.environment !== environment)
        return `it records environment ${String(r.environment)}`;
    if (typeof r.stages !== 'object' || r.stages === null)
        return 'it has no stages';
    return undefined;
}
/**
 * The revision a service ran when the release ended: the new one when ecs-deploy deployed (or,
 * with wait false, updated) it, the one before when it rolled back or never updated it; none
 * when the outcome is unknown (failed without a rollback, cancelled, only planned).
 */
function liveRevision(s) {
    if (s.result === 'deployed' || s.result === 'updated')
        return s.taskDefinitionArn;
    if (s.result === 'rolled-back' || s.result === 'not-updated')
        return s.previousTaskDefinitionArn;
    return undefined;
}
/**
 * The ecs-deploy runs that put `record`'s services back on its task definitions, one per
 * cluster, region and revision (ecs-deploy deploys one revision to every service it is given),
 * restricted to `only` when given. Services whose live revision is unknown are left out.
 */
function ecsRollbacks(record, defaultRegion, only = []) {
    const groups = new Map();
    for (const s of record.stages.ecs?.services ?? []) {
        const live = liveRevision(s);
        if (!live)
            continue;
        if (only.length > 0 && !only.includes(s.service))
            continue;
        const region = s.region ?? defaultRegion;
        const key = `${s.cluster}\n${region}\n${live}`;
        const group = groups.get(key);
        if (group)
            group.services = `${group.services},${s.service}`;
        else
            groups.set(key, {
                cluster: s.cluster,
                region,
                services: s.service,
                'task-definition': live,
            });
    }
    return [...groups.values()];
}
function took(stage) {
    if (!stage?.startedAt || !stage.finishedAt)
        return undefined;
    const ms = Date.parse(stage.finishedAt) - Date.parse(stage.startedAt);
    return Number.isFinite(ms) && ms >= 0 ? log_formatDuration(ms) : undefined;
}
/** The release summary: one row per stage with what it deployed and how long it took. */
function releaseSummary(record, needs) {
    const { stages } = record;
    const rows = [];
    const skipped = (stage) => (needs[stage]?.result === 'skipped' ? 'skipped' : 'not run');
    const row = (name, stage, what) => {
        rows.push([name, stage ? stage.result : skipped(name), what ?? '', took(stage) ?? '']);
    };
    row('ami', stages.ami, stages.ami &&
        Object.entries(stages.ami.amiIds ?? (stages.ami.amiId ? { '': stages.ami.amiId } : {}))
            .map(([region, id]) => (region ? `${region}: ${id}` : id))
            .join(', '));
    row('database', stages.database, stages.database && [stages.database.dumpUri, stages.database.verification].filter(Boolean).join(', '));
    row('binary', stages.binary, stages.binary &&
        `s3://${stages.binary.bucket}/${stages.binary.objectKey ?? ''} (SHA-256 ${stages.binary.sha256 ?? '?'})`);
    row('ecs', stages.ecs, stages.ecs?.services.map((s) => `${s.service}: ${s.taskDefinitionArn ?? '?'}`).join(', '));
    row('cdn', stages.cdn, stages.cdn &&
        Object.entries(stages.cdn.invalidationIds ?? {})
            .map(([id, ids]) => `${id}: ${ids.join(', ')}`)
            .join('; '));
    return markdownTable(['Stage', 'Result', 'Deployed', 'Took'], rows);
}

;// CONCATENATED MODULE: ./src/release-record/main.ts








/**
 * release-record: the bookkeeping of the release and rollback workflows. `write` stores what a
 * release deployed beside its binary and writes the release summary; `read` finds the release
 * a rollback goes back to (`previous`: the one before the release the pointer names) and hands
 * its facts to the rollback's stages; `summary` writes what each stage of a rollback went back to.
 */
const ACTION = 'release-record';
/** GitHub environment names: at most 255 characters, no line breaks or other control characters. */
const validEnvironment = (name) => name.length <= 255 && [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
function main_location(where, key) {
    return { bucket: where.bucket, key, uri: `s3://${where.bucket}/${key}` };
}
function where() {
    return {
        bucket: parseBucketName('bucket', getRequiredInput('bucket')),
        prefix: getRequiredInput('prefix').replace(/^\/+|\/+$/g, ''),
    };
}
function version(name, value) {
    if (!RELEASE_VERSION.test(value))
        throw new errors_UserError(`Input '${name}' must be a release version of letters, digits and ._+- (at most 128, starting with a letter or digit); got ${JSON.stringify(value)}.`);
    return value;
}
function needsInput() {
    const needs = getJsonInput('needs') ?? {};
    if (typeof needs !== 'object' || Array.isArray(needs))
        throw new errors_UserError(`Input 'needs' must be the JSON object of toJSON(needs); got ${typeof needs}.`);
    return needs;
}
async function main({ signal, logger }) {
    const mode = getEnumInput('mode', ['write', 'read', 'summary'], 'write');
    const environment = getRequiredInput('environment');
    if (!validEnvironment(environment))
        throw new errors_UserError(`Input 'environment' must be a GitHub environment name; got ${JSON.stringify(environment)}.`);
    if (mode === 'summary')
        return rollbackSummary(environment, needsInput(), logger);
    const place = where();
    const aws = {
        region: resolveRegion(getOptionalInput('region')),
        maxAttempts: getMaxAttemptsInput('max-attempts'),
        action: ACTION,
    };
    const calls = new AwsCalls(aws, signal);
    const s3 = await S3Transfer.connect(calls);
    if (mode === 'write') {
        const built = buildRecord({
            environment,
            version: version('version', getRequiredInput('version')),
            needs: needsInput(),
            releaseInputs: (getJsonInput('release-inputs') ?? {}),
            bucket: place.bucket,
            prefix: place.prefix,
            recordedAt: new Date().toISOString(),
            run: runOf(process.env),
        });
        const at = main_location(place, recordKey(place.prefix, built.version, environment));
        const record = keepPreviousVersion(built, await storedRecord(s3, at, built.version, environment, logger));
        if (record.previousVersion !== built.previousVersion)
            logger.info(`deploy-binary saw ${built.previousVersion ?? 'no version'} before ${built.version} (a re-run of this release); the record keeps ${record.previousVersion ?? 'no release'} as the release before it, as ${at.uri} had it.`);
        const text = `${JSON.stringify(record, null, 2)}\n`;
        const dryRun = inputs_getBooleanInput('dry-run', false);
        if (dryRun)
            logger.info(`Dry run: the record would be written to ${at.uri}:\n${text}`);
        else {
            await s3.putText(at, text, { contentType: 'application/json' });
            const back = await s3.getText(at);
            if (back?.text !== text)
                throw new Error(`The release record read back from ${at.uri} differs from the one written.`);
            logger.info(`Release record written to ${at.uri} and read back.`);
        }
        setOutput('record-uri', at.uri);
        setOutput('record', JSON.stringify(record));
        await new SummaryBuilder()
            .heading(`Release ${record.version} to ${environment}`)
            .paragraph(releaseSummary(record, needsInput()))
            .paragraph(record.previousVersion
            ? `Before it: ${record.previousVersion}. Roll back with the rollback workflow (target \`previous\`).`
            : 'No release before this one was recorded.')
            .paragraph(dryRun ? `Dry run: the record was not written (${at.uri}).` : `Record: \`${at.uri}\``)
            .write(logger);
        return;
    }
    await read(s3, place, environment, aws.region, logger);
}
/** The record already stored at `at`, when there is a usable one (a re-run of the release overwrites it). */
async function storedRecord(s3, at, v, environment, logger) {
    const found = await s3.getText(at);
    if (!found)
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(found.text);
    }
    catch {
        parsed = undefined;
    }
    const problem = recordProblem(parsed, v, environment);
    if (problem) {
        logger.info(`The record already at ${at.uri} is replaced without reading it: ${problem}.`);
        return undefined;
    }
    return parsed;
}
async function readRecord(s3, place, v, environment) {
    const at = main_location(place, recordKey(place.prefix, v, environment));
    const found = await s3.getText(at);
    if (!found)
        throw new errors_UserError(`No release of ${v} to ${environment} is recorded (${at.uri} does not exist); input 'target' must name a version the release workflow deployed to this environment.`);
    let parsed;
    try {
        parsed = JSON.parse(found.text);
    }
    catch {
        throw new errors_UserError(`The release record ${at.uri} is not JSON; it cannot be rolled back to.`);
    }
    const problem = recordProblem(parsed, v, environment);
    if (problem)
        throw new errors_UserError(`The release record ${at.uri} cannot be used: ${problem}.`);
    return { record: parsed, uri: at.uri };
}
async function read(s3, place, environment, region, logger) {
    const target = getOptionalInput('target') ?? 'previous';
    const pointerKey = getOptionalInput('pointer-key') ?? `${place.prefix}/latest.txt`;
    const pointer = await s3.getText(main_location(place, pointerKey));
    const current = pointer?.text.trim() || undefined;
    logger.info(current
        ? `s3://${place.bucket}/${pointerKey} names ${current}.`
        : `s3://${place.bucket}/${pointerKey} does not exist: nothing is released yet.`);
    // The record of the release live now: what a rollback undoes (it says where the CDN is).
    let live;
    let goal;
    if (target === 'previous') {
        if (!current)
            throw new errors_UserError(`Input 'target' is previous, but s3://${place.bucket}/${pointerKey} does not exist, so there is no current release to go back from; name a version instead.`);
        live = (await readRecord(s3, place, current, environment)).record;
        if (!live.previousVersion)
            throw new errors_UserError(`The release record of ${current} in ${environment} names no release before it; input 'target' must name the version to go back to.`);
        goal = live.previousVersion;
    }
    else {
        goal = version('target', target);
        if (current && current !== goal)
            live = await readRecord(s3, place, current, environment).then((found) => found.record, () => undefined);
    }
    const problem = rollbackGoalProblem(goal, current, target);
    if (problem)
        throw new errors_UserError(problem);
    const { record, uri } = await readRecord(s3, place, goal, environment);
    // The distribution the live release invalidated has the content that goes back; else the target's.
    const cdn = live?.stages.cdn ?? record.stages.cdn;
    const ecs = ecsRollbacks(record, region, getListInput('services'));
    const binary = record.stages.binary;
    const outputs = [
        ['version', goal],
        ['current-version', current ?? ''],
        ['record-uri', uri],
        ['record', JSON.stringify(record)],
        ['ecs-rollbacks', JSON.stringify(ecs)],
        ['binary-name', binary?.binaryName ?? ''],
        ['targets', binary?.restart.targets ?? ''],
        ['instance-ids', binary?.restart.instanceIds ?? ''],
        ['service', binary?.restart.service ?? ''],
        ['commands', binary?.restart.commands ?? ''],
        ['health-check', binary?.restart.healthCheck ?? ''],
        ['install-mode', binary?.restart.installMode ?? ''],
        ['working-directory', binary?.restart.workingDirectory ?? ''],
        ['health-check-timeout', binary?.restart.healthCheckTimeout ?? ''],
        ['delivery-timeout', binary?.restart.deliveryTimeout ?? ''],
        ['execution-timeout', binary?.restart.executionTimeout ?? ''],
        ['max-concurrency', binary?.restart.maxConcurrency ?? ''],
        ['max-errors', binary?.restart.maxErrors ?? ''],
        ['cdn-distribution-id', cdn?.distributionId ?? ''],
        ['cdn-domain', cdn?.domain ?? ''],
    ];
    for (const [name, value] of outputs)
        setOutput(name, value);
    logger.info(`Going back from ${current ?? 'nothing'} to ${goal}: ${ecs.length === 0 ? 'no ECS service' : ecs.map((e) => `${e.services} on ${e['task-definition']}`).join('; ')}.`);
    await new SummaryBuilder()
        .heading(`Rollback of ${environment} to ${goal}`)
        .facts([
        ['Live now', current ?? 'nothing'],
        ['Going back to', goal],
        ['Record', uri],
    ])
        .write(logger);
}
/** What each stage of a rollback went back to, from its jobs' results and outputs. */
async function rollbackSummary(environment, needs, logger) {
    const resolved = needs.resolve?.outputs ?? {};
    const ecs = JSON.parse(resolved['ecs-rollbacks'] || '[]');
    const result = (job) => needs[job]?.result ?? 'not run';
    const rows = [
        ['resolve', result('resolve'), resolved.version ? `found ${resolved.version}` : 'no release found'],
        [
            'binary',
            result('binary'),
            `pointer back to ${resolved.version || '?'} (was ${resolved['current-version'] || 'nothing'})`,
        ],
        [
            'ecs',
            result('ecs'),
            ecs.map((e) => `${e.services}: ${e['task-definition']}`).join(', ') || 'no service recorded',
        ],
        ['cdn', result('cdn'), needs.cdn?.outputs?.['invalidation-ids'] ?? ''],
    ];
    const failed = rows.filter(([, r]) => r === 'failure' || r === 'cancelled').map(([s]) => s);
    await new SummaryBuilder()
        .heading(`Rollback of ${environment} to ${resolved.version || '?'}`)
        .table(['Stage', 'Result', 'Went back to'], rows)
        .paragraph(failed.length === 0
        ? 'Every stage that ran went back.'
        : `Stages that did not go back: ${failed.join(', ')}; re-run the failed jobs.`)
        .write(logger);
    if (failed.length > 0)
        throw new errors_UserError(`The rollback of ${environment} did not complete: ${failed.join(', ')} failed.`);
}
function runOf(env) {
    return { commit: env.GITHUB_SHA, url: runUrl(env) };
}

;// CONCATENATED MODULE: ./src/release-record/index.ts


start('release-record', main);

