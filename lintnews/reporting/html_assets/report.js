/* lintnews html report: pages of articles, the filter, n/p from finding to finding, and the
   finding's details on hover, focus and click. It reads the page only through the DOM and
   writes with textContent and cloned nodes, never by parsing HTML. */
(function () {
  "use strict";
  var PAGE = 20;
  var d = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); };
  var articles = all("section.article");
  var pages = Math.max(1, Math.ceil(articles.length / PAGE));
  var page = -1, marks = null, current = null;
  var popup = d.getElementById("popup");
  var pageText = d.getElementById("page-of");

  // a NUL of the article is written as U+2400 (HTML parsing drops a NUL): made NUL again
  all("span.nul").forEach(function (s) { s.textContent = "\u0000"; });

  function allMarks() { if (!marks) { marks = all("mark.f"); } return marks; }
  function pageOf(el) {
    var a = el && el.closest ? el.closest("section.article") : null;
    return a ? Math.floor(articles.indexOf(a) / PAGE) : page;
  }
  function showPage(n) {
    n = Math.max(0, Math.min(pages - 1, n));
    if (n === page) { return; }
    page = n;
    articles.forEach(function (a, i) { a.hidden = Math.floor(i / PAGE) !== n; });
    if (pageText) { pageText.textContent = "Articles " + (n * PAGE + 1) + "–" + Math.min(articles.length, (n + 1) * PAGE) + " of " + articles.length; }
  }

  function checked(name) {
    var boxes = all('input[name="' + name + '"]');
    var on = {};
    boxes.forEach(function (b) { if (b.checked) { on[b.value] = true; } });
    return on;
  }
  function applyFilter() {
    var codes = checked("rule"), severities = checked("severity"), shown = 0;
    allMarks().forEach(function (m) {
      var on = codes[m.dataset.code] && severities[m.dataset.severity];
      if (on) { m.removeAttribute("data-off"); m.tabIndex = 0; shown++; }
      else { m.setAttribute("data-off", ""); m.tabIndex = -1; }
    });
    all("details.findings li").forEach(function (li) {
      li.hidden = !(codes[li.dataset.code] && severities[li.dataset.severity]);
    });
    var out = d.getElementById("shown");
    if (out) { out.textContent = shown + " of " + allMarks().length + " findings shown"; }
    if (current && current.hasAttribute("data-off")) { closePopup(); }
  }
  function filterFromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var wanted = {};
    hash.split("&").forEach(function (part) {
      var kv = part.split("=");
      if (kv.length === 2 && (kv[0] === "rule" || kv[0] === "severity")) { wanted[kv[0]] = kv[1].split(","); }
    });
    ["rule", "severity"].forEach(function (name) {
      if (!wanted[name]) { return; }
      all('input[name="' + name + '"]').forEach(function (b) { b.checked = wanted[name].indexOf(b.value) >= 0; });
    });
    return Object.keys(wanted).length > 0;
  }

  function openPopup(m) {
    if (!popup || m.hasAttribute("data-off")) { return; }
    if (current && current !== m) { current.classList.remove("current"); current.setAttribute("aria-expanded", "false"); }
    current = m;
    m.classList.add("current");
    m.setAttribute("aria-expanded", "true");
    while (popup.firstChild) { popup.removeChild(popup.firstChild); }
    var item = d.getElementById(m.getAttribute("aria-describedby"));
    if (item) {
      var copy = item.cloneNode(true);
      copy.removeAttribute("id");
      while (copy.firstChild) { popup.appendChild(copy.firstChild); }
    }
    var rule = d.getElementById("rule-" + m.dataset.code);
    var why = rule ? rule.querySelector(".summary") : null;
    if (why) {
      var p = d.createElement("p");
      p.className = "why";
      p.textContent = why.textContent;
      popup.appendChild(p);
    }
    popup.hidden = false;
    var r = m.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + d.documentElement.clientWidth - popup.offsetWidth - 8));
    popup.style.left = left + "px";
    popup.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function closePopup() {
    if (popup) { popup.hidden = true; }
    if (current) { current.classList.remove("current"); current.setAttribute("aria-expanded", "false"); }
  }

  function step(by) {
    var list = allMarks().filter(function (m) { return !m.hasAttribute("data-off"); });
    if (!list.length) { return; }
    var from = d.activeElement && d.activeElement.matches && d.activeElement.matches("mark.f") ? d.activeElement : current;
    var i;
    if (from && list.indexOf(from) >= 0) {
      i = list.indexOf(from) + by;
    } else {
      // the first finding on the page shown (or the last, going back)
      var onPage = list.filter(function (m) { return pageOf(m) === page; });
      i = onPage.length ? list.indexOf(by > 0 ? onPage[0] : onPage[onPage.length - 1]) : (by > 0 ? 0 : list.length - 1);
    }
    i = (i + list.length) % list.length;
    var m = list[i];
    showPage(pageOf(m));
    m.focus({ preventScroll: true });
    reveal(m);
  }

  // Scroll `el` to the middle of the window, and again once the text around it is laid out
  // (text out of view is not: its height until then is an estimate); then show its details.
  function reveal(el) {
    el.scrollIntoView({ block: "center" });
    requestAnimationFrame(function () {
      el.scrollIntoView({ block: "center" });
      if (el.matches("mark.f")) { openPopup(el); }
    });
  }

  function goToHash() {
    var id = location.hash.slice(1);
    var target = id && /^[a-z0-9-]+$/i.test(id) ? d.getElementById(id) : null;
    if (target) {
      showPage(pageOf(target));
      if (target.tagName === "LI") { var det = target.closest("details"); if (det) { det.open = true; } }
      if (target.matches("mark.f")) { target.focus({ preventScroll: true }); }
      reveal(target);
    }
  }

  d.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && t.type !== "checkbox")) { return; }
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    else if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
    else if (e.key === "Escape") { closePopup(); }
    else if ((e.key === "Enter" || e.key === " ") && t && t.matches && t.matches("mark.f")) { openPopup(t); e.preventDefault(); }
  });
  d.addEventListener("focusin", function (e) { if (e.target.matches && e.target.matches("mark.f")) { openPopup(e.target); } });
  d.addEventListener("mouseover", function (e) {
    var m = e.target.closest ? e.target.closest("mark.f") : null;
    if (m && m !== current) { openPopup(m); }
  });
  d.addEventListener("click", function (e) {
    var m = e.target.closest ? e.target.closest("mark.f") : null;
    if (m) { openPopup(m); } else if (popup && !popup.contains(e.target)) { closePopup(); }
  });
  d.addEventListener("change", function (e) { if (e.target.name === "rule" || e.target.name === "severity") { applyFilter(); } });
  all("[data-step]").forEach(function (b) { b.addEventListener("click", function () { step(Number(b.dataset.step)); }); });
  all("[data-page]").forEach(function (b) {
    b.addEventListener("click", function () { showPage(page + Number(b.dataset.page)); window.scrollTo(0, d.getElementById("articles").offsetTop); });
  });
  window.addEventListener("hashchange", function () { if (filterFromHash()) { applyFilter(); } else { goToHash(); } });

  d.documentElement.classList.add("js");
  var pager = d.getElementById("pager");
  if (pager) { pager.hidden = pages < 2; }
  showPage(0);
  if (filterFromHash()) { applyFilter(); } else { goToHash(); }
  var shown = d.getElementById("shown");
  if (shown && !shown.textContent) { shown.textContent = allMarks().length + " findings"; }
})();
