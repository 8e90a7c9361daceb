/*
 * The shell page's side of the Custom UI bridge, and its menus, flags and modals.
 * Each app iframe carries `data-liaison-frame` (module, resource, context, history base); messages
 * from an iframe are matched to it by `event.source`, answered with `{ liaison: 'reply', id, result|error }`.
 */
(function () {
  'use strict';
  var shellData = JSON.parse(document.getElementById('shell-data').textContent);
  var frames = new Map(); // contentWindow -> frame info
  var modalStack = [];
  // The theme chosen in the Theme menu, as view.theme.enable() applies it in each app frame.
  var themeEnabled = { colorMode: shellData.colorMode === 'dark' ? 'dark' : 'light', dataTheme: 'dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography' };

  function registerFrame(iframe, extra) {
    var info = Object.assign(JSON.parse(iframe.getAttribute('data-liaison-frame')), extra || {});
    info.iframe = iframe;
    iframe.addEventListener('load', function () { frames.set(iframe.contentWindow, info); });
    if (iframe.contentWindow) frames.set(iframe.contentWindow, info);
    return info;
  }
  document.querySelectorAll('iframe[data-liaison-frame]').forEach(function (f) { registerFrame(f); });

  function reply(win, id, result, error) {
    win.postMessage(error ? { liaison: 'reply', id: id, error: { message: error.message || String(error), name: error.name } } : { liaison: 'reply', id: id, result: result }, '*');
  }

  async function postJson(url, body) {
    var res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
    var data = await res.json().catch(function () { return {}; });
    if (!res.ok) throw new Error((data && data.error && data.error.message) || res.status + ' ' + res.statusText);
    return data;
  }

  // ---- history: an app's in-frame route <-> the shell URL ------------------------------------
  function shellUrlFor(frame, location) {
    var base = frame.historyBase.replace(/\/$/, '');
    var path = (location.pathname || '/').replace(/^\/+/, '');
    return base + (path ? '/' + path : '') + (location.search || '') + (location.hash || '');
  }
  function frameLocationFromShell(frame) {
    var base = frame.historyBase.replace(/\/$/, '');
    var rest = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '/';
    return { pathname: '/' + rest.replace(/^\/+/, ''), search: window.location.search, hash: window.location.hash, state: (history.state && history.state.appState) || null, key: 'default' };
  }
  window.addEventListener('popstate', function () {
    frames.forEach(function (frame, win) {
      if (frame.kind === 'page') win.postMessage({ liaison: 'history', action: 'POP', location: frameLocationFromShell(frame) }, '*');
    });
  });
  // Sidebar links to another route of the app on screen move the app's history instead of reloading.
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-app-route]');
    if (!link || e.metaKey || e.ctrlKey || e.shiftKey) return;
    var pageFrame = null;
    frames.forEach(function (f) { if (f.kind === 'page' && f.moduleKey === link.getAttribute('data-module')) pageFrame = f; });
    if (!pageFrame || !pageFrame.hasHistory) return;
    e.preventDefault();
    var location = { pathname: '/' + link.getAttribute('data-app-route'), search: '', hash: '', state: null, key: Math.random().toString(36).slice(2) };
    history.pushState({ appState: null }, '', link.href);
    markCurrentLink(link.href);
    pageFrame.iframe.contentWindow.postMessage({ liaison: 'history', action: 'PUSH', location: location }, '*');
  });
  function markCurrentLink(href) {
    document.querySelectorAll('.sidebar a[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
    document.querySelectorAll('.sidebar a').forEach(function (a) { if (a.href === href) a.setAttribute('aria-current', 'page'); });
  }

  // ---- navigation targets (router.navigate / getUrl) ------------------------------------------
  function urlForTarget(frame, loc) {
    if (loc.url) return new URL(loc.url, window.location.origin).toString();
    var project = frame.context.extension && frame.context.extension.project;
    switch (loc.target) {
      case 'issue': return window.location.origin + '/browse/' + encodeURIComponent(loc.issueKey);
      case 'projectSettingsDetails': return window.location.origin + '/projects/' + encodeURIComponent(loc.projectKey) + '/issues';
      case 'userProfile': return window.location.origin + '/people/' + encodeURIComponent(loc.accountId);
      case 'dashboard': return window.location.origin + '/dashboards' + (loc.dashboardId ? '/' + encodeURIComponent(loc.dashboardId) : '');
      case 'module': {
        var m = shellData.modules[loc.moduleKey];
        if (!m) throw new Error('No module ' + loc.moduleKey + ' in manifest.yml');
        // Forge's NavigationLocation names a route inside the module `path`.
        var route = loc.path ? '/' + String(loc.path).replace(/^\/+/, '') : '';
        if (m.type === 'jira:projectPage') {
          var key = loc.projectKey || (project && project.key);
          if (!key) throw new Error('navigate to a project page needs projectKey');
          return window.location.origin + '/projects/' + encodeURIComponent(key) + '/apps/' + m.key + route;
        }
        if (m.type === 'jira:globalPage') return window.location.origin + '/apps-global/' + m.key + route;
        if (m.type === 'jira:adminPage') return window.location.origin + '/admin/apps/' + m.key + route;
        throw new Error('Cannot navigate to a ' + m.type + ' module');
      }
      default: throw new Error('Unknown navigation target ' + loc.target);
    }
  }

  // ---- flags ------------------------------------------------------------------------------------
  var flagIcons = { info: 'ℹ', success: '✓', warning: '!', error: '✕' };
  function showFlag(opts) {
    var region = document.getElementById('flags');
    var existing = region.querySelector('[data-flag-id="' + CSS.escape(String(opts.id)) + '"]');
    if (existing) existing.remove();
    var type = opts.type || opts.appearance || 'info';
    var flag = document.createElement('div');
    flag.className = 'flag flag-' + type;
    flag.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
    flag.setAttribute('data-flag-id', String(opts.id));
    var icon = document.createElement('span'); icon.className = 'flag-icon'; icon.setAttribute('aria-hidden', 'true'); icon.textContent = flagIcons[type] || flagIcons.info;
    var body = document.createElement('div'); body.className = 'flag-body';
    var title = document.createElement('div'); title.className = 'flag-title'; title.textContent = opts.title || '';
    body.appendChild(title);
    if (opts.description) { var d = document.createElement('div'); d.className = 'flag-description'; d.textContent = opts.description; body.appendChild(d); }
    var close = document.createElement('button'); close.className = 'flag-close'; close.type = 'button'; close.setAttribute('aria-label', 'Dismiss'); close.textContent = '×';
    close.addEventListener('click', function () { flag.remove(); });
    flag.appendChild(icon); flag.appendChild(body); flag.appendChild(close);
    region.appendChild(flag);
    if (opts.isAutoDismiss !== false && type !== 'error') setTimeout(function () { flag.remove(); }, 8000);
    return true;
  }
  window.liaisonShowFlag = showFlag;

  // ---- modals -------------------------------------------------------------------------------------
  var modalMinHeights = { small: '320px', medium: '520px', large: '720px', xlarge: '90vh' };
  var modalWidths = { small: '400px', medium: '600px', large: '800px', xlarge: '968px', max: 'calc(100vw - 120px)', fullscreen: '100vw' };
  function openModal(opener, opts) {
    var resource = opts.resource || opener.resource;
    if (!shellData.resources[resource]) throw new Error('No resource ' + resource + ' in manifest.yml');
    var overlay = document.createElement('div');
    overlay.className = 'modal-overlay';
    var dialog = document.createElement('div');
    dialog.className = 'modal';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    var size = opts.size || 'medium';
    if (typeof size === 'object') { dialog.style.width = size.width; if (size.height) dialog.style.height = size.height; }
    else dialog.style.width = modalWidths[size] || modalWidths.medium;
    var header = document.createElement('div'); header.className = 'modal-header';
    var h = document.createElement('h2'); h.id = 'modal-title-' + opts.modalId; h.textContent = opts.title || '';
    dialog.setAttribute('aria-labelledby', h.id);
    var closeBtn = document.createElement('button'); closeBtn.type = 'button'; closeBtn.className = 'modal-close'; closeBtn.setAttribute('aria-label', 'Close'); closeBtn.textContent = '×';
    header.appendChild(h); header.appendChild(closeBtn);
    var iframe = document.createElement('iframe');
    iframe.className = 'app-frame modal-frame';
    iframe.title = opts.title || 'App dialog';
    var context = JSON.parse(JSON.stringify(opener.context));
    context.extension = Object.assign({}, context.extension, { modal: opts.context || {} });
    iframe.setAttribute('data-liaison-frame', JSON.stringify({ kind: 'modal', moduleKey: opener.moduleKey, resource: resource, context: context, historyBase: opener.historyBase }));
    iframe.src = '/apps/' + encodeURIComponent(resource) + '/';
    // Forge's named sizes give the dialog a least height (small 320 px, medium 520 px, large 720 px),
    // within the window; the content may grow the frame beyond it up to the dialog's own limit.
    if (typeof size !== 'object' && modalMinHeights[size]) iframe.style.minHeight = 'min(' + modalMinHeights[size] + ', calc(100vh - 200px))';
    dialog.appendChild(header); dialog.appendChild(iframe);
    overlay.appendChild(dialog);
    var previousFocus = document.activeElement;
    document.getElementById('modal-root').appendChild(overlay);
    var info = registerFrame(iframe, { modalId: opts.modalId, opener: opener });
    var entry = { overlay: overlay, info: info, opts: opts, previousFocus: previousFocus };
    modalStack.push(entry);
    closeBtn.addEventListener('click', function () { closeModal(entry, undefined); });
    if (opts.closeOnOverlayClick !== false) overlay.addEventListener('click', function (e) { if (e.target === overlay) closeModal(entry, undefined); });
    closeBtn.focus();
    return true;
  }
  function closeModal(entry, payload) {
    var i = modalStack.indexOf(entry);
    if (i < 0) return false;
    modalStack.splice(i, 1);
    frames.delete(entry.info.iframe.contentWindow);
    entry.overlay.remove();
    if (entry.previousFocus && entry.previousFocus.focus) entry.previousFocus.focus();
    var opener = entry.info.opener;
    if (opener && opener.iframe && opener.iframe.contentWindow && entry.info.modalId) {
      opener.iframe.contentWindow.postMessage({ liaison: 'modalClosed', modalId: entry.info.modalId, payload: payload }, '*');
    }
    return true;
  }
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || modalStack.length === 0) return;
    var top = modalStack[modalStack.length - 1];
    if (top.opts.closeOnEscape !== false) closeModal(top, undefined);
  });
  function modalOf(frame) { return modalStack.find(function (m) { return m.info === frame; }); }

  // Custom field editors open in a Jira-like dialog; their view.submit(value) saves the field.
  // (Delegated: view.refresh() replaces the details, buttons included.)
  document.addEventListener('click', function (e) {
    var btn = e.target.closest && e.target.closest('button[data-edit-field]');
    if (!btn) return;
    (function () {
      var spec = JSON.parse(btn.getAttribute('data-edit-field'));
      var opener = { moduleKey: spec.moduleKey, resource: spec.resource, context: spec.context, historyBase: window.location.pathname };
      openModal(opener, { resource: spec.resource, title: spec.title, modalId: 'field-' + spec.fieldId, size: 'medium' });
      var entry = modalStack[modalStack.length - 1];
      entry.info.kind = 'field-edit';
      entry.info.field = spec;
      entry.info.context.extension = spec.context.extension;
    })();
  });

  // view.refresh() from an issue view module: Jira reads the issue again and re-renders the view
  // around the app (status, fields, activity) without reloading the page; the app frames that ask
  // keep their state. Other modules' views are not refreshable (the bridge then throws).
  var REFRESHED = ['aside[aria-label="Issue details"]', '#activity-comments', '#activity-history'];
  function refreshIssueView() {
    return fetch(window.location.pathname + window.location.search, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (res) {
        if (!res.ok) throw new Error('Jira could not read the issue again (' + res.status + ')');
        return res.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        REFRESHED.forEach(function (selector) {
          var now = document.querySelector(selector);
          var next = fresh.querySelector(selector);
          if (!now || !next) return;
          now.querySelectorAll('iframe[data-liaison-frame]').forEach(function (f) { frames.delete(f.contentWindow); });
          now.innerHTML = next.innerHTML;
          now.querySelectorAll('iframe[data-liaison-frame]').forEach(function (f) { registerFrame(f); });
        });
        document.dispatchEvent(new CustomEvent('liaison:issue-refreshed'));
        return true;
      });
  }

  // ---- bridge commands --------------------------------------------------------------------------
  var handlers = {
    invoke: function (frame, p) {
      return postJson('/api/invoke', { moduleKey: frame.moduleKey, functionKey: p.functionKey, payload: p.payload, extension: frame.context.extension })
        .then(function (data) { return p.metadata ? { body: data.result, metadata: {} } : data.result; });
    },
    getContext: function (frame) {
      // Forge's extension.location: the full URL of the page the module is on, as it is now.
      if (frame.context.extension) frame.context.extension.location = window.location.href;
      return frame.context;
    },
    createHistory: function (frame) {
      frame.hasHistory = true;
      return frameLocationFromShell(frame);
    },
    historyChanged: function (frame, p) {
      var url = shellUrlFor(frame, p.location);
      if (frame.kind === 'page') {
        if (p.action === 'PUSH') history.pushState({ appState: p.location.state }, '', url);
        else history.replaceState({ appState: p.location.state }, '', url);
        markCurrentLink(window.location.href.split('?')[0].split('#')[0]);
      }
      return true;
    },
    historyGo: function (_frame, p) { history.go(p.delta); return true; },
    enableTheming: function (frame) {
      frame.context.theme = Object.assign({}, frame.context.theme, { colorMode: themeEnabled.colorMode });
      return themeEnabled;
    },
    fetchProduct: function (_frame, p) { return postJson('/api/fetch-product', p); },
    showFlag: function (_frame, p) { return showFlag(p); },
    closeFlag: function (_frame, p) {
      var el = document.querySelector('[data-flag-id="' + CSS.escape(String(p.id)) + '"]');
      if (el) el.remove();
      return true;
    },
    openModal: function (frame, p) { return openModal(frame, p); },
    close: function (frame, payload) {
      // A gadget's edit view closing without saving: Jira shows the gadget again.
      if (frame.kind === 'gadget-edit') { window.location.assign(frame.gadget.viewUrl); return true; }
      // view.close(payload) from a modal: the opener's Modal onClose receives the payload, as in Forge.
      var m = modalOf(frame);
      return m ? closeModal(m, payload) : false;
    },
    submit: function (frame, payload) {
      var m = modalOf(frame);
      if (frame.kind === 'gadget-edit') {
        // Jira saves the submitted configuration on the dashboard, then shows the gadget with it.
        return postJson('/api/gadget-config', { dashboardId: frame.gadget.dashboardId, gadgetId: frame.gadget.gadgetId, config: payload }).then(function () {
          window.location.assign(frame.gadget.viewUrl);
          return true;
        });
      }
      if (frame.kind === 'field-edit') {
        return postJson('/api/issue-field', { issueKey: frame.field.issueKey, fieldId: frame.field.fieldId, value: payload }).then(function () {
          if (m) closeModal(m, payload);
          window.location.reload();
          return true;
        });
      }
      return m ? closeModal(m, payload) : false;
    },
    navigate: function (frame, p) {
      var url = urlForTarget(frame, p);
      if (p.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
      return true;
    },
    getUrl: function (frame, p) { return urlForTarget(frame, p); },
    reload: function () { window.location.reload(); return true; },
    refresh: function (frame) {
      if (frame.kind !== 'panel' && frame.kind !== 'field-view') return false;
      return refreshIssueView();
    },
    changeWindowTitle: function (_frame, title) { document.title = String(title); return true; },
    emitReadyEvent: function () { return true; },
    emit: function (frame, p) {
      frames.forEach(function (f, win) {
        if (p.public || f.moduleKey === frame.moduleKey) win.postMessage({ liaison: 'event', event: p.event, payload: p.payload, public: p.public }, '*');
      });
      return true;
    }
  };

  window.addEventListener('message', function (event) {
    var msg = event.data;
    if (!msg || typeof msg !== 'object' || !msg.liaison) return;
    var frame = frames.get(event.source);
    if (!frame) return;
    if (msg.liaison === 'resize') {
      // A field's view is one line of the details list (24 px, like the values beside it); panels and gadgets start taller.
      var min = frame.kind === 'page' ? Math.max(400, window.innerHeight - frame.iframe.getBoundingClientRect().top - 24) : frame.kind === 'field-view' ? 24 : 40;
      frame.iframe.style.height = Math.max(min, msg.height) + 'px';
      return;
    }
    if (msg.liaison !== 'call') return;
    var handler = handlers[msg.cmd];
    if (!handler) {
      reply(event.source, msg.id, undefined, new Error("Bridge command '" + msg.cmd + "' is not available in the Liaison local host"));
      return;
    }
    Promise.resolve()
      .then(function () { return handler(frame, msg.payload); })
      .then(function (result) { reply(event.source, msg.id, result); }, function (err) { reply(event.source, msg.id, undefined, err); });
  });

  // ---- menus (user switcher, apps, settings) ------------------------------------------------------
  function setupMenu(button) {
    var menu = document.getElementById(button.getAttribute('aria-controls'));
    if (!menu) return;
    var items = function () { return Array.prototype.slice.call(menu.querySelectorAll('[role^="menuitem"]')); };
    function open(focusLast) {
      closeAllMenus(button);
      menu.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      var list = items();
      var checked = list.find(function (i) { return i.getAttribute('aria-checked') === 'true'; });
      var target = focusLast ? list[list.length - 1] : checked || list[0];
      if (target) target.focus();
    }
    function close(refocus) {
      menu.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      if (refocus) button.focus();
    }
    button.addEventListener('click', function () { if (menu.hidden) open(false); else close(false); });
    button.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); open(false); }
      if (e.key === 'ArrowUp') { e.preventDefault(); open(true); }
    });
    menu.addEventListener('keydown', function (e) {
      var list = items();
      var i = list.indexOf(document.activeElement);
      if (e.key === 'ArrowDown') { e.preventDefault(); list[(i + 1) % list.length].focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); list[(i - 1 + list.length) % list.length].focus(); }
      else if (e.key === 'Home') { e.preventDefault(); list[0].focus(); }
      else if (e.key === 'End') { e.preventDefault(); list[list.length - 1].focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); close(true); }
      else if (e.key === 'Tab') close(false);
    });
    button._closeMenu = close;
  }
  var menuButtons = Array.prototype.slice.call(document.querySelectorAll('button[aria-haspopup="menu"]'));
  function closeAllMenus(except) {
    menuButtons.forEach(function (b) { if (b !== except && b._closeMenu) b._closeMenu(false); });
  }
  menuButtons.forEach(setupMenu);
  document.addEventListener('click', function (e) {
    if (!e.target.closest('.menu-wrap')) closeAllMenus(null);
  });

  // ---- activity tabs on the issue view ------------------------------------------------------------
  document.querySelectorAll('[role="tablist"]').forEach(function (list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    function select(tab) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute('aria-selected', String(on));
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      });
    }
    tabs.forEach(function (t, i) {
      t.addEventListener('click', function () { select(t); });
      t.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight') { e.preventDefault(); tabs[(i + 1) % tabs.length].focus(); select(tabs[(i + 1) % tabs.length]); }
        if (e.key === 'ArrowLeft') { e.preventDefault(); var j = (i - 1 + tabs.length) % tabs.length; tabs[j].focus(); select(tabs[j]); }
      });
    });
    select(tabs.find(function (t) { return t.getAttribute('aria-selected') === 'true'; }) || tabs[0]);
  });

  if (shellData.flash) showFlag(shellData.flash);
})();
