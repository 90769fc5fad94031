// The print button appears only where printing works (the page prints without it too).
(function () {
  var button = document.getElementById("print-map");
  if (!button || typeof window.print !== "function") { return; }
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
