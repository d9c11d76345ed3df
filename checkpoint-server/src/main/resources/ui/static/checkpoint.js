/*
 * Checkpoint web UI: copy buttons, and the tree page's virtual list with its timeline and preview.
 * Recorded values are only ever written with textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  var ROW_HEIGHT = 24;
  var OVERSCAN = 10;
  var PREVIEW_CHARS = 20000;

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        copy(button, document.getElementById(button.getAttribute("data-copy")));
      });
    });
    var tree = document.getElementById("tree");
    if (tree) {
      new TreeView(tree).start();
    }
    // The compare page opens where behaviour first changed, not at the top of a long diff.
    var first = document.getElementById("first-divergence-change");
    if (first && !location.hash) {
      first.scrollIntoView({ block: "center" });
    }
  });

  function copy(button, source) {
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1200);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { copyBySelection(text); done(); });
    } else {
      copyBySelection(text);
      done();
    }
  }

  /* For pages served over plain HTTP to another machine, where the clipboard API is withheld. */
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }

  // The same characters Format.visible escapes on the server: direction overrides, zero-width and
  // control characters would let a recorded value disguise itself, so they are shown as \uXXXX.
  var DECEPTIVE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

  function visible(text) {
    return String(text).replace(DECEPTIVE, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = visible(text); }
    return node;
  }

  function duration(nanos) {
    if (nanos < 1000) { return nanos + " ns"; }
    if (nanos < 1e6) { return Math.round(nanos / 1e3) + " µs"; }
    if (nanos < 1e9) { return (nanos / 1e6).toFixed(nanos < 1e7 ? 2 : 1) + " ms"; }
    return (nanos / 1e9).toFixed(2) + " s";
  }

  var KIND_LABELS = {
    HTTP_SERVER: "HTTP in", HTTP_CLIENT: "HTTP out", SQL: "SQL", METHOD: "method",
    MESSAGE_PUBLISH: "publish", MESSAGE_CONSUME: "consume",
    CACHE: "cache"
  };

  /*
   * The tree as a flat list in depth-first order (see TreeLayout.java for the node fields). Only
   * the rows in view exist in the page, a fixed pool moved as the list scrolls, so a tree of any
   * size draws as fast as one screenful.
   */
  function TreeView(root) {
    var data = JSON.parse(root.getAttribute("data-nodes"));
    this.root = root;
    this.trace = root.getAttribute("data-trace");
    this.nodes = data.nodes;
    this.services = data.services;
    this.span = Math.max(1, data.span);
    this.viewport = root.querySelector(".tree-viewport");
    this.spacer = root.querySelector(".tree-spacer");
    this.detail = document.getElementById("detail");
    var count = this.nodes.length;
    this.collapsed = new Uint8Array(count);
    this.children = new Int32Array(count);
    this.subtreeEnd = new Int32Array(count);
    var open = [];
    for (var i = 0; i < count; i++) {
      var node = this.nodes[i];
      if (node.p >= 0) { this.children[node.p]++; }
      while (open.length && this.nodes[open[open.length - 1]].d >= node.d) {
        this.subtreeEnd[open.pop()] = i;
      }
      open.push(i);
    }
    while (open.length) { this.subtreeEnd[open.pop()] = count; }
    this.visible = [];
    this.rows = [];
    this.selected = -1;
    this.loading = null;
  }

  TreeView.prototype.start = function () {
    var view = this;
    this.layout();
    this.viewport.addEventListener("scroll", function () { view.draw(); }, { passive: true });
    window.addEventListener("resize", function () { view.draw(); });
    this.viewport.addEventListener("click", function (event) {
      var row = event.target.closest(".row");
      if (!row) { return; }
      var index = Number(row.getAttribute("data-index"));
      if (event.target.classList.contains("toggle")) {
        view.toggle(index);
      }
      view.select(index);
    });
    this.viewport.addEventListener("dblclick", function (event) {
      var row = event.target.closest(".row");
      if (row) { view.open(Number(row.getAttribute("data-index"))); }
    });
    this.root.addEventListener("keydown", function (event) { view.key(event); });
    document.getElementById("expand-all").addEventListener("click", function () {
      view.collapsed.fill(0);
      view.layout();
    });
    document.getElementById("collapse-all").addEventListener("click", function () {
      for (var i = 0; i < view.nodes.length; i++) {
        view.collapsed[i] = view.children[i] > 0 ? 1 : 0;
      }
      if (view.selected >= 0) { view.selected = view.rootOf(view.selected); }
      view.layout();
    });
    var wanted = this.indexOf(location.hash.slice(1));
    this.select(wanted >= 0 ? wanted : 0);
    document.body.setAttribute("data-tree-ready", "true");
    window.checkpointTreeReadyMs = performance.now();
  };

  TreeView.prototype.indexOf = function (id) {
    for (var i = 0; id && i < this.nodes.length; i++) {
      if (this.nodes[i].id === id) { return i; }
    }
    return -1;
  };

  TreeView.prototype.rootOf = function (index) {
    while (this.nodes[index].p >= 0) { index = this.nodes[index].p; }
    return index;
  };

  TreeView.prototype.layout = function () {
    var shown = [];
    var i = 0;
    while (i < this.nodes.length) {
      shown.push(i);
      i = this.collapsed[i] ? this.subtreeEnd[i] : i + 1;
    }
    this.visible = shown;
    this.position = new Int32Array(this.nodes.length).fill(-1);
    for (var p = 0; p < shown.length; p++) { this.position[shown[p]] = p; }
    this.spacer.style.height = shown.length * ROW_HEIGHT + "px";
    this.draw();
  };

  TreeView.prototype.draw = function () {
    var first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    var wanted = Math.ceil(this.viewport.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    while (this.rows.length < wanted) { this.rows.push(this.newRow()); }
    for (var k = 0; k < this.rows.length; k++) {
      var position = first + k;
      var row = this.rows[k];
      if (k >= wanted || position >= this.visible.length) {
        row.hidden = true;
      } else {
        row.hidden = false;
        this.fill(row, this.visible[position], position);
      }
    }
  };

  TreeView.prototype.newRow = function () {
    var row = element("div", "row");
    row.setAttribute("role", "treeitem");
    var name = element("span", "cell name");
    name.appendChild(element("span", "toggle"));
    name.appendChild(element("span", "kind"));
    name.appendChild(element("span", "title"));
    var service = element("span", "cell service");
    service.appendChild(element("span", "lane"));
    service.appendChild(element("span", "service-label"));
    var timeline = element("span", "cell timeline");
    timeline.appendChild(element("span", "bar"));
    row.appendChild(name);
    row.appendChild(service);
    row.appendChild(element("span", "cell dur"));
    row.appendChild(timeline);
    this.spacer.appendChild(row);
    return row;
  };

  TreeView.prototype.fill = function (row, index, position) {
    var node = this.nodes[index];
    var parts = row.childNodes;
    var name = parts[0].childNodes;
    var lane = node.s % 8;
    row.setAttribute("data-index", index);
    row.setAttribute("data-id", node.id);
    row.setAttribute("aria-level", node.d + 1);
    row.setAttribute("aria-selected", index === this.selected ? "true" : "false");
    row.className = "row" + (index === this.selected ? " selected" : "") + (node.e ? " failed" : "")
        + (node.o ? " orphan" : "");
    row.style.transform = "translateY(" + position * ROW_HEIGHT + "px)";
    parts[0].style.paddingLeft = 4 + node.d * 16 + "px";
    if (this.children[index] > 0) {
      row.setAttribute("aria-expanded", this.collapsed[index] ? "false" : "true");
      name[0].textContent = this.collapsed[index] ? "▸" : "▾";
    } else {
      row.removeAttribute("aria-expanded");
      name[0].textContent = "";
    }
    name[1].className = "kind kind-" + node.k.toLowerCase();
    name[1].textContent = KIND_LABELS[node.k] || node.k;
    name[2].textContent = (node.e ? "⚠ " : "") + visible(node.n)
        + (this.collapsed[index] ? " (+" + (this.subtreeEnd[index] - index - 1) + ")" : "");
    parts[1].firstChild.className = "lane lane-" + lane;
    parts[1].lastChild.textContent = visible(this.services[node.s]);
    parts[2].textContent = duration(node.u);
    var bar = parts[3].firstChild;
    bar.className = "bar lane-" + lane;
    bar.style.left = (100 * node.t / this.span) + "%";
    bar.style.width = Math.max(0.2, 100 * node.u / this.span) + "%";
  };

  TreeView.prototype.toggle = function (index) {
    if (this.children[index] > 0) {
      this.collapsed[index] = this.collapsed[index] ? 0 : 1;
      this.layout();
    }
  };

  TreeView.prototype.select = function (index) {
    if (index < 0 || index >= this.nodes.length) { return; }
    for (var up = this.nodes[index].p, changed = false; up >= 0; up = this.nodes[up].p) {
      if (this.collapsed[up]) { this.collapsed[up] = 0; changed = true; }
    }
    this.selected = index;
    if (changed) { this.layout(); }
    var top = this.position[index] * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) {
      this.viewport.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) {
      this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    }
    this.draw();
    this.showDetail(index);
    history.replaceState(null, "", "#" + this.nodes[index].id);
  };

  TreeView.prototype.key = function (event) {
    var index = this.selected;
    var node = this.nodes[index];
    var position = this.position[index];
    var page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    switch (event.key) {
      case "ArrowDown": this.select(this.visible[Math.min(position + 1, this.visible.length - 1)]); break;
      case "ArrowUp": this.select(this.visible[Math.max(position - 1, 0)]); break;
      case "PageDown": this.select(this.visible[Math.min(position + page, this.visible.length - 1)]); break;
      case "PageUp": this.select(this.visible[Math.max(position - page, 0)]); break;
      case "Home": this.select(this.visible[0]); break;
      case "End": this.select(this.visible[this.visible.length - 1]); break;
      case "ArrowRight":
        if (this.children[index] > 0 && this.collapsed[index]) { this.toggle(index); }
        else if (this.children[index] > 0) { this.select(index + 1); }
        break;
      case "ArrowLeft":
        if (this.children[index] > 0 && !this.collapsed[index]) { this.toggle(index); }
        else if (node.p >= 0) { this.select(node.p); }
        break;
      case "Enter": this.open(index); break;
      case " ": this.toggle(index); break;
      default: return;
    }
    event.preventDefault();
  };

  TreeView.prototype.href = function (index) {
    return "/ui/traces/" + this.trace + "/checkpoints/" + this.nodes[index].id;
  };

  TreeView.prototype.open = function (index) {
    location.href = this.href(index);
  };

  TreeView.prototype.showDetail = function (index) {
    var node = this.nodes[index];
    var detail = this.detail;
    detail.textContent = "";
    detail.appendChild(element("h2", null, node.n));
    var facts = element("dl", "facts");
    var add = function (term, value) {
      facts.appendChild(element("dt", null, term));
      facts.appendChild(element("dd", null, value));
    };
    add("Kind", node.k);
    add("Service", this.services[node.s]);
    add("Duration", duration(node.u));
    add("Starts at", "+" + duration(node.t));
    add("Id", node.id);
    if (node.o) { add("Parent", "not recorded (shown as a root)"); }
    detail.appendChild(facts);
    var links = element("p", "actions");
    var open = element("a", "button", "Open checkpoint");
    open.href = this.href(index);
    open.id = "open-checkpoint";
    var exportLink = element("a", "button", "Export subtree");
    exportLink.href = "/ui/export?trace=" + this.trace + "&checkpoint=" + node.id;
    links.appendChild(open);
    links.appendChild(exportLink);
    detail.appendChild(links);
    var payloads = element("div", "preview", "Loading input and output…");
    detail.appendChild(payloads);
    var view = this;
    var url = "/ui/data/traces/" + this.trace + "/checkpoints/" + node.id;
    this.loading = url;
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("The server answered " + response.status); }
        return response.json();
      })
      .then(function (checkpoint) {
        if (view.loading !== url) { return; }
        payloads.textContent = "";
        if (checkpoint.error) {
          payloads.appendChild(element("h3", "error-title", "⚠ " + (checkpoint.error.type || "Error")));
          payloads.appendChild(element("p", "error-text", checkpoint.error.message || ""));
        }
        [["Input", checkpoint.input], ["Output", checkpoint.output]].forEach(function (part) {
          payloads.appendChild(element("h3", null, part[0]));
          var text = JSON.stringify(part[1], null, 2);
          if (text.length > PREVIEW_CHARS) {
            text = text.slice(0, PREVIEW_CHARS) + "\n… (open the checkpoint for all of it)";
          }
          payloads.appendChild(element("pre", "code", text));
        });
      })
      .catch(function (error) {
        if (view.loading === url) { payloads.textContent = "Could not load the payloads: " + error.message; }
      });
  };
})();
