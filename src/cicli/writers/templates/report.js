// Sorting, filters and pages for the table of centres; no server, no network. Errors are recorded on
// <body data-errors> so that a test in a real browser can see them.
(function () {
  "use strict";
  window.addEventListener("error", function (e) {
    document.body.dataset.errors = (document.body.dataset.errors || "") + e.message + "\n";
  });
  var table = document.getElementById("centre-table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var perPage = parseInt(table.dataset.pageRows, 10);
  var page = 0, matching = rows;
  var fold = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  rows.forEach(function (r) { r.dataset.text = fold(r.textContent); });
  var search = document.getElementById("search");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  };

  function show() {
    var pages = Math.max(1, Math.ceil(matching.length / perPage));
    page = Math.min(page, pages - 1);
    rows.forEach(function (r) { r.hidden = true; r.classList.remove("off-page"); });
    matching.forEach(function (r, i) {
      r.hidden = false;
      if (Math.floor(i / perPage) !== page) { r.classList.add("off-page"); }
    });
    var shown = document.getElementById("shown");
    var lang = document.documentElement.lang;
    shown.textContent = fill(shown.dataset.template, {shown: matching.length.toLocaleString(lang),
                                                      total: rows.length.toLocaleString(lang)});
    var label = document.getElementById("page");
    label.textContent = fill(label.dataset.template, {page: page + 1, pages: pages});
    document.getElementById("previous").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
    document.getElementById("none").hidden = matching.length > 0;
  }

  function filter() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    matching = rows.filter(function (r) {
      return words.every(function (w) { return r.dataset.text.indexOf(w) >= 0; }) &&
        selects.every(function (s) { return !s.value || r.dataset[s.dataset.filter] === s.value; });
    });
    page = 0;
    show();
  }

  function sort(button) {
    var th = button.parentNode, column = parseInt(button.dataset.column, 10);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var key = function (r) { return r.cells[column].textContent.trim(); };
    var order = function (a, b) {
      var x = key(a), y = key(b);
      if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }  // empty cells last
      return (ascending ? 1 : -1) * x.localeCompare(y, document.documentElement.lang, {numeric: true});
    };
    rows.sort(order);
    matching.sort(order);
    rows.forEach(function (r) { body.appendChild(r); });
    show();
  }

  // Each row's reasons are numbers in the page's list of distinct reasons, written out when opened.
  var reasons = JSON.parse(document.getElementById("reasons").textContent);
  var axes = JSON.parse(document.getElementById("axes").textContent);
  function explain(details) {
    if (details.querySelector("dl")) { return; }
    var list = document.createElement("dl");
    details.dataset.reasons.split(",").forEach(function (n, k) {
      var term = document.createElement("dt"), text = document.createElement("dd");
      term.textContent = axes[k];
      text.textContent = reasons[parseInt(n, 10)];
      list.appendChild(term);
      list.appendChild(text);
    });
    details.appendChild(list);
  }
  body.addEventListener("toggle", function (e) { if (e.target.open) { explain(e.target); } }, true);

  search.addEventListener("input", filter);
  selects.forEach(function (s) { s.addEventListener("change", filter); });
  table.querySelectorAll("thead button").forEach(function (b) {
    b.addEventListener("click", function () { sort(b); });
  });
  document.getElementById("previous").addEventListener("click", function () { page -= 1; show(); });
  document.getElementById("next").addEventListener("click", function () { page += 1; show(); });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  show();
  document.body.dataset.ready = "yes";
})();
