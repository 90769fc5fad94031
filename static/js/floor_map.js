// The floor map: bring the booth a link pointed at into view (also sideways, inside the
// map's scrolling box, and after a change of language drops the #booth anchor); show the
// print button where printing works (the page prints without it too).
(function () {
  var focused = document.querySelector("svg.floor-map .booth.focused");
  if (focused && focused.scrollIntoView) {
    focused.scrollIntoView({block: "center", inline: "center"});
  }
  var button = document.getElementById("print-map");
  if (!button || typeof window.print !== "function") { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
