/*
 * The Custom UI bridge inside an app iframe: defines globalThis.__bridge before the app's bundle
 * runs (as Jira's iframe host does), so @forge/bridge finds it when its modules are imported.
 * Every command goes to the shell window by postMessage; what cannot cross postMessage
 * (callbacks: modal onClose, event listeners, the history object) stays here and is driven by
 * messages from the shell. The frame also reports its content height so the shell can size it.
 */
(function () {
  'use strict';
  var shell = window.parent;
  var pending = new Map();
  var seq = 0;
  var modalCallbacks = new Map();
  var eventListeners = new Map(); // event name -> Set(callback)
  var historyListeners = new Set();
  var historyObject = null;

  // Functions cannot be cloned into a message; drop them (the commands that take callbacks keep them here).
  function cloneable(value) {
    if (value === undefined) return undefined;
    return JSON.parse(JSON.stringify(value, function (_k, v) { return typeof v === 'function' ? undefined : v; }));
  }

  function send(cmd, payload) {
    return new Promise(function (resolve, reject) {
      var id = 'call-' + ++seq;
      pending.set(id, { resolve: resolve, reject: reject });
      shell.postMessage({ liaison: 'call', id: id, cmd: cmd, payload: cloneable(payload) }, '*');
    });
  }

  function toLocation(to, state) {
    var loc = { pathname: '/', search: '', hash: '', state: state === undefined ? null : state, key: Math.random().toString(36).slice(2, 10) };
    if (typeof to === 'string') {
      var url = new URL(to, 'http://app' + (historyObject ? historyObject.location.pathname : '/'));
      loc.pathname = url.pathname; loc.search = url.search; loc.hash = url.hash;
    } else if (to && typeof to === 'object') {
      loc.pathname = to.pathname || (historyObject ? historyObject.location.pathname : '/');
      loc.search = to.search || ''; loc.hash = to.hash || '';
      if (to.state !== undefined && state === undefined) loc.state = to.state;
    }
    return loc;
  }

  function notifyHistory(action) {
    historyObject.action = action;
    historyListeners.forEach(function (cb) { try { cb(historyObject.location, action); } catch (e) { console.error(e); } });
  }

  function makeHistory(initial) {
    var entries = 1;
    historyObject = {
      action: 'POP',
      location: initial,
      get length() { return entries; },
      createHref: function (to) { var l = toLocation(to); return l.pathname + l.search + l.hash; },
      push: function (to, state) {
        historyObject.location = toLocation(to, state); entries++;
        send('historyChanged', { action: 'PUSH', location: historyObject.location });
        notifyHistory('PUSH');
      },
      replace: function (to, state) {
        historyObject.location = toLocation(to, state);
        send('historyChanged', { action: 'REPLACE', location: historyObject.location });
        notifyHistory('REPLACE');
      },
      go: function (n) { send('historyGo', { delta: n }); },
      back: function () { send('historyGo', { delta: -1 }); },
      forward: function () { send('historyGo', { delta: 1 }); },
      goBack: function () { send('historyGo', { delta: -1 }); },
      goForward: function () { send('historyGo', { delta: 1 }); },
      block: function () { return function () {}; },
      listen: function (cb) { historyListeners.add(cb); return function () { historyListeners.delete(cb); }; }
    };
    return historyObject;
  }

  function callBridge(cmd, payload) {
    switch (cmd) {
      case 'createHistory':
        if (historyObject) return Promise.resolve(historyObject);
        return send('createHistory').then(makeHistory);
      case 'openModal': {
        var modalId = 'modal-' + ++seq;
        if (payload && typeof payload.onClose === 'function') modalCallbacks.set(modalId, payload.onClose);
        var rest = Object.assign({}, payload, { modalId: modalId });
        delete rest.onClose;
        return send('openModal', rest);
      }
      case 'on':
      case 'onPublic': {
        var name = (cmd === 'onPublic' ? 'public:' : '') + payload.event;
        if (!eventListeners.has(name)) eventListeners.set(name, new Set());
        var cb = payload.callback;
        eventListeners.get(name).add(cb);
        return Promise.resolve({ unsubscribe: function () { eventListeners.get(name).delete(cb); } });
      }
      case 'emit':
        return send('emit', { event: payload.event, payload: payload.payload, public: false });
      case 'emitPublic':
        return send('emit', { event: payload.event, payload: payload.payload, public: true });
      case 'enableTheming':
        return send('enableTheming').then(function (theme) {
          var html = document.documentElement;
          html.setAttribute('data-color-mode', theme.colorMode);
          html.setAttribute('data-theme', theme.dataTheme);
          if (!document.getElementById('liaison-theme')) {
            var link = document.createElement('link');
            link.id = 'liaison-theme'; link.rel = 'stylesheet'; link.href = '/shell/theme.css';
            document.head.appendChild(link);
          }
          return undefined;
        });
      default:
        return send(cmd, payload);
    }
  }

  window.addEventListener('message', function (event) {
    if (event.source !== shell) return;
    var msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.liaison === 'reply') {
      var call = pending.get(msg.id);
      if (!call) return;
      pending.delete(msg.id);
      if (msg.error) {
        var err = new Error(msg.error.message);
        if (msg.error.name) err.name = msg.error.name;
        call.reject(err);
      } else call.resolve(msg.result);
    } else if (msg.liaison === 'history' && historyObject) {
      historyObject.location = msg.location;
      notifyHistory(msg.action || 'POP');
    } else if (msg.liaison === 'modalClosed') {
      var onClose = modalCallbacks.get(msg.modalId);
      modalCallbacks.delete(msg.modalId);
      if (onClose) onClose(msg.payload);
    } else if (msg.liaison === 'event') {
      var listeners = eventListeners.get((msg.public ? 'public:' : '') + msg.event);
      if (listeners) listeners.forEach(function (cb) { try { cb(msg.payload); } catch (e) { console.error(e); } });
    }
  });

  globalThis.__bridge = { callBridge: callBridge };

  // Auto-resize: report the content height whenever it changes, as Jira's iframe resizer does.
  // The content is measured (the bottom of body's children), not body itself: Atlaskit's CSS reset
  // sets html, body { height: 100% }, so body keeps the frame's height whatever its content does.
  var lastHeight = 0;
  function contentHeight() {
    var body = document.body;
    if (!body) return 0;
    var bottom = 0;
    for (var i = 0; i < body.children.length; i++) {
      var child = body.children[i];
      if (child.tagName === 'SCRIPT' || child.tagName === 'STYLE') continue;
      var rect = child.getBoundingClientRect();
      var margin = parseFloat(getComputedStyle(child).marginBottom) || 0;
      bottom = Math.max(bottom, rect.bottom + margin + window.scrollY);
    }
    var style = getComputedStyle(body);
    return Math.ceil(bottom + (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.marginBottom) || 0));
  }
  function reportHeight() {
    var height = contentHeight();
    if (height !== lastHeight) {
      lastHeight = height;
      shell.postMessage({ liaison: 'resize', height: height }, '*');
    }
  }
  function watchSize() {
    reportHeight();
    if (typeof ResizeObserver !== 'function') {
      setInterval(reportHeight, 500);
      return;
    }
    var sizes = new ResizeObserver(reportHeight);
    var watched = new Set();
    function watchChildren() {
      for (var i = 0; i < document.body.children.length; i++) {
        var child = document.body.children[i];
        if (!watched.has(child)) { watched.add(child); sizes.observe(child); }
      }
      reportHeight();
    }
    watchChildren();
    new MutationObserver(watchChildren).observe(document.body, { childList: true });
  }
  if (document.body) watchSize();
  else document.addEventListener('DOMContentLoaded', watchSize);
})();
