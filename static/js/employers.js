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
