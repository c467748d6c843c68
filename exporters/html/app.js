// Search, filters, reveal-all and rubric self-check totals of the qbank HTML export. No network.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var questions = Array.prototype.slice.call(document.querySelectorAll(".question"));
  var topics = Array.prototype.slice.call(document.querySelectorAll(".topic"));
  var search = $("search"), topic = $("topic"), difficulty = $("difficulty"), tag = $("tag");
  var texts = questions.map(function (q) { return q.textContent.toLowerCase(); });
  var tagsOf = questions.map(function (q) {
    return Array.prototype.map.call(q.querySelectorAll(".tag"), function (t) { return t.getAttribute("data-tag"); });
  });

  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    questions.forEach(function (q, i) {
      var ok = (!topic.value || q.getAttribute("data-topic") === topic.value) &&
        (!difficulty.value || q.getAttribute("data-difficulty") === difficulty.value) &&
        (!tag.value || tagsOf[i].indexOf(tag.value) >= 0) &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      q.hidden = !ok;
      if (ok) { shown += 1; }
    });
    topics.forEach(function (t) { t.hidden = !t.querySelector(".question:not([hidden])"); });
    $("count").textContent = shown + " shown";
    $("empty").hidden = shown > 0;
  }

  function setOpen(open) {
    document.querySelectorAll("details.answer").forEach(function (d) { d.open = open; });
  }

  [search, topic, difficulty, tag].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  $("reveal").addEventListener("click", function () { setOpen(true); });
  $("hide").addEventListener("click", function () { setOpen(false); });
  window.addEventListener("beforeprint", function () { setOpen(true); });

  document.querySelectorAll(".rubric").forEach(function (box) {
    var max = parseInt(box.getAttribute("data-max"), 10) || 0;
    var out = box.querySelector("output");
    box.addEventListener("change", function () {
      var total = 0;
      box.querySelectorAll("input[type=checkbox]").forEach(function (c) {
        if (c.checked) { total += parseInt(c.getAttribute("data-points"), 10) || 0; }
      });
      out.value = String(Math.max(0, Math.min(max, total)));
    });
  });
  apply();
}());
