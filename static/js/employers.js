// Progressive enhancement for the role form: a skill picker with suggestions from the
// taxonomy (a <datalist>) that appends to the comma-separated field. Without
// JavaScript, people type the skills into the field itself.
(function () {
  "use strict";
  var options = document.getElementById("skill-options");
  if (!options) { return; }
  document.querySelectorAll("[data-skill-field]").forEach(function (box) {
    var field = document.getElementById(box.getAttribute("data-skill-field"));
    if (!field) { return; }
    var row = document.createElement("div");
    row.className = "skill-adder";
    var input = document.createElement("input");
    input.type = "text";
    input.setAttribute("list", "skill-options");
    var addLabel = options.getAttribute("data-add-label");
    input.setAttribute("aria-label", box.querySelector("label").textContent + ": " + addLabel);
    input.placeholder = options.getAttribute("data-add-placeholder");
    input.id = field.id + "-add";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary small";
    button.textContent = "+";
    button.setAttribute("aria-label", addLabel);
    function add() {
      var skill = input.value.trim();
      if (!skill) { return; }
      var current = field.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      var lower = current.map(function (s) { return s.toLowerCase(); });
      if (lower.indexOf(skill.toLowerCase()) === -1) { current.push(skill); }
      field.value = current.join(", ");
      input.value = "";
      input.focus();
    }
    button.addEventListener("click", add);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); add(); }
    });
    input.addEventListener("change", function () {
      // Picking a suggestion from the list adds it at once.
      if (Array.prototype.some.call(options.options, function (o) { return o.value === input.value; })) { add(); }
    });
    row.appendChild(input);
    row.appendChild(button);
    box.appendChild(row);
  });
})();

// Bulk actions on the shortlist: count the ticked rows, tick a whole page, ask for the
// reason only when marking "not selected" and confirm that move. Without JavaScript the
// form still works; the server checks the reason.
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form) { return; }
  var picks = function () { return document.querySelectorAll("[data-pick]"); };
  var count = form.querySelector("[data-selected-count]");
  var pageBox = form.querySelector("[data-select-page]");
  var action = form.querySelector("select[name=action]");
  var reason = form.querySelector("[data-reason]");
  var scopeSelected = form.querySelector("input[name=scope][value=selected]");
  function update() {
    var ticked = Array.prototype.filter.call(picks(), function (box) { return box.checked; });
    count.textContent = String(ticked.length);
    if (ticked.length && scopeSelected) { scopeSelected.checked = true; }
    reason.hidden = action.value !== "reject";
  }
  picks().forEach(function (box) { box.addEventListener("change", update); });
  if (pageBox) {
    pageBox.hidden = false;
    pageBox.querySelector("input").addEventListener("change", function (event) {
      picks().forEach(function (box) { box.checked = event.target.checked; });
      update();
    });
  }
  action.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    // "Compare" only reads the ticks: no confirmation, and the form stays usable.
    if (event.submitter && event.submitter.hasAttribute("data-compare")) { return; }
    if (action.value === "reject" && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    // A second click while the first is on its way sends nothing more.
    if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
    form.setAttribute("data-sent", "1");
  });
  update();
}());

// The role form's Specified Skilled Worker field shows only while the programme is SSW;
// without JavaScript it is always there (the server clears it for other programmes).
(function () {
  "use strict";
  var program = document.getElementById("program");
  var box = document.querySelector("[data-shown-for-program]");
  if (!program || !box) { return; }
  function update() { box.hidden = program.value !== box.getAttribute("data-shown-for-program"); }
  program.addEventListener("change", update);
  update();
})();
